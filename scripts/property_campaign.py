#!/usr/bin/env python3
"""Property campaign: random programs through the passes, with invariants.

Generates random linalg/TOSA functions (random and extreme shapes, zero-size
dimensions, rank-0 tensors, multi-result generics, values captured by
regions, calls, dynamic dimensions with bounds, heterogeneous device lists)
and random options, runs `cachepart-opt --cache-partition` (and
`--cache-footprint`), and checks:

  * no crash, no hang (timeout), no "LLVM ERROR": exit 0, or exit 1 with a
    located error ("file:line:col: error:");
  * on success, the output parses and verifies again, and a second run of
    the pass on it changes nothing it should not (it still verifies);
  * report invariants: lower_bound <= k; every group that is not spilling
    has total <= capacity; k equals the number of groups; the transfers the
    groups send equal those they receive.

  python3 scripts/property_campaign.py [--seed S] [--cases N] [--tool PATH]

Prints one line per failure (with the case's file kept under --keep DIR)
and ends with "N cases, F failures". Exit status 1 when F > 0.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCATED = re.compile(r":\d+:\d+: error: ")


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.n = 0
        self.lines = []

    def fresh(self):
        self.n += 1
        return "%%v%d" % self.n

    def emit(self, line):
        self.lines.append("    " + line)

    def shape(self):
        r = self.rng
        rank = r.choice([0, 1, 1, 2, 2, 2, 3])
        dims = []
        for _ in range(rank):
            dims.append(r.choice([0, 1, 2, 3, 4, 7, 8, 16, 33, 64, 128, 1000, 4096]))
        return dims


def ty(dims, et="f32", dyn0=False):
    if not dims:
        return "tensor<%s>" % et
    parts = [("?" if (dyn0 and i == 0) else str(d)) for i, d in enumerate(dims)]
    return "tensor<%sx%s>" % ("x".join(parts), et)


def idmap(rank):
    d = ", ".join("d%d" % i for i in range(rank))
    return "affine_map<(%s) -> (%s)>" % (d, d)


def program(rng):
    """A module with @f (and sometimes a callee and a dynamic-dim argument)."""
    g = Gen(rng)
    dims = g.shape()
    in_dims = list(dims)
    use_dyn = bool(dims) and rng.random() < 0.2
    arg_t = ty(dims, dyn0=use_dyn)
    cur_t = ty(dims)
    pre = []
    body = []
    callee = []
    helpers = set()
    cur = "%x"
    if use_dyn:
        # The dynamic argument is cast to its static bound before use.
        v = "%xs"
        body.append("    %s = tensor.cast %%x : %s to %s" % (v, arg_t, cur_t))
        cur = v
    rank = len(dims)
    nops = rng.randint(1, 12)
    for _ in range(nops):
        kind = rng.choice(["neg", "add", "generic2", "capture", "fill", "call", "tosa", "matmul"])
        e = g.fresh()
        v = g.fresh()
        if kind == "neg":
            body.append("    %s = tensor.empty() : %s" % (e, cur_t))
            body.append("    %s = linalg.negf ins(%s : %s) outs(%s : %s) -> %s" % (v, cur, cur_t, e, cur_t, cur_t))
        elif kind == "add":
            w = g.fresh()
            body.append("    %s = arith.constant dense<0.5> : %s" % (w, cur_t))
            body.append("    %s = tensor.empty() : %s" % (e, cur_t))
            body.append("    %s = linalg.add ins(%s, %s : %s, %s) outs(%s : %s) -> %s" % (v, cur, w, cur_t, cur_t, e, cur_t, cur_t))
        elif kind in ("generic2", "capture"):
            body.append("    %s = tensor.empty() : %s" % (e, cur_t))
            its = ", ".join(['"parallel"'] * rank)
            m = idmap(rank)
            if kind == "generic2":
                body.append('    %s:2 = linalg.generic {indexing_maps = [%s, %s, %s], iterator_types = [%s]} ins(%s : %s) outs(%s, %s : %s, %s) {' % (v, m, m, m, its, cur, cur_t, e, e, cur_t, cur_t))
                body.append("    ^bb0(%a: f32, %b: f32, %c: f32):")
                body.append("      %n = arith.negf %a : f32")
                body.append("      linalg.yield %a, %n : f32, f32")
                body.append("    } -> (%s, %s)" % (cur_t, cur_t))
                v = v + "#1"
            else:
                s = g.fresh()
                body.append("    %s = arith.constant 2.0 : f32" % s)
                body.append('    %s = linalg.generic {indexing_maps = [%s, %s], iterator_types = [%s]} ins(%s : %s) outs(%s : %s) {' % (v, m, m, its, cur, cur_t, e, cur_t))
                body.append("    ^bb0(%a: f32, %b: f32):")
                body.append("      %%m = arith.mulf %%a, %s : f32" % s)
                body.append("      linalg.yield %m : f32")
                body.append("    } -> %s" % cur_t)
        elif kind == "fill":
            z = g.fresh()
            body.append("    %s = arith.constant 1.0 : f32" % z)
            body.append("    %s = tensor.empty() : %s" % (e, cur_t))
            f = g.fresh()
            body.append("    %s = linalg.fill ins(%s : f32) outs(%s : %s) -> %s" % (f, z, e, cur_t, cur_t))
            body.append("    %s = tensor.empty() : %s" % (g.fresh(), cur_t))
            body.append("    %s = linalg.add ins(%s, %s : %s, %s) outs(%s : %s) -> %s" % (v, cur, f, cur_t, cur_t, e, cur_t, cur_t))
        elif kind == "call":
            # One helper per tensor type (matmuls change the type).
            name = "helper_" + re.sub(r"\W", "_", cur_t)
            if name not in helpers:
                helpers.add(name)
                callee += ["  func.func private @" + name + "(%a: " + cur_t + ") -> " + cur_t + " {",
                           "    %e = tensor.empty() : " + cur_t,
                           "    %r = linalg.negf ins(%a : " + cur_t + ") outs(%e : " + cur_t + ") -> " + cur_t,
                           "    return %r : " + cur_t,
                           "  }"]
            body.append("    %s = func.call @%s(%s) : (%s) -> %s" % (v, name, cur, cur_t, cur_t))
        elif kind == "tosa" and 0 not in dims:
            # TOSA has no zero-size dimensions.
            body.append("    %s = tosa.abs %s : (%s) -> %s" % (v, cur, cur_t, cur_t))
        elif kind == "tosa":
            body.append("    %s = tensor.empty() : %s" % (e, cur_t))
            body.append("    %s = linalg.negf ins(%s : %s) outs(%s : %s) -> %s" % (v, cur, cur_t, e, cur_t, cur_t))
        elif kind == "matmul":
            if rank != 2:
                body.append("    %s = tensor.empty() : %s" % (e, cur_t))
                body.append("    %s = linalg.negf ins(%s : %s) outs(%s : %s) -> %s" % (v, cur, cur_t, e, cur_t, cur_t))
            else:
                k = dims[1]
                n = rng.choice([1, 3, 16, 64, 500])
                w = g.fresh()
                out_t = ty([dims[0], n])
                body.append("    %s = arith.constant dense<0.25> : %s" % (w, ty([k, n])))
                z = g.fresh()
                body.append("    %s = arith.constant 0.0 : f32" % z)
                body.append("    %s = tensor.empty() : %s" % (e, out_t))
                f = g.fresh()
                body.append("    %s = linalg.fill ins(%s : f32) outs(%s : %s) -> %s" % (f, z, e, out_t, out_t))
                body.append("    %s = linalg.matmul ins(%s, %s : %s, %s) outs(%s : %s) -> %s" % (v, cur, w, cur_t, ty([k, n]), f, out_t, out_t))
                dims = [dims[0], n]
                cur_t = out_t
        cur = v
    lines = ["module {"] + callee
    lines.append("  func.func @f(%%x: %s) -> %s {" % (arg_t, cur_t))
    lines += pre + body
    lines.append("    return %s : %s" % (cur, cur_t))
    lines.append("  }")
    # Upstream printMemref prints one (uninitialized) element of an empty
    # buffer: empty results are not compared.
    runnable = elements(in_dims) <= EXEC_MAX and 0 < elements(dims) <= EXEC_MAX
    if runnable:
        lines += driver(in_dims, arg_t, dims, cur_t)
    lines.append("}")
    return "\n".join(lines) + "\n", use_dyn, runnable


EXEC_MAX = 4096
PIPELINE = ("builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,"
            "tosa-to-tensor),one-shot-bufferize{bufferize-function-boundaries},"
            "convert-linalg-to-loops,expand-strided-metadata,lower-affine,convert-scf-to-cf,"
            "convert-to-llvm,reconcile-unrealized-casts)")


def elements(dims):
    n = 1
    for d in dims:
        n *= d
    return n


def driver(in_dims, arg_t, out_dims, out_t):
    """@main: a non-uniform input, @f, and the result printed (the pass
    leaves @main alone: cachepart.partitioned)."""
    in_t = ty(in_dims)
    mem = lambda dims: "memref<%sf32>" % "".join("%dx" % d for d in dims)
    out = ["  func.func private @printMemrefF32(memref<*xf32>) attributes {llvm.emit_c_interface}",
           "  func.func @main() attributes {cachepart.partitioned} {"]
    if in_dims:
        rank = len(in_dims)
        its = ", ".join(['"parallel"'] * rank)
        out += ["    %ie = tensor.empty() : " + in_t,
                "    %%in = linalg.generic {indexing_maps = [%s], iterator_types = [%s]} "
                "outs(%%ie : %s) {" % (idmap(rank), its, in_t),
                "    ^bb0(%o: f32):",
                "      %i0 = linalg.index 0 : index",
                "      %%il = linalg.index %d : index" % (rank - 1),
                "      %c7 = arith.constant 7 : index",
                "      %c3 = arith.constant 3 : index",
                "      %c17 = arith.constant 17 : index",
                "      %a = arith.muli %i0, %c7 : index",
                "      %b = arith.muli %il, %c3 : index",
                "      %s = arith.addi %a, %b : index",
                "      %r = arith.remui %s, %c17 : index",
                "      %ri = arith.index_cast %r : index to i32",
                "      %rf = arith.sitofp %ri : i32 to f32",
                "      %q = arith.constant 0.125 : f32",
                "      %v = arith.mulf %rf, %q : f32",
                "      linalg.yield %v : f32",
                "    } -> " + in_t]
    else:
        out.append("    %in = arith.constant dense<1.5> : " + in_t)
    arg = "%in"
    if arg_t != in_t:
        out.append("    %%inc = tensor.cast %%in : %s to %s" % (in_t, arg_t))
        arg = "%inc"
    out += ["    %%y = call @f(%s) : (%s) -> %s" % (arg, arg_t, out_t),
            "    %%ym = bufferization.to_buffer %%y read_only : %s to %s" % (out_t, mem(out_dims)),
            "    %%yu = memref.cast %%ym : %s to memref<*xf32>" % mem(out_dims),
            "    call @printMemrefF32(%yu) : (memref<*xf32>) -> ()",
            "    return",
            "  }"]
    return out


def devices(rng):
    n = rng.randint(1, 12)
    caps = [rng.choice([1, 64, 256, 1000, 4096, 65536, 1 << 20, 1 << 24]) for _ in range(n)]
    return "module attributes {cachepart.devices = [%s]} {" % ", ".join(
        '#cachepart.device<"c%d", cache = %d>' % (i, c) for i, c in enumerate(caps))


def options(rng, use_dyn, listed):
    opts = []
    if not listed or rng.random() < 0.2:
        opts.append("capacity=%d" % rng.choice([1, 7, 64, 200, 1000, 4096, 65536, 1 << 20, 1 << 30]))
    opts.append("strategy=" + rng.choice(["greedy", "balanced", "min-transfer"]))
    opts.append("memory-model=" + rng.choice(["sum", "liveness"]))
    opts.append("oversize=" + rng.choice(["split", "split", "isolate", "error"]))
    if rng.random() < 0.3:
        opts.append("num-devices=%d" % rng.choice([1, 2, 5, 100, 4294967296, 18446744073709551615]))
    if rng.random() < 0.3:
        opts.append("num-partitions=%d" % rng.choice([1, 2, 3, 8, 1000]))
    if rng.random() < 0.2:
        opts.append("max-pieces=%d" % rng.choice([1, 2, 16, 1000]))
    if use_dyn or rng.random() < 0.1:
        opts.append("batch=%d" % rng.choice([1, 2, 8]))
    if rng.random() < 0.2:
        opts.append("im2col=false")
    return " ".join(opts)


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stderr
    except subprocess.TimeoutExpired:
        return None, "timeout"


def execute(cmds, timeout):
    """Runs a shell pipeline; its stdout with buffer addresses masked, or None."""
    try:
        p = subprocess.run(" | ".join(cmds), shell=True, capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if p.returncode != 0:
        return None, p.stderr.strip()[-300:]
    return re.sub(r"base@ = 0x[0-9a-f]+", "base@", p.stdout), ""


def check_execution(tool, path, opts, tmp, timeout, mlir_opt, runner, libs):
    run_cmd = "%s -e main -entry-point-result=void -O0 -shared-libs=%s" % (runner, libs)
    lower = "%s --pass-pipeline='%s'" % (mlir_opt, PIPELINE)
    # The original too goes through --cache-lower-transfers, which only
    # drops this dialect's attributes (a device list) that mlir-opt cannot read.
    before, err = execute(["%s %s --cache-lower-transfers" % (tool, path), lower, run_cmd],
                          timeout)
    if before is None:
        return ["the original program does not run: " + err]
    after, err = execute(["%s %s --cache-partition='%s' --cache-lower-transfers" % (tool, path, opts),
                          lower, run_cmd], timeout)
    if after is None:
        return ["the partitioned program does not run: " + err]
    if before != after:
        return ["the partitioned program prints something else"]
    return []


def check_case(tool, path, opts, tmp, timeout):
    """Returns a list of problems (empty when every property holds)."""
    problems = []
    out = os.path.join(tmp, "out.mlir")
    report = os.path.join(tmp, "report.json")
    for f in (out, report):
        if os.path.exists(f):
            os.remove(f)
    # The generator's own mistakes are failures too, never "located errors".
    rc0, err0 = run([tool, path, "-o", os.devnull], timeout)
    if rc0 != 0:
        return ["the generated program does not parse: " + err0.strip()[:200]]
    rc, err = run([tool, path, "--cache-partition=%s report=%s" % (opts, report), "-o", out,
                   "--mlir-print-op-on-diagnostic=false"], timeout)
    if rc is None:
        return ["hang (no exit within %d s)" % timeout]
    if "LLVM ERROR" in err or "Stack dump" in err or rc not in (0, 1):
        return ["crash (exit %s): %s" % (rc, err.strip().splitlines()[-1][:200] if err.strip() else "")]
    if rc == 1:
        if not LOCATED.search(err) and "Cannot find option" not in err and \
                "invalid byte size" not in err:
            problems.append("error without a location: " + err.strip()[:200])
        if os.path.exists(out) and os.path.getsize(out) > 0:
            problems.append("failing run left an output file")
        return problems
    rc2, err2 = run([tool, out, "-o", os.devnull], timeout)
    if rc2 != 0:
        problems.append("output does not parse/verify: " + err2.strip()[:200])
    rc3, err3 = run([tool, out, "--cache-partition=%s" % opts, "-o", os.devnull], timeout)
    if rc3 not in (0, 1) or "LLVM ERROR" in err3:
        problems.append("second run crashed: " + err3.strip()[-200:])
    try:
        data = json.load(open(report))
    except (OSError, ValueError) as e:
        return problems + ["no readable report: %s" % e]
    for fn in data["functions"]:
        groups = fn["groups"]
        if fn["lower_bound"] > fn["k"]:
            problems.append("@%s: lower_bound %d > k %d" % (fn["name"], fn["lower_bound"], fn["k"]))
        if fn["k"] != len(groups):
            problems.append("@%s: k %d but %d groups" % (fn["name"], fn["k"], len(groups)))
        for g in groups:
            if not g["spilling"] and g["total"] > g["capacity"]:
                problems.append("@%s group %d: total %d > capacity %d, not spilling" % (
                    fn["name"], g["index"], g["total"], g["capacity"]))
        sent = sum(g["transfer_out_bytes"] for g in groups)
        got = sum(g["transfer_in_bytes"] for g in groups)
        if sent != got:
            problems.append("@%s: groups send %d B but receive %d B" % (fn["name"], sent, got))
    rc4, err4 = run([tool, path, "--cache-footprint", "-o", os.devnull,
                     "--mlir-print-op-on-diagnostic=false"], timeout)
    if rc4 not in (0, 1) or "LLVM ERROR" in err4:
        problems.append("cache-footprint crashed: " + err4.strip()[-200:])
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=100)
    ap.add_argument("--tool", default=os.path.join(ROOT, "build", "bin", "cachepart-opt"))
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--keep", help="directory for the files of failing cases")
    ap.add_argument("--no-exec", action="store_true",
                    help="skip running small programs before and after (mlir-runner)")
    ap.add_argument("--mlir-opt", default="/usr/lib/llvm-22/bin/mlir-opt")
    ap.add_argument("--mlir-runner", default="/usr/lib/llvm-22/bin/mlir-runner")
    ap.add_argument("--mlir-lib-dir", default="/usr/lib/llvm-22/lib")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    failures = 0
    outcomes = {"ok": 0, "error": 0, "executed": 0}
    with tempfile.TemporaryDirectory() as tmp:
        for case in range(a.cases):
            text, use_dyn, runnable = program(rng)
            listed = rng.random() < 0.3
            if listed:
                text = text.replace("module {", devices(rng), 1)
            opts = options(rng, use_dyn, listed)
            path = os.path.join(tmp, "case.mlir")
            with open(path, "w") as f:
                f.write(text)
            problems = check_case(a.tool, path, opts, tmp, a.timeout)
            if os.path.exists(os.path.join(tmp, "out.mlir")):
                outcomes["ok"] += 1
                if runnable and not a.no_exec and not problems:
                    libs = ",".join(os.path.join(a.mlir_lib_dir, l) for l in
                                    ("libmlir_runner_utils.so", "libmlir_c_runner_utils.so"))
                    problems += check_execution(a.tool, path, opts, tmp, a.timeout,
                                                a.mlir_opt, a.mlir_runner, libs)
                    outcomes["executed"] += 1
            else:
                outcomes["error"] += 1
            if problems:
                failures += 1
                where = ""
                if a.keep:
                    os.makedirs(a.keep, exist_ok=True)
                    where = os.path.join(a.keep, "case%d.mlir" % case)
                    with open(where, "w") as f:
                        f.write("// options: %s\n" % opts + text)
                for p in problems:
                    print("case %d (seed %d) [%s]%s: %s" % (case, a.seed, opts,
                                                          " " + where if where else "", p))
    print("%d cases (%d planned, %d located errors, %d run before and after), %d failures" % (
        a.cases, outcomes["ok"], outcomes["error"], outcomes["executed"], failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
