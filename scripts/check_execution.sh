#!/usr/bin/env bash
# Proof by execution that --cache-partition keeps the semantics of a model.
#
#   scripts/check_execution.sh MODEL.mlir CAPACITY [OPTION...]
#
# MODEL.mlir must hold a public `func.func @forward` with one ranked tensor
# argument and one ranked tensor result, element type f32 or f16 (e.g. the
# TOSA / linalg files of examples/). OPTIONs are extra --cache-partition
# options (`memory-model=liveness`, `oversize=isolate`, `strategy=balanced`,
# ...); they are appended to "capacity=CAPACITY report=...".
#
# The script appends to a copy of the model a driver
#   func.func @main() attributes {cachepart.partitioned}
# (the attribute makes the pass leave it alone) that builds a deterministic,
# non-periodic input from linalg.index (a multiplicative hash of the linear
# index: values (2k - 15)/32, k in 0..15, all exact), calls @forward, and
# prints the result twice: with printMemrefF32 (readable) and, bit-cast to
# integers, with printMemrefI32 (the exact bit pattern of every element). It
# also prints the first elements of the input, to show the input varies.
#
# It then runs
#   (a) the original:    mlir-opt PIPELINE | mlir-runner
#   (b) the partitioned: cachepart-opt --cache-partition=... --cache-lower-transfers
#                        | mlir-opt PIPELINE | mlir-runner
# and compares the two outputs byte for byte (cmp; only the buffer addresses
# printed by printMemref are masked). Exits 0 when they are identical, 1 on a
# difference, a degenerate output (all zero, inf/NaN) or a constant input, 2
# on a usage error or a failing tool.
#
# Environment:
#   CACHEPART_OPT   cachepart-opt  (default: build/bin/cachepart-opt of this tree,
#                                   or $CACHEPART_BUILD_DIR/bin/cachepart-opt)
#   MLIR_OPT        upstream mlir-opt  (default /usr/lib/llvm-22/bin/mlir-opt)
#   MLIR_RUNNER     mlir-runner        (default /usr/lib/llvm-22/bin/mlir-runner)
#   MLIR_LIB_DIR    where libmlir_{c_,}runner_utils.so live (default /usr/lib/llvm-22/lib)
#   RUNNER_OPT      optimisation flag given to mlir-runner (default -O0; "" = no
#                   flag). JIT compilation of the hundreds/thousands of outlined
#                   functions dominates: MobileNetV2 at 512KB (571 parts) runs in
#                   ~11 s with -O0 or no flag, 51 s with -O1, 38 s -O2, 91 s -O3,
#                   all with the same output)
#   BUFFERIZE       options of one-shot-bufferize in the pipeline of both models
#                   (default "auto": bufferize-function-boundaries, plus
#                   copy-before-write when the partitioned model has more than
#                   AUTO_COPY_BEFORE_WRITE (3000) host ops, see below)
#   VARY_WEIGHTS=1  make the splat weights of the model non-splat first (python3;
#                   see below). Recommended for the examples/ models: with their
#                   splat weights a piece cut along channels that is misplaced
#                   or got the wrong weight slice does not change the output.
#   KEEP_TMP=1      keep the temporary directory (its path is printed)
#   DISTRIBUTED=1   run (b) as a multi-process program, one MPI rank per card
#                   (scripts/run_distributed.sh) instead of mlir-runner
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/model_script.sh" 10 "$@"
MLIR_RUNNER="${MLIR_RUNNER:-$LLVM/bin/mlir-runner}"
RUNNER_OPT="${RUNNER_OPT--O0}"
require_tools "$CACHEPART_OPT" "$MLIR_OPT" "$MLIR_RUNNER"

BUFFERIZE="${BUFFERIZE:-auto}"
PIPELINE_TEMPLATE="builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor),one-shot-bufferize{@BUFFERIZE@},convert-linalg-to-loops,expand-strided-metadata,lower-affine,convert-scf-to-cf,convert-to-llvm,reconcile-unrealized-casts)"
SHARED_LIBS="$MLIR_LIB_DIR/libmlir_runner_utils.so,$MLIR_LIB_DIR/libmlir_c_runner_utils.so"
RUNNER_ARGS=(-e main -entry-point-result=void "-shared-libs=$SHARED_LIBS")
[[ -n "$RUNNER_OPT" ]] && RUNNER_ARGS+=("$RUNNER_OPT")

