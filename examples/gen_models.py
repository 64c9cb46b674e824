#!/usr/bin/env python3
"""Generate real-dimension example models as MLIR 22 text (Python 3 stdlib only).

Every model is a single public `func.func @forward` that returns its output.
Weights are splat constants (`tosa.const` for TOSA models, `arith.constant`
for linalg models), one constant per weight, all hoisted to the top of the
function (as torch-mlir does), so the files stay small while every tensor has
the shape of the published network.

Splat values are chosen so that activations stay O(1) even in f16: a weight
of fan-in N is 1/N (the layer then averages its input), the last conv of a
residual branch is 0.1/N (like zero-/small-gamma init of the last batch norm),
biases are 1e-3; weights of identical type get slightly different values
(x (1 + k/128)) so constant uniquing (canonicalize/CSE) keeps them apart.  Nobody is expected to execute the big models, but this keeps
them numerically sane (no inf/NaN in f16).

Usage:
  python3 examples/gen_models.py --out examples/            # all default files
  python3 examples/gen_models.py --model resnet50 --dtype f16 --batch 4 --out DIR
  python3 examples/gen_models.py --out examples/ --verify   # also run mlir-opt

Models: resnet50, mobilenetv2 (TOSA, NHWC); bert_base, llama7b_block, mlp
(linalg on tensors).  See examples/README.md for what is simplified.
"""

import argparse
import collections
import os
import re
import subprocess
import sys

MLIR_OPT_DEFAULT = "/usr/lib/llvm-22/bin/mlir-opt"
TOSA_LOWERING = ("builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,"
                 "tosa-to-arith,tosa-to-tensor))")

# Largest finite values, used for relu upper bounds and the causal mask.
FMAX = {"f32": 3.402823e38, "f16": 65504.0}


# ----------------------------------------------------------------------------
# Text helpers
# ----------------------------------------------------------------------------

def fmt(v):
    """MLIR float literal (always has a '.', which the MLIR lexer requires)."""
    return "%.6e" % v


def ty(shape, dt):
    return "tensor<%sx%s>" % ("x".join(str(d) for d in shape), dt) if shape \
        else "tensor<%s>" % dt


def arr(vals):
    return "array<i64: %s>" % ", ".join(str(v) for v in vals)


def amap(ndim, results):
    dims = ", ".join("d%d" % i for i in range(ndim))
    return "affine_map<(%s) -> (%s)>" % (dims, ", ".join(results))


def ident_map(ndim):
    return amap(ndim, ["d%d" % i for i in range(ndim)])


class Func:
    """Accumulates one func.func: hoisted constants first, then the body."""

    def __init__(self, name, dt, header_comment=""):
        self.name = name
        self.dt = dt
        self.header_comment = header_comment
        self.consts = []          # hoisted constant lines
        self.body = []            # body lines
        self.n = 0
        self.ops = collections.Counter()          # ops directly in the @forward body
        self.region_ops = collections.Counter()   # ops inside linalg.generic bodies
        self.scalars = {}         # (value, type) -> ssa name
        self.same_type = collections.Counter()   # weight tensor type -> count so far
        self.args = []

    # -- SSA names -----------------------------------------------------------
    def fresh(self, hint="v"):
        self.n += 1
        return "%%%s%d" % (hint, self.n)

    def arg(self, shape, dt=None):
        name = "%%arg%d" % len(self.args)
        self.args.append((name, ty(shape, dt or self.dt)))
        return name

    # -- emission --------------------------------------------------------------
    def emit(self, line, opname, comment=None):
        if comment:
            self.body.append("    // " + comment)
        self.body.append("    " + line)
        self.ops[opname] += 1

    def emit_region_op(self, opname):
        """Count an op that lives inside a region (generic body)."""
        self.region_ops[opname] += 1

    def note(self, text):
        self.body.append("    // " + text)

    def weight_value(self, base, tensor_type):
        """Splat value for the next weight of this tensor type.  Weights of the same
        type get distinct values (base * (1 + k/128)) so that constant
        uniquing (canonicalize, CSE) cannot merge two weights into one buffer."""
        k = self.same_type[tensor_type]
        self.same_type[tensor_type] += 1
        return base * (1.0 + k / 128.0)

    def scalar(self, v, dt=None):
        """Hoisted scalar arith.constant (deduplicated)."""
        dt = dt or self.dt
        key = (fmt(v) if not isinstance(v, int) else str(v), dt)
        if key not in self.scalars:
            name = self.fresh("cst")
            self.consts.append("    %s = arith.constant %s : %s" % (name, key[0], dt))
            self.ops["arith.constant"] += 1
            self.scalars[key] = name
        return self.scalars[key]

    def render(self, ret_name, ret_type):
        out = []
        if self.header_comment:
            out += ["// " + l if l else "//" for l in self.header_comment.splitlines()]
        out.append("module {")
        sig = ", ".join("%s: %s" % a for a in self.args)
        out.append("  func.func @%s(%s) -> %s {" % (self.name, sig, ret_type))
        out += self.consts
        out += self.body
        out.append("    return %s : %s" % (ret_name, ret_type))
        out.append("  }")
        out.append("}")
        self.ops["func.return"] += 1
        return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------
# TOSA builder
# ----------------------------------------------------------------------------

def conv_geometry(h, k, s, p):
    """PyTorch-style (floor) output size for symmetric nominal padding p, and
    the explicit TOSA padding that makes the window arithmetic exact.

    TOSA requires (H - 1 + pad_top + pad_bottom - (K - 1)) % stride == 0, so the
    bottom/right pad is reduced (as torch-to-tosa does).  If it would become
    negative, the trailing rows are never read by any window and are sliced
    off instead.  Returns (out, pad_lo, pad_hi, crop)."""
    out = (h + 2 * p - k) // s + 1
    lo = p
    hi = (out - 1) * s + k - h - lo
    crop = 0
    if hi < 0:
        crop, hi = -hi, 0
    return out, lo, hi, crop


