#!/usr/bin/env python3
"""Robustness sweep of cachepart-opt over the shared real-IR corpus.

Issue "no crash on any input": every chunk of every corpus file is run
through `--cache-footprint` and `--cache-partition` over a matrix of
capacities, strategies, memory models and oversize policies. Each run is
classified as

  ok           exit 0, the output re-parses and verifies, and (partition runs)
               every non-spilling group of the JSON report fits its capacity
  clean-error  exit 1 with a located diagnostic `file:line:col: error: ...`
  crash        killed by a signal / exit >= 128, a crash banner on stderr
               (Stack dump, PLEASE submit a bug report, Assertion, LLVM ERROR,
               a sanitizer report),
               or a failure without a located error
  bad-output   exit 0 but the output does not verify, the report is missing
               or a non-spilling group is larger than its capacity
  timeout      the run took longer than --timeout seconds

and a table is printed. Clean errors that report a broken internal invariant
("no plan can be trusted", "internal error") are flagged with `!` and listed
with their commands. Exit status 1 if there is any crash, bad output or
timeout, else 0. If the corpus folder does not exist the sweep is skipped
(exit 0). Python 3 standard library only; runs strictly one process at a time.

  scripts/corpus_sweep.py                 # full matrix
  scripts/corpus_sweep.py --quick         # 2MB, all strategies, sum model
"""

import argparse
import collections
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "corpus"))
DEFAULT_TOOL = os.path.join(REPO_ROOT, "build", "bin", "cachepart-opt")

SPLIT_RE = re.compile(r"^// -----")
LOCATED_ERROR_RE = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): error: (?P<msg>.*)$")
ANY_ERROR_RE = re.compile(r"(^|\s)error: ")
CRASH_MARKERS = [
    ("Stack dump", re.compile(r"^Stack dump", re.M)),
    ("PLEASE submit a bug report", re.compile(r"PLEASE submit a bug report")),
    ("Assertion", re.compile(r"Assertion `.*' failed|Assertion failed")),
    ("LLVM ERROR", re.compile(r"^LLVM ERROR", re.M)),
    # Sanitizer builds (CACHEPART_ENABLE_SANITIZERS) report and exit 1.
    ("Sanitizer", re.compile(r"ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error: ")),
]
# Clean (located, exit 1) errors that are really broken internal invariants:
# counted as clean errors, but flagged and listed with their commands.
INTERNAL_RE = re.compile(r"no plan can be trusted|does not behave as a monotone|internal error", re.I)
SIZE_RE = re.compile(r"^(\d+)\s*([KMG]?)B?$", re.I)

FULL_CAPACITIES = ["64KB", "256KB", "2MB", "16MB"]
QUICK_CAPACITIES = ["2MB"]
STRATEGIES = ["greedy", "balanced", "min-transfer"]
MODELS = ["sum", "liveness"]
DYN_OPTS = "batch=2 dynamic-dim-bound=64"


def parse_size(text):
    m = SIZE_RE.match(text.strip())
    if not m:
        raise ValueError("bad size %r" % text)
    return int(m.group(1)) * {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}[m.group(2).upper()]


# ---------------------------------------------------------------- corpus ---

class Chunk:
    def __init__(self, file, index, count, path, first_line, last_line, text):
        self.file = file            # path relative to the corpus root
        self.index = index          # 0-based chunk number
        self.count = count          # number of chunks in the file
        self.path = path            # file the tool reads
        self.first_line = first_line
        self.last_line = last_line
        self.functions = count_functions(text)
        self.has_device_list = "cachepart.devices" in text

    def label(self):
        if self.count == 1:
            return self.file
        return "%s chunk %d/%d (lines %d-%d)" % (
            self.file, self.index + 1, self.count, self.first_line, self.last_line)


def count_functions(text):
    """Number of `func.func` definitions (external declarations excluded)."""
    lines = [l for l in text.splitlines() if not l.lstrip().startswith("//")]
    n = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if re.search(r"(^|\s)func\.func\b", line):
            # Join a signature spread over several lines (unbalanced parens).
            sig = line
            j = i
            while sig.count("(") > sig.count(")") and j + 1 < len(lines):
                j += 1
                sig += " " + lines[j]
            if sig.rstrip().endswith("{"):
                n += 1
            i = j
        i += 1
    return n


