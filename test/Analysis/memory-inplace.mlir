// RUN: cachepart-opt %s -cache-footprint="memory-model=sum" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SUM
// RUN: cachepart-opt %s -cache-footprint="memory-model=liveness" -o /dev/null 2>&1 | FileCheck %s --check-prefix=LIVE

// In place: the matmul's init is the fill just before it and nothing else
// uses the fill, so the two share one 4x8xf32 buffer (32 * 4 = 128 B).
// Per layer: fill 128 B; matmul weights 8x8xf32 = 256 B + 128 B.
// sum: 256 + 128 + 128 - 128 = 384 B.
// liveness: at the fill, %a (a live-in read by the matmul) and the fill's
// buffer: 128 + 128 = 256 B; at the matmul the same two (its result is the
// fill's buffer): 256 B. 256 + 256 = 512 B.
func.func @in_place(%a: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %w = arith.constant dense<0.5> : tensor<8x8xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x8xf32>
  // SUM: remark: layer 0 'linalg.fill': weights 0 B, activations 128 B, workspace 0 B, total 128 B
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  // SUM: remark: layer 1 'linalg.matmul': weights 256 B, activations 128 B, workspace 0 B, total 384 B
  %m = linalg.matmul ins(%a, %w : tensor<4x8xf32>, tensor<8x8xf32>) outs(%f : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %m : tensor<4x8xf32>
}
// SUM: remark: function 'in_place': 2 layers; sum model: weights 256 B, activations 128 B, workspace 0 B, total 384 B
// LIVE: remark: function 'in_place': 2 layers; liveness model: weights 256 B, activations 256 B, workspace 0 B, total 512 B

// The matmul alone needs 256 B of weights + its 128 B output = 384 B: on a
// 256 B card it cannot run, whatever the fill does. The in-place saving only
// applies when both layers share a group; a layer alone is charged its output.
// RUN: not cachepart-opt %s --cache-partition="capacity=256B" -o /dev/null 2>&1 | FileCheck %s --check-prefix=OVER
// OVER: error: layer 1 needs 384 B