class Tosa:
    def __init__(self, f):
        self.f = f
        self.dt = f.dt
        self.acc = "f32"          # accumulate in f32 for both f32 and f16
        self._zp = None
        self._shapes = {}

    def const(self, shape, value, hint="w", weight=True):
        name = self.f.fresh(hint)
        t = ty(shape, self.dt)
        if weight:
            value = self.f.weight_value(value, t)
        self.f.consts.append('    %s = "tosa.const"() <{values = dense<%s> : %s}> : () -> %s'
                             % (name, fmt(value), t, t))
        self.f.ops["tosa.const"] += 1
        return name

    def zp(self):
        if self._zp is None:
            self._zp = self.const([1], 0.0, "zp", weight=False)
        return self._zp

    def shape(self, dims):
        key = tuple(dims)
        if key not in self._shapes:
            name = self.f.fresh("shape")
            self.f.consts.append(
                "    %s = tosa.const_shape {values = dense<[%s]> : tensor<%dxindex>} : () -> !tosa.shape<%d>"
                % (name, ", ".join(str(d) for d in dims), len(dims), len(dims)))
            self.f.ops["tosa.const_shape"] += 1
            self._shapes[key] = name
        return self._shapes[key]

    def slice(self, x, xs, start, size):
        r = self.f.fresh()
        self.f.emit("%s = tosa.slice %s, %s, %s : (%s, !tosa.shape<%d>, !tosa.shape<%d>) -> %s"
                    % (r, x, self.shape(start), self.shape(size), ty(xs, self.dt),
                       len(xs), len(xs), ty(size, self.dt)), "tosa.slice")
        return r, list(size)

    def _crop_hw(self, x, xs, crop_h, crop_w):
        if crop_h == 0 and crop_w == 0:
            return x, xs
        n, h, w, c = xs
        return self.slice(x, xs, [0, 0, 0, 0], [n, h - crop_h, w - crop_w, c])

    def conv(self, x, xs, cout, k, s, p, wscale=1.0, comment=None):
        """conv2d with folded batch norm (weight + bias).  NHWC input, OHWI weight."""
        n, h, w, cin = xs
        oh, plo, phi, crop = conv_geometry(h, k, s, p)
        ow, _, _, _ = conv_geometry(w, k, s, p)
        if comment:
            self.f.note(comment)
        if crop:
            x, xs = self._crop_hw(x, xs, crop, crop)
        wt = self.const([cout, k, k, cin], wscale / (k * k * cin))
        b = self.const([cout], 1e-3, "b")
        r = self.f.fresh()
        os_ = [n, oh, ow, cout]
        zp = self.zp()
        self.f.emit("%s = tosa.conv2d %s, %s, %s, %s, %s {acc_type = %s, dilation = %s, pad = %s, stride = %s}"
                    " : (%s, %s, %s, %s, %s) -> %s"
                    % (r, x, wt, b, zp, zp, self.acc, arr([1, 1]), arr([plo, phi, plo, phi]),
                       arr([s, s]), ty(xs, self.dt), ty([cout, k, k, cin], self.dt),
                       ty([cout], self.dt), ty([1], self.dt), ty([1], self.dt), ty(os_, self.dt)),
                    "tosa.conv2d")
        return r, os_

    def dwconv(self, x, xs, k, s, p, comment=None):
        """depthwise_conv2d, multiplier 1, weight [KH, KW, C, 1]."""
        n, h, w, c = xs
        oh, plo, phi, crop = conv_geometry(h, k, s, p)
        ow, _, _, _ = conv_geometry(w, k, s, p)
        if crop:
            x, xs = self._crop_hw(x, xs, crop, crop)
        wt = self.const([k, k, c, 1], 1.0 / (k * k))
        b = self.const([c], 1e-3, "b")
        r = self.f.fresh()
        os_ = [n, oh, ow, c]
        zp = self.zp()
        self.f.emit("%s = tosa.depthwise_conv2d %s, %s, %s, %s, %s {acc_type = %s, dilation = %s, pad = %s, stride = %s}"
                    " : (%s, %s, %s, %s, %s) -> %s"
                    % (r, x, wt, b, zp, zp, self.acc, arr([1, 1]), arr([plo, phi, plo, phi]),
                       arr([s, s]), ty(xs, self.dt), ty([k, k, c, 1], self.dt),
                       ty([c], self.dt), ty([1], self.dt), ty([1], self.dt), ty(os_, self.dt)),
                    "tosa.depthwise_conv2d", comment)
        return r, os_

    def clamp(self, x, xs, lo, hi):
        r = self.f.fresh()
        self.f.emit("%s = tosa.clamp %s {max_val = %s : %s, min_val = %s : %s} : (%s) -> %s"
                    % (r, x, fmt(hi), self.dt, fmt(lo), self.dt, ty(xs, self.dt), ty(xs, self.dt)),
                    "tosa.clamp")
        return r

    def relu(self, x, xs):
        return self.clamp(x, xs, 0.0, FMAX[self.dt])

    def relu6(self, x, xs):
        return self.clamp(x, xs, 0.0, 6.0)

    def add(self, a, as_, b, bs, comment=None):
        r = self.f.fresh()
        os_ = [max(p, q) for p, q in zip(as_, bs)]
        self.f.emit("%s = tosa.add %s, %s : (%s, %s) -> %s"
                    % (r, a, b, ty(as_, self.dt), ty(bs, self.dt), ty(os_, self.dt)),
                    "tosa.add", comment)
        return r, os_

    def max_pool(self, x, xs, k, s, p):
        n, h, w, c = xs
        oh, plo, phi, crop = conv_geometry(h, k, s, p)
        ow, _, _, _ = conv_geometry(w, k, s, p)
        if crop:
            x, xs = self._crop_hw(x, xs, crop, crop)
        r = self.f.fresh()
        os_ = [n, oh, ow, c]
        self.f.emit("%s = tosa.max_pool2d %s {kernel = %s, pad = %s, stride = %s} : (%s) -> %s"
                    % (r, x, arr([k, k]), arr([plo, phi, plo, phi]), arr([s, s]),
                       ty(xs, self.dt), ty(os_, self.dt)), "tosa.max_pool2d")
        return r, os_

    def global_avg_pool(self, x, xs):
        n, h, w, c = xs
        r = self.f.fresh()
        os_ = [n, 1, 1, c]
        zp = self.zp()
        self.f.emit("%s = tosa.avg_pool2d %s, %s, %s {acc_type = %s, kernel = %s, pad = %s, stride = %s}"
                    " : (%s, %s, %s) -> %s"
                    % (r, x, zp, zp, self.acc, arr([h, w]), arr([0, 0, 0, 0]), arr([1, 1]),
                       ty(xs, self.dt), ty([1], self.dt), ty([1], self.dt), ty(os_, self.dt)),
                    "tosa.avg_pool2d")
        return r, os_

    def reshape(self, x, xs, new):
        r = self.f.fresh()
        self.f.emit("%s = tosa.reshape %s, %s : (%s, !tosa.shape<%d>) -> %s"
                    % (r, x, self.shape(new), ty(xs, self.dt), len(new), ty(new, self.dt)),
                    "tosa.reshape")
        return r, list(new)

    def matmul(self, a, as_, b, bs):
        r = self.f.fresh()
        os_ = [as_[0], as_[1], bs[2]]
        zp = self.zp()
        self.f.emit("%s = tosa.matmul %s, %s, %s, %s : (%s, %s, %s, %s) -> %s"
                    % (r, a, b, zp, zp, ty(as_, self.dt), ty(bs, self.dt),
                       ty([1], self.dt), ty([1], self.dt), ty(os_, self.dt)), "tosa.matmul")
        return r, os_

    def classifier(self, x, xs, classes):
        """avg-pooled [N,1,1,C] -> reshape [1,N,C] -> matmul [1,C,classes]
        -> reshape [N,classes] -> + bias [1,classes]."""
        n, _, _, c = xs
        x, xs = self.reshape(x, xs, [1, n, c])
        wt = self.const([1, c, classes], 1.0 / c)
        x, xs = self.matmul(x, xs, wt, [1, c, classes])
        x, xs = self.reshape(x, xs, [n, classes])
        b = self.const([1, classes], 1e-3, "b")
        return self.add(x, xs, b, [1, classes])