def split_chunks(corpus, rel, chunk_dir):
    path = os.path.join(corpus, rel)
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    pieces = []       # (first_line, last_line, text), 1-based line numbers
    start = 0
    for i, line in enumerate(lines):
        if SPLIT_RE.match(line):
            pieces.append((start + 1, i, "\n".join(lines[start:i])))
            start = i + 1
    pieces.append((start + 1, len(lines), "\n".join(lines[start:])))
    if len(pieces) == 1:
        return [Chunk(rel, 0, 1, path, 1, len(lines), pieces[0][2])]
    chunks = []
    base = rel.replace(os.sep, "__")
    if base.endswith(".mlir"):
        base = base[:-5]
    for idx, (first, last, text) in enumerate(pieces):
        cpath = os.path.join(chunk_dir, "%s.chunk%02d.mlir" % (base, idx + 1))
        with open(cpath, "w", encoding="utf-8") as f:
            # Pad with blank lines so diagnostics keep the original line numbers.
            f.write("\n" * (first - 1) + text + "\n")
        chunks.append(Chunk(rel, idx, len(pieces), cpath, first, last, text))
    return chunks


def find_files(corpus):
    out = []
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".mlir"):
                out.append(os.path.relpath(os.path.join(dirpath, name), corpus))
    return sorted(out)


# ---------------------------------------------------------------- matrix ---

def run_matrix(quick):
    """List of (kind, pass option string) for one chunk."""
    runs = []
    if quick:
        for cap in QUICK_CAPACITIES:
            for strategy in STRATEGIES:
                runs.append(("partition", "capacity=%s strategy=%s memory-model=sum oversize=isolate"
                             % (cap, strategy)))
        return runs
    runs.append(("footprint", ""))
    runs.append(("footprint", DYN_OPTS + " memory-model=liveness"))
    for cap in FULL_CAPACITIES:
        for strategy in STRATEGIES:
            for model in MODELS:
                runs.append(("partition", "capacity=%s strategy=%s memory-model=%s oversize=isolate"
                             % (cap, strategy, model)))
    for cap in FULL_CAPACITIES:   # a layer larger than the card is an error
        runs.append(("partition", "capacity=%s strategy=greedy memory-model=sum oversize=error" % cap))
    # The default (oversize=split) at 2MB; smaller cards split into tens of
    # thousands of pieces (scripts/bench_split.py measures those).
    runs.append(("partition", "capacity=2MB strategy=greedy memory-model=sum"))
    runs.append(("partition", "capacity=2MB strategy=balanced memory-model=liveness oversize=isolate " + DYN_OPTS))
    return runs


# ------------------------------------------------------------------- run ---

class Result:
    def __init__(self, chunk, kind, opts, cmd):
        self.chunk = chunk
        self.kind = kind
        self.opts = opts
        self.cmd = cmd
        self.status = None      # ok | clean-error | crash | bad-output | timeout
        self.message = None     # normalised first error (clean-error)
        self.reason = None      # why crash / bad-output
        self.stderr_head = ""


def normalise(msg):
    msg = re.sub(r"'[^']*'", "'X'", msg)
    msg = re.sub(r'"[^"]*"', '"X"', msg)
    msg = re.sub(r"@[\w.$-]+", "@F", msg)
    msg = re.sub(r"%[\w.$#-]+", "%V", msg)
    # Types such as tensor<?x4xf32>, memref<...>, vector<...> (nested <> ok).
    for _ in range(3):
        msg = re.sub(r"\b(tensor|memref|vector|complex|tuple)<[^<>]*>", r"\1<T>", msg)
    msg = re.sub(r"\b[iuf]\d+\b", "iN", msg)
    msg = re.sub(r"\b0x[0-9a-fA-F]+\b", "N", msg)
    msg = re.sub(r"\d+(\.\d+)?", "N", msg)
    return msg.strip()


