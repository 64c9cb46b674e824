#!/usr/bin/env python3
"""Physical check of "a group fits in the cache" (methodology section 5: no
off-chip traffic while a group runs), with valgrind's cachegrind.

  python3 scripts/cache_simulation.py [--capacity 262144] [--layers 32]
      [--out build/cachesim]

A chain of matmul layers (8x128 activations, 128x128 f32 weights passed as
arguments marked cachepart.weight, 64 KB each) is partitioned by
cachepart-opt at the capacity C; the report names a group that fits. The
whole function and that group's device function are each compiled to a
native program (the project's CPU lowering, mlir-translate, clang -O2) whose
main fills the arguments, then a scratch buffer of 4 C (so that the cold call
starts from a cache holding none of them), and calls the function 0, 1 or 2
times. Cachegrind
simulates a last-level cache of exactly C bytes (16-way, 64 B lines); the
difference between the runs gives the LL misses of a cold call (1 - 0) and
of a warm call (2 - 1). Compulsory misses are the footprint / 64.

A group that fits misses about its compulsory lines on the cold call and
almost nothing on the warm call; the whole chain misses its whole footprint
again on every call. The numbers come
from cachegrind and the pass's JSON report; the script writes the driver IR,
runs the tools and joins their output. Slow (valgrind): not part of the
tests. Needs valgrind and clang-22 (scripts/setup.sh installs them).
"""

import argparse
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPT = os.path.join(ROOT, "build", "bin", "cachepart-opt")
LLVM = "/usr/lib/llvm-22/bin"
CPU = ("builtin.module(one-shot-bufferize{bufferize-function-boundaries "
       "function-boundary-type-conversion=identity-layout-map},"
       "convert-linalg-to-loops,expand-strided-metadata,lower-affine,"
       "convert-scf-to-cf,convert-to-llvm,reconcile-unrealized-casts)")
ACT = "tensor<8x128xf32>"
WEIGHT = "tensor<128x128xf32>"


def run(cmd, **kw):
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), done.stderr[-3000:]))
    return done


def chain(layers):
    """The model: x -> matmul(w0) -> ... -> matmul(w{L-1})."""
    args = ", ".join(["%%x: %s" % ACT] + [
        "%%w%d: %s {cachepart.weight}" % (i, WEIGHT) for i in range(layers)])
    lines = ["func.func @forward(%s) -> %s {" % (args, ACT),
             "  %zero = arith.constant 0.0 : f32"]
    prev = "%x"
    for i in range(layers):
        lines += [
            "  %%e%d = tensor.empty() : %s" % (i, ACT),
            "  %%f%d = linalg.fill ins(%%zero : f32) outs(%%e%d : %s) -> %s"
            % (i, i, ACT, ACT),
            "  %%m%d = linalg.matmul ins(%s, %%w%d : %s, %s) outs(%%f%d : %s)"
            " -> %s" % (i, prev, i, ACT, WEIGHT, i, ACT, ACT)]
        prev = "%%m%d" % i
    lines += ["  return %s : %s" % (prev, ACT), "}"]
    return "\n".join(lines) + "\n"


def signature(module_text, name):
    """Argument and result types of func `name` in printed IR."""
    m = re.search(r"func\.func (?:private )?@%s\((.*?)\)(?: -> (.*?))?"
                  r"(?: attributes .*)? \{" % re.escape(name), module_text)
    if not m:
        sys.exit("no function @%s in the partitioned module" % name)
    args = re.findall(r"%[\w]+: (tensor<[^>]*>)", m.group(1))
    results = m.group(2) or ""
    results = re.findall(r"tensor<[^>]*>", results)
    return args, results


