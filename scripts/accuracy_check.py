#!/usr/bin/env python3
"""Accuracy check of the footprint model against one-shot bufferization.

For every model, each layer's estimated activation + workspace bytes (the
`--cache-footprint` report, sum model) is compared with the bytes of the
buffers that one-shot bufferization allocates for that layer:

  1. footprint   cachepart-opt M --cache-footprint="report=R.json"
  2. isolate     cachepart-opt M --cache-partition="capacity=1 oversize=isolate"
                 -> every layer i in its own function @<fn>__part<i>
  3. lower       transfers replaced by their operand (cache-lower-transfers);
                 TOSA models also go through tosa-to-linalg-named,
                 tosa-to-linalg, tosa-to-arith, tosa-to-tensor
  4. bufferize   -canonicalize -cse -one-shot-bufferize="bufferize-function-
                 boundaries function-boundary-type-conversion=identity-layout-map"
  5. measure     bytes of every memref.alloc / memref.alloca in @<fn>__part<i>
                 (constants become memref.global and are not counted)
  6. compare     estimate = activations + workspace, and the same without the
                 im2col part of the workspace (no bufferization materialises an
                 im2col buffer: it only appears after a conv-to-GEMM rewrite).

The im2col part is recomputed from the op's shapes in the isolated function
(output points x kernel taps x input channels, input element size; for
depthwise convolutions output points x channels x taps), and so is the rest
of a composite workspace (padded input copy, wide accumulator): the script
checks that the parts add up to the reported workspace and flags the layer
otherwise.

Attribution. A buffer the original (caller) function allocates and passes to
@<fn>__part<i> (a copy that bufferization inserts because the callee writes
in place into an argument the caller still reads) is counted for layer i. A
part that returns one of its arguments wrote its result in place into a
buffer made by an earlier layer (typically the `outs` filled by a
`linalg.fill`): it allocates nothing, and those bytes are reported as "in
place". As a cross-check the whole, unpartitioned model is lowered and
bufferized the same way and its allocations are summed.

Prints a Markdown table to stdout. Python 3 standard library only; runs one
process at a time.

  scripts/accuracy_check.py                      # default model list
  scripts/accuracy_check.py a.mlir b.mlir        # given models
  scripts/accuracy_check.py --json out.json      # also dump every layer
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
    "resnet50_tosa_f16.mlir",   # the only example with a wide accumulator (acc_type = f32)
]
NELLI = ["resnet18.mlir", "mobilenet_v2.mlir", "squeezenet1_0.mlir", "vgg11.mlir",
         "efficientnet_b0.mlir"]

TOSA_PIPELINE = ("builtin.module(cache-lower-transfers,func.func(tosa-to-linalg-named,"
                 "tosa-to-linalg,tosa-to-arith,tosa-to-tensor))")
BUFFERIZE = ["-canonicalize", "-cse",
             "-one-shot-bufferize=bufferize-function-boundaries "
             "function-boundary-type-conversion=identity-layout-map"]
TOLERANCE = 0.10


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


def returned_arguments(lines):
    """{argument index: bytes} of the function's results that are arguments
    (the layer wrote its result in place into an argument's buffer)."""
    out = {}
    header = lines[0] if lines else ""
    args = {}
    m = re.search(r"\((.*?)\)\s*(?:->|attributes|\{)", header)
    if m:
        for k, a in enumerate(split_top(m.group(1))):
            mm = re.match(r"%arg(\d+)\s*:\s*(memref<.*)", a)
            if mm:
                args[int(mm.group(1))] = shaped_bytes(mm.group(2).split(" {")[0])
    for line in lines:
        m = RETURN_RE.match(line)
        if not m:
            continue
        for v in m.group(1).split(","):
            mm = re.fullmatch(r"%arg(\d+)", v.strip())
            if mm and int(mm.group(1)) in args:
                out[int(mm.group(1))] = args[int(mm.group(1))] or 0
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
    in_bytes = element_bits(in_elem) / 8.0
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
                comp["accumulator"] = out_elems * acc_bits // 8
        if op == "tosa.depthwise_conv2d" and "accumulator" not in comp:
            # The zero-filled conv result the bias is then added from.
            comp["bias-staging"] = int(out_elems * element_bits(out_elem) / 8)
        return comp
    return None


# ---------------------------------------------------------------- a model ---

def measure_model(tool, path, workdir, bufferize=BUFFERIZE):
    name = os.path.splitext(os.path.basename(path))[0]
    report = os.path.join(workdir, name + ".footprint.json")
    part = os.path.join(workdir, name + ".part.mlir")
    lowered = os.path.join(workdir, name + ".lowered.mlir")
    buffers = os.path.join(workdir, name + ".bufferized.mlir")
    with open(path) as f:
        is_tosa = re.search(r"\btosa\.", f.read()) is not None

    run([tool, path, "--cache-footprint=report=" + report, "-o", os.devnull], "footprint")
    run([tool, path, "--cache-partition=capacity=1 oversize=isolate", "-o", part], "partition")
    if is_tosa:
        run([tool, part, "--pass-pipeline=" + TOSA_PIPELINE, "-o", lowered], "tosa lowering")
    else:
        run([tool, part, "--cache-lower-transfers", "-o", lowered], "lower transfers")
    run([tool, lowered] + bufferize + ["-o", buffers], "bufferization")
    # cross-check: the same lowering + bufferization of the whole, unpartitioned model
    whole = os.path.join(workdir, name + ".whole.bufferized.mlir")
    if is_tosa:
        whole_lowered = os.path.join(workdir, name + ".whole.lowered.mlir")
        run([tool, path, "--pass-pipeline=" + TOSA_PIPELINE, "-o", whole_lowered], "tosa lowering")
        run([tool, whole_lowered] + bufferize + ["-o", whole], "bufferization")
    else:
        run([tool, path] + bufferize + ["-o", whole], "bufferization")

    with open(report) as f:
        rep = json.load(f)
    with open(part) as f:
        part_funcs = functions_text(f.read())
    with open(buffers) as f:
        buf_funcs = functions_text(f.read())
    with open(whole) as f:
        whole_funcs = functions_text(f.read())

    layers, notes = [], []
    fn_names = {fn["name"] for fn in rep["functions"]}
    copies, caller_unattributed = {}, 0
    for fname, lines in buf_funcs.items():
        m = PART_RE.match(fname)
        if m and m.group(1) in fn_names:
            continue
        passed, rest = caller_copies(lines)
        caller_unattributed += rest
        for callee, by_arg in passed.items():
            for k, b in by_arg.items():
                copies.setdefault(callee, {})[k] = copies.get(callee, {}).get(k, 0) + b
    unknown_allocs = 0
    whole_bytes = 0
    for fn in fn_names:
        for _, _, b in allocations(whole_funcs.get(fn, [])):
            if b is None:
                unknown_allocs += 1
            else:
                whole_bytes += b
    im2col_checked = 0

    for fn in rep["functions"]:
        for lay in fn["layers"]:
            i = lay["index"]
            pname = "%s__part%d" % (fn["name"], i)
            rule = lay.get("workspace_rule", "") or ""
            est = lay["activations"] + lay["workspace"]
            entry = {
                "function": fn["name"], "index": i, "op": lay["op"],
                "location": lay.get("location", ""), "rule": rule,
                "activations": lay["activations"], "workspace": lay["workspace"],
                "estimate": est, "im2col": 0, "flags": [],
            }
            # im2col part of the workspace
            if "im2col" in rule.split("+"):
                comp = recompute_workspace(lay["op"], rule, part_funcs.get(pname, []))
                if comp is None:
                    if rule == "im2col":
                        entry["im2col"] = lay["workspace"]
                    else:
                        entry["flags"].append("im2col part unknown (op not recomputed)")
                else:
                    im2col_checked += 1
                    entry["im2col"] = comp.get("im2col", 0)
                    named = {k: v for k, v in comp.items() if v}
                    if sorted(named) != sorted(rule.split("+")) or sum(named.values()) != lay["workspace"]:
                        entry["flags"].append(
                            "workspace %d B (rule %s) != recomputed %s" %
                            (lay["workspace"], rule, named))
                    if rule == "im2col" and comp.get("im2col") != lay["workspace"]:
                        entry["im2col"] = lay["workspace"]
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
                inplace = returned_arguments(buf_funcs[pname])
                entry["in_place"] = sum(b for k, b in inplace.items() if k not in copied)
            # the isolated function's own footprint must be this layer's
            head = part_funcs.get(pname, [""])[0]
            m = re.search(r"cachepart\.footprint = \{activations = (\d+) : i64, total = (\d+) "
                          r": i64, weights = (\d+) : i64, workspace = (\d+) : i64\}", head)
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
    return {"model": name, "path": path, "tosa": is_tosa, "layers": layers,
            "caller_unattributed": caller_unattributed, "whole_function_allocs": whole_bytes,
            "im2col_checked": im2col_checked, "notes": notes}


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


def print_tables(results, worst, out):
    ok = [r for r in results if "error" not in r]
    out.write("| model | layers (non-zero) | estimate act+ws MB | estimate w/o im2col MB | "
              "measured MB | ratio | ratio w/o im2col | layers within 10% | "
              "layers within 10% w/o im2col | total within 10%? |\n")
    out.write("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
    for res in results:
        if "error" in res:
            out.write("| %s | error: %s |||||||||\n" % (res["model"], res["error"].replace("|", "/")))
            continue
        s = res["summary"]
        out.write("| %s | %d (%d) | %s | %s | %s | %.2f | %.2f | %s | %s | %s; w/o im2col: %s |\n" % (
            res["model"], s["layers"], s["nontrivial"], mb(s["estimate"]),
            mb(s["estimate_no_im2col"]), mb(s["measured"]), s["ratio"], s["ratio_no_im2col"],
            pct(s["within"], s["nontrivial"]), pct(s["within_no_im2col"], s["nontrivial"]),
            "yes" if within(s["estimate"], s["measured"]) else "no",
            "yes" if within(s["estimate_no_im2col"], s["measured"]) else "no"))

    out.write("\nWhere the difference comes from (MB; estimate - measured = im2col + in place + rest):\n\n")
    out.write("| model | estimate - measured | im2col | results in place (layers) | rest | "
              "ratio w/o im2col, in place | layers within 10% w/o im2col, in place | "
              "measured: of which caller copies | unpartitioned model allocs |\n")
    out.write("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    for res in ok:
        s = res["summary"]
        out.write("| %s | %s | %s | %s (%d) | %s | %.2f | %s | %s | %s |\n" % (
            res["model"], mb(s["estimate"] - s["measured"]), mb(s["im2col"]), mb(s["in_place"]),
            s["in_place_layers"], mb(s["residual"]), s["ratio_explained"],
            pct(s["within_explained"], s["nontrivial"]), mb(s["caller_copies"]),
            mb(res["whole_function_allocs"])))

    def layer_table(title, key, keep):
        out.write("\n%s\n\n" % title)
        out.write("| model | layer | op | rule | estimate B | w/o im2col B | measured B | why |\n")
        out.write("|---|---:|---|---|---:|---:|---:|---|\n")
        for res in ok:
            lays = [l for l in res["layers"] if l["measured"] is not None and keep(l)]
            lays.sort(key=lambda l: (-abs(key(l)), l["index"]))
            for l in lays[:worst]:
                out.write("| %s | %d | %s | %s | %d | %d | %d | %s |\n" % (
                    res["model"], l["index"], l["op"], l["rule"] or "-", l["estimate"],
                    l["estimate_no_im2col"], l["measured"], why(l)))

    layer_table("Worst layers (largest |estimate - measured|):",
                lambda l: l["estimate"] - l["measured"],
                lambda l: l["estimate"] != l["measured"])
    layer_table("Largest differences not explained by im2col or in-place results:",
                residual, lambda l: residual(l) != 0)

    flagged = [(res["model"], l) for res in ok for l in res["summary"]["flagged"]]
    notes = [(res["model"], n) for res in ok for n in res["notes"]]
    checked = sum(res["im2col_checked"] for res in ok)
    mismatches = sum(1 for _, l in flagged if any("recomputed" in f for f in l["flags"]))
    notes += [("all models", "im2col (and padded-input / accumulator) recomputed from the op "
               "shapes for %d conv layers: %s" % (
                   checked, "%d disagree with the report (above)" % mismatches if mismatches
                   else "all agree with the report"))]
    notes += [(res["model"], "%d B allocated by the caller and passed to no layer" %
               res["caller_unattributed"]) for res in ok if res["caller_unattributed"]]
    if flagged or notes:
        out.write("\nFlags:\n\n")
        for model, l in flagged[:40]:
            out.write("- %s layer %d %s (%s): %s\n" % (model, l["index"], l["op"], l["location"],
                                                     "; ".join(l["flags"])))
        if len(flagged) > 40:
            out.write("- ... %d more\n" % (len(flagged) - 40))
        for model, n in notes:
            out.write("- %s: %s\n" % (model, n))


def default_models(corpus):
    models = [os.path.join(REPO_ROOT, "examples", m) for m in EXAMPLES]
    nelli = os.path.join(corpus, "nelli")
    if os.path.isdir(nelli):
        models += [os.path.join(nelli, m) for m in NELLI if os.path.exists(os.path.join(nelli, m))]
    return models


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", nargs="*", help="model files (default: examples + a few nelli)")
    ap.add_argument("--tool", default=DEFAULT_TOOL)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--worst", type=int, default=3, help="worst layers listed per model")
    ap.add_argument("--json", help="write every layer's numbers to this file")
    ap.add_argument("--keep", help="keep the intermediate files in this folder")
    ap.add_argument("--no-canonicalize", action="store_true",
                    help="bufferize without -canonicalize -cse first")
    args = ap.parse_args()

    models = args.models or default_models(args.corpus)
    workdir = args.keep or tempfile.mkdtemp(prefix="accuracy_check.")
    os.makedirs(workdir, exist_ok=True)
    start = time.time()
    results = []
    try:
        for path in models:
            t0 = time.time()
            try:
                res = measure_model(args.tool, path, workdir,
                                    BUFFERIZE[2:] if args.no_canonicalize else BUFFERIZE)
                res["summary"] = summarize(res)
            except (ToolError, OSError, ValueError, KeyError) as err:
                res = {"model": os.path.splitext(os.path.basename(path))[0], "error": str(err)}
            res["seconds"] = round(time.time() - t0, 2)
            results.append(res)
            sys.stderr.write("%-32s %5.1fs\n" % (res["model"], res["seconds"]))
            sys.stderr.flush()
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print_tables(results, args.worst, sys.stdout)
    total = time.time() - start
    sys.stdout.write("\n%s, %d models, %.1f s total, %d CPUs (%s)\n" % (
        datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), len(results), total,
        os.cpu_count() or 0, platform.machine()))
    if args.json:
        with open(args.json, "w") as f:
            dump = []
            for r in results:
                r = dict(r)
                if "summary" in r:
                    r["summary"] = {k: v for k, v in r["summary"].items() if k != "flagged"}
                dump.append(r)
            json.dump({"results": dump}, f, indent=1)
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