# ----------------------------------------------------------------------------
# TOSA models
# ----------------------------------------------------------------------------

def gen_resnet50(dt, batch=1, **_):
    f = Func("forward", dt, (
        "ResNet-50 (torchvision v1.5 layout: stride on the 3x3 conv) in TOSA, NHWC, %s, batch %d, 224x224.\n"
        "Batch norm is folded into the conv weights/bias; weights are splat constants of the real shapes.\n"
        "Generated by examples/gen_models.py --model resnet50 --dtype %s --batch %d"
        % (dt, batch, dt, batch)))
    t = Tosa(f)
    x = f.arg([batch, 224, 224, 3])
    xs = [batch, 224, 224, 3]
    f.note("stem: conv 7x7/2 (64) + folded BN + relu, maxpool 3x3/2")
    x, xs = t.conv(x, xs, 64, 7, 2, 3)
    x = t.relu(x, xs)
    x, xs = t.max_pool(x, xs, 3, 2, 1)
    cin = 64
    for stage, (nblocks, width) in enumerate(zip([3, 4, 6, 3], [64, 128, 256, 512])):
        for blk in range(nblocks):
            s = 2 if (blk == 0 and stage > 0) else 1
            cout = width * 4
            f.note("layer%d.%d: bottleneck %d -> %d -> %d, stride %d%s"
                   % (stage + 1, blk, cin, width, cout, s,
                      ", projection shortcut" if blk == 0 else ""))
            y, ys = t.conv(x, xs, width, 1, 1, 0)
            y = t.relu(y, ys)
            y, ys = t.conv(y, ys, width, 3, s, 1)
            y = t.relu(y, ys)
            y, ys = t.conv(y, ys, cout, 1, 1, 0, wscale=0.1)
            if blk == 0:
                sc, scs = t.conv(x, xs, cout, 1, s, 0, comment="downsample (projection) 1x1/%d" % s)
            else:
                sc, scs = x, xs
            y, ys = t.add(y, ys, sc, scs, comment="residual")
            x, xs = t.relu(y, ys), ys
            cin = cout
    f.note("head: global avg pool 7x7, fc 2048 -> 1000 (tosa.matmul on rank-3) + bias")
    x, xs = t.global_avg_pool(x, xs)
    x, xs = t.classifier(x, xs, 1000)
    return f.render(x, ty(xs, dt)), f


MBV2_TABLE = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
              (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]


def gen_mobilenetv2(dt, batch=1, **_):
    f = Func("forward", dt, (
        "MobileNetV2 (width 1.0) in TOSA, NHWC, %s, batch %d, 224x224.\n"
        "Batch norm folded into conv weights/bias; relu6 = tosa.clamp [0, 6]; splat weights of real shapes.\n"
        "Generated by examples/gen_models.py --model mobilenetv2 --dtype %s --batch %d"
        % (dt, batch, dt, batch)))
    t = Tosa(f)
    x = f.arg([batch, 224, 224, 3])
    xs = [batch, 224, 224, 3]
    f.note("stem: conv 3x3/2 (32) + relu6")
    x, xs = t.conv(x, xs, 32, 3, 2, 1)
    x = t.relu6(x, xs)
    cin = 32
    bi = 0
    for (tf, c, n, s) in MBV2_TABLE:
        for i in range(n):
            stride = s if i == 0 else 1
            hidden = cin * tf
            res = stride == 1 and cin == c
            f.note("block %d: inverted residual t=%d %d -> %d -> %d, stride %d%s"
                   % (bi, tf, cin, hidden, c, stride, ", residual" if res else ""))
            y, ys = x, xs
            if tf != 1:
                y, ys = t.conv(y, ys, hidden, 1, 1, 0)
                y = t.relu6(y, ys)
            y, ys = t.dwconv(y, ys, 3, stride, 1)
            y = t.relu6(y, ys)
            y, ys = t.conv(y, ys, c, 1, 1, 0, wscale=(0.5 if res else 1.0))   # linear bottleneck
            if res:
                y, ys = t.add(y, ys, x, xs, comment="residual")
            x, xs = y, ys
            cin = c
            bi += 1
    f.note("last conv 1x1 -> 1280 + relu6, global avg pool, classifier 1280 -> 1000")
    x, xs = t.conv(x, xs, 1280, 1, 1, 0)
    x = t.relu6(x, xs)
    x, xs = t.global_avg_pool(x, xs)
    x, xs = t.classifier(x, xs, 1000)
    return f.render(x, ty(xs, dt)), f


