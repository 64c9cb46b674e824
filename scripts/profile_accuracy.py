#!/usr/bin/env python3
"""Footprint estimates against measurement: runs cachepart-profile on models
and joins its JSON (each layer carries the estimate and the measurement).

  python3 scripts/profile_accuracy.py [--corpus] [--skip NAME] [MODEL.mlir ...]
      [--out build/accuracy/profile]

A layer agrees when the estimated activations + workspace (im2col=false, as
the CPU lowering runs convolutions) are within 10% of the bytes it allocates
while it runs (both 0 also agrees). Prints one line per model and writes
OUT/summary.json and OUT/tables.md (worst layers per model). The numbers
come from the tool; this script only runs it and counts.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.environ.get("CACHEPART_PROFILE",
                      os.path.join(ROOT, "build", "bin", "cachepart-profile"))
CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus"))


def agrees(estimate, measured):
    if measured == 0:
        return estimate == 0
    return abs(estimate - measured) <= 0.1 * measured


def profile(model, out_dir, timeout):
    name = os.path.splitext(os.path.basename(model))[0]
    path = os.path.join(out_dir, name + ".json")
    start = time.monotonic()
    try:
        run = subprocess.run([TOOL, model, "-o", path, "--repeat", "1",
                              "--quiet"], capture_output=True, text=True,
                             timeout=timeout)
    except subprocess.TimeoutExpired:
        return name, None, "timeout after %d s" % timeout, timeout
    seconds = time.monotonic() - start
    if run.returncode != 0:
        first = (run.stderr.strip().splitlines() or ["(no message)"])[0]
        return name, None, first, seconds
    with open(path) as f:
        return name, json.load(f), None, seconds


def summarize(name, data, seconds):
    layers = [l for f in data["functions"] for l in f["layers"]]
    rows = []
    for l in layers:
        est = l["estimate"]["activations_and_workspace"]
        meas = l["measured"]["allocated_bytes"]
        rows.append({"index": l["index"], "op": l["op"], "estimate": est,
                     "measured": meas, "agrees": agrees(est, meas)})
    ok = sum(r["agrees"] for r in rows)
    worst = sorted((r for r in rows if not r["agrees"]),
                   key=lambda r: -abs(r["estimate"] - r["measured"]))[:5]
    return {"model": name, "layers": len(rows), "within_10pct": ok,
            "share": ok / len(rows) if rows else 1.0,
            "seconds": round(seconds, 2), "worst": worst}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="*")
    ap.add_argument("--corpus", action="store_true",
                    help="add the corpus torchvision nets (../shared/corpus/nelli)")
    ap.add_argument("--skip", action="append", default=[],
                    help="skip models whose name contains this")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "accuracy",
                                                  "profile"))
    args = ap.parse_args()
    models = args.models or sorted(glob.glob(os.path.join(ROOT, "examples",
                                                          "*.mlir")))
    if args.corpus:
        nets = sorted(glob.glob(os.path.join(CORPUS, "nelli", "*.mlir")))
        if not nets:
            print("note: no corpus at %s; corpus nets skipped" % CORPUS)
        models += nets
    models = [m for m in models
              if not any(s in os.path.basename(m) for s in args.skip)]
    os.makedirs(args.out, exist_ok=True)
    summaries, failures = [], []
    for model in models:
        name, data, error, seconds = profile(model, args.out, args.timeout)
        if error:
            failures.append({"model": name, "error": error})
            print("%-32s FAILED (%.1f s): %s" % (name, seconds, error))
            continue
        s = summarize(name, data, seconds)
        summaries.append(s)
        print("%-32s %4d layers  %5.1f%% within 10%%  %6.1f s" %
              (name, s["layers"], 100 * s["share"], s["seconds"]))
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump({"models": summaries, "failures": failures}, f, indent=1)
    with open(os.path.join(args.out, "tables.md"), "w") as f:
        f.write("| model | layers | within 10% | worst layers (op: estimate / measured B) |\n")
        f.write("| --- | --- | --- | --- |\n")
        for s in summaries:
            worst = "; ".join("%d %s: %d / %d" % (w["index"], w["op"],
                                                  w["estimate"], w["measured"])
                              for w in s["worst"])
            f.write("| %s | %d | %.1f%% | %s |\n" % (
                s["model"], s["layers"], 100 * s["share"], worst))
    total = sum(s["layers"] for s in summaries)
    ok = sum(s["within_10pct"] for s in summaries)
    print("total: %d layers, %.1f%% within 10%% (%d models, %d failed); "
          "tables: %s" % (total, 100 * ok / total if total else 100,
                          len(summaries), len(failures),
                          os.path.join(args.out, "tables.md")))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
