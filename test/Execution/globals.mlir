// Weights held in globals (as IREE and torch-mlir with external parameters
// keep them): a `memref.global ... constant` read through memref.get_global
// + bufferization.to_tensor, and an immutable `ml_program.global` read with
// ml_program.global_load. They count as weights of the layers that read them,
// once per group (@w0 is read by layers 0 and 2), and each group gets its own
// get_global/load. Proof by execution: the same output before and after.
//
// DEFINE: %{cpu} = -one-shot-bufferize="bufferize-function-boundaries" -convert-linalg-to-loops -expand-strided-metadata -lower-affine -convert-scf-to-cf -convert-to-llvm -reconcile-unrealized-casts
// DEFINE: %{run} = mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils
// RUN: upstream-mlir-opt %s %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=80" --cache-lower-transfers \
// RUN:   | sed 's/#cachepart.device<[^>]*>/unit/g' | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=80" | FileCheck %s --check-prefix=PART
// RUN: cachepart-opt %s --cache-footprint --remarks-filter=cache-footprint -o /dev/null 2>&1 | FileCheck %s --check-prefix=BYTES

// x = [1, 2, 3, 4]; + w0 = [2, 0, 6, 4.5]; * w1 = [4, 0, -6, 18];
// - w0 = [3, 2, -9, 17.5].
// CHECK: [3,  2,  -9,  17.5]

// Each layer: 16 B result. Layer 0: w0 (16 B) + x received (16 B) = 48 B;
// layers 0-1: w0 + w1 (32 B) + 32 B results + x (16 B) = 80 B = the card;
// layer 2 alone: w0 (16 B) + 16 B result + 16 B received = 48 B.
// Whole function (sum): weights w0 + w1 = 32 B (w0 once), results 48 B,
// received x 16 B: 96 B.
// BYTES: remark: [Analysis] layer {{.*}} Remark="layer 0 'linalg.add': weights 16 B, activations 16 B, workspace 0 B, total 32 B"
// BYTES: remark: [Analysis] layer {{.*}} Remark="layer 1 'linalg.mul': weights 16 B, activations 16 B, workspace 0 B, total 32 B"
// BYTES: remark: [Analysis] layer {{.*}} Remark="layer 2 'linalg.sub': weights 16 B, activations 16 B, workspace 0 B, total 32 B"
// BYTES: Remark="function 'forward': 3 layers; sum model: weights 32 B, activations 48 B, workspace 0 B, received 16 B, total 96 B"

// PART-LABEL: func.func private @forward__part0(
// PART-SAME:    cachepart.footprint = {activations = 32 : i64, received = 16 : i64, total = 80 : i64, weights = 32 : i64
// PART-DAG:     memref.get_global @w0
// PART-DAG:     ml_program.global_load @w1
// PART-LABEL: func.func private @forward__part1(
// PART-SAME:    cachepart.footprint = {activations = 16 : i64, received = 16 : i64, total = 48 : i64, weights = 16 : i64
// PART:         memref.get_global @w0
// PART-NOT:     ml_program.global_load
module {
  memref.global "private" constant @w0 : memref<4xf32> = dense<[1.0, -2.0, 3.0, 0.5]>
  ml_program.global private @w1(dense<[2.0, 1.0, -1.0, 4.0]> : tensor<4xf32>) : tensor<4xf32>
  func.func @forward(%x: tensor<4xf32>) -> tensor<4xf32> {
    %m = memref.get_global @w0 : memref<4xf32>
    %t = bufferization.to_tensor %m restrict : memref<4xf32> to tensor<4xf32>
    %w1 = ml_program.global_load @w1 : tensor<4xf32>
    %e = tensor.empty() : tensor<4xf32>
    %0 = linalg.add ins(%x, %t : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    %1 = linalg.mul ins(%0, %w1 : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    %m2 = memref.get_global @w0 : memref<4xf32>
    %t2 = bufferization.to_tensor %m2 restrict : memref<4xf32> to tensor<4xf32>
    %2 = linalg.sub ins(%1, %t2 : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    return %2 : tensor<4xf32>
  }
  func.func @main() attributes {cachepart.partitioned} {
    %x = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
    %r = call @forward(%x) : (tensor<4xf32>) -> tensor<4xf32>
    %u = tensor.cast %r : tensor<4xf32> to tensor<*xf32>
    call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
    return
  }
  func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}
}