# ----------------------------------------------------------------------------
# linalg-on-tensors builder
# ----------------------------------------------------------------------------

class Linalg:
    def __init__(self, f):
        self.f = f
        self.dt = f.dt

    def weight(self, shape, value, hint="w"):
        name = self.f.fresh(hint)
        value = self.f.weight_value(value, ty(shape, self.dt))
        self.f.consts.append("    %s = arith.constant dense<%s> : %s"
                             % (name, fmt(value), ty(shape, self.dt)))
        self.f.ops["arith.constant"] += 1
        return name

    def empty(self, shape, dt=None):
        r = self.f.fresh("e")
        self.f.emit("%s = tensor.empty() : %s" % (r, ty(shape, dt or self.dt)), "tensor.empty")
        return r

    def zeros(self, shape, dt=None):
        dt = dt or self.dt
        e = self.empty(shape, dt)
        r = self.f.fresh()
        t = ty(shape, dt)
        self.f.emit("%s = linalg.fill ins(%s : %s) outs(%s : %s) -> %s"
                    % (r, self.f.scalar(0.0, dt), dt, e, t, t), "linalg.fill")
        return r

    def matmul(self, a, as_, b, bs, comment=None):
        if comment:
            self.f.note(comment)
        os_ = [as_[0], bs[1]]
        init = self.zeros(os_)
        r = self.f.fresh()
        self.f.emit("%s = linalg.matmul ins(%s, %s : %s, %s) outs(%s : %s) -> %s"
                    % (r, a, b, ty(as_, self.dt), ty(bs, self.dt), init, ty(os_, self.dt),
                       ty(os_, self.dt)), "linalg.matmul")
        return r, os_

    def batch_matmul(self, a, as_, b, bs, comment=None):
        if comment:
            self.f.note(comment)
        os_ = [as_[0], as_[1], bs[2]]
        init = self.zeros(os_)
        r = self.f.fresh()
        self.f.emit("%s = linalg.batch_matmul ins(%s, %s : %s, %s) outs(%s : %s) -> %s"
                    % (r, a, b, ty(as_, self.dt), ty(bs, self.dt), init, ty(os_, self.dt),
                       ty(os_, self.dt)), "linalg.batch_matmul")
        return r, os_

    def transpose(self, x, xs, perm):
        os_ = [xs[p] for p in perm]
        e = self.empty(os_)
        r = self.f.fresh()
        self.f.emit("%s = linalg.transpose ins(%s : %s) outs(%s : %s) permutation = [%s]"
                    % (r, x, ty(xs, self.dt), e, ty(os_, self.dt), ", ".join(map(str, perm))),
                    "linalg.transpose")
        return r, os_

    def expand(self, x, xs, reassoc, new):
        r = self.f.fresh()
        self.f.emit("%s = tensor.expand_shape %s %s output_shape [%s] : %s into %s"
                    % (r, x, reassoc, ", ".join(map(str, new)), ty(xs, self.dt), ty(new, self.dt)),
                    "tensor.expand_shape")
        return r, list(new)

    def collapse(self, x, xs, reassoc, new):
        r = self.f.fresh()
        self.f.emit("%s = tensor.collapse_shape %s %s : %s into %s"
                    % (r, x, reassoc, ty(xs, self.dt), ty(new, self.dt)),
                    "tensor.collapse_shape")
        return r, list(new)

    def softmax(self, x, xs, dim):
        e = self.empty(xs)
        r = self.f.fresh()
        t = ty(xs, self.dt)
        self.f.emit("%s = linalg.softmax dimension(%d) ins(%s : %s) outs(%s : %s) -> %s"
                    % (r, dim, x, t, e, t, t), "linalg.softmax")
        return r

    def extract_slice(self, x, xs, offs, sizes):
        r = self.f.fresh()
        self.f.emit("%s = tensor.extract_slice %s[%s] [%s] [%s] : %s to %s"
                    % (r, x, ", ".join(map(str, offs)), ", ".join(map(str, sizes)),
                       ", ".join("1" for _ in xs), ty(xs, self.dt), ty(sizes, self.dt)),
                    "tensor.extract_slice")
        return r, list(sizes)

    def concat(self, parts, dim):
        shapes = [s for _, s in parts]
        os_ = list(shapes[0])
        os_[dim] = sum(s[dim] for s in shapes)
        r = self.f.fresh()
        self.f.emit("%s = tensor.concat dim(%d) %s : (%s) -> %s"
                    % (r, dim, ", ".join(v for v, _ in parts),
                       ", ".join(ty(s, self.dt) for s in shapes), ty(os_, self.dt)),
                    "tensor.concat")
        return r, os_

    def generic(self, ins, out_shape, iters, body, init=None, comment=None, out_dt=None):
        """ins: list of (value, shape, indexing results[, element type]).
        body(args, outarg) returns a list of (line, opname) pairs and the yielded
        value.  The result has element type out_dt (default: the model's)."""
        out_dt = out_dt or self.dt
        if comment:
            self.f.note(comment)
        nd = len(iters)
        maps, vals, tys, etys = [], [], [], []
        for item in ins:
            v, s, res = item[:3]
            et = item[3] if len(item) > 3 else self.dt
            maps.append(amap(nd, res))
            vals.append(v)
            tys.append(ty(s, et))
            etys.append(et)
        out_res = [d for d, it in zip(["d%d" % i for i in range(nd)], iters) if it == "parallel"]
        maps.append(amap(nd, out_res))
        if init is None:
            init = self.empty(out_shape, out_dt)
        r = self.f.fresh()
        bargs = [self.f.fresh("in") for _ in ins]
        oarg = self.f.fresh("out")
        lines, yv = body(bargs, oarg)
        head = ("%s = linalg.generic {indexing_maps = [%s], iterator_types = [%s]} ins(%s : %s) outs(%s : %s) {"
                % (r, ", ".join(maps), ", ".join('"%s"' % i for i in iters), ", ".join(vals),
                   ", ".join(tys), init, ty(out_shape, out_dt)))
        self.f.emit(head, "linalg.generic")
        self.f.body.append("    ^bb0(%s):" % ", ".join("%s: %s" % (a, t) for a, t in
                                                       zip(bargs + [oarg], etys + [out_dt])))
        for line, op in lines:
            self.f.body.append("      " + line)
            self.f.emit_region_op(op)
        self.f.body.append("      linalg.yield %s : %s" % (yv, out_dt))
        self.f.emit_region_op("linalg.yield")
        self.f.body.append("    } -> %s" % ty(out_shape, out_dt))
        return r

    # -- small op-builder for generic bodies ----------------------------------
    def binop(self, lines, op, a, b, dt=None):
        r = self.f.fresh("t")
        lines.append(("%s = %s %s, %s : %s" % (r, op, a, b, dt or self.dt), op))
        return r

    def unop(self, lines, op, a, dt=None):
        r = self.f.fresh("t")
        lines.append(("%s = %s %s : %s" % (r, op, a, dt or self.dt), op))
        return r

    def to_acc(self, lines, a, acc):
        """Widen a model-typed value to the accumulation type (no-op if equal)."""
        if acc == self.dt:
            return a
        r = self.f.fresh("t")
        lines.append(("%s = arith.extf %s : %s to %s" % (r, a, self.dt, acc), "arith.extf"))
        return r

    def from_acc(self, lines, a, acc):
        if acc == self.dt:
            return a
        r = self.f.fresh("t")
        lines.append(("%s = arith.truncf %s : %s to %s" % (r, a, acc, self.dt), "arith.truncf"))
        return r

    # -- composite layers -------------------------------------------------------
    def bias_add(self, x, xs, b):
        nd = len(xs)
        dims = ["d%d" % i for i in range(nd)]

        def body(a, o):
            lines = []
            return lines, self.binop(lines, "arith.addf", a[0], a[1])
        return self.generic([(x, xs, dims), (b, [xs[-1]], [dims[-1]])], xs, ["parallel"] * nd, body,
                            comment="bias add")

    def add(self, x, y, xs, comment="residual add"):
        nd = len(xs)
        dims = ["d%d" % i for i in range(nd)]

        def body(a, o):
            lines = []
            return lines, self.binop(lines, "arith.addf", a[0], a[1])
        return self.generic([(x, xs, dims), (y, xs, dims)], xs, ["parallel"] * nd, body, comment=comment)

    def relu(self, x, xs):
        nd = len(xs)
        dims = ["d%d" % i for i in range(nd)]
        zero = self.f.scalar(0.0)

        def body(a, o):
            lines = []
            return lines, self.binop(lines, "arith.maximumf", a[0], zero)
        return self.generic([(x, xs, dims)], xs, ["parallel"] * nd, body, comment="relu")

    def linear(self, x, xs, nout, bias=True, wscale=1.0, comment=None):
        w = self.weight([xs[1], nout], wscale / xs[1])
        y, ys = self.matmul(x, xs, w, [xs[1], nout], comment=comment)
        if bias:
            b = self.weight([nout], 1e-3, "b")
            y = self.bias_add(y, ys, b)
        return y, ys

    def row_sum(self, ins, rows, body_fn, comment, acc):
        """Reduce [rows, H] -> [rows] (element type acc) with body_fn(args, acc_arg)."""
        if comment:
            self.f.note(comment)
        init = self.zeros([rows], acc)
        return self.generic(ins, [rows], ["parallel", "reduction"], body_fn, init=init, out_dt=acc)

    # Normalisations reduce in f32 also in f16 models (as PyTorch/HF do: LLaMA's
    # RMSNorm upcasts to float32), so a row of 4096 squares cannot overflow f16.
    def layernorm(self, x, xs, eps, acc="f32"):
        rows, hid = xs
        d2 = ["d0", "d1"]
        inv = self.f.scalar(1.0 / hid, acc)
        epsv = self.f.scalar(eps, acc)
        g = self.weight([hid], 1.0, "gamma")
        be = self.weight([hid], 1e-3, "beta")

        def sum_body(a, o):
            lines = []
            xa = self.to_acc(lines, a[0], acc)
            return lines, self.binop(lines, "arith.addf", xa, o, acc)
        s = self.row_sum([(x, xs, d2)], rows, sum_body, "layernorm: sum(x)", acc)

        def var_body(a, o):
            lines = []
            xa = self.to_acc(lines, a[0], acc)
            m = self.binop(lines, "arith.mulf", a[1], inv, acc)
            d = self.binop(lines, "arith.subf", xa, m, acc)
            q = self.binop(lines, "arith.mulf", d, d, acc)
            return lines, self.binop(lines, "arith.addf", q, o, acc)
        v = self.row_sum([(x, xs, d2), (s, [rows], ["d0"], acc)], rows, var_body,
                         "layernorm: sum((x - mean)^2)", acc)

        def norm_body(a, o):
            lines = []
            xa = self.to_acc(lines, a[0], acc)
            m = self.binop(lines, "arith.mulf", a[1], inv, acc)
            var = self.binop(lines, "arith.mulf", a[2], inv, acc)
            ve = self.binop(lines, "arith.addf", var, epsv, acc)
            r = self.unop(lines, "math.rsqrt", ve, acc)
            d = self.binop(lines, "arith.subf", xa, m, acc)
            y = self.binop(lines, "arith.mulf", d, r, acc)
            y = self.from_acc(lines, y, acc)
            y = self.binop(lines, "arith.mulf", y, a[3])
            return lines, self.binop(lines, "arith.addf", y, a[4])
        return self.generic([(x, xs, d2), (s, [rows], ["d0"], acc), (v, [rows], ["d0"], acc),
                             (g, [hid], ["d1"]), (be, [hid], ["d1"])], xs,
                            ["parallel", "parallel"], norm_body, comment="layernorm: normalize, scale, shift")

    def rmsnorm(self, x, xs, eps, acc="f32"):
        rows, hid = xs
        d2 = ["d0", "d1"]
        inv = self.f.scalar(1.0 / hid, acc)
        epsv = self.f.scalar(eps, acc)
        g = self.weight([hid], 1.0, "gamma")

        def sq_body(a, o):
            lines = []
            xa = self.to_acc(lines, a[0], acc)
            q = self.binop(lines, "arith.mulf", xa, xa, acc)
            return lines, self.binop(lines, "arith.addf", q, o, acc)
        s = self.row_sum([(x, xs, d2)], rows, sq_body, "rmsnorm: sum(x^2)", acc)

        def norm_body(a, o):
            lines = []
            xa = self.to_acc(lines, a[0], acc)
            ms = self.binop(lines, "arith.mulf", a[1], inv, acc)
            ve = self.binop(lines, "arith.addf", ms, epsv, acc)
            r = self.unop(lines, "math.rsqrt", ve, acc)
            y = self.binop(lines, "arith.mulf", xa, r, acc)
            y = self.from_acc(lines, y, acc)
            return lines, self.binop(lines, "arith.mulf", y, a[2])
        return self.generic([(x, xs, d2), (s, [rows], ["d0"], acc), (g, [hid], ["d1"])], xs,
                            ["parallel", "parallel"], norm_body, comment="rmsnorm: x * rsqrt(mean(x^2) + eps) * gamma")

    def gelu_tanh(self, x, xs):
        nd = len(xs)
        dims = ["d%d" % i for i in range(nd)]
        half = self.f.scalar(0.5)
        one = self.f.scalar(1.0)
        k0 = self.f.scalar(0.7978845608028654)    # sqrt(2/pi)
        k1 = self.f.scalar(0.044715)

        def body(a, o):
            lines = []
            x3 = self.binop(lines, "arith.mulf", a[0], a[0])
            x3 = self.binop(lines, "arith.mulf", x3, a[0])
            inner = self.binop(lines, "arith.mulf", x3, k1)
            inner = self.binop(lines, "arith.addf", a[0], inner)
            inner = self.binop(lines, "arith.mulf", inner, k0)
            th = self.unop(lines, "math.tanh", inner)
            p = self.binop(lines, "arith.addf", th, one)
            hx = self.binop(lines, "arith.mulf", a[0], half)
            return lines, self.binop(lines, "arith.mulf", hx, p)
        return self.generic([(x, xs, dims)], xs, ["parallel"] * nd, body,
                            comment="gelu (tanh approximation): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))")

    def scale(self, x, xs, c, comment):
        nd = len(xs)
        dims = ["d%d" % i for i in range(nd)]
        cv = self.f.scalar(c)

        def body(a, o):
            lines = []
            return lines, self.binop(lines, "arith.mulf", a[0], cv)
        return self.generic([(x, xs, dims)], xs, ["parallel"] * nd, body, comment=comment)


