#!/usr/bin/env python3
"""Accuracy check of the footprint model against one-shot bufferization.

Every model is run twice by default: with the passes' default (convolutions
get an im2col workspace, as for a conv-to-GEMM backend) and with
`im2col=false` passed to both passes (a backend that lowers convolutions
directly); `--im2col=true|false` (or `--no-im2col`) runs one of them.
Bufferization never materialises an im2col buffer, so the second run is the
one that can match the allocations of convolution layers.

Per layer: every layer's estimated activation + workspace bytes (the
`--cache-footprint` report, sum model) is compared with the bytes of the
buffers that one-shot bufferization allocates for that layer:

  1. footprint   cachepart-opt M --cache-footprint="report=R.json [im2col=false]"
  2. isolate     cachepart-opt M --cache-partition="capacity=1 oversize=isolate [im2col=false]"
                 -> every layer i in its own function @<fn>__part<i>
  3. lower       transfers replaced by their operand (cache-lower-transfers);
                 TOSA models also go through tosa-to-linalg-named,
                 tosa-to-linalg, tosa-to-arith, tosa-to-tensor
  4. bufferize   -canonicalize -cse -one-shot-bufferize="bufferize-function-
                 boundaries function-boundary-type-conversion=identity-layout-map"
  5. measure     bytes of every memref.alloc / memref.alloca in @<fn>__part<i>
                 (constants become memref.global and are not counted)
  6. compare     estimate = activations + workspace.

The workspace of every convolution and pooling layer is recomputed from the
op's shapes in the isolated function, part by part (im2col: output points x
kernel taps x input channels, input element size, for depthwise output
points x channels x taps; padded input copy; wide accumulator; depthwise
bias staging), and checked against the reported workspace and rule. With
im2col=false the default report is produced as well, and what the option
took out of each layer's workspace must be exactly the recomputed im2col
part. The im2col part is the `im2col` column of the "where the difference
comes from" tables of the default run.

Per group: the model is partitioned normally,
`--cache-partition="capacity=C oversize=isolate memory-model=M [im2col=false]"`
for M = sum and liveness (C = 2MB for the models of examples/, 256KB for the
others, or --groups C), lowered and bufferized the same way, and every group
function @<fn>__part<i> is compared: its estimate (activations + workspace
of the report's group, checked against the function's `cachepart.footprint`)
with the bytes allocated in the function. The group's model is recomputed
from the group function's IR (free ops including `linalg.fill`
initializers, in-place pairs; the in-place pairs of the whole function, for
a group whose first layer writes into the last result of the group before)
and must give the report's number. The liveness model counts the live-in
arguments, which the function does not allocate, and a peak rather than a
total: it is compared with the measured peak (buffers live at once in the
bufferized function, in program order, arguments included).

Attribution (both modes). A buffer the calling function allocates and passes
to @<fn>__part<i> (a copy that bufferization inserts because the callee writes
in place into an argument the caller still reads) is counted for that
function. A function that writes into an argument's buffer (returns it, or
uses it as `outs` / copy target) wrote a result in place into a buffer made
by an earlier layer or group: it allocates nothing for it, and those bytes
are reported as "in place". As a cross-check the whole, unpartitioned model
is lowered and bufferized the same way and its allocations are summed.

Prints Markdown tables to stdout, ending with a per-model verdict on the 10%
aim. Python 3 standard library only; runs one process at a time.

  scripts/accuracy_check.py                      # default models, both modes, both im2col runs
  scripts/accuracy_check.py a.mlir b.mlir        # given models
  scripts/accuracy_check.py --no-im2col          # only the im2col=false run
  scripts/accuracy_check.py --im2col=true        # only the default (im2col counted) run
  scripts/accuracy_check.py --layers             # per-layer mode only
  scripts/accuracy_check.py --groups 1MB         # group mode only, at 1MB
  scripts/accuracy_check.py --json out.json      # also dump every layer / group
  scripts/accuracy_check.py --keep /tmp/acc      # keep intermediate files
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_TOOL = os.path.join(REPO_ROOT, "build", "bin", "cachepart-opt")
DEFAULT_CORPUS = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "corpus"))
EXAMPLES = [
    "mlp_linalg_f32.mlir",
    "bert_base_linalg_f32.mlir",
    "llama7b_block_linalg_f16.mlir",
    "mobilenetv2_tosa_f32.mlir",
    "resnet50_tosa_f32.mlir",
    "resnet50_tosa_f16.mlir",   # wide accumulator (acc_type = f32) in tosa.conv2d
    "mobilenetv2_tosa_f16.mlir",  # ... and in tosa.depthwise_conv2d
]
NELLI = ["resnet18.mlir", "mobilenet_v2.mlir", "squeezenet1_0.mlir", "vgg11.mlir",
         "efficientnet_b0.mlir"]

TOSA_PIPELINE = ("builtin.module(cache-lower-transfers,func.func(tosa-to-linalg-named,"
                 "tosa-to-linalg,tosa-to-arith,tosa-to-tensor))")
BUFFERIZE = ["-canonicalize", "-cse",
             "-one-shot-bufferize=bufferize-function-boundaries "
             "function-boundary-type-conversion=identity-layout-map"]
TOLERANCE = 0.10
EXAMPLE_CAPACITY = "2MB"     # group mode, models of examples/
CORPUS_CAPACITY = "256KB"    # group mode, other models


# ------------------------------------------------------------------ types ---

def split_top(text, sep=","):
    """Splits `text` at `sep` outside <>, (), [] and {}."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "<([{":
            depth += 1
        elif ch in ">)]}":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur).strip())
    return parts


def bracket_body(text, start):
    """Body of the <...> whose '<' is at text[start]; (body, end index)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "<":
            depth += 1
        elif text[i] == ">":
            depth -= 1
            if depth == 0:
                return text[start + 1:i], i + 1
    raise ValueError("unbalanced <> in %r" % text[start:start + 80])


def split_shape(body):
    """'1x?x4xf32' -> ([1, None, 4], 'f32')."""
    dims = []
    while True:
        m = re.match(r"(\d+|\?)x", body)
        if not m:
            break
        dims.append(None if m.group(1) == "?" else int(m.group(1)))
        body = body[m.end():]
    return dims, body.strip()


def element_bits(elem):
    """Bits of one element; None when unknown. i1 counts as 8 (one byte)."""
    elem = elem.strip()
    if elem.startswith("complex<"):
        inner = element_bits(bracket_body(elem, len("complex"))[0])
        return None if inner is None else 2 * max(inner, 8)
    if elem.startswith("vector<"):
        dims, inner = split_shape(bracket_body(elem, len("vector"))[0])
        bits = element_bits(inner)
        if bits is None or None in dims:
            return None
        return math.prod(dims) * bits
    if elem == "index":
        return 64
    m = re.fullmatch(r"[su]?i(\d+)", elem)
    if m:
        bits = int(m.group(1))
        return 8 if bits == 1 else bits
    if elem in ("f16", "bf16"):
        return 16
    if elem in ("f32", "tf32"):
        return 32
    if elem == "f64":
        return 64
    if elem.startswith("f8"):
        return 8
    if elem.startswith("f6"):
        return 6
    if elem.startswith("f4"):
        return 4
    return None


def shaped_bytes(type_text):
    """Bytes of a tensor<...> / memref<...> type; None when not static."""
    kind = type_text.split("<", 1)[0]
    body, _ = bracket_body(type_text, len(kind))
    dims, elem = split_shape(split_top(body)[0])
    bits = element_bits(elem)
    if bits is None or None in dims:
        return None
    return (math.prod(dims) * bits + 7) // 8


def shaped_dims(type_text):
    kind = type_text.split("<", 1)[0]
    body, _ = bracket_body(type_text, len(kind))
    return split_shape(split_top(body)[0])


# ---------------------------------------------------------------- run tool ---

class ToolError(Exception):
    pass


def run(cmd, what):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if proc.returncode != 0:
        errors = [l for l in proc.stderr.splitlines() if "error" in l][:3]
        raise ToolError("%s failed (exit %d): %s" % (what, proc.returncode,
                                                     " | ".join(errors) or proc.stderr[-300:]))
    return proc


# ------------------------------------------------------------- IR parsing ---

FUNC_RE = re.compile(r"^\s*func\.func\s+(?:(?:private|public|nested)\s+)?@([\w$.\-]+)\(")
PART_RE = re.compile(r"^(.*)__part(\d+)$")
ALLOC_RE = re.compile(r"\bmemref\.(alloca?)\b")


def functions_text(text):
    """{function name: [lines]} of the top-level functions."""
    funcs, cur = {}, None
    for line in text.splitlines():
        m = FUNC_RE.match(line)
        if m:
            cur = m.group(1)
            funcs[cur] = []
        if cur is not None:
            funcs[cur].append(line)
    return funcs


def allocations(lines):
    """[(op, type text, bytes or None)] of the allocs in these lines."""
    out = []
    for line in lines:
        m = ALLOC_RE.search(line)
        if not m or "=" not in line[:m.start()]:
            continue
        idx = line.find("memref<", m.end())
        if idx < 0:
            continue
        body, end = bracket_body(line, idx + len("memref"))
        ty = "memref<%s>" % body
        out.append(("memref." + m.group(1), ty, shaped_bytes(ty)))
    return out


CALL_RE = re.compile(r"\bcall\s+@([\w$.\-]+)\(([^)]*)\)")
RETURN_RE = re.compile(r"^\s*(?:func\.)?return\b\s*([^:]*)")
ALLOC_NAME_RE = re.compile(r"^\s*(%[\w$.\-]+)\s*=\s*memref\.alloca?\b")


def caller_copies(lines):
    """Allocs of a caller passed to calls: ({callee: {arg index: bytes}},
    bytes of allocs passed to no call)."""
    allocs = {}
    for line in lines:
        m = ALLOC_NAME_RE.match(line)
        if m:
            found = allocations([line])
            if found and found[0][2] is not None:
                allocs[m.group(1)] = found[0][2]
    passed, used = {}, set()
    for line in lines:
        m = CALL_RE.search(line)
        if not m:
            continue
        operands = [o.strip() for o in m.group(2).split(",") if o.strip()]
        for k, o in enumerate(operands):
            if o in allocs:
                passed.setdefault(m.group(1), {})[k] = allocs[o]
                used.add(o)
    return passed, sum(b for n, b in allocs.items() if n not in used)


def written_arguments(lines):
    """{argument index: bytes} of the arguments whose buffer the function
    writes: returned arguments, and arguments (or views of them) that are the
    `outs` of a linalg op or the target of a `memref.copy`. A layer writing
    its result in place into an argument's buffer allocates nothing for it."""
    out = {}
    header = lines[0] if lines else ""
    args = {}
    m = re.search(r"\((.*?)\)\s*(?:->|attributes|\{)", header)
    if m:
        for k, a in enumerate(split_top(m.group(1))):
            mm = re.match(r"%arg(\d+)\s*:\s*(memref<.*)", a)
            if mm:
                args["%arg" + mm.group(1)] = (int(mm.group(1)),
                                              shaped_bytes(mm.group(2).split(" {")[0]) or 0)
    alias = {}
    written = set()
    for line in lines[1:]:
        vm = ALIAS_MEMREF_RE.match(line)
        if vm:
            alias[vm.group(1)] = alias.get(vm.group(3), vm.group(3))
            continue
        m = RETURN_RE.match(line)
        if m:
            written.update(alias.get(v.strip(), v.strip()) for v in m.group(1).split(","))
            continue
        mo = re.search(r"\bouts\(([^:)]*)", line)
        if mo:
            written.update(alias.get(v.strip(), v.strip()) for v in mo.group(1).split(","))
        mc = re.match(r"^\s*memref\.copy\s+(%[\w$.\-]+)\s*,\s*(%[\w$.\-]+)", line)
        if mc:
            written.add(alias.get(mc.group(2), mc.group(2)))
    for v in written:
        if v in args:
            out[args[v][0]] = args[v][1]
    return out


def op_signature(lines, op_name):
    """(operand types, result types, attribute text) of the first `op_name`
    line in `lines` (pretty form with a trailing function type, or named linalg
    form with ins/outs)."""
    for line in lines:
        if re.search(r"=\s*%s\b" % re.escape(op_name), line) is None:
            continue
        m = re.search(r":\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*->\s*(.*)$", line)
        if m:
            ins = split_top(m.group(1))
            res = m.group(2).strip()
            outs = split_top(res[1:-1]) if res.startswith("(") else [res]
            return ins, outs, line
        m = re.search(r"ins\([^:]*:\s*(.*?)\)\s*outs\([^:]*:\s*(.*?)\)\s*->\s*(.*)$", line)
        if m:
            return split_top(m.group(1)), split_top(m.group(3)), line
    return None


def int_array(line, name):
    m = re.search(r"\b%s\s*=\s*array<i64:\s*([-\d,\s]*)>" % name, line)
    if not m:
        return None
    return [int(x) for x in m.group(1).split(",") if x.strip()]


# ----------------------------------------------------- workspace recompute ---

LINALG_CONVS = {
    # name: (filter dim of the output channel F (None: depthwise), filter window dims)
    "linalg.conv_1d_ncw_fcw": (0, slice(2, None)),
    "linalg.conv_1d_nwc_wcf": (-1, slice(None, -2)),
    "linalg.conv_2d_nchw_fchw": (0, slice(2, None)),
    "linalg.conv_2d_nhwc_fhwc": (0, slice(1, -1)),
    "linalg.conv_2d_nhwc_hwcf": (-1, slice(None, -2)),
    "linalg.conv_3d_ncdhw_fcdhw": (0, slice(2, None)),
    "linalg.conv_3d_ndhwc_dhwcf": (-1, slice(None, -2)),
    "linalg.depthwise_conv_1d_ncw_cw": (None, slice(1, None)),
    "linalg.depthwise_conv_1d_nwc_wc": (None, slice(None, -1)),
    "linalg.depthwise_conv_2d_nchw_chw": (None, slice(1, None)),
    "linalg.depthwise_conv_2d_nhwc_hwc": (None, slice(None, -1)),
    "linalg.depthwise_conv_3d_ndhwc_dhwc": (None, slice(None, -1)),
}


def recompute_workspace(op, rule, part_lines):
    """{component: bytes} of a conv/pool workspace recomputed from the shapes,
    or None when the op is not one this script knows."""
    sig = op_signature(part_lines, op)
    if sig is None:
        return None
    ins, outs, line = sig
    try:
        in_dims, in_elem = shaped_dims(ins[0])
        out_dims, out_elem = shaped_dims(outs[0])
    except (ValueError, IndexError):
        return None
    if None in in_dims or None in out_dims:
        return None
    # bytes per element rounded up, as ShapeSizer::elementBytes
    in_bytes = (element_bits(in_elem) + 7) // 8
    out_bytes = (element_bits(out_elem) + 7) // 8
    out_elems = math.prod(out_dims)
    comp = {}
    if op in LINALG_CONVS:
        f_idx, window_dims = LINALG_CONVS[op]
        f_dims, _ = shaped_dims(ins[1])
        window = math.prod(f_dims[window_dims])
        if f_idx is None:         # depthwise: rows = output points x channels, cols = taps
            rows, cols = out_elems, window
        else:                     # rows = output points, cols = taps x input channels
            rows, cols = out_elems // f_dims[f_idx], math.prod(f_dims) // f_dims[f_idx]
        comp["im2col"] = int(rows * cols * in_bytes) if window > 1 else 0
        return comp
    if op.startswith("tosa."):
        w_dims = shaped_dims(ins[1])[0] if len(ins) > 1 else None
        n = in_dims[0]
        if op in ("tosa.conv2d", "tosa.conv3d", "tosa.transpose_conv2d"):
            # weights [OC, (KD,) KH, KW, IC]; output [N, (OD,) OH, OW, OC]
            kernel = math.prod(w_dims[1:-1])
            if kernel > 1:
                comp["im2col"] = int(math.prod(out_dims[:-1]) * kernel * w_dims[-1] * in_bytes)
        elif op == "tosa.depthwise_conv2d":
            # weights [KH, KW, C, M]
            kernel = w_dims[0] * w_dims[1]
            if kernel > 1:
                comp["im2col"] = int(math.prod(out_dims[:-1]) * kernel * w_dims[2] * in_bytes)
        pad = int_array(line, "pad")
        if pad and any(pad) and op != "tosa.transpose_conv2d":
            spatial = list(in_dims[1:-1])
            for d in range(len(spatial)):
                spatial[d] += pad[2 * d] + pad[2 * d + 1]
            comp["padded-input"] = int(n * math.prod(spatial) * in_dims[-1] * in_bytes)
        m = re.search(r"\bacc_type\s*=\s*(\w+)", line)
        if m:
            acc_bits = element_bits(m.group(1))
            if acc_bits and acc_bits > element_bits(out_elem):
                comp["accumulator"] = out_elems * ((acc_bits + 7) // 8)
        if op == "tosa.depthwise_conv2d":
            # The zero-filled conv result the bias is then added from; with a
            # wider acc_type, the truncated copy beside the accumulator.
            comp["bias-staging"] = out_elems * out_bytes
        return comp
    return None


# ------------------------------------------------------- group mode: IR ---
#
# The group functions are read in MLIR's generic form (`--mlir-print-op-generic`):
# every op is `%r = "name"(%operands) <{properties}> ({regions}) : (types) -> types`,
# which gives operands, init operands and result types without per-op syntax.

GEN_FUNC_RE = re.compile(r'^\s*"func\.func"\(\) <\{.*\bsym_name = "([^"]+)"')
GEN_OP_RE = re.compile(r'^\s*(?:(%[\w$.\-]+)(?::(\d+))?\s*=\s*)?"([\w.$\-]+)"\(([^)]*)\)')
VALUE_RE = re.compile(r"%[\w$.\-]+(?:#\d+)?")
BLOCK_ARG_RE = re.compile(r"(%[\w$.\-]+)\s*:\s*")


def brace_delta(line):
    """Net number of { minus } outside string literals."""
    line = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)
    return line.count("{") - line.count("}")


def trailing_function_type(text):
    """(operand types, result types) of the trailing `: (...) -> ...` of an op."""
    for pos in reversed([m.start() for m in re.finditer(r":\s*\(", text)]):
        start = text.index("(", pos)
        depth = 0
        for i in range(start, len(text)):
            if text[i] in "(<[{":
                depth += 1
            elif text[i] in ")>]}":
                depth -= 1
                if depth == 0:
                    break
        else:
            continue
        rest = text[i + 1:].strip()
        if not rest.startswith("->"):
            continue
        res = rest[2:].strip()
        ins = [t for t in split_top(text[start + 1:i]) if t]
        outs = split_top(res[1:-1]) if res.startswith("(") else [res]
        return ins, [t for t in outs if t]
    return None


def generic_functions(text):
    """{name: {"args": [(name, type)], "ops": [op], "returns": [values]}} of the
    top-level functions of a module printed in generic form. An op is a dict
    with name, results [(name, type)], operands [names], captured [names used
    in its regions], segments (operandSegmentSizes or None), text."""
    funcs, lines, i = {}, text.splitlines(), 0
    while i < len(lines):
        m = GEN_FUNC_RE.match(lines[i])
        if not m or brace_delta(lines[i]) <= 0:
            i += 1
            continue
        fn = {"args": [], "ops": [], "returns": []}
        funcs[m.group(1)] = fn
        depth = brace_delta(lines[i])
        i += 1
        if i < len(lines) and lines[i].strip().startswith("^bb0"):
            inner = lines[i].strip()[len("^bb0"):].rstrip(":").strip()
            if inner.startswith("("):
                for a in split_top(inner[1:-1]):
                    mm = BLOCK_ARG_RE.match(a)
                    if mm:
                        fn["args"].append((mm.group(1), a[mm.end():].strip()))
            i += 1
        body_depth = depth
        while i < len(lines) and depth >= body_depth:
            line = lines[i]
            d = brace_delta(line)
            if depth + d < body_depth:          # the function's closing `})`
                break
            op_lines = [line]
            nested = depth + d
            i += 1
            while nested > body_depth and i < len(lines):
                op_lines.append(lines[i])
                nested += brace_delta(lines[i])
                i += 1
            om = GEN_OP_RE.match(line)
            if not om:
                continue
            name = om.group(3)
            full = "\n".join(op_lines)
            sig = trailing_function_type(op_lines[-1]) or ([], [])
            results = []
            if om.group(1):
                if om.group(2):
                    results = [("%s#%d" % (om.group(1), k), t) for k, t in
                               zip(range(int(om.group(2))), sig[1])]
                else:
                    results = [(om.group(1), sig[1][0] if sig[1] else "")]
            operands = [o.strip() for o in om.group(4).split(",") if o.strip()]
            own = set(VALUE_RE.findall("\n".join(op_lines[1:-1]))) if len(op_lines) > 2 else set()
            seg = re.search(r"operandSegmentSizes = array<i32:\s*([\d,\s]*)>", line)
            op = {"name": name, "results": results, "operands": operands,
                  "operand_types": sig[0], "captured": sorted(own), "text": full,
                  "segments": [int(x) for x in seg.group(1).split(",")] if seg else None,
                  "regions": len(op_lines) > 1}
            if name == "func.return":
                fn["returns"] = operands
            else:
                fn["ops"].append(op)
            depth = nested
        i += 1
    return funcs


# Mirrors FootprintAnalysis::isFreeOp (lib/Analysis/FootprintAnalysis.cpp).
CONSTANT_OPS = {"arith.constant", "tosa.const", "complex.constant", "index.constant"}
ALIAS_OPS = {"tensor.empty", "tensor.expand_shape", "tensor.collapse_shape", "tensor.reshape",
             "tensor.cast", "tensor.dim", "tensor.rank", "tensor.bitcast", "tosa.reshape",
             "tosa.const_shape", "ub.poison", "shape.const_shape", "arith.index_cast"}
SCALAR_DIALECTS = ("arith.", "math.", "index.", "complex.")


def is_scalar_type(ty):
    return not re.match(r"(tensor|memref|vector|!)", ty.strip())


def fill_initializers(fn):
    """ids of the `linalg.fill` ops of a function that are initializers (free
    in FootprintAnalysis::isFreeOp): a fill of a `tensor.empty` of this
    function whose every use is a destination (init) operand of another
    destination-style op that is not a fill (no use in a region, none by the
    return)."""
    ops = fn["ops"]
    producer = {}
    for op in ops:
        for r, _ in op["results"]:
            producer[r] = op
    uses = {}
    for op in ops:
        for k, o in enumerate(op["operands"]):
            uses.setdefault(o, []).append((op, k))
        for c in op["captured"]:
            uses.setdefault(c, []).append((op, None))
    for v in fn["returns"]:
        uses.setdefault(v, []).append((None, None))
    out = set()
    for op in ops:
        if op["name"] != "linalg.fill" or len(op["results"]) != 1:
            continue
        if not all(t.startswith("tensor<") or is_scalar_type(t) for t in op["operand_types"]):
            continue
        inits = dps_inits(op)
        if len(inits) != 1 or inits[0] >= len(op["operands"]):
            continue
        empty = producer.get(op["operands"][inits[0]])
        if empty is None or empty["name"] != "tensor.empty":
            continue
        us = uses.get(op["results"][0][0], [])
        if us and all(user is not None and k is not None and user["name"] != "linalg.fill"
                      and k in dps_inits(user) for user, k in us):
            out.add(id(op))
    return out


def initializer_placement(fn):
    """(hoisted, shared): fill initializers of a function placed before a layer
    that precedes their first consumer, and initializers with more than one
    consumer. The model counts neither: the liveness model sees the filled
    buffer only from its consumer on, while bufferization allocates it at the
    fill (program order) and, for a shared fill, keeps it until the last
    consumer and copies it for the earlier ones."""
    ops = fn["ops"]
    initializers = fill_initializers(fn)
    hoisted = shared = 0
    for i, op in enumerate(ops):
        if id(op) not in initializers:
            continue
        r = op["results"][0][0]
        users = [j for j, o in enumerate(ops) if r in o["operands"]]
        if len(users) > 1:
            shared += 1
        if users and any(not is_free(o, initializers) for o in ops[i + 1:users[0]]):
            hoisted += 1
    return hoisted, shared


def is_free(op, initializers=frozenset()):
    if id(op) in initializers:
        return True
    if op["regions"]:
        return False
    if op["name"] in CONSTANT_OPS or op["name"] in ALIAS_OPS:
        return True
    if op["name"].startswith(SCALAR_DIALECTS):
        types = op["operand_types"] + [t for _, t in op["results"]]
        return all(is_scalar_type(t) for t in types)
    return False


def dps_inits(op):
    """Indices of the init (destination) operands of a destination-style op."""
    name, n = op["name"], len(op["operands"])
    if name.startswith("linalg."):
        if op["segments"]:
            return list(range(n - op["segments"][-1], n))
        return [n - 1] if n else []
    if name in ("tensor.insert_slice", "tensor.insert"):
        return [1]
    return []


def value_bytes(ty):
    if is_scalar_type(ty):
        bits = element_bits(ty)
        return None if bits is None else (bits + 7) // 8
    if ty.startswith(("tensor<", "memref<")):
        return shaped_bytes(ty)
    return 0


def group_model(fn, workspace, first_in_place=()):
    """Recomputes the sum and liveness models of one group function from its
    IR (mirroring FootprintAnalysis) with the given per-layer workspace
    bytes. `first_in_place`: init operand indices of the group's first layer
    that are in-place pairs in the whole function (their producer is the
    last layer of an earlier group, so the pair is not visible in the group
    function); the liveness model counts that layer's tied result from the
    next layer on, as FootprintAnalysis::getGroupFootprint does. Returns
    (dict, None) or (None, reason) when the function cannot be read; the
    dict's "in_place_inits" maps a layer index to the init operand indices
    of its in-place pairs (the whole function's pairs when `fn` is the whole
    function)."""
    ops = fn["ops"]
    initializers = fill_initializers(fn)
    layers = [op for op in ops if not is_free(op, initializers)]
    if len(layers) != len(workspace):
        return None, "%d layers found in the IR, %d in the report" % (len(layers), len(workspace))
    defs = {}      # value -> ("layer", index) | ("arg", None) | ("free", op)
    for name, _ in fn["args"]:
        defs[name] = ("arg", None)
    types = dict(fn["args"])
    for op in ops:
        for r, t in op["results"]:
            types[r] = t
            defs[r] = ("free", op) if is_free(op, initializers) else ("layer", None)
    for k, op in enumerate(layers):
        for r, _ in op["results"]:
            defs[r] = ("layer", k)
    memo = {}

    def roots(v):
        """Layer results / live-in arguments a value stands for (through free ops)."""
        if v not in defs:
            return set()
        kind, what = defs[v]
        if kind in ("arg", "layer"):
            return {v}
        if what["name"] in CONSTANT_OPS:
            return set()
        key = id(what)
        if key not in memo:
            memo[key] = set()
            for o in what["operands"]:
                memo[key] |= roots(o)
        return memo[key]

    users = {}
    for k, op in enumerate(layers):
        used = set()
        for o in op["operands"] + [c for c in op["captured"] if c in defs]:
            used |= roots(o)
        for v in used:
            users.setdefault(v, []).append(k)
    returned = set()
    for v in fn["returns"]:
        returned |= roots(v)
    nbytes = {}
    for v in set(types):
        if v in defs and defs[v][0] in ("arg", "layer"):
            nbytes[v] = value_bytes(types[v])
    if any(b is None for v, b in nbytes.items() if v in users or v in returned):
        return None, "a value of unknown size"
    # raw uses of each value (any op, incl. free ones and the return)
    raw_uses = {}
    for op in ops:
        for o in op["operands"] + op["captured"]:
            raw_uses[o] = raw_uses.get(o, 0) + 1
    for v in fn["returns"]:
        raw_uses[v] = raw_uses.get(v, 0) + 1
    in_place, in_place_bytes, in_place_inits = set(), 0, {}
    for c in range(1, len(layers)):
        op = layers[c]
        if any(not (t.startswith("tensor<") or is_scalar_type(t)) for t in op["operand_types"]):
            continue
        for k in dps_inits(op):
            if k >= len(op["operands"]):
                continue
            v = op["operands"][k]
            if defs.get(v, (None, None)) != ("layer", c - 1):
                continue
            if v in returned or len(users.get(v, [])) != 1 or raw_uses.get(v, 0) != 1:
                continue
            if op["name"].startswith("linalg."):
                tied_index = k - (len(op["operands"]) - len(op["results"]))
            else:
                tied_index = 0
            if not (0 <= tied_index < len(op["results"])):
                continue
            tied, tied_type = op["results"][tied_index]
            if tied_type != types.get(v):
                continue
            in_place.add(tied)
            in_place_bytes += nbytes[v]
            in_place_inits.setdefault(c, []).append(k)
    # The first layer's pairs with a producer in an earlier group: liveness only.
    shared = set(in_place)
    if layers:
        op = layers[0]
        for k in first_in_place:
            tied_index = (k - (len(op["operands"]) - len(op["results"]))
                          if op["name"].startswith("linalg.") else 0)
            if k < len(op["operands"]) and 0 <= tied_index < len(op["results"]):
                shared.add(op["results"][tied_index][0])
    acts = [sum(nbytes.get(r, 0) or 0 for r, _ in op["results"]) for op in layers]
    out = {"layers": len(layers), "in_place_pairs": len(in_place),
           "sum": sum(acts) + sum(workspace) - in_place_bytes,
           "in_place_bytes": in_place_bytes, "in_place_inits": in_place_inits,
           "in_place_from_earlier_group": len(shared) - len(in_place)}
    # liveness, as FootprintAnalysis::getGroupFootprint
    n = len(layers)

    def liveness(shared):
        delta = [0] * (n + 1)
        live_in = [0] * (n + 1)
        for v, us in users.items():
            if defs[v][0] == "arg":
                delta[0] += nbytes[v]
                delta[max(us) + 1] -= nbytes[v]
                live_in[0] += nbytes[v]
                live_in[max(us) + 1] -= nbytes[v]
        for k, op in enumerate(layers):
            for r, _ in op["results"]:
                us = users.get(r, [])
                last = n - 1 if r in returned else (max(k, max(us)) if us else k)
                first = k + 1 if r in shared else k
                if first <= last:
                    delta[first] += nbytes[r]
                    delta[last + 1] -= nbytes[r]
        live = li = 0
        per_layer = []
        for t in range(n):
            live += delta[t]
            li += live_in[t]
            per_layer.append((live, li))
        return per_layer

    out["live"] = liveness(shared)       # (live bytes, of which live-ins) at each layer
    # What-if (not the C++ model): a destination-style layer whose init is a
    # live-in last used by this layer writes in place into it, as
    # bufferization does (the result of a fill in an earlier group, a batch
    # norm into its own input).
    live_in_place = set(shared)
    for k, op in enumerate(layers):
        for idx in dps_inits(op):
            if idx >= len(op["operands"]):
                continue
            rs = roots(op["operands"][idx])
            if len(rs) != 1:
                continue
            v = next(iter(rs))
            if defs[v][0] != "arg" or max(users.get(v, [-1])) != k:
                continue
            tied_index = (idx - (len(op["operands"]) - len(op["results"]))
                          if op["name"].startswith("linalg.") else 0)
            if 0 <= tied_index < len(op["results"]):
                r = op["results"][tied_index][0]
                if nbytes.get(r) == nbytes[v]:
                    live_in_place.add(r)
    out["live_in_place"] = liveness(live_in_place)
    return out, None


def liveness_peak(live, workspace):
    """(peak, live at the peak, workspace at the peak, index) as in the C++:
    the first layer with the largest live + workspace."""
    best = None
    for t, ((lv, _), w) in enumerate(zip(live, workspace)):
        if best is None or lv + w > best[0]:
            best = (lv + w, lv, w, t)
    return best


ALIAS_MEMREF_RE = re.compile(r"^\s*(%[\w$.\-]+)\s*=\s*memref\.(subview|expand_shape|collapse_shape|cast|"
                             r"reinterpret_cast|view|transpose)\s+(%[\w$.\-]+)")


def measured_peak(lines):
    """Peak bytes of the buffers live at once in a bufferized function, with
    the liveness model's conventions: an argument lives from the start to its
    last use, an allocation from its first use (canonicalization hoists
    `tensor.empty`, hence allocs, to the top) to the last use of it or of a
    view of it, and a returned buffer to the end. Line order is program order (a
    single block; region bodies only use scalars)."""
    if not lines:
        return 0
    header = lines[0]
    bytes_of, start, last, alias = {}, {}, {}, {}
    m = re.search(r"\((.*?)\)\s*(?:->|attributes|\{)", header)
    if m:
        for a in split_top(m.group(1)):
            mm = re.match(r"(%arg\d+)\s*:\s*(memref<.*)", a)
            if mm:
                b = shaped_bytes(mm.group(2).split(" {")[0])
                bytes_of[mm.group(1)] = b or 0
                start[mm.group(1)] = last[mm.group(1)] = 0
    end = len(lines)
    unused = set()      # allocated, not yet used: lives from its first use
    for pos, line in enumerate(lines[1:], 1):
        am = ALLOC_NAME_RE.match(line)
        if am:
            found = allocations([line])
            bytes_of[am.group(1)] = (found[0][2] or 0) if found else 0
            start[am.group(1)] = last[am.group(1)] = pos
            unused.add(am.group(1))
            continue
        vm = ALIAS_MEMREF_RE.match(line)
        if vm:
            alias[vm.group(1)] = alias.get(vm.group(3), vm.group(3))
            continue
        returned = RETURN_RE.match(line) is not None
        for tok in VALUE_RE.findall(line):
            root = alias.get(tok, tok)
            if root in last:
                last[root] = end if returned else pos
                if root in unused:
                    unused.discard(root)
                    start[root] = pos
    delta = [0] * (end + 2)
    for v, b in bytes_of.items():
        delta[start[v]] += b
        delta[last[v] + 1] -= b
    live = peak = 0
    for d in delta:
        live += d
        peak = max(peak, live)
    return peak


# ---------------------------------------------------------- group mode ---

def lower_and_bufferize(tool, part, stem, is_tosa, bufferize):
    lowered, buffers = stem + ".lowered.mlir", stem + ".bufferized.mlir"
    if is_tosa:
        run([tool, part, "--pass-pipeline=" + TOSA_PIPELINE, "-o", lowered], "tosa lowering")
    else:
        run([tool, part, "--cache-lower-transfers", "-o", lowered], "lower transfers")
    run([tool, lowered] + bufferize + ["-o", buffers], "bufferization")
    return buffers


def attributed_copies(buf_funcs, fn_names):
    """Caller copies per callee ({callee: {arg index: bytes}}) and the bytes the
    callers allocate and pass to no call."""
    copies, unattributed = {}, 0
    for fname, lines in buf_funcs.items():
        m = PART_RE.match(fname)
        if m and m.group(1) in fn_names:
            continue
        passed, rest = caller_copies(lines)
        unattributed += rest
        for callee, by_arg in passed.items():
            for k, b in by_arg.items():
                copies.setdefault(callee, {})[k] = copies.get(callee, {}).get(k, 0) + b
    return copies, unattributed


FOOTPRINT_ATTR_RE = re.compile(r"cachepart\.footprint = \{activations = (\d+) : i64, total = (\d+) "
                               r": i64, weights = (\d+) : i64, workspace = (\d+) : i64\}")


def pass_options(im2col):
    """Extra footprint options of both passes."""
    return "" if im2col else " im2col=false"


def mode_suffix(im2col):
    return "" if im2col else ".no-im2col"


def measure_groups(tool, path, workdir, capacity, memory_model, layer_res, bufferize=BUFFERIZE,
                   im2col=True):
    """Partitions the model at `capacity` under `memory_model` and compares
    every group's estimate with the allocations of its bufferized function."""
    name = os.path.splitext(os.path.basename(path))[0]
    stem = os.path.join(workdir, "%s.groups-%s-%s%s" % (name, capacity, memory_model,
                                                         mode_suffix(im2col)))
    report, part, generic = stem + ".report.json", stem + ".part.mlir", stem + ".generic.mlir"
    is_tosa = layer_res["tosa"]
    run([tool, path, "--cache-partition=capacity=%s oversize=isolate memory-model=%s report=%s%s"
         % (capacity, memory_model, report, pass_options(im2col)), "-o", part], "partition")
    run([tool, part, "--mlir-print-op-generic", "-o", generic], "generic print")
    buffers = lower_and_bufferize(tool, part, stem, is_tosa, bufferize)
    with open(report) as f:
        rep = json.load(f)
    with open(part) as f:
        part_funcs = functions_text(f.read())
    with open(generic) as f:
        gen_funcs = generic_functions(f.read())
    with open(buffers) as f:
        buf_funcs = functions_text(f.read())
    fn_names = {fn["name"] for fn in rep["functions"]}
    copies, caller_unattributed = attributed_copies(buf_funcs, fn_names)
    by_layer = {(l["function"], l["index"]): l for l in layer_res["layers"]}
    whole_in_place = layer_res.get("in_place_inits", {})
    groups, notes, unknown_allocs = [], [], 0
    for fn in rep["functions"]:
        for g in fn["groups"]:
            gname = g["function"]
            lays = [by_layer.get((fn["name"], i)) for i in range(g["first_layer"], g["last_layer"] + 1)]
            entry = {"function": fn["name"], "group": g["index"], "name": gname,
                     "first": g["first_layer"], "last": g["last_layer"],
                     "layers": g["num_layers"], "spilling": g.get("spilling", False),
                     "activations": g["activations"], "workspace": g["workspace"],
                     "estimate": g["activations"] + g["workspace"], "flags": [],
                     "ops": sorted({l["op"] for l in lays if l})}
            if any(l is None for l in lays):
                entry["flags"].append("layers missing from the per-layer run")
                lays = [l for l in lays if l]
            ws = [l["workspace"] for l in lays]
            ws_no = [l["workspace"] - l["im2col"] for l in lays]
            first_in_place = whole_in_place.get(fn["name"], {}).get(g["first_layer"], [])
            gen_fn = gen_funcs.get(gname, {"args": [], "ops": [], "returns": []})
            entry["hoisted_initializers"], entry["shared_initializers"] = initializer_placement(gen_fn)
            # the model, recomputed from the group function's IR
            model, why_not = group_model(gen_fn, ws, first_in_place)
            entry["live_in_at_peak"] = 0
            entry["in_place_pairs"] = 0
            if model is None:
                entry["flags"].append("model not recomputed: " + why_not)
                # the im2col part of the group is unknown for liveness
                entry["estimate_no_im2col"] = (entry["estimate"] - sum(l["im2col"] for l in lays)
                                               if memory_model == "sum" else entry["estimate"])
            else:
                entry["in_place_pairs"] = model["in_place_pairs"]
                entry["in_place_in_group"] = model["in_place_bytes"]
                entry["in_place_from_earlier_group"] = model["in_place_from_earlier_group"]
                if memory_model == "sum":
                    again = model["sum"]
                    entry["estimate_no_im2col"] = again - sum(l["im2col"] for l in lays)
                else:
                    peak = liveness_peak(model["live"], ws)
                    again = peak[0]
                    entry["live_in_at_peak"] = model["live"][peak[3]][1]
                    peak_no = liveness_peak(model["live"], ws_no)
                    entry["estimate_no_im2col"] = peak_no[0]
                    entry["live_in_at_peak_no_im2col"] = model["live"][peak_no[3]][1]
                    entry["estimate_in_place"] = liveness_peak(model["live_in_place"], ws)[0]
                    entry["estimate_no_im2col_in_place"] = liveness_peak(
                        model["live_in_place"], ws_no)[0]
                if again != entry["estimate"]:
                    entry["flags"].append("recomputed %s model %d B != report %d B" %
                                          (memory_model, again, entry["estimate"]))
            entry["im2col"] = entry["estimate"] - entry["estimate_no_im2col"]
            # the function's attribute must be the report's group
            head = part_funcs.get(gname, [""])[0]
            m = FOOTPRINT_ATTR_RE.search(head)
            if not m:
                entry["flags"].append("no group function @%s" % gname)
            elif (int(m.group(1)), int(m.group(4))) != (g["activations"], g["workspace"]):
                entry["flags"].append("function footprint %s differs from report" % (m.groups(),))
            # measured
            if gname not in buf_funcs:
                entry["flags"].append("no function @%s after bufferization" % gname)
                entry.update(measured=None, allocs=[], caller_copies=0, in_place=0,
                             in_place_peak=0, measured_peak=None)
            else:
                allocs = allocations(buf_funcs[gname])
                entry["allocs"] = [ty for _, ty, _ in allocs]
                if any(b is None for _, _, b in allocs):
                    entry["flags"].append("dynamic alloc (not counted)")
                    unknown_allocs += 1
                copied = copies.get(gname, {})
                entry["caller_copies"] = sum(copied.values())
                entry["measured"] = sum(b for _, _, b in allocs if b is not None) + entry["caller_copies"]
                inplace = written_arguments(buf_funcs[gname])
                entry["in_place"] = sum(b for k, b in inplace.items() if k not in copied)
                # for the peak, a caller copy is an argument like any other
                entry["in_place_peak"] = sum(inplace.values())
                entry["measured_peak"] = measured_peak(buf_funcs[gname])
            groups.append(entry)
    if unknown_allocs:
        notes.append("%d dynamic allocs not counted" % unknown_allocs)
    return {"model": name, "memory_model": memory_model, "capacity": capacity, "im2col": im2col,
            "groups": groups, "caller_unattributed": caller_unattributed, "notes": notes}


# ---------------------------------------------------------------- a model ---

CONV_POOL_OPS = ({"tosa.conv2d", "tosa.conv3d", "tosa.depthwise_conv2d", "tosa.transpose_conv2d",
                  "tosa.avg_pool2d", "tosa.max_pool2d"} | set(LINALG_CONVS))


def measure_model(tool, path, workdir, bufferize=BUFFERIZE, im2col=True):
    name = os.path.splitext(os.path.basename(path))[0]
    stem = os.path.join(workdir, name + mode_suffix(im2col))
    report = stem + ".footprint.json"
    part = stem + ".part.mlir"
    with open(path) as f:
        is_tosa = re.search(r"\btosa\.", f.read()) is not None

    opts = pass_options(im2col)
    run([tool, path, "--cache-footprint=report=" + report + opts, "-o", os.devnull], "footprint")
    run([tool, path, "--cache-partition=capacity=1 oversize=isolate" + opts, "-o", part], "partition")
    buffers = lower_and_bufferize(tool, part, stem, is_tosa, bufferize)
    # cross-check: the same lowering + bufferization of the whole, unpartitioned model
    whole = stem + ".whole.bufferized.mlir"
    if is_tosa:
        whole_lowered = stem + ".whole.lowered.mlir"
        run([tool, path, "--pass-pipeline=" + TOSA_PIPELINE, "-o", whole_lowered], "tosa lowering")
        run([tool, whole_lowered] + bufferize + ["-o", whole], "bufferization")
    else:
        run([tool, path] + bufferize + ["-o", whole], "bufferization")
    # the whole model in generic form: in-place pairs of the whole function
    whole_generic = stem + ".whole.generic.mlir"
    run([tool, path, "--mlir-print-op-generic", "-o", whole_generic], "generic print")
    # with im2col=false: the default report too, to check what the option drops
    counted = {}
    if not im2col:
        report_im2col = stem + ".footprint-im2col.json"
        run([tool, path, "--cache-footprint=report=" + report_im2col, "-o", os.devnull],
            "footprint")
        with open(report_im2col) as f:
            for fn in json.load(f)["functions"]:
                for lay in fn["layers"]:
                    counted[(fn["name"], lay["index"])] = lay

    with open(report) as f:
        rep = json.load(f)
    with open(part) as f:
        part_funcs = functions_text(f.read())
    with open(buffers) as f:
        buf_funcs = functions_text(f.read())
    with open(whole) as f:
        whole_funcs = functions_text(f.read())
    with open(whole_generic) as f:
        whole_gen = generic_functions(f.read())

    layers, notes = [], []
    fn_names = {fn["name"] for fn in rep["functions"]}
    copies, caller_unattributed = attributed_copies(buf_funcs, fn_names)
    unknown_allocs = 0
    whole_bytes = 0
    for fn in fn_names:
        for _, _, b in allocations(whole_funcs.get(fn, [])):
            if b is None:
                unknown_allocs += 1
            else:
                whole_bytes += b
    workspace_checked = 0
    # in-place pairs of the whole functions, and the sum model recomputed
    in_place_inits, function_checks = {}, []
    for fn in rep["functions"]:
        ws = [lay["workspace"] for lay in fn["layers"]]
        model, why_not = group_model(whole_gen.get(fn["name"], {"args": [], "ops": [], "returns": []}), ws)
        if model is None:
            notes.append("@%s: sum model not recomputed from the IR: %s" % (fn["name"], why_not))
            continue
        in_place_inits[fn["name"]] = model["in_place_inits"]
        total = fn.get("function_total", {})
        want = total.get("activations", 0) + total.get("workspace", 0)
        function_checks.append((fn["name"], model["sum"], want, model["in_place_pairs"]))
        if total and model["sum"] != want:
            notes.append("@%s: sum model recomputed from the IR %d B != report %d B" %
                         (fn["name"], model["sum"], want))

    for fn in rep["functions"]:
        for lay in fn["layers"]:
            i = lay["index"]
            pname = "%s__part%d" % (fn["name"], i)
            rule = lay.get("workspace_rule", "") or ""
            parts = [r for r in rule.split("+") if r]
            est = lay["activations"] + lay["workspace"]
            entry = {
                "function": fn["name"], "index": i, "op": lay["op"],
                "location": lay.get("location", ""), "rule": rule,
                "activations": lay["activations"], "workspace": lay["workspace"],
                "estimate": est, "im2col": 0, "flags": [],
            }
            # the workspace of a convolution / pooling op, recomputed by parts
            comp, dropped = None, None
            if lay["op"] in CONV_POOL_OPS or "im2col" in parts:
                comp = recompute_workspace(lay["op"], rule, part_funcs.get(pname, []))
                if comp is None:
                    if rule == "im2col":
                        entry["im2col"] = lay["workspace"]
                    elif "im2col" in parts:
                        entry["flags"].append("im2col part unknown (op not recomputed)")
                else:
                    workspace_checked += 1
                    dropped = comp.pop("im2col", 0)
                    if im2col:
                        comp["im2col"] = dropped
                        entry["im2col"] = dropped
                    named = {k: v for k, v in comp.items() if v}
                    if sorted(named) != sorted(parts) or sum(named.values()) != lay["workspace"]:
                        entry["flags"].append(
                            "workspace %d B (rule %s) != recomputed %s" %
                            (lay["workspace"], rule or "-", named))
                    if rule == "im2col" and comp.get("im2col") != lay["workspace"]:
                        entry["im2col"] = lay["workspace"]
            if not im2col:
                # what im2col=false took out of the workspace: the im2col part
                # of the default report, no more, no less
                ref = counted.get((fn["name"], i))
                if ref is None:
                    entry["flags"].append("layer missing from the default report")
                else:
                    diff = ref["workspace"] - lay["workspace"]
                    entry["im2col_dropped"] = diff
                    if dropped is not None:
                        expect = dropped
                    else:
                        expect = ref["workspace"] if ref.get("workspace_rule") == "im2col" else 0
                    if ref["activations"] != lay["activations"] or diff != expect:
                        entry["flags"].append(
                            "im2col=false: workspace %d B -> %d B (rule %s -> %s), recomputed "
                            "im2col part %d B" % (ref["workspace"], lay["workspace"],
                                                  ref.get("workspace_rule", "-"), rule or "-",
                                                  expect))
            entry["estimate_no_im2col"] = est - entry["im2col"]
            # measured
            if pname not in buf_funcs:
                entry["flags"].append("no function @%s after bufferization" % pname)
                entry["measured"] = None
                entry["allocs"] = []
                entry["caller_copies"] = entry["in_place"] = 0
            else:
                allocs = allocations(buf_funcs[pname])
                entry["allocs"] = [ty for _, ty, _ in allocs]
                if any(b is None for _, _, b in allocs):
                    entry["flags"].append("dynamic alloc (not counted)")
                    unknown_allocs += 1
                own = sum(b for _, _, b in allocs if b is not None)
                copied = copies.get(pname, {})
                entry["caller_copies"] = sum(copied.values())
                entry["measured"] = own + entry["caller_copies"]
                inplace = written_arguments(buf_funcs[pname])
                entry["in_place"] = sum(b for k, b in inplace.items() if k not in copied)
            # the isolated function's own footprint must be this layer's
            head = part_funcs.get(pname, [""])[0]
            m = FOOTPRINT_ATTR_RE.search(head)
            if not m:
                entry["flags"].append("no isolated function @%s" % pname)
            elif (int(m.group(1)), int(m.group(4))) != (lay["activations"], lay["workspace"]):
                entry["flags"].append("isolated function footprint %s differs from report" %
                                      (m.groups(),))
            layers.append(entry)
    extra = [f for f in buf_funcs if PART_RE.match(f) and
             not any(f == "%s__part%d" % (l["function"], l["index"]) for l in layers)]
    if extra:
        notes.append("functions without a report layer: " + ", ".join(extra[:5]))
    if unknown_allocs:
        notes.append("%d dynamic allocs not counted" % unknown_allocs)
    return {"model": name, "path": path, "tosa": is_tosa, "im2col": im2col, "layers": layers,
            "caller_unattributed": caller_unattributed, "whole_function_allocs": whole_bytes,
            "workspace_checked": workspace_checked, "in_place_inits": in_place_inits,
            "function_checks": function_checks, "notes": notes}


def within(est, meas):
    if meas is None:
        return False
    if meas == 0:
        return est == 0
    return abs(est - meas) <= TOLERANCE * meas


def residual(l):
    """Difference left after the im2col part and the in-place results."""
    return l["estimate_no_im2col"] - l["in_place"] - l["measured"]


def summarize(res):
    lays = [l for l in res["layers"] if l["measured"] is not None]
    nontrivial = [l for l in lays if l["estimate"] or l["measured"]]
    s = {
        "layers": len(res["layers"]),
        "nontrivial": len(nontrivial),
        "estimate": sum(l["estimate"] for l in lays),
        "estimate_no_im2col": sum(l["estimate_no_im2col"] for l in lays),
        "measured": sum(l["measured"] for l in lays),
        "caller_copies": sum(l["caller_copies"] for l in lays),
        "im2col": sum(l["im2col"] for l in lays),
        "in_place": sum(l["in_place"] for l in lays),
        "in_place_layers": sum(1 for l in lays if l["in_place"]),
        "residual": sum(residual(l) for l in lays),
        "within": sum(within(l["estimate"], l["measured"]) for l in nontrivial),
        "within_no_im2col": sum(within(l["estimate_no_im2col"], l["measured"])
                                for l in nontrivial),
        "within_explained": sum(within(l["estimate_no_im2col"] - l["in_place"], l["measured"])
                                for l in nontrivial),
        "im2col_dropped": sum(l.get("im2col_dropped", 0) for l in lays),
        "flagged": [l for l in res["layers"] if l["flags"]],
    }
    nan = float("nan")
    m = s["measured"]
    s["ratio"] = s["estimate"] / m if m else nan
    s["ratio_no_im2col"] = s["estimate_no_im2col"] / m if m else nan
    s["ratio_explained"] = (s["estimate_no_im2col"] - s["in_place"]) / m if m else nan
    return s


# ---------------------------------------------------------------- output ---

def mb(b):
    text = "%.2f" % (b / 1e6)
    return "0.00" if text == "-0.00" else text


def pct(k, n):
    return "%d/%d (%d%%)" % (k, n, round(100.0 * k / n)) if n else "-"


def short_type(ty):
    return ty[len("memref<"):-1] if ty.startswith("memref<") else ty


def mode_name(im2col):
    return "im2col counted" if im2col else "im2col=false"


def table(out, columns, rows):
    """A Markdown table: columns = [(header, align, cell function)]."""
    out.write("| %s |\n" % " | ".join(h for h, _, _ in columns))
    out.write("|%s|\n" % "|".join("---:" if al == "r" else "---" for _, al, _ in columns))
    for row in rows:
        out.write("| %s |\n" % " | ".join(str(f(row)) for _, _, f in columns))


def why(l):
    """A short explanation of a layer's difference."""
    parts = []
    if l["im2col"]:
        parts.append("im2col %d B not materialised" % l["im2col"])
    if l["in_place"]:
        parts.append("result written in place into an argument (%d B)" % l["in_place"])
    r = residual(l)
    other_ws = l["workspace"] - l["im2col"]
    if r > 0 and other_ws and r == other_ws:
        parts.append("workspace '%s' %d B not allocated" % (l["rule"], other_ws))
    elif r > 0:
        parts.append("%d B estimated but not allocated" % r)
    elif r < 0:
        parts.append("%d B allocated beyond the estimate" % -r)
    if l["caller_copies"]:
        parts.append("incl. %d B copied by the caller" % l["caller_copies"])
    allocs = ", ".join(short_type(t) for t in l["allocs"]) or "none"
    return "; ".join(parts) + " [allocs in the part: %s]" % allocs


def print_tables(results, worst, out, im2col=True):
    ok = [r for r in results if "error" not in r]
    out.write("Layers, %s (`--cache-footprint%s`; measured = bytes allocated in the layer's "
              "isolated function; MB):\n\n" % (mode_name(im2col),
                                                 "" if im2col else '="im2col=false"'))
    errors = [r for r in results if "error" in r]
    table(out, [
        ("model", "l", lambda r: r["model"]),
        ("layers (non-zero)", "r", lambda r: "%d (%d)" % (r["summary"]["layers"],
                                                          r["summary"]["nontrivial"])),
        ("estimate act+ws MB", "r", lambda r: mb(r["summary"]["estimate"])),
        ("measured MB", "r", lambda r: mb(r["summary"]["measured"])),
        ("ratio", "r", lambda r: "%.2f" % r["summary"]["ratio"]),
        ("layers within 10%", "r", lambda r: pct(r["summary"]["within"], r["summary"]["nontrivial"])),
        ("total within 10%?", "l", lambda r: "yes" if within(r["summary"]["estimate"],
                                                             r["summary"]["measured"]) else "no"),
    ], ok)
    for r in errors:
        out.write("\n- %s: error: %s\n" % (r["model"], r["error"]))

    out.write("\nWhere the difference comes from (MB; estimate - measured = %sin place + rest):\n\n"
              % ("im2col + " if im2col else ""))
    cols = [("model", "l", lambda r: r["model"]),
            ("estimate - measured", "r", lambda r: mb(r["summary"]["estimate"] - r["summary"]["measured"]))]
    if im2col:
        cols.append(("im2col", "r", lambda r: mb(r["summary"]["im2col"])))
    cols += [
        ("results in place (layers)", "r", lambda r: "%s (%d)" % (mb(r["summary"]["in_place"]),
                                                                  r["summary"]["in_place_layers"])),
        ("rest", "r", lambda r: mb(r["summary"]["residual"])),
        ("ratio less %sin place" % ("im2col, " if im2col else ""), "r",
         lambda r: "%.2f" % r["summary"]["ratio_explained"]),
        ("layers within 10%%, less %sin place" % ("im2col, " if im2col else ""), "r",
         lambda r: pct(r["summary"]["within_explained"], r["summary"]["nontrivial"])),
        ("measured: of which caller copies", "r", lambda r: mb(r["summary"]["caller_copies"])),
        ("unpartitioned model allocs", "r", lambda r: mb(r["whole_function_allocs"])),
    ]
    table(out, cols, ok)

    def layer_table(title, key, keep):
        out.write("\n%s\n\n" % title)
        rows = []
        for res in ok:
            lays = [l for l in res["layers"] if l["measured"] is not None and keep(l)]
            lays.sort(key=lambda l: (-abs(key(l)), l["index"]))
            rows += [(res["model"], l) for l in lays[:worst]]
        cols = [("model", "l", lambda x: x[0]), ("layer", "r", lambda x: x[1]["index"]),
                ("op", "l", lambda x: x[1]["op"]), ("rule", "l", lambda x: x[1]["rule"] or "-"),
                ("estimate B", "r", lambda x: x[1]["estimate"])]
        if im2col:
            cols.append(("w/o im2col B", "r", lambda x: x[1]["estimate_no_im2col"]))
        cols += [("measured B", "r", lambda x: x[1]["measured"]), ("why", "l", lambda x: why(x[1]))]
        table(out, cols, rows)

    layer_table("Worst layers (largest |estimate - measured|):",
                lambda l: l["estimate"] - l["measured"],
                lambda l: l["estimate"] != l["measured"])
    layer_table("Largest differences not explained by %sin-place results:" %
                ("im2col or " if im2col else ""), residual, lambda l: residual(l) != 0)

    flagged = [(res["model"], l) for res in ok for l in res["summary"]["flagged"]]
    notes = [(res["model"], n) for res in ok for n in res["notes"]]
    checked = sum(res["workspace_checked"] for res in ok)
    mismatches = sum(1 for _, l in flagged
                     if any("recomputed" in f or "im2col=false" in f for f in l["flags"]))
    what = ("im2col, padded-input, accumulator and bias-staging parts" if im2col else
            "padded-input, accumulator and bias-staging parts, and the im2col part that "
            "im2col=false drops (default report - this report)")
    notes.append(("all models", "%s recomputed from the op shapes for %d convolution / pooling "
                  "layers: %s" % (what, checked, "%d disagree with the report (above)" % mismatches
                                  if mismatches else "all agree with the report")))
    if not im2col:
        notes.append(("all models", "im2col=false dropped %s MB of workspace in total" %
                      mb(sum(res["summary"]["im2col_dropped"] for res in ok))))
    funcs = [c for res in ok for c in res["function_checks"]]
    bad = [c for c in funcs if c[1] != c[2]]
    notes.append(("all models", "sum model of the whole function recomputed from the IR (free "
                  "ops incl. fill initializers, in-place pairs) for %d functions: %s" % (
                      len(funcs), "%d disagree (above)" % len(bad) if bad
                      else "all agree with the report")))
    notes += [(res["model"], "%d B allocated by the caller and passed to no layer" %
               res["caller_unattributed"]) for res in ok if res["caller_unattributed"]]
    out.write("\nFlags:\n\n")
    for model, l in flagged[:40]:
        out.write("- %s layer %d %s (%s): %s\n" % (model, l["index"], l["op"], l["location"],
                                                 "; ".join(l["flags"])))
    if len(flagged) > 40:
        out.write("- ... %d more\n" % (len(flagged) - 40))
    for model, n in notes:
        out.write("- %s: %s\n" % (model, n))


# ------------------------------------------------------ group mode: output ---

def summarize_groups(gres):
    gs = [g for g in gres["groups"] if g["measured"] is not None]
    nontrivial = [g for g in gs if g["estimate"] or g["measured"]]
    multi = [g for g in nontrivial if g["layers"] > 1]
    peak_ok = [g for g in nontrivial if g.get("measured_peak") is not None]
    in_place_est = lambda g: g.get("estimate_in_place", g["estimate"])
    s = {
        "groups": len(gres["groups"]), "nontrivial": len(nontrivial), "multi": len(multi),
        "estimate": sum(g["estimate"] for g in gs),
        "estimate_no_im2col": sum(g["estimate_no_im2col"] for g in gs),
        "measured": sum(g["measured"] for g in gs),
        "measured_peak": sum(g["measured_peak"] or 0 for g in gs),
        "im2col": sum(g["im2col"] for g in gs),
        "in_place": sum(g["in_place"] for g in gs),
        "in_place_groups": sum(1 for g in gs if g["in_place"]),
        "in_place_in_group": sum(g.get("in_place_in_group", 0) for g in gs),
        "in_place_pairs": sum(g["in_place_pairs"] for g in gs),
        "in_place_from_earlier_group": sum(g.get("in_place_from_earlier_group", 0) for g in gs),
        "caller_copies": sum(g["caller_copies"] for g in gs),
        "live_in_at_peak": sum(g["live_in_at_peak"] for g in gs),
        "within": sum(within(g["estimate"], g["measured"]) for g in nontrivial),
        "within_explained": sum(within(g["estimate_no_im2col"] - g["in_place"], g["measured"])
                                for g in nontrivial),
        "multi_within": sum(within(g["estimate"], g["measured"]) for g in multi),
        "peak_within": sum(within(g["estimate"], g["measured_peak"]) for g in peak_ok),
        "multi_peak_within": sum(within(g["estimate"], g["measured_peak"])
                                 for g in peak_ok if g["layers"] > 1),
        "estimate_in_place": sum(in_place_est(g) for g in gs),
        "peak_under": sum(1 for g in peak_ok if g["estimate"] < (1 - TOLERANCE) * g["measured_peak"]),
        "peak_under_initializers": sum(1 for g in peak_ok
                                       if g["estimate"] < (1 - TOLERANCE) * g["measured_peak"]
                                       and (g["hoisted_initializers"] or g["shared_initializers"])),
        "peak_within_in_place": sum(within(in_place_est(g), g["measured_peak"]) for g in peak_ok),
        "flagged": [g for g in gres["groups"] if g["flags"]],
    }
    nan = float("nan")
    m, p = s["measured"], s["measured_peak"]
    s["ratio"] = s["estimate"] / m if m else nan
    s["ratio_explained"] = (s["estimate_no_im2col"] - s["in_place"]) / m if m else nan
    s["peak_ratio"] = s["estimate"] / p if p else nan
    s["peak_ratio_in_place"] = s["estimate_in_place"] / p if p else nan
    s["rest"] = s["estimate_no_im2col"] - s["in_place"] - s["measured"]
    return s


def group_why(g, against="measured"):
    parts = []
    if g["im2col"]:
        parts.append("im2col %d B" % g["im2col"])
    if against == "measured":
        if g["in_place"]:
            parts.append("result in place into an argument %d B" % g["in_place"])
        r = g["estimate_no_im2col"] - g["in_place"] - g["measured"]
    else:
        shared = g["estimate_no_im2col"] - g.get("estimate_no_im2col_in_place",
                                                 g["estimate_no_im2col"])
        if shared:
            parts.append("result in place into a live-in %d B" % shared)
        r = g["estimate_no_im2col"] - shared - g["measured_peak"]
    if r > 0:
        parts.append("%d B estimated, not allocated" % r)
    elif r < 0:
        parts.append("%d B allocated beyond the estimate" % -r)
    if g["caller_copies"]:
        parts.append("incl. %d B copied by the caller" % g["caller_copies"])
    if g.get("in_place_in_group"):
        parts.append("model: %d in-place pair(s), -%d B" % (g["in_place_pairs"], g["in_place_in_group"]))
    if against != "measured" and (g.get("hoisted_initializers") or g.get("shared_initializers")):
        parts.append("fill initializers: %d ahead of their consumer, %d shared" % (
            g["hoisted_initializers"], g["shared_initializers"]))
    allocs = [short_type(t) for t in g["allocs"]]
    listed = ", ".join(allocs[:4]) + (", ... %d more" % (len(allocs) - 4) if len(allocs) > 4 else "")
    return "; ".join(parts) + " [%d allocs: %s]" % (len(allocs), listed or "none")


def group_ops(g):
    ops = [o.split(".", 1)[1] if "." in o else o for o in g["ops"]]
    return ", ".join(ops[:4]) + (", ..." if len(ops) > 4 else "")


def print_group_tables(gresults, worst, out, im2col=True):
    """The group-mode tables; `worst` groups listed per model and memory model."""
    ok = [r for r in gresults if "error" not in r]
    opt = "" if im2col else " im2col=false"
    for r in gresults:
        if "error" in r:
            out.write("- %s %s: error: %s\n" % (r["model"], r["memory_model"], r["error"]))
    sums = [r for r in ok if r["memory_model"] == "sum"]
    S = lambda r: r["summary"]
    if sums:
        out.write("\nGroups, sum model, %s (`--cache-partition=\"capacity=C oversize=isolate "
                  "memory-model=sum%s\"`; measured = bytes allocated in the group's function; "
                  "MB):\n\n" % (mode_name(im2col), opt))
        cols = [
            ("model", "l", lambda r: r["model"]),
            ("capacity", "l", lambda r: r["capacity"]),
            ("groups (multi-layer)", "r", lambda r: "%d (%d)" % (S(r)["groups"], S(r)["multi"])),
            ("estimate act+ws MB", "r", lambda r: mb(S(r)["estimate"])),
            ("measured MB", "r", lambda r: mb(S(r)["measured"])),
            ("ratio", "r", lambda r: "%.2f" % S(r)["ratio"]),
            ("groups within 10%", "r", lambda r: pct(S(r)["within"], S(r)["nontrivial"])),
            ("multi-layer groups within 10%", "r", lambda r: pct(S(r)["multi_within"], S(r)["multi"])),
            ("total within 10%?", "l", lambda r: "yes" if within(S(r)["estimate"], S(r)["measured"])
             else "no"),
        ]
        table(out, cols, sums)

        out.write("\nSum model groups, where the difference comes from (MB; estimate - measured "
                  "= %sin place + rest):\n\n" % ("im2col + " if im2col else ""))
        cols = [("model", "l", lambda r: r["model"]),
                ("estimate - measured", "r", lambda r: mb(S(r)["estimate"] - S(r)["measured"]))]
        if im2col:
            cols.append(("im2col", "r", lambda r: mb(S(r)["im2col"])))
        cols += [
            ("results in place (groups)", "r", lambda r: "%s (%d)" % (mb(S(r)["in_place"]),
                                                                      S(r)["in_place_groups"])),
            ("rest", "r", lambda r: mb(S(r)["rest"])),
            ("ratio less %sin place" % ("im2col, " if im2col else ""), "r",
             lambda r: "%.2f" % S(r)["ratio_explained"]),
            ("groups within 10%%, less %sin place" % ("im2col, " if im2col else ""), "r",
             lambda r: pct(S(r)["within_explained"], S(r)["nontrivial"])),
            ("model: in-place pairs in groups (MB saved)", "r",
             lambda r: "%d (%s)" % (S(r)["in_place_pairs"], mb(S(r)["in_place_in_group"]))),
            ("measured: of which caller copies", "r", lambda r: mb(S(r)["caller_copies"])),
        ]
        table(out, cols, sums)

    live = [r for r in ok if r["memory_model"] == "liveness"]
    if live:
        out.write("\nGroups, liveness model, %s (`memory-model=liveness%s`), against the measured "
                  "peak (buffers live at once in the bufferized group function, arguments "
                  "included; MB). *In place into live-ins* is a what-if, not the model: the peak "
                  "recomputed as if a destination-style layer also shared the buffer of any "
                  "live-in init that it is the last user of:\n\n" % (mode_name(im2col), opt))
        cols = [
            ("model", "l", lambda r: r["model"]),
            ("capacity", "l", lambda r: r["capacity"]),
            ("groups (multi-layer)", "r", lambda r: "%d (%d)" % (S(r)["groups"], S(r)["multi"])),
            ("estimate MB", "r", lambda r: mb(S(r)["estimate"])),
            ("measured peak MB", "r", lambda r: mb(S(r)["measured_peak"])),
            ("ratio", "r", lambda r: "%.2f" % S(r)["peak_ratio"]),
            ("groups within 10%", "r", lambda r: pct(S(r)["peak_within"], S(r)["nontrivial"])),
            ("multi-layer groups within 10%", "r",
             lambda r: pct(S(r)["multi_peak_within"], S(r)["multi"])),
            ("total within 10%?", "l",
             lambda r: "yes" if within(S(r)["estimate"], S(r)["measured_peak"]) else "no"),
            ("groups under by more than 10% (with a fill initializer ahead of its consumer or "
             "shared)", "r", lambda r: "%d (%d)" % (S(r)["peak_under"], S(r)["peak_under_initializers"])),
            ("in-place pairs from an earlier group", "r",
             lambda r: S(r)["in_place_from_earlier_group"]),
            ("what-if: in place into live-ins, ratio", "r",
             lambda r: "%.2f" % S(r)["peak_ratio_in_place"]),
            ("what-if: groups within 10%", "r",
             lambda r: pct(S(r)["peak_within_in_place"], S(r)["nontrivial"])),
            ("measured allocs MB", "r", lambda r: mb(S(r)["measured"])),
        ]
        table(out, cols, live)

    out.write("\nWorst groups (largest difference not explained by %sresults in place; "
              "sum: against the allocations, liveness: against the measured peak):\n\n" %
              ("im2col or " if im2col else ""))
    rows = []
    for r in ok:
        if r["memory_model"] == "sum":
            against = "measured"
            key = lambda g: g["estimate_no_im2col"] - g["in_place"] - g["measured"]
        else:
            against = "measured_peak"
            key = lambda g: (g.get("estimate_no_im2col_in_place", g["estimate_no_im2col"]) -
                             g["measured_peak"])
        gs = [g for g in r["groups"] if g["measured"] is not None and key(g) != 0]
        gs.sort(key=lambda g: (-abs(key(g)), g["group"]))
        rows += [(r, g, against) for g in gs[:worst]]
    cols = [("model", "l", lambda x: x[0]["model"]),
            ("memory model", "l", lambda x: x[0]["memory_model"]),
            ("group", "r", lambda x: x[1]["group"]),
            ("layers", "l", lambda x: "%d-%d" % (x[1]["first"], x[1]["last"])),
            ("ops", "l", lambda x: group_ops(x[1])),
            ("estimate B", "r", lambda x: x[1]["estimate"])]
    if im2col:
        cols.append(("w/o im2col B", "r", lambda x: x[1]["estimate_no_im2col"]))
    cols += [("measured B", "r", lambda x: x[1]["measured"]),
             ("peak B", "r", lambda x: x[1]["measured_peak"]),
             ("why", "l", lambda x: group_why(x[1], x[2]))]
    table(out, cols, rows)

    flagged = [(r, g) for r in ok for g in r["summary"]["flagged"]]
    checked = sum(r["summary"]["groups"] for r in ok)
    out.write("\nGroup flags:\n\n")
    for r, g in flagged[:40]:
        out.write("- %s %s group %d (@%s): %s\n" % (r["model"], r["memory_model"], g["group"],
                                                     g["name"], "; ".join(g["flags"])))
    if len(flagged) > 40:
        out.write("- ... %d more\n" % (len(flagged) - 40))
    out.write("- all models: the sum / liveness model recomputed from each group function's IR "
              "for %d groups: %s\n" % (checked, "%d disagree (above)" % len(flagged) if flagged
                                       else "all agree with the report"))
    for r in ok:
        if r["caller_unattributed"]:
            out.write("- %s %s: %d B allocated by the caller and passed to no group\n" % (
                r["model"], r["memory_model"], r["caller_unattributed"]))
        for n in r["notes"]:
            out.write("- %s %s: %s\n" % (r["model"], r["memory_model"], n))


# ----------------------------------------------------------------- verdict ---

def verdict(est, meas, k, n):
    """'**met** (ratio, share)' when the total is within 10% and at least 90%
    of the non-zero layers / groups are; 'no (...)' otherwise."""
    if not meas or not n:
        return "-"
    met = within(est, meas) and k >= 0.9 * n
    return "%s (%.2f, %d%%)" % ("**met**" if met else "no", est / meas, round(100.0 * k / n))


def print_verdict(runs, out):
    """One row per model; columns by level (layers, sum groups, liveness
    groups), each with the im2col runs side by side."""
    models, cols = [], []
    for m_index, (im2col, results, gresults) in enumerate(runs):
        mode = "im2col" if im2col else "im2col=false"
        for r in results + gresults:
            if r["model"] not in models:
                models.append(r["model"])
        by_model = {r["model"]: r for r in results if "error" not in r}
        if by_model:
            cols.append(((0, m_index), "layers, " + mode, by_model,
                         lambda s: (s["estimate"], s["measured"], s["within"], s["nontrivial"])))
        for level, mm in ((1, "sum"), (2, "liveness")):
            by = {g["model"]: g for g in gresults if g["memory_model"] == mm and "error" not in g}
            if not by:
                continue
            if mm == "sum":
                f = lambda s: (s["estimate"], s["measured"], s["within"], s["nontrivial"])
            else:
                f = lambda s: (s["estimate"], s["measured_peak"], s["peak_within"], s["nontrivial"])
            cols.append(((level, m_index), "groups %s, %s" % (mm, mode), by, f))
    cols.sort(key=lambda c: c[0])
    out.write("\nIs the 10% aim met? (total within 10% and at least 90% of the non-zero layers "
              "or groups within 10%; in brackets estimate / measured and the share within 10%; "
              "groups: sum model against the allocations, liveness model against the measured "
              "peak)\n\n")
    table(out, [("model", "l", lambda m: m)] +
          [(title, "l", (lambda by, f: lambda m: verdict(*f(by[m]["summary"])) if m in by
                         else "error")(by, f)) for _, title, by, f in cols], models)


def default_models(corpus):
    models = [os.path.join(REPO_ROOT, "examples", m) for m in EXAMPLES]
    nelli = os.path.join(corpus, "nelli")
    if os.path.isdir(nelli):
        models += [os.path.join(nelli, m) for m in NELLI if os.path.exists(os.path.join(nelli, m))]
    return models


def default_capacity(path):
    """Group-mode capacity: 2MB for the bundled examples, 256KB for the others
    (the torch-mlir models are small: 2MB leaves them 1-14 groups)."""
    examples = os.path.join(REPO_ROOT, "examples") + os.sep
    return EXAMPLE_CAPACITY if os.path.abspath(path).startswith(examples) else CORPUS_CAPACITY


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", nargs="*", help="model files (default: examples + a few nelli)")
    ap.add_argument("--tool", default=DEFAULT_TOOL)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--layers", action="store_true", help="per-layer comparison only")
    mode.add_argument("--groups", metavar="CAPACITY", nargs="?", const="default",
                      help="group comparison only, at this capacity for every model (no value: "
                           "%s for examples/, %s for the others)" % (EXAMPLE_CAPACITY,
                                                                      CORPUS_CAPACITY))
    ap.add_argument("--memory-models", default="sum,liveness",
                    help="memory models of the group mode (comma-separated)")
    im2col = ap.add_mutually_exclusive_group()
    im2col.add_argument("--im2col", choices=["true", "false", "both"], default="both",
                        help="run the passes with im2col=true (the default of the passes: "
                             "convolutions get an im2col workspace), im2col=false, or both, one "
                             "after the other (default: both)")
    im2col.add_argument("--no-im2col", dest="im2col", action="store_const", const="false",
                        help="same as --im2col=false")
    ap.add_argument("--worst", type=int, default=3, help="worst layers listed per model")
    ap.add_argument("--worst-groups", type=int, default=1,
                    help="worst groups listed per model and memory model")
    ap.add_argument("--json", help="write every layer's and group's numbers to this file")
    ap.add_argument("--keep", help="keep the intermediate files in this folder")
    ap.add_argument("--no-canonicalize", action="store_true",
                    help="bufferize without -canonicalize -cse first")
    args = ap.parse_args()
    if args.groups not in (None, "default") and not re.fullmatch(r"\d+\s*([KMG]B?|B)?", args.groups):
        ap.error("--groups: %r is not a capacity (e.g. 2MB, 512KB, 1048576)" % args.groups)

    models = args.models or default_models(args.corpus)
    memory_models = [m.strip() for m in args.memory_models.split(",") if m.strip()]
    modes = {"true": [True], "false": [False], "both": [True, False]}[args.im2col]
    do_groups = not args.layers
    bufferize = BUFFERIZE[2:] if args.no_canonicalize else BUFFERIZE
    workdir = args.keep or tempfile.mkdtemp(prefix="accuracy_check.")
    os.makedirs(workdir, exist_ok=True)
    start = time.time()
    runs = []      # (im2col, per-layer results, group results)
    try:
        for im2col in modes:
            results, gresults = [], []
            for path in models:
                t0 = time.time()
                name = os.path.splitext(os.path.basename(path))[0]
                try:
                    # the group mode needs the per-layer workspaces: always measured
                    res = measure_model(args.tool, path, workdir, bufferize, im2col)
                    res["summary"] = summarize(res)
                except (ToolError, OSError, ValueError, KeyError) as err:
                    res = {"model": name, "error": str(err)}
                results.append(res)
                if do_groups:
                    capacity = (args.groups if args.groups not in (None, "default")
                                else default_capacity(path))
                    for mm in memory_models:
                        if "error" in res:
                            gresults.append({"model": name, "memory_model": mm,
                                             "capacity": capacity, "error": res["error"]})
                            continue
                        try:
                            g = measure_groups(args.tool, path, workdir, capacity, mm, res,
                                               bufferize, im2col)
                            g["summary"] = summarize_groups(g)
                        except (ToolError, OSError, ValueError, KeyError) as err:
                            g = {"model": name, "memory_model": mm, "capacity": capacity,
                                 "error": str(err)}
                        gresults.append(g)
                res["seconds"] = round(time.time() - t0, 2)
                sys.stderr.write("%-32s %-14s %5.1fs\n" % (name, mode_name(im2col), res["seconds"]))
                sys.stderr.flush()
            runs.append((im2col, results, gresults))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    out = sys.stdout
    for k, (im2col, results, gresults) in enumerate(runs):
        out.write("%s## %s\n\n" % ("\n" if k else "", mode_name(im2col).capitalize()))
        if args.groups is None:
            print_tables(results, args.worst, out, im2col)
        if do_groups:
            print_group_tables(gresults, args.worst_groups, out, im2col)
    print_verdict([(im2col, results if args.groups is None else [], gresults)
                   for im2col, results, gresults in runs], out)
    total = time.time() - start
    out.write("\n%s, %d models, %s, %.1f s total, %d CPUs (%s)%s\n" % (
        datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), len(models),
        " and ".join(mode_name(m) for m in modes), total, os.cpu_count() or 0, platform.machine(),
        ", without -canonicalize -cse" if args.no_canonicalize else ""))
    if args.json:
        with open(args.json, "w") as f:
            def strip(r):
                r = dict(r)
                if "summary" in r:
                    r["summary"] = {k: v for k, v in r["summary"].items() if k != "flagged"}
                return r
            json.dump({"runs": [{"im2col": im2col, "results": [strip(r) for r in results],
                                 "groups": [strip(r) for r in gresults]}
                                for im2col, results, gresults in runs]}, f, indent=1)
    return 1 if any("error" in r for _, results, gresults in runs
                    for r in results + gresults) else 0


if __name__ == "__main__":
    sys.exit(main())
