// RUN: cachepart-opt %s --cache-partition="capacity=1MB" 2>/dev/null | FileCheck %s --check-prefix=ONE
// RUN: cachepart-opt %s --cache-partition="capacity=64KB" 2>/dev/null | FileCheck %s --check-prefix=TWO

// A zero fill shared by two matmuls (torch-mlir emits this): an initializer,
// not a layer. Every tensor is 64x64xf32 = 16384 B. Layers: matmul (w0 +
// out), exp (out), matmul (w1 + out).
// At 1MB one group holds all: weights 2 * 16384 + 3 outputs + received %a
//   16384 = 98304 B. Each
//   consumer gets its own fill right before it, so each writes in place
//   into a buffer that lives only from there (no shared zero buffer, no
//   copy by bufferization).
// At 64KB = 65536 B: matmul + exp = w0 16384 + 2 * 16384 + received %a
//   16384 = 65536 | matmul = w1 16384 + 16384 + received %1 16384 = 49152.
//   The fill is cloned into both groups; no zero buffer crosses. (The
//   capacity was 48KB before received bytes counted; at 48KB each layer
//   would now get a group of its own, 49152 | 32768 | 49152.)
func.func @f(%a: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %w0 = arith.constant dense<1.0> : tensor<64x64xf32>
  %w1 = arith.constant dense<2.0> : tensor<64x64xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %0 = linalg.matmul ins(%a, %w0 : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
  %e1 = tensor.empty() : tensor<64x64xf32>
  %1 = linalg.exp ins(%0 : tensor<64x64xf32>) outs(%e1 : tensor<64x64xf32>) -> tensor<64x64xf32>
  %2 = linalg.matmul ins(%1, %w1 : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %2 : tensor<64x64xf32>
}

// ONE-LABEL: func.func private @f__part0(
// ONE-SAME: cachepart.footprint = {activations = 49152 : i64, received = 16384 : i64, total = 98304 : i64, weights = 32768 : i64, workspace = 0 : i64}
// ONE-DAG:  %[[W0:.*]] = arith.constant dense<1.000000e+00>
// ONE-DAG:  %[[W1:.*]] = arith.constant dense<2.000000e+00>
// ONE-DAG:  %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// ONE:      %[[E:.*]] = tensor.empty()
// ONE-NEXT: %[[F0:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] :
// ONE-NEXT: %[[M0:.*]] = linalg.matmul ins(%{{.*}}, %[[W0]] : {{.*}}) outs(%[[F0]] :
// ONE:      %[[X:.*]] = linalg.exp ins(%[[M0]] :
// ONE-NEXT: %[[F1:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] :
// ONE-NEXT: %[[M1:.*]] = linalg.matmul ins(%[[X]], %[[W1]] : {{.*}}) outs(%[[F1]] :
// ONE-NEXT: return %[[M1]]

// TWO-LABEL: func.func @f(
// TWO-NEXT: call @f__part0
// TWO-NEXT: cachepart.transfer %{{.*}} from "card0" to "card1" : tensor<64x64xf32>
// TWO-NEXT: call @f__part1
// TWO-NEXT: return
// TWO: func.func private @f__part0({{.*}}cachepart.footprint = {activations = 32768 : i64, received = 16384 : i64, total = 65536 : i64, weights = 16384 : i64, workspace = 0 : i64}}
// TWO: linalg.fill
// TWO-NEXT: linalg.matmul
// TWO: linalg.exp
// TWO: func.func private @f__part1({{.*}}cachepart.footprint = {activations = 16384 : i64, received = 16384 : i64, total = 49152 : i64, weights = 16384 : i64, workspace = 0 : i64}}
// TWO: linalg.fill
// TWO-NEXT: linalg.matmul