TMP="$(mktemp -d "${TMPDIR:-/tmp}/check_execution.XXXXXX")"
if [[ "${KEEP_TMP:-0}" == 1 ]]; then
  echo "temporary directory: $TMP"
else
  trap 'rm -rf "$TMP"' EXIT
fi

# --- the signature of @forward ----------------------------------------------
sig="$(grep -m1 -E 'func\.func @forward\(' "$MODEL")"
re='@forward\(%[A-Za-z0-9_]+: tensor<([0-9x]+)x(f32|f16)>\) -> tensor<([0-9x]+)x(f32|f16)>'
if [[ ! "$sig" =~ $re ]]; then
  echo "error: expected 'func.func @forward(%x: tensor<...xf32|f16>) -> tensor<...xf32|f16>' in $MODEL, got:" >&2
  echo "  $sig" >&2
  exit 2
fi
IN_SHAPE="${BASH_REMATCH[1]}"  IN_ET="${BASH_REMATCH[2]}"
OUT_SHAPE="${BASH_REMATCH[3]}" OUT_ET="${BASH_REMATCH[4]}"
IFS=x read -ra IN_DIMS <<<"$IN_SHAPE"
IFS=x read -ra OUT_DIMS <<<"$OUT_SHAPE"
IN_RANK=${#IN_DIMS[@]}
OUT_RANK=${#OUT_DIMS[@]}
IN_TY="tensor<${IN_SHAPE}x${IN_ET}>"
OUT_TY="tensor<${OUT_SHAPE}x${OUT_ET}>"

# identity map and iterator list of rank $1
idmap() {
  local r=$1 d=() i
  for ((i = 0; i < r; i++)); do d+=("d$i"); done
  local s; s="$(IFS=,; echo "${d[*]}")"
  echo "affine_map<(${s//,/, }) -> (${s//,/, })>"
}
# emit_to_f32 RESULT SOURCE ELEMENT_TYPE SHAPE RANK: %RESULT = %SOURCE
# widened to f32 (a copy when it already is f32), for printing.
emit_to_f32() {
  local result="$1" source="$2" et="$3" shape="$4" rank="$5"
  echo "    %${result}_init = tensor.empty() : tensor<${shape}xf32>"
  echo "    %${result} = linalg.generic {indexing_maps = [$(idmap "$rank"), $(idmap "$rank")], iterator_types = $(iters "$rank")} ins(%${source} : tensor<${shape}x${et}>) outs(%${result}_init : tensor<${shape}xf32>) {"
  echo "    ^bb0(%a: ${et}, %b: f32):"
  if [[ "$et" == f32 ]]; then
    echo "      linalg.yield %a : f32"
  else
    echo "      %e = arith.extf %a : ${et} to f32"
    echo "      linalg.yield %e : f32"
  fi
  echo "    } -> tensor<${shape}xf32>"
}

iters() {
  local r=$1 it=() i
  for ((i = 0; i < r; i++)); do it+=('"parallel"'); done
  local s; s="$(IFS=,; echo "${it[*]}")"
  echo "[${s//,/, }]"
}

# --- the driver ---------------------------------------------------------------
# Input element = (2k - 15) / 32 with k = ((lin * 0x9E3779B1) mod 2^32) >> 28,
# lin the row-major linear index: 16 values in [-15/32, 15/32], exact in f16
# and f32, mean 0 (so that about half of the ReLUs of the first layer are
# active), and no period along any dimension (unlike (a*h + b*w + c) mod p),
# so a piece that reads a wrongly offset window cannot get the same values by
# chance.
{
  cat "$MODEL"
  echo
  echo "// ----- driver appended by scripts/check_execution.sh"
  echo "module {"
  echo "  func.func private @printMemrefF32(memref<*xf32>) attributes {llvm.emit_c_interface}"
  echo "  func.func private @printMemrefI32(memref<*xi32>) attributes {llvm.emit_c_interface}"
  echo "  func.func @main() attributes {cachepart.partitioned} {"
  echo "    %empty = tensor.empty() : $IN_TY"
  echo "    %x = linalg.generic {indexing_maps = [$(idmap "$IN_RANK")], iterator_types = $(iters "$IN_RANK")} outs(%empty : $IN_TY) {"
  echo "    ^bb0(%unused: $IN_ET):"
  echo "      %lin0 = arith.constant 0 : index"
  prev="%lin0"
  for ((i = 0; i < IN_RANK; i++)); do
    echo "      %i$i = linalg.index $i : index"
    echo "      %n$i = arith.constant ${IN_DIMS[$i]} : index"
    echo "      %s$i = arith.muli $prev, %n$i : index"
    echo "      %lin$((i + 1)) = arith.addi %s$i, %i$i : index"
    prev="%lin$((i + 1))"
  done
  echo "      %l32 = arith.index_cast $prev : index to i32"
  echo "      %golden = arith.constant -1640531535 : i32"
  echo "      %h = arith.muli %l32, %golden : i32"
  echo "      %c28 = arith.constant 28 : i32"
  echo "      %k = arith.shrui %h, %c28 : i32"
  echo "      %c1 = arith.constant 1 : i32"
  echo "      %c15 = arith.constant 15 : i32"
  echo "      %k2 = arith.shli %k, %c1 : i32"
  echo "      %k2m15 = arith.subi %k2, %c15 : i32"
  echo "      %kf = arith.sitofp %k2m15 : i32 to $IN_ET"
  echo "      %scale = arith.constant 3.125000e-02 : $IN_ET"
  echo "      %v = arith.mulf %kf, %scale : $IN_ET"
  echo "      linalg.yield %v : $IN_ET"
  echo "    } -> $IN_TY"
  echo "    %y = call @forward(%x) : ($IN_TY) -> $OUT_TY"
  # Readable values (f32) and exact bit patterns (i32, f16 zero-extended).
  # printMemref* take unranked memrefs; going through bufferization.to_buffer
  # (not tensor<*x..> arguments) keeps every one-shot-bufferize mode usable.
  if [[ "$OUT_ET" == f32 ]]; then bits_ty=i32; else bits_ty=i16; fi
  emit_to_f32 yx y "$OUT_ET" "$OUT_SHAPE" "$OUT_RANK"
  echo "    %be = tensor.empty() : tensor<${OUT_SHAPE}xi32>"
  echo "    %bits = linalg.generic {indexing_maps = [$(idmap "$OUT_RANK"), $(idmap "$OUT_RANK")], iterator_types = $(iters "$OUT_RANK")} ins(%y : $OUT_TY) outs(%be : tensor<${OUT_SHAPE}xi32>) {"
  echo "    ^bb0(%a: ${OUT_ET}, %b: i32):"
  echo "      %c = arith.bitcast %a : ${OUT_ET} to ${bits_ty}"
  if [[ "$bits_ty" == i16 ]]; then
    echo "      %z = arith.extui %c : i16 to i32"
    echo "      linalg.yield %z : i32"
  else
    echo "      linalg.yield %c : i32"
  fi
  echo "    } -> tensor<${OUT_SHAPE}xi32>"
  # A small window of the input (up to 4 along every dimension but the
  # first), printed last to show that the input varies.
  win_off=() win_sz=() win_st=()
  for ((i = 0; i < IN_RANK; i++)); do
    win_off+=(0); win_st+=(1)
    d=${IN_DIMS[$i]}
    if (( i == 0 )); then win_sz+=(1); else win_sz+=($(( d < 4 ? d : 4 ))); fi
  done
  win_shape="$(IFS=x; echo "${win_sz[*]}")"
  echo "    %win = tensor.extract_slice %x[$(IFS=,; echo "${win_off[*]}")] [$(IFS=,; echo "${win_sz[*]}")] [$(IFS=,; echo "${win_st[*]}")] : $IN_TY to tensor<${win_shape}x${IN_ET}>"
  emit_to_f32 winx win "$IN_ET" "$win_shape" "$IN_RANK"
  for t in "yx:${OUT_SHAPE}:f32:F32" "bits:${OUT_SHAPE}:i32:I32" "winx:${win_shape}:f32:F32"; do
    IFS=: read -r v shp et fn <<<"$t"
    echo "    %${v}_m = bufferization.to_buffer %${v} read_only : tensor<${shp}x${et}> to memref<${shp}x${et}>"
    echo "    %${v}_u = memref.cast %${v}_m : memref<${shp}x${et}> to memref<*x${et}>"
    echo "    call @printMemref${fn}(%${v}_u) : (memref<*x${et}>) -> ()"
  done
  echo "    return"
  echo "  }"
  echo "}"
} >"$TMP/model.mlir"
# The model file is a module of its own; merge the two modules into one.
# (A file may hold one top-level module, or ops without one.)
merge_driver() {
  # Drop the closing brace of the model's module and the opening line of the
  # driver module when the model starts with "module {" (or "module attributes
  # {...} {"); otherwise wrap nothing: the model's ops are top level already.
  local f="$1"
  if grep -qE '^module( attributes \{.*\})? \{' "$MODEL"; then
    awk -v last="$(grep -nE '^\}' "$MODEL" | tail -1 | cut -d: -f1)" '
      NR == last { next }                      # the model module closing brace
      /^\/\/ ----- driver appended/ { skip = 1; print; next }
      skip == 1 && /^module \{/ { skip = 0; next } # the driver module opening
      { print }' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
  else
    sed -i -e '/^\/\/ ----- driver appended/{n;d}' -e '$d' "$f"
  fi
}
merge_driver "$TMP/model.mlir"

# --- VARY_WEIGHTS=1: non-splat weights ------------------------------------------
# The example models have splat weights: every output channel of a layer then
# computes the same function, so a piece cut along channels that got the wrong
# slice of a weight, or a result put back at the wrong channel offset, would
# go unnoticed (and the outputs of the examples are all equal). This rewrites
# every splat f32/f16 constant of more than one element and a non-zero value
# into a non-splat one (hex literal): element i becomes v * (8 + k_i) / 16,
# k_i in 0..15 from a multiplicative hash of i and of the constant's position,
# so weights keep their sign and size (activations stay O(1)). Zeros and
# one-element constants (zero points, pad values, accumulator inits) stay.
if [[ "${VARY_WEIGHTS:-0}" == 1 ]]; then
  python3 - "$TMP/model.mlir" <<'PYEOF' || { echo "error: VARY_WEIGHTS rewrite failed" >&2; exit 2; }
import re, struct, sys
path = sys.argv[1]
text = open(path).read()
pat = re.compile(r'dense<(-?[0-9][0-9.]*(?:e[-+]?[0-9]+)?)> : tensor<((?:[0-9]+x)+)(f32|f16)>')
count = [0, 0]
def rewrite(m):
    value = float(m.group(1))
    dims = [int(d) for d in m.group(2).rstrip('x').split('x')]
    n = 1
    for d in dims:
        n *= d
    if value == 0.0 or n <= 1:
        return m.group(0)
    salt = count[0] * 40503
    count[0] += 1
    count[1] += n
    code = '<f' if m.group(3) == 'f32' else '<e'   # hex literals are little-endian
    # the 16 possible elements, rounded to the element type and packed once
    table = [struct.pack(code, value * (8 + k) / 16) for k in range(16)]
    raw = b''.join([table[(((i + salt) * 0x9E3779B1) & 0xFFFFFFFF) >> 28] for i in range(n)])
    return 'dense<"0x%s"> : tensor<%s%s>' % (raw.hex().upper(), m.group(2), m.group(3))
text = pat.sub(rewrite, text)
open(path, 'w').write(text)
print("vary-weights: %d constants, %d elements made non-splat" % (count[0], count[1]))
PYEOF
fi

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# printMemref prints buffer addresses; mask them so that cmp sees only data.
normalise() { sed -E 's/base@ = 0x[0-9a-fA-F]+/base@ = <addr>/' "$1" >"$2"; }

fail_tool() {
  echo "FAIL: $1 (exit status $2); stderr:" >&2
  tail -n 30 "$3" >&2
  exit 2
}

# --- partition -------------------------------------------------------------------
t0=$(now)
"$CACHEPART_OPT" "$TMP/model.mlir" \
  --cache-partition="capacity=$CAP report=$TMP/report.json${EXTRA:+ $EXTRA}" \
  --cache-lower-transfers -o "$TMP/part.mlir" 2>"$TMP/part.err"
rc=$?; (( rc == 0 )) || fail_tool "cachepart-opt --cache-partition=\"capacity=$CAP${EXTRA:+ $EXTRA}\" --cache-lower-transfers" $rc "$TMP/part.err"
t1=$(now)
t_partition="$(elapsed "$t0" "$t1")"
n_host_ops=$(grep -c 'cachepart.host' "$TMP/part.mlir")

# One-Shot Bufferize's analysis is superlinear in the length of the chains of
# tensor.insert_slice the host uses to assemble split results: with ~12k host
# ops (MobileNetV2 at 64KB) it runs for more than 25 minutes. Beyond
# AUTO_COPY_BEFORE_WRITE host ops (default 3000) the analysis is skipped
# (copy-before-write: every write gets a fresh buffer; no effect on the
# values), for BOTH models so that they still go through the same pipeline.
if [[ "$BUFFERIZE" == auto ]]; then
  BUFFERIZE="bufferize-function-boundaries"
  if (( n_host_ops > ${AUTO_COPY_BEFORE_WRITE:-3000} )); then
    BUFFERIZE="bufferize-function-boundaries copy-before-write"
  fi
fi
PIPELINE="${PIPELINE_TEMPLATE//@BUFFERIZE@/$BUFFERIZE}"

# --- (a) the original ----------------------------------------------------------------
t0=$(now)
"$MLIR_OPT" "$TMP/model.mlir" --pass-pipeline="$PIPELINE" -o "$TMP/orig.ll.mlir" 2>"$TMP/orig.err"
rc=$?; (( rc == 0 )) || fail_tool "mlir-opt on the original model" $rc "$TMP/orig.err"
t1=$(now)
"$MLIR_RUNNER" "${RUNNER_ARGS[@]}" "$TMP/orig.ll.mlir" >"$TMP/orig.raw" 2>>"$TMP/orig.err"
rc=$?; (( rc == 0 )) || fail_tool "mlir-runner on the original model" $rc "$TMP/orig.err"
t2=$(now)
normalise "$TMP/orig.raw" "$TMP/orig.out"
t_orig="$(elapsed "$t0" "$t2") s (lower $(elapsed "$t0" "$t1") s, run $(elapsed "$t1" "$t2") s)"

# --- (b) the partitioned model ----------------------------------------------------
t0=$(now)
if [[ "${DISTRIBUTED:-0}" == 1 ]]; then
  # (b') one MPI rank per card: scripts/run_distributed.sh builds and runs it.
  t1=$t0
  QUIET=1 CACHEPART_OPT="$CACHEPART_OPT" MLIR_OPT="$MLIR_OPT" MLIR_LIB_DIR="$MLIR_LIB_DIR" \
    "$ROOT/scripts/run_distributed.sh" "$TMP/model.mlir" "$CAP" $EXTRA \
    >"$TMP/part.raw" 2>"$TMP/part.run.err"
  rc=$?; (( rc == 0 )) || fail_tool "scripts/run_distributed.sh" $rc "$TMP/part.run.err"
else
"$MLIR_OPT" "$TMP/part.mlir" --pass-pipeline="$PIPELINE" -o "$TMP/part.ll.mlir" 2>"$TMP/part.lower.err"
rc=$?; (( rc == 0 )) || fail_tool "mlir-opt on the partitioned model" $rc "$TMP/part.lower.err"
t1=$(now)
"$MLIR_RUNNER" "${RUNNER_ARGS[@]}" "$TMP/part.ll.mlir" >"$TMP/part.raw" 2>"$TMP/part.run.err"
rc=$?; (( rc == 0 )) || fail_tool "mlir-runner on the partitioned model" $rc "$TMP/part.run.err"
fi
t2=$(now)
normalise "$TMP/part.raw" "$TMP/part.out"
t_part="$(awk -v p="$t_partition" -v a="$t0" -v b="$t2" 'BEGIN { printf "%.1f", p + b - a }') s (partition $t_partition s, lower $(elapsed "$t0" "$t1") s, run $(elapsed "$t1" "$t2") s)"

# --- the plan ------------------------------------------------------------------------
# "split_layers" counts every oversize layer, also those that only move data
# and run on the host ("on_host"); "pieces" > 0 are the ones really cut.
read -r n_groups n_spill n_split n_cut n_host n_pieces n_funcs < <(awk '
  /"groups": \[/                { }
  /"k": /                       { gsub(/[^0-9]/, ""); g += $0 }
  /"spilling_groups": /         { gsub(/[^0-9]/, ""); s += $0 }
  /"split_layers": /            { gsub(/[^0-9]/, ""); sl += $0 }
  /"on_host": true/             { h++ }
  /"pieces": /                  { v = $0; gsub(/[^0-9]/, "", v); if (v + 0 > 0) { c++; p += v } }
  /"name": /                    { f++ }
  END { printf "%d %d %d %d %d %d %d\n", g, s, sl, c, h, p, f }' "$TMP/report.json")
n_parts=$(grep -c 'func.func private @.*__part[0-9]' "$TMP/part.mlir")

echo "model:        $MODEL"
echo "options:      capacity=$CAP${EXTRA:+ $EXTRA}"
echo "pipeline:     one-shot-bufferize{$BUFFERIZE}; mlir-runner ${RUNNER_OPT:-(no -O flag)}$([[ "${DISTRIBUTED:-0}" == 1 ]] && echo "; partitioned: MPI, $(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["devices"]))' "$TMP/report.json") ranks (scripts/run_distributed.sh)")"
echo "plan:         $n_groups groups ($n_spill spilling) in $n_funcs function(s), $n_parts outlined part functions"
echo "split layers: $n_split ($n_cut cut into $n_pieces pieces, $n_host only move data and run on the host); $n_host_ops host ops"
echo "time:         original    $t_orig"
echo "              partitioned $t_part"

# --- sanity of the output --------------------------------------------------------------
# The printed buffers: 1st = output (f32), 2nd = output bits (i32), 3rd = the
# input window.
numbers_of_block() { # $1 file, $2 block index (1-based): all numbers of that block
  awk -v want="$2" '/^Unranked Memref/ { blk++; next } blk == want' "$1" |
    grep -oE -- '-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?|nan|-?inf'
}
n_blocks=$(grep -c '^Unranked Memref' "$TMP/orig.out")
if (( n_blocks != 3 )); then
  echo "FAIL: expected 3 printed buffers in the original output, got $n_blocks" >&2
  exit 1
fi
in_distinct=$(numbers_of_block "$TMP/orig.out" 3 | sort -u | wc -l)
bits_total=$(numbers_of_block "$TMP/orig.out" 2 | wc -l)
bits_distinct=$(numbers_of_block "$TMP/orig.out" 2 | sort -u | wc -l)
# zero: +0 / -0; non-finite: exponent all ones (f32 0x7f800000, f16 0x7c00)
read -r n_zero n_nonfinite < <(numbers_of_block "$TMP/orig.out" 2 | awk -v et="$OUT_ET" '
  { v = $1 + 0; if (v < 0) v += 4294967296
    if (et == "f32") { if (v % 2147483648 == 0) z++; if (int(v / 8388608) % 256 == 255) n++ }
    else             { if (v % 32768 == 0) z++;      if (int(v / 1024) % 32 == 31) n++ } }
  END { printf "%d %d\n", z, n }')
first_vals=$(numbers_of_block "$TMP/orig.out" 1 | head -4 | tr '\n' ' ')
echo "output:       $bits_total values, $bits_distinct distinct bit patterns, $n_zero zero, $n_nonfinite inf/nan; first: $first_vals"
echo "input window: $in_distinct distinct values"
status=0
if (( in_distinct < 2 )); then
  echo "FAIL: the input does not vary" >&2; status=1
fi
if (( bits_total == 0 || n_zero == bits_total || n_nonfinite > 0 )); then
  echo "FAIL: degenerate output (all zero or inf/nan): the comparison would prove nothing" >&2; status=1
fi
if (( bits_distinct < 2 && bits_total > 1 )); then
  echo "note: all output elements are equal (splat weights?): pieces cut along channels compute" \
       "identical values then, so a misplaced or wrongly weighted piece can go unnoticed;" \
       "VARY_WEIGHTS=1 makes the weights non-splat"
fi

# --- the comparison ----------------------------------------------------------------------
if cmp -s "$TMP/orig.out" "$TMP/part.out"; then
  echo "RESULT: identical ($(wc -c <"$TMP/orig.out") bytes of output compared, bit patterns included)"
else
  echo "FAIL: the partitioned model computes something else:" >&2
  diff "$TMP/orig.out" "$TMP/part.out" | head -n 20 >&2
  [[ "${KEEP_TMP:-0}" == 1 ]] || echo "(rerun with KEEP_TMP=1 to keep $TMP)" >&2
  status=1
fi
exit $status
