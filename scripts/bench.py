#!/usr/bin/env python3
"""Benchmark of cachepart-opt: speed and memory of --cache-partition on long
linalg chains, and the quality of its plans on the bundled examples and the
shared nelli corpus. Not part of the tests.

  python3 scripts/bench.py                       # full run (sizes 1k,10k,100k + nelli)
  python3 scripts/bench.py --quick               # 1k and 10k, examples only
  python3 scripts/bench.py --out build/bench/results.md   # also write Markdown

What it does (docs/benchmarks.md explains the numbers):

1. Generates MLP-like chains of N blocks into build/bench/ (reused when the
   file is already there with the same parameters). A block is a 64x64 f32
   weight (splat arith.constant), a tensor.empty, a linalg.fill and a
   linalg.matmul on an 8x64 f32 activation; every 4th block adds (linalg.add)
   the result of the block 4 back, a skip connection that crosses some cuts.
   The layer count the analysis sees is taken from the pass's report.
2. Scaling, per size: (a) parse + print `cachepart-opt chain.mlir -o /dev/null`
   and (b) parse + `--cache-partition="capacity=256KB ..."` + print, for every
   strategy x memory model; wall time and peak RSS of the process (wait4),
   and the `--mlir-timing` lines Parser / CachePartition / Output. Each
   timing is repeated --repeat times (3) and the median is kept. Ratios
   against the targets: CachePartition / Parser <= 0.25, CachePartition
   (largest) / CachePartition (previous size) <= 11 for a 10x step, peak RSS
   (b) / (a) <= 1.30.
3. Breakdown at the largest size (greedy, sum): the pass without the
   verifier that runs after it (--verify-each=0), the pass single-threaded
   (--mlir-disable-threading), and --cache-footprint alone.
4. Plan quality: per strategy and memory model, k, lower bound, largest and
   mean group bytes, bytes transferred (sum of the groups'
   transfer_in_bytes) and the planner's count of them, on the chain (largest
   size <= 10k), on examples/*.mlir at 2MB and (full run) on
   ../shared/corpus/nelli/*.mlir at 256KB, 2MB and 16MB, all with
   oversize=isolate; on the corpus, a check that min-transfer moves no more
   than greedy and balanced whenever they reach the same k.

Processes run one at a time. Python 3 standard library only.
"""

import argparse
import datetime
import glob
import hashlib
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_TOOL = os.path.join(REPO_ROOT, "build", "bin", "cachepart-opt")
DEFAULT_BENCH_DIR = os.path.join(REPO_ROOT, "build", "bench")
DEFAULT_NELLI = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "corpus", "nelli"))
EXAMPLES_GLOB = os.path.join(REPO_ROOT, "examples", "*.mlir")

STRATEGIES = ["greedy", "balanced", "min-transfer"]
MODELS = ["sum", "liveness"]
COMBOS = [(s, m) for s in STRATEGIES for m in MODELS]
CHAIN_CAPACITY = "256KB"
EXAMPLE_CAPACITIES = ["2MB"]
NELLI_CAPACITIES = ["256KB", "2MB", "16MB"]

TARGET_PASS_PARSE = 0.25
TARGET_SCALING = 11.0
TARGET_MEMORY = 1.30

# Chain parameters. Changing them changes GEN_VERSION, so old files are rebuilt.
BATCH, HIDDEN, SKIP = 8, 64, 4
GEN_VERSION = "bench-chain v1 batch=%d hidden=%d skip=%d" % (BATCH, HIDDEN, SKIP)

TIMING_LINE = re.compile(r"^\s*([0-9.]+)\s+\(\s*[0-9.]+%\)\s+(\S.*?)\s*$")


def log(msg):
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


# ------------------------------------------------------------ machine ---

def read_first(path, default=""):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return default


def machine_info():
    cpuinfo = read_first("/proc/cpuinfo")
    m = re.search(r"^model name\s*:\s*(.*)$", cpuinfo, re.M)
    meminfo = read_first("/proc/meminfo")
    mt = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
    return {
        "nproc": os.cpu_count(),
        "model_name": m.group(1).strip() if m else "unknown",
        "ram_gib": round(int(mt.group(1)) / 1024 / 1024, 1) if mt else None,
        "kernel": os.uname().release,
        "python": sys.version.split()[0],
    }


def loadavg():
    try:
        return float(read_first("/proc/loadavg").split()[0])
    except (ValueError, IndexError):
        return None