# ----------------------------------------------------------------------------
# linalg models
# ----------------------------------------------------------------------------

def gen_bert_base(dt, layers=2, seq=128, **_):
    hid, heads, hd, ffn = 768, 12, 64, 3072
    eps = 1e-12
    f = Func("forward", dt, (
        "BERT-base encoder (post-LN), linalg on tensors, %s: %d layer(s), batch 1, seq %d, hidden 768,\n"
        "12 heads x 64, FFN 3072, GELU (tanh approximation).  Real BERT-base has 12 layers\n"
        "(regenerate with --layers 12); the default of 2 keeps the file small.\n"
        "Input is the embedding output (token/position/segment embeddings are not included);\n"
        "no attention padding mask.  LayerNorm eps = %s, statistics reduced in f32%s.\n"
        "Generated by examples/gen_models.py --model bert_base --dtype %s --layers %d --seq %d"
        % (dt, layers, seq, fmt(eps), "" if dt == "f32" else " (extf/truncf)",
           dt, layers, seq)))
    L = Linalg(f)
    x3 = f.arg([1, seq, hid])
    x, xs = L.collapse(x3, [1, seq, hid], "[[0, 1], [2]]", [seq, hid])
    for li in range(layers):
        f.note("================ encoder layer %d ================" % li)
        q, qs = L.linear(x, xs, hid, comment="layer %d: Q projection" % li)
        k, ks = L.linear(x, xs, hid, comment="layer %d: K projection" % li)
        v, vs = L.linear(x, xs, hid, comment="layer %d: V projection" % li)
        q, qs = L.expand(q, qs, "[[0], [1, 2]]", [seq, heads, hd])
        q, qs = L.transpose(q, qs, [1, 0, 2])                 # [12, S, 64]
        k, ks = L.expand(k, ks, "[[0], [1, 2]]", [seq, heads, hd])
        k, ks = L.transpose(k, ks, [1, 2, 0])                 # [12, 64, S]
        v, vs = L.expand(v, vs, "[[0], [1, 2]]", [seq, heads, hd])
        v, vs = L.transpose(v, vs, [1, 0, 2])                 # [12, S, 64]
        s, ss = L.batch_matmul(q, qs, k, ks, comment="attention scores Q K^T")
        s = L.scale(s, ss, 1.0 / (hd ** 0.5), "scale by 1/sqrt(64)")
        p = L.softmax(s, ss, 2)
        c, cs = L.batch_matmul(p, ss, v, vs, comment="context P V")
        c, cs = L.transpose(c, cs, [1, 0, 2])                 # [S, 12, 64]
        c, cs = L.collapse(c, cs, "[[0], [1, 2]]", [seq, hid])
        o, os_ = L.linear(c, cs, hid, comment="attention output projection")
        o = L.add(o, x, xs)
        x = L.layernorm(o, xs, eps)
        h, hs = L.linear(x, xs, ffn, comment="FFN up 768 -> 3072")
        h = L.gelu_tanh(h, hs)
        o, os_ = L.linear(h, hs, hid, wscale=0.1, comment="FFN down 3072 -> 768")
        o = L.add(o, x, xs)
        x = L.layernorm(o, xs, eps)
    y, ys = L.expand(x, xs, "[[0, 1], [2]]", [1, seq, hid])
    return f.render(y, ty(ys, dt)), f


