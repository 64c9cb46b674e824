#!/usr/bin/env bash
# Run a model partitioned by cachepart as a real multi-process program: one
# MPI rank per card.
#
#   scripts/run_distributed.sh MODEL.mlir CAPACITY [OPTION...]
#
# MODEL.mlir holds the model and a driver `func.func @main()` that calls it
# and prints with printMemrefF32 (as the execution tests do). OPTIONs are
# extra --cache-partition options (e.g. memory-model=liveness).
#
# Steps: cachepart-opt --cache-partition (report: the card list, card i =
# rank i) -> for each rank r: cachepart-opt --cache-lower-transfers-to-mpi
# =rank=r (rank r's program: only its card's device functions and weights)
# -> mlir-opt to the LLVM dialect -> mlir-translate -> clang-22, linked
# with MPICH and the MLIR runner utils -> mpirun -n 1 rank0 : -n 1 rank1 ...
# Only rank 0 (the host) prints, so stdout is what a single-process
# mlir-runner run of the unpartitioned model prints.
#
# Environment:
#   CACHEPART_OPT, MLIR_OPT, MLIR_TRANSLATE, LLVM_OBJCOPY, CLANG, MPIRUN
#                 tools (defaults: build/bin/cachepart-opt of this tree,
#                 /usr/lib/llvm-22/bin/..., clang-22, mpirun)
#   MLIR_LIB_DIR  where libmlir_{c_,}runner_utils.so live (/usr/lib/llvm-22/lib)
#   MPI_OPTIONS   extra --cache-lower-transfers-to-mpi options, e.g.
#                 "results=sink timing=true" (results=sink adds a rank)
#   MPIRUN_ARGS   extra mpirun options, e.g. "-outfile-pattern DIR/out.%r"
#   SPMD=1        one executable for every rank (guards on mpi.comm_rank)
#                 instead of one per rank
#   CFLAGS_OPT    optimisation of the native code (default -O1)
#   TIMEOUT       seconds before the job is killed (default 600): a rank
#                 that hangs makes the job fail, not wait forever
#   KEEP_TMP=1    keep the temporary directory (its path goes to stderr)
#   QUIET=1       no progress lines on stderr
#   FAULT_RANK=r  testing hook: rank r runs a program that is killed
#                 (SIGKILL) right after MPI_Init instead of its own (a card
#                 that crashes)
#
# Exit status: 0 when every rank succeeded; mpirun's status when one failed
# (MPICH names the rank); 124 on timeout; 2 on a usage or tool error.
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/model_script.sh" 9 "$@"
MLIR_TRANSLATE="${MLIR_TRANSLATE:-$LLVM/bin/mlir-translate}"
LLVM_OBJCOPY="${LLVM_OBJCOPY:-$LLVM/bin/llvm-objcopy}"
CLANG="${CLANG:-$(command -v clang-22 || echo "$LLVM/bin/clang")}"
MPIRUN="${MPIRUN:-$(command -v mpirun || echo mpirun)}"
CFLAGS_OPT="${CFLAGS_OPT:--O1}"
TIMEOUT="${TIMEOUT:-600}"
require_tools "$CACHEPART_OPT" "$MLIR_OPT" "$MLIR_TRANSLATE" "$LLVM_OBJCOPY" "$CLANG" "$MPIRUN"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/run_distributed.XXXXXX")"
if [[ "${KEEP_TMP:-0}" == 1 ]]; then
  echo "temporary directory: $TMP" >&2
else
  trap 'rm -rf "$TMP"' EXIT
fi
log() { [[ "${QUIET:-0}" == 1 ]] || echo "run_distributed: $*" >&2; }
fail_tool() {
  echo "error: $1 failed (exit status $2):" >&2
  tail -n 30 "$3" >&2
  exit 2
}

PIPELINE="builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor),one-shot-bufferize{bufferize-function-boundaries},convert-linalg-to-loops,expand-strided-metadata,lower-affine,convert-scf-to-cf,finalize-memref-to-llvm,convert-to-llvm,reconcile-unrealized-casts)"

"$CACHEPART_OPT" "$MODEL" \
  --cache-partition="capacity=$CAP report=$TMP/report.json${EXTRA:+ $EXTRA}" \
  -o "$TMP/part.mlir" 2>"$TMP/part.err"
rc=$?; (( rc == 0 )) || fail_tool "cachepart-opt --cache-partition" $rc "$TMP/part.err"
RANKS=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["devices"]))' "$TMP/report.json")
(( RANKS >= 1 )) || RANKS=1
MPI_OPTIONS="${MPI_OPTIONS:-}"
SINK=0
[[ " $MPI_OPTIONS " == *" results=sink "* ]] && SINK=1
log "$RANKS card(s) -> $((RANKS + SINK)) MPI rank(s)"
RANKS=$((RANKS + SINK))

# The model's @main becomes the native entry through a C main (LLVM's
# @main of the module returns void).
cat >"$TMP/main.c" <<'EOF'
void cachepart_main(void);
int main(void) { cachepart_main(); return 0; }
EOF

