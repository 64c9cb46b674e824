// Proof by execution: elementwise ops on tensors (arith / math, no tiling
// interface of their own) larger than the card are converted to
// linalg.generic (upstream convert-elementwise-to-linalg patterns, that op
// alone) and split by rows; the output is the same before and after.
//
// DEFINE: %{cpu} = -convert-elementwise-to-linalg -one-shot-bufferize="bufferize-function-boundaries" -convert-linalg-to-loops -expand-strided-metadata -lower-affine -convert-scf-to-cf -convert-to-llvm -reconcile-unrealized-casts
// DEFINE: %{run} = mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils
//
// RUN: upstream-mlir-opt %s %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=64" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=64 memory-model=liveness" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=64" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
//
// Sum model, f32 = 4 B, x is 4x4 = 64 B:
//   %sq = x * x: receives x (64) + result 64 = 128 B > 64 B. One row:
//   16 + 16 = 32 B, two rows 64 B: 2 pieces of 2 rows.
//   %r = sq + x: its init is sq (the conversion reuses an operand of the
//   result's type), which dies here, so it writes in place: receives sq
//   and x (64 + 64) + no new buffer = 128 B. A piece writes into a slice
//   of sq, a new buffer: one row 16 * 3 = 48 B, two rows 96 B > 64: 4
//   pieces of 1 row (48 B each).
// REMARK: remark: {{.*}}split 'linalg.generic' (128 B) into 2 pieces along loop 0 (2), of 64 64 B
// REMARK: remark: {{.*}}split 'linalg.generic' (128 B) into 4 pieces along loop 0 (4), of 48 48 48 48 B
//
// x[i][j] = 4 i + j - 6; r = x^2 + x = x (x + 1):
//   row 0: x = -6 -5 -4 -3 -> 30 20 12 6
//   row 1: x = -2 -1  0  1 -> 2 0 0 2
//   row 2: x =  2  3  4  5 -> 6 12 20 30
//   row 3: x =  6  7  8  9 -> 42 56 72 90
// CHECK:      [30,   20,   12,   6]
// CHECK-NEXT: [2,   0,   0,   2]
// CHECK-NEXT: [6,   12,   20,   30]
// CHECK-NEXT: [42,   56,   72,   90]

func.func @forward(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %sq = arith.mulf %x, %x : tensor<4x4xf32>
  %r = arith.addf %sq, %x : tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() attributes {cachepart.partitioned} {
  %x = arith.constant dense<[[-6.0, -5.0, -4.0, -3.0], [-2.0, -1.0, 0.0, 1.0],
                             [2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0]]> : tensor<4x4xf32>
  %r = call @forward(%x) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %u = tensor.cast %r : tensor<4x4xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