def gen_llama7b_block(dt, seq=128, layers=1, **_):
    hid, heads, hd, ffn = 4096, 32, 128, 11008
    eps = 1e-6
    f = Func("forward", dt, (
        "%s (prefill, no KV cache), linalg on tensors, %s: batch 1, seq %d,\n"
        "hidden 4096, 32 heads x 128, SwiGLU FFN 11008, RMSNorm (eps %s, reduced in f32), causal mask.\n"
        "RoPE simplification: rotate_half is real (extract_slice/negf/concat) but the cos/sin tables\n"
        "are splat constants of the real shape [seq, 128] instead of position-dependent values.\n"
        "Generated by examples/gen_models.py --model llama7b_block --dtype %s --seq %d%s"
        % ("One LLaMA-7B decoder block" if layers == 1 else
           "%d LLaMA-7B decoder blocks" % layers, dt, seq, fmt(eps), dt, seq,
           "" if layers == 1 else " --layers %d" % layers)))
    L = Linalg(f)
    x3 = f.arg([1, seq, hid])
    x, xs = L.collapse(x3, [1, seq, hid], "[[0, 1], [2]]", [seq, hid])
    cos = L.weight([seq, hd], 0.9, "cos")
    sin = L.weight([seq, hd], 0.1, "sin")
    for li in range(layers):
        f.note(("layer %d " % li if layers > 1 else "") +
               "attention: RMSNorm, Q/K/V projections (no bias)")
        h = L.rmsnorm(x, xs, eps)
        q, qs = L.linear(h, xs, hid, bias=False, comment="q_proj")
        k, ks = L.linear(h, xs, hid, bias=False, comment="k_proj")
        v, vs = L.linear(h, xs, hid, bias=False, comment="v_proj")

        def heads_first(t, ts):
            t, ts = L.expand(t, ts, "[[0], [1, 2]]", [seq, heads, hd])
            return L.transpose(t, ts, [1, 0, 2])                  # [32, S, 128]

        def rope(t, ts, name):
            f.note("RoPE on %s: t * cos + rotate_half(t) * sin" % name)
            half = hd // 2
            x1, x1s = L.extract_slice(t, ts, [0, 0, 0], [heads, seq, half])
            x2, x2s = L.extract_slice(t, ts, [0, 0, half], [heads, seq, half])
            d3 = ["d0", "d1", "d2"]

            def neg_body(a, o):
                lines = []
                return lines, L.unop(lines, "arith.negf", a[0])
            nx2 = L.generic([(x2, x2s, d3)], x2s, ["parallel"] * 3, neg_body, comment="-x2")
            rot, _ = L.concat([(nx2, x2s), (x1, x1s)], 2)

            def rope_body(a, o):
                lines = []
                p = L.binop(lines, "arith.mulf", a[0], a[2])
                r = L.binop(lines, "arith.mulf", a[1], a[3])
                return lines, L.binop(lines, "arith.addf", p, r)
            return L.generic([(t, ts, d3), (rot, ts, d3), (cos, [seq, hd], ["d1", "d2"]),
                              (sin, [seq, hd], ["d1", "d2"])], ts, ["parallel"] * 3, rope_body,
                             comment="t * cos + rotate_half(t) * sin")

        q, qs = heads_first(q, qs)
        q = rope(q, qs, "q")
        k, ks = heads_first(k, ks)
        k = rope(k, ks, "k")
        kt, kts = L.transpose(k, ks, [0, 2, 1])                  # [32, 128, S]
        v, vs = heads_first(v, vs)
        s, ss = L.batch_matmul(q, qs, kt, kts, comment="attention scores Q K^T")
        scale = f.scalar(1.0 / (hd ** 0.5))
        neg = f.scalar(-FMAX[dt])

        def mask_body(a, o):
            lines = []
            i = f.fresh("i")
            j = f.fresh("j")
            lines.append(("%s = linalg.index 1 : index" % i, "linalg.index"))
            lines.append(("%s = linalg.index 2 : index" % j, "linalg.index"))
            c = f.fresh("t")
            lines.append(("%s = arith.cmpi ugt, %s, %s : index" % (c, j, i), "arith.cmpi"))
            sc = L.binop(lines, "arith.mulf", a[0], scale)
            r = f.fresh("t")
            lines.append(("%s = arith.select %s, %s, %s : %s" % (r, c, neg, sc, dt), "arith.select"))
            return lines, r
        d3 = ["d0", "d1", "d2"]
        s = L.generic([(s, ss, d3)], ss, ["parallel"] * 3, mask_body,
                      comment="scale by 1/sqrt(128) and causal mask (j > i -> lowest finite)")
        p = L.softmax(s, ss, 2)
        c, cs = L.batch_matmul(p, ss, v, vs, comment="context P V")
        c, cs = L.transpose(c, cs, [1, 0, 2])
        c, cs = L.collapse(c, cs, "[[0], [1, 2]]", [seq, hid])
        o, _ = L.linear(c, cs, hid, bias=False, wscale=0.1, comment="o_proj")
        x = L.add(o, x, xs)
        f.note("MLP: RMSNorm, SwiGLU (silu(gate) * up), down projection")
        h = L.rmsnorm(x, xs, eps)
        g, gs = L.linear(h, xs, ffn, bias=False, comment="gate_proj 4096 -> 11008")
        u, us = L.linear(h, xs, ffn, bias=False, comment="up_proj 4096 -> 11008")
        one = f.scalar(1.0)

        def swiglu_body(a, o):
            lines = []
            n = L.unop(lines, "arith.negf", a[0])
            e = L.unop(lines, "math.exp", n)
            d = L.binop(lines, "arith.addf", e, one)
            sl = L.binop(lines, "arith.divf", a[0], d)
            return lines, L.binop(lines, "arith.mulf", sl, a[1])
        m = L.generic([(g, gs, ["d0", "d1"]), (u, us, ["d0", "d1"])], gs, ["parallel"] * 2, swiglu_body,
                      comment="silu(gate) * up, silu(x) = x / (1 + exp(-x))")
        o, _ = L.linear(m, gs, hid, bias=False, wscale=0.1, comment="down_proj 11008 -> 4096")
        x = L.add(o, x, xs)
    y, ys = L.expand(x, xs, "[[0, 1], [2]]", [1, seq, hid])
    return f.render(y, ty(ys, dt)), f