# Per rank: "rank r = card 'c': @f group g, ..." from the plan report, and
# a wrapper that names the rank and its groups when its process fails.
python3 - "$TMP/report.json" "$TMP" "$SINK" <<'PYEOF' || exit 2
import json, os, sys
report = json.load(open(sys.argv[1]))
groups = {}
for fn in report["functions"]:
    for g in fn["groups"]:
        groups.setdefault(g["device"], []).append("@%s group %d" % (fn["name"], g["index"]))
devices = report["devices"] or ["host"]
lines = ["rank %d = card '%s'%s: %s" % (rank, device, " (and the host)" if rank == 0 else "",
                                       ", ".join(groups.get(device, [])) or "no group")
         for rank, device in enumerate(devices)]
if sys.argv[3] == "1":
    lines.append("rank %d = the sink (results, printing)" % len(devices))
with open(os.path.join(sys.argv[2], "ranks.txt"), "w") as f:
    for rank, line in enumerate(lines):
        f.write("  " + line + "\n")
        with open(os.path.join(sys.argv[2], "rank_%d.sh" % rank), "w") as w:
            w.write('"$1"; rc=$?\n'
                    '[ $rc -eq 0 ] || echo "error: %s failed (exit status $rc)" >&2\n'
                    'exit $rc\n' % line.replace('"', "'"))
PYEOF

build() { # $1 = rank (or "all"), $2 = lowering options
  local name="$1" out="$TMP/rank_$1"
  "$CACHEPART_OPT" "$TMP/part.mlir" --cache-lower-transfers-to-mpi="$2" \
    -o "$out.mlir" 2>"$out.err" || fail_tool "cachepart-opt --cache-lower-transfers-to-mpi=\"$2\"" $? "$out.err"
  "$MLIR_OPT" "$out.mlir" --pass-pipeline="$PIPELINE" -o "$out.llvm.mlir" 2>>"$out.err" ||
    fail_tool "mlir-opt (rank $name)" $? "$out.err"
  "$MLIR_TRANSLATE" --mlir-to-llvmir "$out.llvm.mlir" -o "$out.ll" 2>>"$out.err" ||
    fail_tool "mlir-translate (rank $name)" $? "$out.err"
  "$CLANG" "$CFLAGS_OPT" -Wno-override-module -c "$out.ll" -o "$out.o" 2>>"$out.err" ||
    fail_tool "clang (rank $name)" $? "$out.err"
  "$LLVM_OBJCOPY" --redefine-sym main=cachepart_main "$out.o" 2>>"$out.err" ||
    fail_tool "llvm-objcopy (rank $name)" $? "$out.err"
  "$CLANG" "$CFLAGS_OPT" "$TMP/main.c" "$out.o" -o "$out" -lmpich -L"$MLIR_LIB_DIR" \
    -lmlir_c_runner_utils -lmlir_runner_utils -Wl,-rpath,"$MLIR_LIB_DIR" 2>>"$out.err" ||
    fail_tool "link (rank $name)" $? "$out.err"
}

start=$EPOCHREALTIME
LAUNCH=()
if [[ "${SPMD:-0}" == 1 ]]; then
  build all "$MPI_OPTIONS"
  LAUNCH=(-n "$RANKS" "$TMP/rank_all")
else
  jobs_max=$(nproc 2>/dev/null || echo 2)
  for ((r = 0; r < RANKS; r++)); do
    build "$r" "rank=$r $MPI_OPTIONS" &
    if (( (r + 1) % jobs_max == 0 )); then wait -n || exit 2; fi
  done
  while wait -n; do :; done
  if [[ -n "${FAULT_RANK:-}" ]]; then
    printf '#include <mpi.h>\n#include <signal.h>\nint main(int c, char **v) { MPI_Init(&c, &v); raise(SIGKILL); return 0; }\n' >"$TMP/crash.c"
    mpicc "$TMP/crash.c" -o "$TMP/crash" || exit 2
  fi
  for ((r = 0; r < RANKS; r++)); do
    [[ -x "$TMP/rank_$r" ]] || exit 2
    (( r > 0 )) && LAUNCH+=(:)
    exe="$TMP/rank_$r"
    [[ "${FAULT_RANK:-}" == "$r" ]] && exe="$TMP/crash"
    LAUNCH+=(-n 1 /bin/sh "$TMP/rank_$r.sh" "$exe")
  done
fi
log "built in $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s; running"

timeout -k 5 "$TIMEOUT" "$MPIRUN" ${MPIRUN_ARGS:-} "${LAUNCH[@]}"
rc=$?
if (( rc == 124 )); then
  echo "error: the distributed run did not finish within ${TIMEOUT} s (a rank hangs or waits for a message that never comes)" >&2
elif (( rc != 0 )); then
  echo "error: the distributed run failed (exit status $rc); the failing rank is named above" >&2
fi
if (( rc != 0 )); then
  echo "the ranks and their groups:" >&2
  cat "$TMP/ranks.txt" >&2
fi
exit $rc