def tool_identity(tool):
    try:
        st = os.stat(tool)
    except OSError:
        return {"path": tool, "missing": True}
    h = hashlib.sha256()
    with open(tool, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    ident = {
        "path": os.path.relpath(tool, REPO_ROOT) if tool.startswith(REPO_ROOT) else tool,
        "sha256": h.hexdigest()[:16],
        "mtime": datetime.datetime.fromtimestamp(st.st_mtime).strftime("%Y-%m-%d %H:%M:%S"),
    }
    try:
        head = subprocess.run(["git", "-C", REPO_ROOT, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "-C", REPO_ROOT, "status", "--porcelain",
                                "--untracked-files=no"],
                               capture_output=True, text=True, timeout=30).stdout.strip()
        ident["git"] = head + (" (+ uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return ident


# ---------------------------------------------------------- generation ---

def generate_chain(blocks, path):
    header = "// %s blocks=%d" % (GEN_VERSION, blocks)
    try:
        with open(path) as f:
            if f.readline().rstrip("\n") == header:
                return False
    except OSError:
        pass
    act = "tensor<%dx%dxf32>" % (BATCH, HIDDEN)
    wt = "tensor<%dx%dxf32>" % (HIDDEN, HIDDEN)
    tmp = path + ".tmp"
    # Written as it goes, so this process stays small: a forked child's peak
    # RSS (ru_maxrss) starts from its parent's.
    with open(tmp, "w", buffering=1 << 20) as f:
        w = f.write
        w(header + "\n")
        w("// Generated by scripts/bench.py: an MLP-like chain with a skip every %d blocks.\n" % SKIP)
        w("func.func @chain(%%x: %s) -> %s {\n" % (act, act))
        w("  %z = arith.constant 0.000000e+00 : f32\n")
        history = []
        prev = "%x"
        for i in range(blocks):
            w("  %%w%d = arith.constant dense<1.000000e-02> : %s\n"
              "  %%e%d = tensor.empty() : %s\n"
              "  %%f%d = linalg.fill ins(%%z : f32) outs(%%e%d : %s) -> %s\n"
              "  %%m%d = linalg.matmul ins(%s, %%w%d : %s, %s) outs(%%f%d : %s) -> %s\n"
              % (i, wt, i, act, i, i, act, act, i, prev, i, act, wt, i, act, act))
            cur = "%%m%d" % i
            if i % SKIP == SKIP - 1 and i >= SKIP:
                w("  %%s%d = tensor.empty() : %s\n"
                  "  %%a%d = linalg.add ins(%s, %s : %s, %s) outs(%%s%d : %s) -> %s\n"
                  % (i, act, i, cur, history[i - SKIP], act, act, i, act, act))
                cur = "%%a%d" % i
            history.append(cur)
            prev = cur
        w("  return %s : %s\n}\n" % (prev, act))
    os.replace(tmp, path)
    return True


# ------------------------------------------------------------- running ---

class Run:
    def __init__(self):
        self.wall = None        # seconds, whole process
        self.maxrss_kb = None   # peak resident set, KiB
        self.rc = None
        self.timed_out = False
        self.timings = {}       # --mlir-timing name -> seconds
        self.cuts = 0           # k - 1, from the JSON report
        self.planned_transfer = 0  # the report's planned_transfer_bytes
        self.error = ""         # first error line
        self.load = None        # 1-min load average just before the run

    @property
    def ok(self):
        return self.rc == 0 and not self.timed_out


GNU_TIME = "/usr/bin/time"


def run_tool(tool, args, timeout, err_path, report=True):
    """Runs tool with args; stdout discarded, stderr to err_path (parsed).

    Peak RSS comes from GNU time (-o FILE) when it is installed: it starts the
    tool from its own small process. Without it, from wait4() on the child;
    ru_maxrss then starts at this Python process's own peak, which the
    benchmark keeps small."""
    r = Run()
    r.load = loadavg()
    rss_path = err_path + ".rss"
    # The passes are silent by default: the plan's cuts come from its JSON
    # report, written only in runs that are not timed (at 10k layers the
    # report costs more than the pass: 0.25 s against 0.20 s).
    report_path = err_path + ".report.json"
    if os.path.exists(report_path):
        os.remove(report_path)
    if report:
        args = [a + " report=" + report_path
                if a.startswith("--cache-partition=") and "report=" not in a
                else a for a in args]
    use_time = os.access(GNU_TIME, os.X_OK)
    cmd = ([GNU_TIME, "-f", "%M", "-o", rss_path] if use_time else []) + [tool] + args
    with open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=err)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        r.wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    r.rc = proc.returncode
    r.timed_out = r.rc == -9 and r.wall >= timeout
    r.maxrss_kb = usage.ru_maxrss
    if use_time:
        # "Command exited with non-zero status N" may precede the number.
        text = read_first(rss_path).split()
        r.maxrss_kb = int(text[-1]) if text and text[-1].isdigit() else None
        try:
            os.remove(rss_path)
        except OSError:
            pass
    if os.path.exists(report_path):
        with open(report_path) as f:
            for fn in json.load(f).get("functions", []):
                r.cuts += max(fn["k"] - 1, 0)
                r.planned_transfer += fn.get("planned_transfer_bytes", 0)
    with open(err_path, errors="replace") as f:
        for line in f:
            m = TIMING_LINE.match(line)
            if m:
                r.timings[m.group(2)] = float(m.group(1))
            elif not r.error and "error:" in line:
                r.error = line.strip()[:300]
    try:
        os.remove(err_path)
    except OSError:
        pass
    return r


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


class Measure:
    """Medians over repetitions of one command."""

    def __init__(self, runs):
        self.runs = runs
        ok = [r for r in runs if r.ok]
        self.ok = len(ok) == len(runs) and bool(runs)
        self.error = next((r.error or ("timeout" if r.timed_out else "exit %s" % r.rc)
                           for r in runs if not r.ok), "")
        self.wall = median([r.wall for r in ok])
        self.maxrss_kb = median([r.maxrss_kb for r in ok])
        names = set()
        for r in ok:
            names.update(r.timings)
        self.timings = {n: median([r.timings.get(n) for r in ok]) for n in names}
        self.cuts = ok[0].cuts if ok else None
        self.planned_transfer = ok[0].planned_transfer if ok else None
        self.loads = [r.load for r in runs if r.load is not None]

    def t(self, name):
        return self.timings.get(name)

    def to_json(self):
        return {"ok": self.ok, "error": self.error, "wall": self.wall,
                "maxrss_kb": self.maxrss_kb, "timings": self.timings,
                "cuts": self.cuts, "planned_transfer": self.planned_transfer,
                "runs": [{"wall": r.wall, "maxrss_kb": r.maxrss_kb, "rc": r.rc,
                          "timings": r.timings, "load": r.load} for r in self.runs]}


class Bench:
    def __init__(self, opts):
        self.opts = opts
        self.tool = opts.tool
        self.err_path = os.path.join(opts.bench_dir, "stderr.txt")
        self.loads = []
        self.count = 0

    def measure(self, args, repeat=None):
        """Timed runs as users run the pass (no report), then, for a
        partition, one untimed run whose report gives the plan."""
        runs = []
        for _ in range(repeat or self.opts.repeat):
            r = run_tool(self.tool, args, self.opts.timeout, self.err_path,
                         report=False)
            self.count += 1
            if r.load is not None:
                self.loads.append(r.load)
            runs.append(r)
            if not r.ok:
                break  # a failing or timed-out command is not repeated
        measure = Measure(runs)
        if measure.ok and any(a.startswith("--cache-partition=")
                              for a in args):
            plan = self.once(args)
            measure.cuts, measure.planned_transfer = plan.cuts, \
                plan.planned_transfer
        return measure

    def once(self, args):
        r = run_tool(self.tool, args, self.opts.timeout, self.err_path)
        self.count += 1
        if r.load is not None:
            self.loads.append(r.load)
        return r


def partition_opt(capacity, strategy, model, extra=""):
    text = "capacity=%s strategy=%s memory-model=%s" % (capacity, strategy, model)
    if extra:
        text += " " + extra
    return "--cache-partition=" + text


# ------------------------------------------------------------ scaling ---

def run_scaling(bench, sizes, bench_dir):
    res = {"sizes": [], "parse": {}, "partition": {}, "breakdown": {}}
    paths = {}
    for n in sizes:
        path = os.path.join(bench_dir, "chain_%d.mlir" % n)
        t0 = time.perf_counter()
        made = generate_chain(n, path)
        log("chain %d blocks: %s in %.2f s (%.1f MB)" % (
            n, "generated" if made else "reused", time.perf_counter() - t0,
            os.path.getsize(path) / 1e6))
        paths[n] = path
        res["sizes"].append({"blocks": n, "layers": None,
                             "mbytes": os.path.getsize(path) / 1e6})
    for n in sizes:
        path = paths[n]
        log("size %d: parse + print" % n)
        res["parse"][n] = bench.measure([path, "-o", "/dev/null", "--mlir-timing"])
        for s, m in COMBOS:
            log("size %d: partition %s/%s" % (n, s, m))
            res["partition"][(n, s, m)] = bench.measure(
                [path, partition_opt(CHAIN_CAPACITY, s, m), "-o", "/dev/null", "--mlir-timing"])
        # Shared weights: cse first (every layer's zero accumulator and equal
        # splat constants become one value), as real pipelines do.
        log("size %d: cse + partition" % n)
        res.setdefault("cse", {})[n] = bench.measure(
            [path, "--pass-pipeline=builtin.module(cse,cache-partition{capacity=%s "
             "oversize=isolate})" % CHAIN_CAPACITY, "-o", "/dev/null", "--mlir-timing"])
        # Layers as the analysis counts them, from one untimed run with a report.
        q = plan_file(bench, path, CHAIN_CAPACITY, "greedy", "sum",
                      os.path.join(bench_dir, "plan.json"))
        res["sizes"][sizes.index(n)]["layers"] = q["layers"] if q["ok"] else None
    n = sizes[-1]
    path = paths[n]
    variants = [
        ("partition, --verify-each=0",
         [path, partition_opt(CHAIN_CAPACITY, "greedy", "sum"), "--verify-each=0"]),
        ("partition, --mlir-disable-threading",
         [path, partition_opt(CHAIN_CAPACITY, "greedy", "sum"), "--mlir-disable-threading"]),
        ("partition, --verify-each=0 --mlir-disable-threading",
         [path, partition_opt(CHAIN_CAPACITY, "greedy", "sum"), "--verify-each=0",
          "--mlir-disable-threading"]),
        ("--cache-footprint=report=/dev/null",
         [path, "--cache-footprint=report=/dev/null"]),
    ]
    for name, args in variants:
        log("size %d: breakdown %s" % (n, name))
        res["breakdown"][name] = bench.measure(args + ["-o", "/dev/null", "--mlir-timing"])
    res["paths"] = paths
    return res


# ------------------------------------------------------------ quality ---

def summarise_report(report):
    """One file's plan, summed over its functions."""
    out = {"functions": 0, "layers": 0, "k": 0, "lower_bound": 0, "max_group": 0,
           "group_bytes": 0, "transfer_in": 0, "planned_transfer": 0, "spilling": 0,
           "util_sum": 0.0, "util_n": 0, "total_bytes": 0}
    for fn in report.get("functions", []):
        out["functions"] += 1
        out["layers"] += fn["num_layers"]
        out["k"] += fn["k"]
        out["lower_bound"] += fn["lower_bound"]
        out["total_bytes"] += fn["total_bytes"]
        out["planned_transfer"] += fn.get("planned_transfer_bytes", 0)
        for g in fn["groups"]:
            out["max_group"] = max(out["max_group"], g["total"])
            out["group_bytes"] += g["total"]
            out["transfer_in"] += g["transfer_in_bytes"]
            if g["spilling"]:
                out["spilling"] += 1
            else:
                out["util_sum"] += g["utilisation"]
                out["util_n"] += 1
    return out


def plan_file(bench, path, capacity, strategy, model, report_path):
    try:
        os.remove(report_path)
    except OSError:
        pass
    r = bench.once([path, partition_opt(capacity, strategy, model,
                                        "oversize=isolate report=" + report_path),
                    "-o", "/dev/null"])
    if not r.ok:
        return {"ok": False, "error": r.error or ("timeout" if r.timed_out else "exit %s" % r.rc)}
    try:
        with open(report_path) as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        return {"ok": False, "error": "no report: %s" % e}
    out = summarise_report(report)
    out["ok"] = True
    out["wall"] = r.wall
    return out


def run_quality(bench, files, capacities, label):
    res = {}
    report_path = os.path.join(bench.opts.bench_dir, "plan.json")
    total = len(files) * len(capacities) * len(COMBOS)
    done = 0
    for path in files:
        name = os.path.splitext(os.path.basename(path))[0]
        for cap in capacities:
            for s, m in COMBOS:
                res[(name, cap, s, m)] = plan_file(bench, path, cap, s, m, report_path)
                done += 1
        log("%s: %s done (%d/%d runs)" % (label, name, done, total))
    return res


# ------------------------------------------------------------- output ---

def fmt_s(v, digits=3):
    return "-" if v is None else "%.*f" % (digits, v)


def fmt_ratio(v):
    return "-" if v is None else "%.2f" % v


def fmt_mb(kb):
    return "-" if kb is None else "%.0f" % (kb / 1024.0)


def human(n):
    if n is None:
        return "-"
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return ("%d %s" % (n, unit)) if unit == "B" else ("%.2f %s" % (n, unit))
        n /= 1024.0
    return str(n)


def div(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join("---" for _ in header) + " |"]
    for row in rows:
        lines.append("| " + " | ".join(str(c) for c in row) + " |")
    return "\n".join(lines)


def verdict(value, target, higher_is_worse=True):
    if value is None:
        return "not measured"
    if value <= target:
        return "met (%.2f <= %.2f)" % (value, target)
    return "MISSED: %.2f vs %.2f (%.1fx the target)" % (value, target, value / target)


def scaling_markdown(res, sizes):
    out = []
    pass_name = "CachePartition"
    rows = []
    for info in res["sizes"]:
        n = info["blocks"]
        a = res["parse"][n]
        b = res["partition"][(n, "greedy", "sum")]
        rows.append([
            "%d" % n, "-" if info["layers"] is None else "%d" % info["layers"],
            "%.1f" % info["mbytes"],
            "%d" % (b.cuts + 1) if b.ok else "failed",
            fmt_s(a.wall), fmt_s(a.t("Parser")), fmt_s(a.t("Output")), fmt_mb(a.maxrss_kb),
            fmt_s(b.wall), fmt_s(b.t("Parser")), fmt_s(b.t(pass_name)), fmt_s(b.t("Output")),
            fmt_mb(b.maxrss_kb),
            fmt_ratio(div(b.t(pass_name), b.t("Parser"))),
            fmt_ratio(div(b.maxrss_kb, a.maxrss_kb)),
        ])
    out.append("### Parse + print (a) vs parse + `--cache-partition=\"capacity=%s\"` + print (b), "
               "greedy / sum\n" % CHAIN_CAPACITY)
    out.append("Times in seconds (median of the repetitions), peak RSS in MiB. Parser, "
               "CachePartition and Output are the `--mlir-timing` wall times; "
               "CachePartition includes the verifier run after the pass.\n")
    out.append(table(["blocks", "layers", "MB", "k", "(a) wall", "(a) Parser", "(a) Output",
                      "(a) RSS", "(b) wall", "(b) Parser", "(b) CachePartition", "(b) Output",
                      "(b) RSS", "pass / Parser", "RSS (b)/(a)"], rows))

    # Strategy x memory model.
    out.append("\n### CachePartition time per strategy and memory model (s)\n")
    header = ["strategy", "memory model"] + ["%d" % n for n in sizes]
    steps = list(zip(sizes, sizes[1:]))
    header += ["%d/%d" % (b, a) for a, b in steps]
    big = sizes[-1]
    header += ["pass / Parser @%d" % big, "wall @%d" % big, "RSS MiB @%d" % big,
               "RSS (b)/(a) @%d" % big, "k @%d" % big]
    rows = []
    a_big = res["parse"][big]
    for s, m in COMBOS:
        row = [s, m]
        for n in sizes:
            meas = res["partition"][(n, s, m)]
            row.append(fmt_s(meas.t(pass_name)) if meas.ok else "failed: " + meas.error[:60])
        for a, b in steps:
            row.append(fmt_ratio(div(res["partition"][(b, s, m)].t(pass_name),
                                     res["partition"][(a, s, m)].t(pass_name))))
        meas = res["partition"][(big, s, m)]
        row += [fmt_ratio(div(meas.t(pass_name), meas.t("Parser"))), fmt_s(meas.wall),
                fmt_mb(meas.maxrss_kb), fmt_ratio(div(meas.maxrss_kb, a_big.maxrss_kb)),
                "%d" % (meas.cuts + 1) if meas.ok else "-"]
        rows.append(row)
    out.append(table(header, rows))

    # Targets.
    out.append("\n### Targets (greedy / sum unless said)\n")
    b_big = res["partition"][(big, "greedy", "sum")]
    rows = []
    worst_pp = max(COMBOS, key=lambda c: div(res["partition"][(big,) + c].t(pass_name),
                                             res["partition"][(big,) + c].t("Parser")) or 0)
    rows.append(["pass time / parse time <= %.2f @%d" % (TARGET_PASS_PARSE, big),
                 verdict(div(b_big.t(pass_name), b_big.t("Parser")), TARGET_PASS_PARSE)])
    wp = res["partition"][(big,) + worst_pp]
    rows.append(["  worst strategy/model (%s/%s)" % worst_pp,
                 verdict(div(wp.t(pass_name), wp.t("Parser")), TARGET_PASS_PARSE)])
    nv = res["breakdown"].get("partition, --verify-each=0")
    if nv is not None:
        rows.append(["  pass without the verifier after it (--verify-each=0) / Parser @%d" % big,
                     verdict(div(nv.t(pass_name), nv.t("Parser")), TARGET_PASS_PARSE)])
    if len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        factor = b / a
        target = TARGET_SCALING * factor / 10.0
        rows.append(["pass time %d / %d <= %.1f" % (b, a, target),
                     verdict(div(b_big.t(pass_name), res["partition"][(a, "greedy", "sum")].t(pass_name)),
                             target)])
        rows.append(["  reference: Parser time %d / %d (same runs, not a target)" % (b, a),
                     fmt_ratio(div(b_big.t("Parser"), res["partition"][(a, "greedy", "sum")].t("Parser")))])
        worst = max(COMBOS, key=lambda c: div(res["partition"][(b,) + c].t(pass_name),
                                              res["partition"][(a,) + c].t(pass_name)) or 0)
        rows.append(["  worst strategy/model (%s/%s)" % worst,
                     verdict(div(res["partition"][(b,) + worst].t(pass_name),
                                 res["partition"][(a,) + worst].t(pass_name)), target)])
    rows.append(["peak RSS (b) / (a) <= %.2f @%d" % (TARGET_MEMORY, big),
                 verdict(div(b_big.maxrss_kb, a_big.maxrss_kb), TARGET_MEMORY)])
    worst_mem = max(COMBOS, key=lambda c: res["partition"][(big,) + c].maxrss_kb or 0)
    rows.append(["  worst strategy/model (%s/%s)" % worst_mem,
                 verdict(div(res["partition"][(big,) + worst_mem].maxrss_kb, a_big.maxrss_kb),
                         TARGET_MEMORY)])
    out.append(table(["target", "result"], rows))

    # Breakdown.
    out.append("\n### Breakdown at %d blocks (greedy / sum)\n" % big)
    rows = [["parse + print (a)", fmt_s(a_big.wall), fmt_s(a_big.t("Parser")), "-",
             fmt_s(a_big.t("Output")), fmt_mb(a_big.maxrss_kb)],
            ["partition (b)", fmt_s(b_big.wall), fmt_s(b_big.t("Parser")),
             fmt_s(b_big.t(pass_name)), fmt_s(b_big.t("Output")), fmt_mb(b_big.maxrss_kb)]]
    for name, meas in res["breakdown"].items():
        p = meas.t(pass_name)
        if p is None:
            p = meas.t("CacheFootprint")
        rows.append([name, fmt_s(meas.wall), fmt_s(meas.t("Parser")),
                     fmt_s(p) if meas.ok else "failed", fmt_s(meas.t("Output")),
                     fmt_mb(meas.maxrss_kb)])
    out.append(table(["run", "wall", "Parser", "pass", "Output", "RSS MiB"], rows))

    # Shared weights.
    out.append("\n### After `cse` (shared weights and accumulators), greedy / sum\n")
    out.append("`--pass-pipeline='builtin.module(cse,cache-partition{capacity=%s "
               "oversize=isolate})'`: group queries must not depend on how many "
               "layers share a weight.\n" % CHAIN_CAPACITY)
    rows = []
    prev = None
    for info in res["sizes"]:
        n = info["blocks"]
        meas = res.get("cse", {}).get(n)
        if meas is None:
            continue
        p = meas.t(pass_name)
        rows.append(["%d" % n, fmt_s(meas.t("Parser")), fmt_s(meas.t("CSE")), fmt_s(p),
                     fmt_ratio(div(p, meas.t("Parser"))),
                     fmt_ratio(div(p, prev)) if prev else "-"])
        prev = p
    out.append(table(["blocks", "Parser", "CSE", "CachePartition", "pass / Parser",
                      "pass vs previous size"], rows))
    return "\n".join(out)


def quality_rows(res, names, caps):
    rows = []
    for name in names:
        for cap in caps:
            for s, m in COMBOS:
                q = res.get((name, cap, s, m))
                if q is None:
                    continue
                if not q["ok"]:
                    rows.append([name, cap, s, m, "failed: " + q["error"][:120]] + [""] * 8)
                    continue
                rows.append([name, cap, s, m, q["layers"], q["k"], q["lower_bound"],
                             human(q["max_group"]), human(div(q["group_bytes"], q["k"])),
                             human(q["transfer_in"]), human(q["planned_transfer"]),
                             "%.0f%%" % (100 * div(q["util_sum"], q["util_n"]))
                             if q["util_n"] else "-",
                             q["spilling"]])
    return rows


QUALITY_HEADER = ["model", "capacity", "strategy", "memory", "layers", "k", "lower bound",
                  "max group", "mean group", "transfer in", "planned transfer", "mean util",
                  "spilling"]


def corpus_summary_markdown(res, names, caps):
    rows = []
    for cap in caps:
        for s, m in COMBOS:
            qs = [res.get((n, cap, s, m)) for n in names]
            ok = [q for q in qs if q and q["ok"]]
            failed = [n for n, q in zip(names, qs) if q and not q["ok"]]
            util_sum = sum(q["util_sum"] for q in ok)
            util_n = sum(q["util_n"] for q in ok)
            rows.append([cap, s, m, "%d/%d" % (len(ok), len(names)),
                         sum(q["k"] for q in ok), sum(q["lower_bound"] for q in ok),
                         sum(1 for q in ok if q["k"] == q["lower_bound"]),
                         sum(1 for q in ok if q["k"] < q["lower_bound"]),
                         sum(q["spilling"] for q in ok),
                         "%.1f%%" % (100 * util_sum / util_n) if util_n else "-",
                         human(sum(q["transfer_in"] for q in ok)),
                         human(sum(q["planned_transfer"] for q in ok)),
                         ", ".join(failed) if failed else ""])
    return table(["capacity", "strategy", "memory", "files ok", "total k", "sum of lower bounds",
                  "k = LB", "k < LB", "spilling groups", "mean util (non-spilling)",
                  "total transfer in", "total planned transfer", "failed"], rows)


def min_transfer_check(res, names, caps):
    """min-transfer must move no more than greedy and balanced at the same k,
    and the planner's count must equal what the outlined program moves."""
    compared = worse = mismatched = 0
    worst = []
    for name in names:
        for cap in caps:
            for m in MODELS:
                qs = {s: res.get((name, cap, s, m)) for s in STRATEGIES}
                for q in qs.values():
                    if q and q["ok"] and q["planned_transfer"] != q["transfer_in"]:
                        mismatched += 1
                mt = qs["min-transfer"]
                if not (mt and mt["ok"]):
                    continue
                for s in ("greedy", "balanced"):
                    q = qs[s]
                    if not (q and q["ok"]) or q["k"] != mt["k"]:
                        continue
                    compared += 1
                    if mt["transfer_in"] > q["transfer_in"]:
                        worse += 1
                        worst.append("%s %s %s vs %s" % (name, cap, m, s))
    return ("min-transfer vs greedy/balanced at the same k: %d comparisons, %d where "
            "min-transfer moves more%s; planned != moved in %d plans" %
            (compared, worse, (" (" + ", ".join(worst[:10]) + ")") if worst else "",
             mismatched))


def corpus_permodel_markdown(res, names, caps):
    """One row per model, capacity and memory model; strategies side by side."""
    rows = []
    for name in names:
        for cap in caps:
            for m in MODELS:
                qs = [res.get((name, cap, s, m)) for s in STRATEGIES]
                first = next((q for q in qs if q and q["ok"]), None)

                def col(key, f=lambda v: v):
                    return " / ".join(f(q[key]) if q and q["ok"] else "fail" for q in qs)
                rows.append([name, cap, m, first["layers"] if first else "-",
                             first["lower_bound"] if first else "-",
                             col("k", str), col("max_group", human),
                             col("transfer_in", human), col("spilling", str)])
    return table(["model", "capacity", "memory", "layers", "lower bound",
                  "k (g / b / mt)", "max group (g / b / mt)", "transfer in (g / b / mt)",
                  "spilling (g / b / mt)"], rows)


def failures_markdown(res):
    rows = [[k[0], k[1], k[2], k[3], v["error"][:200]] for k, v in sorted(res.items())
            if not v["ok"]]
    if not rows:
        return "No failures."
    return table(["model", "capacity", "strategy", "memory", "error"], rows)


# --------------------------------------------------------------- main ---

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000",
                    help="chain lengths in blocks (fill + matmul each), comma-separated")
    ap.add_argument("--quick", action="store_true",
                    help="sizes 1000,10000 and examples only (no nelli corpus)")
    ap.add_argument("--out", help="also write the Markdown tables to FILE "
                                  "(per-model corpus tables to FILE-nelli.md, raw data to FILE.json)")
    ap.add_argument("--tool", default=DEFAULT_TOOL)
    ap.add_argument("--bench-dir", default=DEFAULT_BENCH_DIR,
                    help="where the chains and scratch files go (default build/bench)")
    ap.add_argument("--nelli", default=DEFAULT_NELLI, help="nelli corpus folder (skipped if absent)")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions per timing (median kept)")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per command")
    ap.add_argument("--no-scaling", action="store_true", help="skip the chain timings")
    ap.add_argument("--no-quality", action="store_true", help="skip the plan-quality runs")
    ap.add_argument("--no-snapshot", action="store_true",
                    help="run --tool in place instead of a copy taken at the start (the copy "
                         "keeps the numbers consistent when build/ is rebuilt during the run)")
    opts = ap.parse_args()
    if opts.quick:
        opts.sizes = "1000,10000"
    sizes = sorted({int(s) for s in opts.sizes.split(",") if s.strip()})
    if not os.path.exists(opts.tool):
        sys.exit("error: %s not found; build the project first (scripts/setup.sh)" % opts.tool)
    os.makedirs(opts.bench_dir, exist_ok=True)

    started = time.time()
    ident_before = tool_identity(opts.tool)
    machine = machine_info()
    bench = Bench(opts)
    if not opts.no_snapshot:
        # A new file each time (copy, then rename): never write into an old
        # snapshot that something else may be running or have linked.
        snapshot = os.path.join(opts.bench_dir, "cachepart-opt.snapshot")
        shutil.copy2(opts.tool, snapshot + ".tmp")
        os.replace(snapshot + ".tmp", snapshot)
        bench.tool = snapshot
    command = "python3 scripts/bench.py" + "".join(" " + shlex.quote(a) for a in sys.argv[1:])
    log("bench: %s; tool %s (sha256 %s, built %s); load %.2f" % (
        command, ident_before.get("path"), ident_before.get("sha256"),
        ident_before.get("mtime"), loadavg() or -1))

    sections = []
    raw = {"command": command, "machine": machine, "tool": ident_before, "sizes": sizes}
    permodel = None

    if not opts.no_scaling:
        scaling = run_scaling(bench, sizes, opts.bench_dir)
        sections.append("## Scaling on generated chains\n\n" + scaling_markdown(scaling, sizes))
        raw["scaling"] = {
            "sizes": scaling["sizes"],
            "parse": {str(n): m.to_json() for n, m in scaling["parse"].items()},
            "partition": {"%d %s %s" % k: m.to_json() for k, m in scaling["partition"].items()},
            "breakdown": {k: m.to_json() for k, m in scaling["breakdown"].items()},
        }

    if not opts.no_quality:
        chain_sizes = [n for n in sizes if n <= 10000] or sizes[:1]
        n = chain_sizes[-1]
        path = os.path.join(opts.bench_dir, "chain_%d.mlir" % n)
        generate_chain(n, path)
        chain_q = run_quality(bench, [path], [CHAIN_CAPACITY], "chain")
        sections.append("## Plan quality\n\n### Chain of %d blocks at %s\n\n" % (n, CHAIN_CAPACITY)
                        + "Bytes: `transfer in` is the sum of the groups' transfer_in_bytes "
                          "(what the outlined program moves); `planned transfer` is the planner's "
                          "count of the same bytes (the min-transfer objective, the report's "
                          "planned_transfer_bytes); mean util is over non-spilling groups.\n\n"
                        + table(QUALITY_HEADER, quality_rows(
                            chain_q, [os.path.splitext(os.path.basename(path))[0]],
                            [CHAIN_CAPACITY])))
        examples = sorted(glob.glob(EXAMPLES_GLOB))
        ex_q = run_quality(bench, examples, EXAMPLE_CAPACITIES, "examples")
        ex_names = [os.path.splitext(os.path.basename(p))[0] for p in examples]
        sections.append("### examples/*.mlir at %s, oversize=isolate\n\n" % ", ".join(EXAMPLE_CAPACITIES)
                        + table(QUALITY_HEADER, quality_rows(ex_q, ex_names, EXAMPLE_CAPACITIES))
                        + "\n\nFailures: " + failures_markdown(ex_q))
        raw["quality_chain"] = {" ".join(k): v for k, v in chain_q.items()}
        raw["quality_examples"] = {" ".join(k): v for k, v in ex_q.items()}
        nelli = sorted(glob.glob(os.path.join(opts.nelli, "*.mlir")))
        if opts.quick:
            sections.append("### nelli corpus\n\nSkipped (--quick).")
        elif not nelli:
            sections.append("### nelli corpus\n\nSkipped: %s not found." % opts.nelli)
        else:
            ne_q = run_quality(bench, nelli, NELLI_CAPACITIES, "nelli")
            ne_names = [os.path.splitext(os.path.basename(p))[0] for p in nelli]
            sections.append("### nelli corpus (%d models) at %s, oversize=isolate\n\n"
                            % (len(nelli), ", ".join(NELLI_CAPACITIES))
                            + "Sums over all models of each row's capacity and strategy / "
                              "memory model. `k = LB` / `k < LB`: models whose k equals / is "
                              "below the lower bound ceil(total/capacity) (below is possible "
                              "only with spilling groups).\n\n"
                            + corpus_summary_markdown(ne_q, ne_names, NELLI_CAPACITIES)
                            + "\n\n" + min_transfer_check(ne_q, ne_names, NELLI_CAPACITIES)
                            + "\n\nFailures:\n\n" + failures_markdown(ne_q))
            permodel = ("# nelli corpus: plan per model\n\nGenerated by `%s`. g / b / mt = "
                        "greedy / balanced / min-transfer; oversize=isolate.\n\n" % command
                        + corpus_permodel_markdown(ne_q, ne_names, NELLI_CAPACITIES) + "\n")
            raw["quality_nelli"] = {" ".join(k): v for k, v in ne_q.items()}

    elapsed = time.time() - started
    ident_after = tool_identity(opts.tool)
    loads = bench.loads
    header = ["# cachepart benchmark results", "",
              "- command: `%s` (%d tool runs, %.0f s)" % (command, bench.count, elapsed),
              "- date: %s" % datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
              "- machine: %d cores (`nproc`), %s, %s GiB RAM, Linux %s" % (
                  machine["nproc"], machine["model_name"], machine["ram_gib"], machine["kernel"]),
              "- load (1-min average before each run, includes the benchmark's own process): "
              "min %.2f, median %.2f, max %.2f" % (min(loads), statistics.median(loads), max(loads))
              if loads else "- load: not measured",
              "- tool: `%s`, sha256 %s, built %s; git HEAD at run time %s" % (
                  ident_before.get("path"), ident_before.get("sha256"),
                  ident_before.get("mtime"), ident_before.get("git", "?")),
              "- repetitions per timing: %d (median)" % opts.repeat]
    if ident_after.get("sha256") != ident_before.get("sha256"):
        header.append("- note: `%s` was rebuilt during the run (now sha256 %s, built %s); %s" % (
            ident_before.get("path"), ident_after.get("sha256"), ident_after.get("mtime"),
            "the numbers above are all from the copy taken at the start" if not opts.no_snapshot
            else "**the numbers mix two builds**"))
        log("WARNING: %s changed during the run" % opts.tool)
    text = "\n".join(header) + "\n\n" + "\n\n".join(sections) + "\n"
    print(text)
    raw["elapsed_s"] = elapsed
    raw["loads"] = loads
    raw["tool_after"] = ident_after
    if opts.out:
        with open(opts.out, "w") as f:
            f.write(text)
        stem = opts.out[:-3] if opts.out.endswith(".md") else opts.out
        if permodel:
            with open(stem + "-nelli.md", "w") as f:
                f.write(permodel)
        with open(stem + ".json", "w") as f:
            json.dump(raw, f, indent=1, sort_keys=True, default=str)
        log("wrote %s%s and %s.json" % (opts.out, " , %s-nelli.md" % stem if permodel else "", stem))
    log("total %.0f s, %d tool runs" % (elapsed, bench.count))


if __name__ == "__main__":
    main()
