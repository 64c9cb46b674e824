#!/usr/bin/env bash
# Installs, builds and runs every test (lit + unit); ends with
# "N passed, N failed". Exit status is non-zero when a test failed.
#   scripts/test.sh [--sanitizers]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" "$@"
BUILD="${CACHEPART_BUILD_DIR:-$ROOT/build}"
if [[ "${1:-}" == "--sanitizers" ]]; then
  BUILD="${CACHEPART_ASAN_BUILD_DIR:-$ROOT/build-asan}"
fi
RESULTS="$BUILD/test-results"
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.xml

echo "== unit tests"
unit_status=0
"$BUILD/unittests/CachePartUnitTests" --gtest_brief=1 \
  --gtest_output="xml:$RESULTS/unit.xml" || unit_status=$?

echo "== lit tests"
lit_status=0
/usr/lib/llvm-22/bin/lit -q --xunit-xml-output="$RESULTS/lit.xml" \
  "$BUILD/test" || lit_status=$?

python3 "$ROOT/scripts/count_results.py" "$RESULTS"/unit.xml "$RESULTS"/lit.xml
if (( unit_status != 0 || lit_status != 0 )); then
  exit 1
fi
