# Shared start of the scripts that take "MODEL.mlir CAPACITY [OPTION...]"
# (check_execution.sh, run_distributed.sh). Source it with the number of
# header lines that form the usage text:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/model_script.sh" 10 "$@"
# Sets MODEL, CAP, EXTRA (the options, space-separated), ROOT, LLVM and the
# tool defaults CACHEPART_OPT, MLIR_OPT, MLIR_LIB_DIR (each overridable from
# the environment); require_tools checks that tools are executable.

usage() {
  sed -n "2,${USAGE_LINES}p" "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

require_tools() {
  local t
  for t in "$@"; do
    [[ -x "$t" ]] || { echo "error: tool not found: $t (scripts/setup.sh installs it)" >&2; exit 2; }
  done
}

USAGE_LINES="$1"
shift
(( $# >= 2 )) || usage
MODEL="$1"
CAP="$2"
shift 2
EXTRA="$*"
[[ -f "$MODEL" ]] || { echo "error: no such model: $MODEL" >&2; exit 2; }

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LLVM="/usr/lib/llvm-22"
CACHEPART_OPT="${CACHEPART_OPT:-${CACHEPART_BUILD_DIR:-$ROOT/build}/bin/cachepart-opt}"
MLIR_OPT="${MLIR_OPT:-$LLVM/bin/mlir-opt}"
MLIR_LIB_DIR="${MLIR_LIB_DIR:-$LLVM/lib}"
