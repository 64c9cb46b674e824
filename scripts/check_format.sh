#!/usr/bin/env bash
# Checks that every C++ source of the project is formatted as .clang-format
# says, with LLVM 22's clang-format (Debian package clang-format-22, which
# scripts/setup.sh installs). Lists the files that differ; exits 1 if any.
#   scripts/check_format.sh          check
#   scripts/check_format.sh --fix    reformat in place
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FORMAT=/usr/lib/llvm-22/bin/clang-format
[[ -x "$FORMAT" ]] || { echo "$FORMAT not found: apt-get install clang-format-22"; exit 2; }
cd "$ROOT"
mapfile -t files < <(find include lib tools unittests fuzz examples \
  \( -name '*.cpp' -o -name '*.h' \) -not -path '*/build*' | sort)
if [[ "${1:-}" == "--fix" ]]; then
  "$FORMAT" -i "${files[@]}"
  exit 0
fi
bad=0
for f in "${files[@]}"; do
  if ! "$FORMAT" --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f"
    bad=$((bad + 1))
  fi
done
echo "${#files[@]} files checked, $bad not formatted"
(( bad == 0 ))