def gen_mlp(dt, batch=1, **_):
    dims = [256, 512, 512, 256, 10]
    f = Func("forward", dt, (
        "Small MLP for quick demos, linalg on tensors, %s: %s.\n"
        "4 x (linalg.matmul + bias add), relu after the 3 hidden layers (logits are not relu'd).\n"
        "Generated by examples/gen_models.py --model mlp --dtype %s --batch %d"
        % (dt, " -> ".join("%dx%d" % (batch, d) for d in dims), dt, batch)))
    L = Linalg(f)
    x = f.arg([batch, dims[0]])
    xs = [batch, dims[0]]
    for i in range(4):
        x, xs = L.linear(x, xs, dims[i + 1], comment="layer %d: %d -> %d" % (i, dims[i], dims[i + 1]))
        if i < 3:
            x = L.relu(x, xs)
    return f.render(x, ty(xs, dt)), f


# ----------------------------------------------------------------------------
# Driver
# ----------------------------------------------------------------------------

# model -> (generator, dialect, options it takes)
MODELS = {
    "resnet50": (gen_resnet50, "tosa", ("batch",)),
    "mobilenetv2": (gen_mobilenetv2, "tosa", ("batch",)),
    "bert_base": (gen_bert_base, "linalg", ("layers", "seq")),
    "llama7b_block": (gen_llama7b_block, "linalg", ("seq", "layers")),
    "mlp": (gen_mlp, "linalg", ("batch",)),
}

