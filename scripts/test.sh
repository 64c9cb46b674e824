#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test:
#   1. unit tests (GoogleTest) and the lit suite on the normal build (build/);
#   2. the same suites on an AddressSanitizer + UBSan build (build-asan/,
#      clang-22), and a short libFuzzer smoke run of every fuzz target.
# Ends with "N passed, N failed"; exits non-zero when anything failed.
#   scripts/test.sh           everything (what CI runs)
#   scripts/test.sh --fast    step 1 only
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FAST=0
[[ "${1:-}" == "--fast" ]] && FAST=1
FUZZ_SECONDS="${CACHEPART_FUZZ_SECONDS:-10}"
status=0
xml=()

run_suites() { # $1 = build dir, $2 = label
  local build="$1" label="$2" results="$1/test-results"
  mkdir -p "$results"
  rm -f "$results"/*.xml
  echo "== [$label] unit tests"
  "$build/unittests/CachePartUnitTests" --gtest_brief=1 \
    --gtest_output="xml:$results/unit.xml" || status=1
  echo "== [$label] lit tests"
  /usr/lib/llvm-22/bin/lit -q --xunit-xml-output="$results/lit.xml" \
    "$build/test" || status=1
  xml+=("$results/unit.xml" "$results/lit.xml")
}

"$ROOT/scripts/setup.sh" || exit 1
run_suites "${CACHEPART_BUILD_DIR:-$ROOT/build}" default

if (( ! FAST )); then
  ASAN_BUILD="${CACHEPART_ASAN_BUILD_DIR:-$ROOT/build-asan}"
  if "$ROOT/scripts/setup.sh" --sanitizers; then
    ASAN_OPTIONS="detect_leaks=0:allow_user_poisoning=0" run_suites "$ASAN_BUILD" asan+ubsan
    echo "== fuzz smoke run (${FUZZ_SECONDS} s per target)"
    python3 "$ROOT/scripts/fuzz_smoke.py" "$ASAN_BUILD" --seconds "$FUZZ_SECONDS" \
      --xml "$ASAN_BUILD/test-results/fuzz.xml" || status=1
    xml+=("$ASAN_BUILD/test-results/fuzz.xml")
  else
    echo "sanitizer build failed"
    status=1
  fi
fi

python3 "$ROOT/scripts/count_results.py" "${xml[@]}"
exit $status