def driver(module_text, name, calls, flush_floats):
    """@main: fills every argument, then a scratch buffer of `flush_floats`
    floats (evicting the arguments from the cache), calls `name` `calls`
    times and returns an element of the scratch and of the last result (so
    nothing is dead)."""
    args, results = signature(module_text, name)
    lines = ["func.func @main() -> i32 {",
             "  %v = arith.constant 0.125 : f32",
             "  %c0 = arith.constant 0 : index",
             "  %zi = arith.constant 0 : i32"]
    names = []
    for i, t in enumerate(args):
        lines += ["  %%a%de = tensor.empty() : %s" % (i, t),
                  "  %%a%d = linalg.fill ins(%%v : f32) outs(%%a%de : %s) -> %s"
                  % (i, i, t, t)]
        names.append("%%a%d" % i)
    lines += ["  %%se = tensor.empty() : tensor<%dxf32>" % flush_floats,
              "  %%s = linalg.fill ins(%%v : f32) outs(%%se : tensor<%dxf32>)"
              " -> tensor<%dxf32>" % (flush_floats, flush_floats),
              "  %%sel = tensor.extract %%s[%%c0] : tensor<%dxf32>"
              % flush_floats,
              "  %sout = arith.fptosi %sel : f32 to i32"]
    out = "%sout"
    for c in range(calls):
        rs = ", ".join(results)
        lines.append("  %%r%d:%d = func.call @%s(%s) : (%s) -> (%s)"
                     % (c, len(results), name, ", ".join(names),
                        ", ".join(args), rs))
    if calls:
        t = results[0]
        rank = t.count("x")
        idx = ", ".join(["%c0"] * rank)
        lines += ["  %%el = tensor.extract %%r%d#0[%s] : %s" % (calls - 1, idx,
                                                               t),
                  "  %rout = arith.fptosi %el : f32 to i32",
                  "  %out = arith.addi %rout, %sout : i32"]
        out = "%out"
    lines += ["  return %s : i32" % out, "}"]
    return "\n".join(lines) + "\n"


def build(model_text, out_dir, tag):
    mlir = os.path.join(out_dir, tag + ".mlir")
    with open(mlir, "w") as f:
        f.write(model_text)
    llvm_dialect = run([OPT, mlir, "--pass-pipeline=" + CPU]).stdout
    ll = run([os.path.join(LLVM, "mlir-translate"), "--mlir-to-llvmir"],
             input=llvm_dialect).stdout
    ll_path = os.path.join(out_dir, tag + ".ll")
    with open(ll_path, "w") as f:
        f.write(ll)
    exe = os.path.join(out_dir, tag)
    run(["clang-22", "-O2", "-Wno-override-module", ll_path, "-o", exe])
    return exe


def ll_misses(exe, capacity):
    done = run(["valgrind", "--tool=cachegrind", "--cache-sim=yes",
                "--LL=%d,16,64" % capacity, "--D1=32768,8,64",
                "--I1=32768,8,64", "--cachegrind-out-file=/dev/null", exe],
               check=False)
    m = re.search(r"LLd misses:\s+([\d,]+)", done.stderr)
    if not m:
        sys.exit("no LLd misses in cachegrind's output:\n" + done.stderr)
    return int(m.group(1).replace(",", ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--capacity", type=int, default=262144,
                    help="card = last-level cache bytes (a power of 2)")
    ap.add_argument("--layers", type=int, default=32)
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "cachesim"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    model = os.path.join(args.out, "chain.mlir")
    with open(model, "w") as f:
        f.write(chain(args.layers))
    report = os.path.join(args.out, "plan.json")
    parted = run([OPT, model, "--cache-partition=capacity=%d report=%s"
                  % (args.capacity, report), "--cache-lower-transfers"]).stdout
    with open(report) as f:
        fn = json.load(f)["functions"][0]
    groups = fn["groups"]
    group = groups[len(groups) // 2]
    whole_bytes = fn["total_bytes"]
    subjects = [("whole", chain(args.layers), "forward", whole_bytes),
                ("group", parted, group["function"], group["total"])]

    # Scratch of 4 C: after it, nothing of the arguments is left in the LL.
    flush = 4 * args.capacity // 4
    rows = []
    for tag, text, name, footprint in subjects:
        misses = []
        for calls in (0, 1, 2):
            body = text.rstrip()
            if body.startswith("module"):  # Printed IR: main goes inside.
                program = body[:-1] + driver(text, name, calls, flush) + "}\n"
            else:
                program = text + driver(text, name, calls, flush)
            exe = build(program, args.out, "%s_%d" % (tag, calls))
            misses.append(ll_misses(exe, args.capacity))
        rows.append({"subject": tag, "function": name,
                     "footprint_bytes": footprint,
                     "compulsory_lines": footprint // 64,
                     "cold_call_ll_misses": misses[1] - misses[0],
                     "warm_call_ll_misses": misses[2] - misses[1]})

    print("capacity %d B (LL %d B, 16-way, 64 B lines), %d layers, %d groups"
          % (args.capacity, args.capacity, args.layers, len(groups)))
    print("%-6s %-22s %12s %11s %10s %10s" % (
        "", "function", "footprint B", "compulsory", "cold call",
        "warm call"))
    for r in rows:
        print("%-6s %-22s %12d %11d %10d %10d" % (
            r["subject"], r["function"], r["footprint_bytes"],
            r["compulsory_lines"], r["cold_call_ll_misses"],
            r["warm_call_ll_misses"]))
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"capacity": args.capacity, "layers": args.layers,
                   "groups": len(groups), "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