def read_text(path, limit=4 * 1024 * 1024):
    try:
        with open(path, "rb") as f:
            data = f.read(limit)
    except OSError:
        return ""
    return data.decode("utf-8", errors="replace")


def stderr_head(text, n=14):
    """The informative start of a stderr: from the first crash banner if there
    is one, else the diagnostics without the remarks the passes print (and
    without the source line + caret echoed under each remark)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if any(rx.search(line) for _, rx in CRASH_MARKERS):
            return "\n".join(lines[i:i + n])
    kept = []
    in_remark = False
    for line in lines:
        if re.search(r":\d+:\d+: remark: |^[^\s].*: remark: ", line):
            in_remark = True
            continue
        if in_remark and (line.startswith(" ") or line.strip() == "" or line.strip() == "^"):
            continue
        in_remark = False
        kept.append(line)
    return "\n".join(kept[:n])


def run_tool(cmd, timeout, err_path):
    with open(err_path, "wb") as err:
        try:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=err, timeout=timeout)
            return proc.returncode, False
        except subprocess.TimeoutExpired:
            return None, True
        except OSError as e:   # e.g. the tool is being relinked right now
            sys.exit("cannot run %s: %s" % (cmd[0], e))


def crash_reason(rc, text):
    if rc is not None and (rc < 0 or rc >= 128):
        if rc < 0:
            return "killed by signal %d" % -rc
        return "exit code %d" % rc
    for name, rx in CRASH_MARKERS:
        if rx.search(text):
            return "stderr contains '%s'" % name
    return None


def check_report(path, capacity):
    """Problems found in a partition JSON report (empty list = fine).

    capacity: the requested capacity in bytes, or None when the module lists
    its own devices (then each group may have another capacity)."""
    try:
        with open(path) as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        return ["report %s unreadable: %s" % (os.path.basename(path), e)]
    problems = []
    for fn in report.get("functions", []):
        for g in fn.get("groups", []):
            total, cap = g.get("total"), g.get("capacity")
            if not isinstance(total, int) or not isinstance(cap, int):
                problems.append("group %s of @%s lacks an integer total/capacity"
                                % (g.get("index"), fn.get("name")))
                continue
            if not g.get("spilling") and total > cap:
                problems.append("group %s (@%s, layers %s..%s) of @%s is not spilling but has total %d > capacity %d"
                                % (g.get("index"), g.get("function"), g.get("first_layer"),
                                   g.get("last_layer"), fn.get("name"), total, cap))
            elif capacity is not None and cap != capacity:
                problems.append("group %s of @%s has capacity %d, requested %d"
                                % (g.get("index"), fn.get("name"), cap, capacity))
    return problems


def run_one(tool, chunk, kind, opts, extra_flags, tmp, timeout):
    out_path = os.path.join(tmp, "out.mlir")
    err_path = os.path.join(tmp, "stderr.txt")
    report_path = os.path.join(tmp, "report.json")
    for p in (out_path, report_path):
        if os.path.exists(p):
            os.remove(p)
    pass_opts = opts
    if kind == "partition":
        pass_opts = (opts + " report=" + report_path).strip()
    flag = "--cache-%s" % kind
    if pass_opts:
        flag += "=" + pass_opts
    cmd = [tool, chunk.path, flag] + extra_flags + ["-o", out_path]
    shown = [tool, chunk.path, "--cache-%s" % kind + ("=" + opts if opts else "")] + extra_flags + ["-o", "out.mlir"]
    res = Result(chunk, kind, opts, " ".join(shlex.quote(c) for c in shown))

    rc, timed_out = run_tool(cmd, timeout, err_path)
    text = read_text(err_path)
    res.stderr_head = stderr_head(text)
    if timed_out:
        res.status, res.reason = "timeout", "no exit after %ds" % timeout
        return res
    why = crash_reason(rc, text)
    if why:
        res.status, res.reason = "crash", why
        return res
    first_err = None
    for line in text.splitlines():
        m = LOCATED_ERROR_RE.match(line)
        if m:
            first_err = m.group("msg")
            break
    if rc == 1:
        if first_err is not None:
            res.status, res.message = "clean-error", normalise(first_err)
            if INTERNAL_RE.search(first_err):
                res.reason = "internal invariant failure reported as an error"
        elif ANY_ERROR_RE.search(text):
            res.status, res.reason = "crash", "exit 1 with a non-located error"
        else:
            res.status, res.reason = "crash", "exit 1 without any error message"
        return res
    if rc != 0:
        res.status, res.reason = "crash", "unexpected exit code %d" % rc
        return res
    # rc == 0
    if first_err is not None:
        res.status, res.reason = "bad-output", "exit 0 although an error was emitted: " + first_err
        return res
    if not os.path.exists(out_path):
        res.status, res.reason = "bad-output", "exit 0 but no output file"
        return res
    if kind == "partition":
        if not os.path.exists(report_path):
            res.status, res.reason = "bad-output", "exit 0 but no report written"
            return res
        cap = parse_size(re.search(r"capacity=(\S+)", opts).group(1))
        problems = check_report(report_path, None if chunk.has_device_list else cap)
        if problems:
            res.status = "bad-output"
            res.reason = "report: " + "; ".join(problems[:3]) + (
                " (+%d more)" % (len(problems) - 3) if len(problems) > 3 else "")
            return res
    # Provisionally ok; the verifier turns it into bad-output if the output
    # does not re-parse and verify.
    res.status = "ok"
    verifier.add(res, out_path)
    return res


class Verifier:
    """Re-parses and verifies outputs (`cachepart-opt OUT -o /dev/null`).

    Identical outputs (strategies often agree) are verified once, and
    pending outputs are verified several at a time with --split-input-file
    (each chunk gets a fresh context, as in a separate run) to save process
    start-ups; if such a batch fails, its outputs are verified one by one so
    that the failure is attributed to the right runs."""

    BATCH_FILES = 64
    BATCH_BYTES = 16 * 1024 * 1024

    def __init__(self, tool, extra_flags, tmp, timeout, keep_dir):
        self.tool = tool
        self.extra_flags = extra_flags
        self.dir = os.path.join(tmp, "verify")
        os.makedirs(self.dir, exist_ok=True)
        self.timeout = timeout
        self.keep_dir = keep_dir
        self.pending = collections.OrderedDict()   # digest -> (path, size, [Result])
        self.pending_bytes = 0
        self.done = {}      # digest -> None (verifies) or (reason, stderr head)
        self.processes = 0

    def add(self, res, out_path):
        with open(out_path, "rb") as f:
            data = f.read()
        digest = hashlib.sha1(data).hexdigest()
        if digest in self.done:
            self._apply(res, self.done[digest])
        elif digest in self.pending:
            self.pending[digest][2].append(res)
        else:
            path = os.path.join(self.dir, digest + ".mlir")
            os.replace(out_path, path)
            self.pending[digest] = (path, len(data), [res])
            self.pending_bytes += len(data)
            if len(self.pending) >= self.BATCH_FILES or self.pending_bytes >= self.BATCH_BYTES:
                self.flush()

    def _apply(self, res, verdict):
        if verdict is not None:
            res.status = "bad-output"
            res.reason, res.stderr_head = verdict

    def _verify_one(self, path):
        err_path = os.path.join(self.dir, "stderr.txt")
        rc, timed_out = run_tool([self.tool, path] + self.extra_flags + ["-o", os.devnull], self.timeout, err_path)
        self.processes += 1
        if not timed_out and rc == 0:
            return None
        reason = "output does not re-parse/verify (%s)" % (
            "timeout" if timed_out else "exit %d" % rc)
        if self.keep_dir:
            saved = os.path.join(self.keep_dir, "bad-output-%s" % os.path.basename(path))
            shutil.copy(path, saved)
            reason += "; output saved to " + saved
        return reason, stderr_head(read_text(err_path))

    def flush(self):
        if not self.pending:
            return
        items = list(self.pending.items())
        self.pending.clear()
        self.pending_bytes = 0
        batch_ok = False
        if len(items) > 1:
            combined = os.path.join(self.dir, "batch.mlir")
            with open(combined, "wb") as out:
                for i, (_, (path, _, _)) in enumerate(items):
                    if i:
                        out.write(b"\n// -----\n")
                    with open(path, "rb") as f:
                        out.write(f.read())
            err_path = os.path.join(self.dir, "stderr.txt")
            rc, timed_out = run_tool([self.tool, combined, "--split-input-file"] + self.extra_flags + ["-o", os.devnull],
                                     self.timeout * len(items), err_path)
            self.processes += 1
            batch_ok = not timed_out and rc == 0
            os.remove(combined)
        for digest, (path, _, results) in items:
            verdict = None if batch_ok else self._verify_one(path)
            self.done[digest] = verdict
            for res in results:
                self._apply(res, verdict)
            os.remove(path)


verifier = None


# ----------------------------------------------------------------- table ---

def print_table(args, files, chunks, results, wall):
    counts = collections.Counter(r.status for r in results)
    by_msg = collections.Counter(r.message for r in results if r.status == "clean-error")
    msg_chunks = collections.defaultdict(set)
    for r in results:
        if r.status == "clean-error":
            msg_chunks[r.message].add(r.chunk.label())
    w = 14
    print("cachepart corpus sweep (%s matrix)" % ("quick" if args.quick else "full"))
    print("%-*s %s" % (w, "tool:", args.tool))
    print("%-*s %s" % (w, "corpus:", args.corpus))
    print("%-*s %d" % (w, "files:", len(files)))
    print("%-*s %d (functions: %d)" % (w, "chunks:", len(chunks), sum(c.functions for c in chunks)))
    print("%-*s %d" % (w, "runs:", len(results)))
    print("%-*s %d" % (w, "ok:", counts["ok"]))
    print("%-*s %d" % (w, "clean errors:", counts["clean-error"]))
    for msg, n in sorted(by_msg.items(), key=lambda kv: (-kv[1], kv[0])):
        flag = "!" if INTERNAL_RE.search(msg) else " "
        print(" %s%5d  [%d chunks]  %s" % (flag, n, len(msg_chunks[msg]), msg))
    internal = [r for r in results if r.status == "clean-error" and r.reason]
    if internal:
        print("  (! = internal invariant failure: %d runs, listed below)" % len(internal))
    print("%-*s %d" % (w, "crashes:", counts["crash"]))
    print("%-*s %d" % (w, "bad outputs:", counts["bad-output"]))
    print("%-*s %d" % (w, "timeouts:", counts["timeout"]))
    print("%-*s %.1f s" % (w, "wall time:", wall))

    # Per folder.
    print()
    print("%-12s %6s %7s %6s %6s %6s %6s %6s %6s" % (
        "folder", "files", "chunks", "runs", "ok", "clean", "crash", "bad", "tmout"))
    folders = sorted({f.split(os.sep)[0] for f in files})
    for folder in folders:
        fr = [r for r in results if r.chunk.file.split(os.sep)[0] == folder]
        c = collections.Counter(r.status for r in fr)
        print("%-12s %6d %7d %6d %6d %6d %6d %6d %6d" % (
            folder, sum(1 for f in files if f.split(os.sep)[0] == folder),
            sum(1 for ch in chunks if ch.file.split(os.sep)[0] == folder), len(fr),
            c["ok"], c["clean-error"], c["crash"], c["bad-output"], c["timeout"]))
    # Per run kind.
    print()
    print("%-72s %5s %5s %5s %5s %5s" % ("run", "ok", "clean", "crash", "bad", "tmout"))
    keys = []
    for r in results:
        k = "--cache-%s%s" % (r.kind, "=" + r.opts if r.opts else "")
        if k not in keys:
            keys.append(k)
    for k in keys:
        kr = [r for r in results if "--cache-%s%s" % (r.kind, "=" + r.opts if r.opts else "") == k]
        c = collections.Counter(r.status for r in kr)
        print("%-72s %5d %5d %5d %5d %5d" % (k, c["ok"], c["clean-error"], c["crash"],
                                              c["bad-output"], c["timeout"]))

    bad = [r for r in results if r.status in ("crash", "bad-output", "timeout")]
    bad += [r for r in results if r.status == "clean-error" and r.reason]
    if bad:
        print()
        n_internal = sum(1 for r in bad if r.status == "clean-error")
        print("failures (%d: %d crashes/bad outputs/timeouts, %d internal errors):"
              % (len(bad), len(bad) - n_internal, n_internal))
        for r in bad:
            print()
            print("[%s] %s" % ("internal-error" if r.status == "clean-error" else r.status,
                                r.chunk.label()))
            print("  reason:  %s" % r.reason)
            print("  command: %s" % r.cmd)
            if r.chunk.count > 1:
                print("  chunk:   lines %d-%d of %s (blank-padded, same line numbers)"
                      % (r.chunk.first_line, r.chunk.last_line, os.path.join(args.corpus, r.chunk.file)))
            for line in r.stderr_head.splitlines():
                print("  | " + line)


# ------------------------------------------------------------------ main ---

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="corpus folder (default: %(default)s)")
    ap.add_argument("--tool", default=DEFAULT_TOOL, help="cachepart-opt binary (default: %(default)s)")
    ap.add_argument("--quick", action="store_true",
                    help="reduced matrix: capacity 2MB, all strategies, sum model")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per run (default: %(default)s)")
    ap.add_argument("--filter", default="", help="only files whose corpus path contains this")
    ap.add_argument("--keep", metavar="DIR",
                    help="write split chunks and outputs that fail to verify to DIR (kept)")
    ap.add_argument("-v", "--verbose", action="store_true", help="progress on stderr")
    args = ap.parse_args()

    if not os.path.isdir(args.corpus):
        print("corpus not found: skipped")
        return 0
    args.corpus = os.path.abspath(args.corpus)
    tool = shutil.which(args.tool) or args.tool
    if not os.path.isfile(tool) or not os.access(tool, os.X_OK):
        print("tool not found: %s" % args.tool, file=sys.stderr)
        return 2
    args.tool = os.path.abspath(tool)

    extra_flags = []
    try:
        help_text = subprocess.run([args.tool, "--help"], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=args.timeout).stdout
        if b"--mlir-print-op-on-diagnostic" in help_text:
            extra_flags.append("--mlir-print-op-on-diagnostic=false")
    except subprocess.TimeoutExpired:
        pass

    # Sanitizer builds link instrumented cachepart code against the
    # uninstrumented system libMLIR. LLVM's BumpPtrAllocator poisons new slabs
    # in the instrumented (inlined) code, and libMLIR then writes into them
    # without unpoisoning: false "use-after-poison" reports. Ignore manual
    # poisoning (real heap errors are still found) and leaks, unless the
    # caller's ASAN_OPTIONS says otherwise.
    asan = [o for o in os.environ.get("ASAN_OPTIONS", "").split(":") if o]
    for opt in ("detect_leaks=0", "allow_user_poisoning=0"):
        if not any(o.split("=")[0] == opt.split("=")[0] for o in asan):
            asan.append(opt)
    os.environ["ASAN_OPTIONS"] = ":".join(asan)

    start = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="corpus-sweep-")
    global verifier
    try:
        chunk_dir = tmp
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            chunk_dir = os.path.abspath(args.keep)
        files = [f for f in find_files(args.corpus) if args.filter in f]
        chunks = []
        for rel in files:
            chunks.extend(split_chunks(args.corpus, rel, chunk_dir))
        verifier = Verifier(args.tool, extra_flags, tmp, args.timeout, args.keep and chunk_dir)
        matrix = run_matrix(args.quick)
        results = []
        for i, chunk in enumerate(chunks):
            if args.verbose:
                print("[%d/%d] %s" % (i + 1, len(chunks), chunk.label()), file=sys.stderr, flush=True)
            for kind, opts in matrix:
                r = run_one(args.tool, chunk, kind, opts, extra_flags, tmp, args.timeout)
                results.append(r)
                if args.verbose and r.status in ("crash", "bad-output", "timeout"):
                    print("  %s: %s" % (r.status, r.cmd), file=sys.stderr, flush=True)
        verifier.flush()
        wall = time.monotonic() - start
        print_table(args, files, chunks, results, wall)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    failed = any(r.status in ("crash", "bad-output", "timeout") for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:   # e.g. piped into head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
