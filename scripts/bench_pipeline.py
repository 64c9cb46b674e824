#!/usr/bin/env python3
"""Throughput of a model streamed through MPI ranks (one per card).

Appends to MODEL (a public `func.func @forward(tensor) -> tensor`, f32, as
in examples/) a driver that feeds N different inputs through @forward in a
loop, adds up one element of every output (so nothing is dead) and prints
that sum and the loop's wall-clock time (rtclock). Then, with
scripts/run_distributed.sh, it runs:

  * 1 process: the model on one card (capacity 1TB: one group, one rank);
  * k ranks, results=host: rank 0 (the host) waits for input t's result
    before it starts input t+1, so the cards take turns;
  * k ranks, results=last: the results go to the last card's rank, the host
    never waits, so card r works on input t while card r+1 works on t-1.

Every run uses --cache-lower-transfers-to-mpi="timing=true": each rank adds
up the time of its calls and host ops (compute) and of its sends and
receives (communication, which includes waiting for the data), printed to
its own file (mpirun -outfile-pattern). The sums of all runs must agree.

  python3 scripts/bench_pipeline.py [--model M] [--capacity C] [--inputs N]
                                    [--out build/bench/pipeline.md]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN = os.path.join(ROOT, "scripts", "run_distributed.sh")


def driver(model_text, n):
    sig = re.search(r"func\.func @forward\(%[\w]+: (tensor<([0-9x]+)xf32>)\) -> (tensor<([0-9x]+)xf32>)",
                    model_text)
    if not sig:
        sys.exit("error: expected func.func @forward(%x: tensor<...xf32>) -> tensor<...xf32>")
    in_ty, out_ty, out_rank = sig.group(1), sig.group(3), len(sig.group(4).split("x"))
    zeros = ", ".join(["%c0"] * out_rank)
    return f"""
  // ----- streaming driver added by scripts/bench_pipeline.py
  func.func private @rtclock() -> f64
  func.func private @printF64(f64)
  func.func private @printNewline()
  func.func @main() attributes {{cachepart.partitioned}} {{
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = arith.constant {n} : index
    %zero = arith.constant 0.0 : f32
    %scale = arith.constant 1.0e-3 : f32
    %half = arith.constant 0.5 : f32
    %t0 = call @rtclock() : () -> f64
    %sum = scf.for %t = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f32) {{
      %ti = arith.index_cast %t : index to i32
      %tf = arith.sitofp %ti : i32 to f32
      %v0 = arith.mulf %tf, %scale : f32
      %v = arith.addf %v0, %half : f32
      %e = tensor.empty() : {in_ty}
      %x = linalg.fill ins(%v : f32) outs(%e : {in_ty}) -> {in_ty}
      %y = func.call @forward(%x) : ({in_ty}) -> {out_ty}
      %y0 = tensor.extract %y[{zeros}] : {out_ty}
      %a = arith.addf %acc, %y0 : f32
      scf.yield %a : f32
    }}
    %t1 = call @rtclock() : () -> f64
    %dt = arith.subf %t1, %t0 : f64
    %s64 = arith.extf %sum : f32 to f64
    call @printF64(%s64) : (f64) -> ()
    call @printNewline() : () -> ()
    call @printF64(%dt) : (f64) -> ()
    call @printNewline() : () -> ()
    return
  }}
"""


def run(model, capacity, results, tmp, label, extra):
    outdir = os.path.join(tmp, re.sub(r"\W+", "_", label))
    os.makedirs(outdir, exist_ok=True)
    env = dict(os.environ, QUIET="1", MPI_OPTIONS=f"results={results} timing=true",
               MPIRUN_ARGS=f"-outfile-pattern {outdir}/out.%r")
    proc = subprocess.run([RUN, model, capacity] + extra, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"error: {label} failed:\n{proc.stderr[-3000:]}")
    ranks = {}
    total = checksum = None
    for name in sorted(os.listdir(outdir)):
        rank = int(name.split(".")[-1])
        for line in open(os.path.join(outdir, name)):
            parts = [p.strip() for p in line.split(",")]
            if len(parts) == 3:
                ranks[rank] = (float(parts[1]), float(parts[2]))
            elif len(parts) == 1 and parts[0]:
                if checksum is None:
                    checksum = parts[0]
                else:
                    total = float(parts[0])
    return {"label": label, "ranks": ranks, "seconds": total, "checksum": checksum}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=os.path.join(ROOT, "examples", "mobilenetv2_tosa_f32.mlir"))
    ap.add_argument("--capacity", default="96MB", help="gives the k cards (default: 2 for MobileNetV2)")
    ap.add_argument("--inputs", type=int, default=16)
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench", "pipeline.md"))
    ap.add_argument("options", nargs="*", help="extra --cache-partition options")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, "stream.mlir")
        text = open(a.model).read()
        if re.search(r"^module\b", text, re.M):
            # Inside the model's module, before its closing brace.
            end = text.rstrip().rfind("}")
            text = text[:end] + driver(text, a.inputs) + text[end:]
        else:
            text += driver(text, a.inputs)
        with open(model, "w") as f:
            f.write(text)
        rows = [run(model, "1TB", "host", tmp, "1 process", a.options),
                run(model, a.capacity, "host", tmp, "results=host", a.options),
                run(model, a.capacity, "last", tmp, "results=last (streaming)", a.options)]
    base = rows[0]["seconds"]
    lines = [f"# Streaming {a.inputs} inputs through MPI ranks",
             "",
             f"Command: `python3 scripts/bench_pipeline.py --model {os.path.relpath(a.model, ROOT)} "
             f"--capacity {a.capacity} --inputs {a.inputs}`",
             "",
             "| run | ranks | time (s) | inputs/s | speed-up | per rank: compute / communication (s) | checksum |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        per = "; ".join(f"r{k}: {c:.2f} / {m:.2f}" for k, (c, m) in sorted(r["ranks"].items()))
        lines.append(f"| {r['label']} | {len(r['ranks'])} | {r['seconds']:.2f} | "
                     f"{a.inputs / r['seconds']:.2f} | {base / r['seconds']:.2f}x | {per} | {r['checksum']} |")
    same = len({r["checksum"] for r in rows}) == 1
    lines += ["", "checksums " + ("agree" if same else "DIFFER") + " across the runs"]
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