# The checked-in default set: (model, dtype).
DEFAULTS = [
    ("resnet50", "f32"), ("resnet50", "f16"),
    ("mobilenetv2", "f32"), ("mobilenetv2", "f16"),
    ("bert_base", "f32"), ("bert_base", "f16"),
    ("llama7b_block", "f16"), ("llama7b_block", "f32"),
    ("mlp", "f32"),
]


def file_name(model, dialect, dt, opts, defaults):
    """Default options give the plain name (resnet50_tosa_f32.mlir); others add
    a suffix, e.g. resnet50_tosa_f16_b4.mlir, bert_base_linalg_f32_l12.mlir."""
    suffix = ""
    for key in MODELS[model][2]:
        if opts.get(key) is not None and opts[key] != defaults.get(key):
            suffix += "_%s%d" % (key[0] if key != "seq" else "seq", opts[key])
    return "%s_%s_%s%s.mlir" % (model, dialect, dt, suffix)


DEFAULT_OPTS = {"batch": 1, "layers": 2, "seq": 128}
# Where a model's default differs (one LLaMA block; the real model has 32).
MODEL_DEFAULTS = {"llama7b_block": {"layers": 1}}


def defaults_of(model):
    return dict(DEFAULT_OPTS, **MODEL_DEFAULTS.get(model, {}))


def summarize(ops):
    total = sum(ops.values())
    top = sorted(((n, c) for n, c in ops.items() if c), key=lambda t: (-t[1], t[0]))
    return total, top


def dialect_counts(ops):
    d = collections.Counter()
    for n, c in ops.items():
        d[n.split(".")[0]] += c
    return d


def run_mlir_opt(mlir_opt, path, dialect):
    res = []
    p = subprocess.run([mlir_opt, path, "-o", os.devnull], capture_output=True, text=True)
    res.append(("verify", p.returncode == 0, p.stderr.strip()[:2000]))
    if dialect == "tosa":
        p = subprocess.run([mlir_opt, path, "--pass-pipeline=" + TOSA_LOWERING, "-o", os.devnull],
                           capture_output=True, text=True)
        res.append(("tosa->linalg", p.returncode == 0, p.stderr.strip()[:2000]))
    p = subprocess.run([mlir_opt, path, "--print-op-stats", "-o", os.devnull],
                       capture_output=True, text=True)
    stats = {}
    for m in re.finditer(r"^\s*([\w.]+)\s*,\s*(\d+)\s*$", p.stderr, re.M):
        stats[m.group(1)] = int(m.group(2))
    return res, stats


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", choices=sorted(MODELS), help="generate one model (default: all defaults)")
    ap.add_argument("--dtype", choices=["f32", "f16"], default=None,
                    help="element type for --model (default f32; llama7b_block default f16)")
    ap.add_argument("--batch", type=int, default=None, help="batch (resnet50, mobilenetv2, mlp; default 1)")
    ap.add_argument("--layers", type=int, default=None, help="layers (bert_base: default 2, real 12; llama7b_block: default 1, real 32)")
    ap.add_argument("--seq", type=int, default=None, help="sequence length (bert_base, llama7b_block; default 128)")
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)), help="output directory")
    ap.add_argument("--verify", action="store_true",
                    help="run mlir-opt on each file (parse/verify; TOSA also lowered to linalg)")
    ap.add_argument("--mlir-opt", default=os.environ.get("MLIR_OPT", MLIR_OPT_DEFAULT),
                    help="mlir-opt used by --verify (default: $MLIR_OPT or %s)" % MLIR_OPT_DEFAULT)
    a = ap.parse_args(argv)

    opts = {k: getattr(a, k) for k in ("batch", "layers", "seq")}
    if a.model:
        dt = a.dtype or ("f16" if a.model == "llama7b_block" else "f32")
        jobs = [(a.model, dt)]
    else:
        if a.dtype:
            ap.error("--dtype needs --model")
        jobs = DEFAULTS
    os.makedirs(a.out, exist_ok=True)
    ok = True
    for model, dt in jobs:
        gen, dialect, takes = MODELS[model]
        if a.model:
            for k, v in opts.items():
                if v is not None and k not in takes:
                    ap.error("--%s does not apply to %s" % (k, model))
        kw = {k: (v if v is not None else defaults_of(model)[k]) for k, v in opts.items() if k in takes}
        text, f = gen(dt, **kw)
        path = os.path.join(a.out, file_name(model, dialect, dt, opts, defaults_of(model)))
        with open(path, "w") as fh:
            fh.write(text)
        total, top = summarize(f.ops)
        rtotal, _ = summarize(f.region_ops)
        size = os.path.getsize(path)
        print("%s: %d bytes, %d ops in @forward (%s), %d more inside linalg.generic bodies"
              % (path, size, total,
                 ", ".join("%s %d" % dc for dc in sorted(dialect_counts(f.ops).items())), rtotal))
        print("    " + ", ".join("%s=%d" % nc for nc in top))
        if a.verify:
            res, stats = run_mlir_opt(a.mlir_opt, path, dialect)
            for what, good, err in res:
                print("    mlir-opt %s: %s" % (what, "OK" if good else "FAILED"))
                if not good:
                    ok = False
                    print("      " + err.replace("\n", "\n      "))
            if stats:
                # --print-op-stats also counts the implicit bodies of named linalg ops
                # and builtin.module/func.func.
                print("    mlir-opt --print-op-stats: %d ops in total" % sum(stats.values()))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
