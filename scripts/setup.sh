#!/usr/bin/env bash
# Installs what is missing (Debian packages), configures and builds cachepart.
# Idempotent: quick when everything is installed and built.
#   scripts/setup.sh [--sanitizers]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${CACHEPART_BUILD_DIR:-$ROOT/build}"
SANITIZERS=OFF
if [[ "${1:-}" == "--sanitizers" ]]; then
  SANITIZERS=ON
  BUILD="${CACHEPART_ASAN_BUILD_DIR:-$ROOT/build-asan}"
fi

PACKAGES=(llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22
          libclang-rt-22-dev ninja-build ccache libgtest-dev cmake g++ lld python3
          mpich libmpich-dev clang-format-22 chromium valgrind)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if (( ${#missing[@]} )); then
  echo "== installing: ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ ! -f "$BUILD/build.ninja" ]]; then
  echo "== configuring $BUILD"
  extra=()
  if [[ "$SANITIZERS" == ON ]]; then
    extra+=(-DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22
            -DCACHEPART_ENABLE_SANITIZERS=ON -DCACHEPART_ENABLE_FUZZERS=ON
            -DCMAKE_BUILD_TYPE=RelWithDebInfo)
  else
    extra+=(-DCMAKE_BUILD_TYPE=Release -DLLVM_USE_LINKER=lld)
  fi
  cmake -G Ninja -S "$ROOT" -B "$BUILD" \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
    "${extra[@]}" >/dev/null
fi
echo "== building $BUILD"
ninja -C "$BUILD" -j"$(nproc)" cachepart-opt cachepart-profile cachepart-property-check CachePartPlugin \
  CachePartUnitTests cachepart-doc \
  $( [[ "$SANITIZERS" == ON ]] && echo cachepart-fuzzers ) | tail -n 1
