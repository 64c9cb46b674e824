#!/usr/bin/env python3
"""Property campaign: random programs through the passes, with invariants.

Generates random linalg/TOSA functions (random and extreme shapes, zero-size
dimensions, rank-0 tensors, multi-result generics, values captured by
regions, calls, dynamic dimensions with bounds, heterogeneous device lists)
and random options, and sends each case to cachepart-property-check, which
checks it in-process (include/cachepart/Testing/PropertyCheck.h holds the
properties: located errors only, outputs that verify and parse back, report
invariants, one k for every strategy, bitwise-equal execution of small
programs before and after). This script only generates and drives; a worker
that crashes or does not answer within --timeout is restarted and the case
reported.

  python3 scripts/property_campaign.py [--seed S] [--cases N] [--jobs J] [--tool PATH]

Prints one line per failure (with the case's file kept under --keep DIR)
and ends with "N cases (...), F failures". Exit status 1 when F > 0.
"""
import argparse
import json
import os
import random
import re
import select
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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
    runnable = elements(in_dims) <= EXEC_MAX and elements(dims) <= EXEC_MAX
    if runnable:
        lines += driver(in_dims, arg_t, dims, cur_t)
    lines.append("}")
    return "\n".join(lines) + "\n", use_dyn, runnable


EXEC_MAX = 4096


def elements(dims):
    n = 1
    for d in dims:
        n *= d
    return n


def driver(in_dims, arg_t, out_dims, out_t):
    """@main(memref<Nxf32>): a non-uniform input, @f, and its result copied
    flat into the caller's buffer, whose bits the worker compares (the pass
    leaves @main alone: cachepart.partitioned)."""
    in_t = ty(in_dims)
    n = elements(out_dims)
    flat_t, flat_m = "tensor<%dxf32>" % n, "memref<%dxf32>" % n
    out = ["  func.func @main(%%out: %s) attributes {llvm.emit_c_interface, "
           "cachepart.partitioned} {" % flat_m]
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
                "      %q = arith.constant 0.1 : f32",
                "      %v = arith.mulf %rf, %q : f32",
                "      linalg.yield %v : f32",
                "    } -> " + in_t]
    else:
        out.append("    %in = arith.constant dense<1.5> : " + in_t)
    arg = "%in"
    if arg_t != in_t:
        out.append("    %%inc = tensor.cast %%in : %s to %s" % (in_t, arg_t))
        arg = "%inc"
    out.append("    %%y = call @f(%s) : (%s) -> %s" % (arg, arg_t, out_t))
    flat = "%yf"
    if not out_dims:
        out.append("    %%yf = tensor.expand_shape %%y [] output_shape [1] : %s into %s"
                   % (out_t, flat_t))
    elif len(out_dims) == 1:
        flat = "%y"
    else:
        out.append("    %%yf = tensor.collapse_shape %%y [[%s]] : %s into %s" % (
            ", ".join(str(i) for i in range(len(out_dims))), out_t, flat_t))
    out += ["    %%ym = bufferization.to_buffer %s read_only : %s to %s" % (flat, flat_t, flat_m),
            "    memref.copy %%ym, %%out : %s to %s" % (flat_m, flat_m),
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


class Worker:
    """One cachepart-property-check process; restarted after a crash or a
    hang, which are reported as the current case's problems."""

    def __init__(self, tool, report, timeout):
        self.cmd = [tool, "--report-file", report]
        self.timeout = timeout
        self.start()

    def start(self):
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.err)

    def restart(self):
        self.proc.kill()
        self.proc.wait()
        self.start()

    def check(self, text, opts, execute):
        data = text.encode()
        try:
            self.proc.stdin.write(b"case %d %d\n%s\n" % (len(data), int(execute), opts.encode())
                                  + data)
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass
        ready, _, _ = select.select([self.proc.stdout], [], [], self.timeout)
        if not ready:
            self.restart()
            return {"outcome": "hang", "problems": ["hang (no answer within %d s)" % self.timeout]}
        line = self.proc.stdout.readline()
        if not line:
            rc = self.proc.wait()
            self.err.seek(0)
            tail = self.err.read().decode(errors="replace").strip().splitlines()[-3:]
            self.restart()
            return {"outcome": "crash",
                    "problems": ["crash (exit %s): %s" % (rc, " | ".join(tail)[:300])]}
        return json.loads(line)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def make_case(seed, case):
    """The program and options of one case; each case has its own generator
    so that cases split over workers are the same as in one run."""
    rng = random.Random(seed * 1000003 + case)
    text, use_dyn, runnable = program(rng)
    listed = rng.random() < 0.3
    if listed:
        text = text.replace("module {", devices(rng), 1)
    return text, options(rng, use_dyn, listed), runnable


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes")
    ap.add_argument("--tool", default=os.path.join(ROOT, "build", "bin",
                                                   "cachepart-property-check"))
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--keep", help="directory for the files of failing cases")
    ap.add_argument("--no-exec", action="store_true",
                    help="do not run small programs before and after")
    ap.add_argument("--progress", type=int, default=0,
                    help="print a progress line every N cases (stderr)")
    a = ap.parse_args()
    lock = threading.Lock()
    counts = {"planned": 0, "located-error": 0, "options-rejected": 0, "executed": 0,
              "failures": 0, "done": 0}
    next_case = [0]
    start = time.time()

    def work(index, tmp):
        worker = Worker(a.tool, os.path.join(tmp, "report%d.json" % index), a.timeout)
        while True:
            with lock:
                case = next_case[0]
                next_case[0] += 1
            if case >= a.cases:
                break
            text, opts, runnable = make_case(a.seed, case)
            result = worker.check(text, opts, runnable and not a.no_exec)
            problems = list(result["problems"])
            if result["outcome"] == "not-parsed":
                # The generator's own mistakes are failures, never errors.
                problems.append("the generated program does not parse: " + result["message"][:200])
            with lock:
                counts["done"] += 1
                counts[result["outcome"]] = counts.get(result["outcome"], 0) + 1
                counts["executed"] += int(result.get("executed", False))
                if problems:
                    counts["failures"] += 1
                    where = ""
                    if a.keep:
                        os.makedirs(a.keep, exist_ok=True)
                        where = os.path.join(a.keep, "case%d.mlir" % case)
                        with open(where, "w") as f:
                            f.write("// options: %s\n" % opts + text)
                    for p in problems:
                        print("case %d (seed %d) [%s]%s: %s" % (case, a.seed, opts,
                                                              " " + where if where else "", p),
                              flush=True)
                if a.progress and counts["done"] % a.progress == 0:
                    print("%d/%d cases, %d failures, %.0f s" % (
                        counts["done"], a.cases, counts["failures"], time.time() - start),
                        file=sys.stderr, flush=True)
        worker.close()

    with tempfile.TemporaryDirectory() as tmp:
        threads = [threading.Thread(target=work, args=(i, tmp)) for i in range(a.jobs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    print("%d cases (%d planned, %d located errors, %d rejected options, %d run before and "
          "after), %d failures" % (a.cases, counts["planned"], counts["located-error"],
                                   counts["options-rejected"], counts["executed"],
                                   counts["failures"]))
    return 1 if counts["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
