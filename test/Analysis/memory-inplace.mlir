// RUN: cachepart-opt %s --remarks-filter="cache-.*" -cache-footprint="memory-model=sum" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SUM
// RUN: cachepart-opt %s --remarks-filter="cache-.*" -cache-footprint="memory-model=liveness" -o /dev/null 2>&1 | FileCheck %s --check-prefix=LIVE

// An initializer: the fill only initialises the matmul's output, which the
// matmul writes in place; the fill is free and travels with the matmul.
// Only the matmul is a layer: weights 8x8xf32 = 256 B + output 4x8xf32 =
// 32 * 4 = 128 B = 384 B.
// sum: 384 B + received: the argument %a 4x8xf32 = 128 B -> 512 B.
// liveness: at the matmul, %a (a live-in, 128 B) and its output (128 B):
// 256 + 256 = 512 B.
func.func @in_place(%a: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %w = arith.constant dense<0.5> : tensor<8x8xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 0 'linalg.matmul': weights 256 B, activations 128 B, workspace 0 B, total 384 B
  %m = linalg.matmul ins(%a, %w : tensor<4x8xf32>, tensor<8x8xf32>) outs(%f : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %m : tensor<4x8xf32>
}
// SUM: remark: {{.*}}function 'in_place': 1 layers; sum model: weights 256 B, activations 128 B, workspace 0 B, received 128 B, total 512 B
// LIVE: remark: {{.*}}function 'in_place': 1 layers; liveness model: weights 256 B, activations 256 B, workspace 0 B, received 0 B, total 512 B

// A producer whose result is only the destination of the next layer: the
// consumer writes into that buffer, so it makes no new one. Layer 0 (an
// add, 128 B) feeds the init of layer 1 (a matmul: weights 256 B,
// activations 0 B; alone it would receive the 128 B buffer): sum = 256 +
// 128 + 0 = 384 B, + received: %a 4x8xf32 = 128 B (read by both layers,
// counted once) -> 512 B. liveness (received stays 0: %a is a live-in, in
// the activations): at layer 0, %a and %0 (256 B); at layer 1, %a, %0 (its
// buffer is the matmul's output): 256 B; 256 + 256 = 512 B.
func.func @in_place_pair(%a: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %w = arith.constant dense<0.5> : tensor<8x8xf32>
  %e = tensor.empty() : tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 0 'linalg.add': weights 0 B, activations 128 B, workspace 0 B, total 128 B
  %0 = linalg.add ins(%a, %a : tensor<4x8xf32>, tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 1 'linalg.matmul': weights 256 B, activations 0 B, workspace 0 B, total 256 B
  %m = linalg.matmul ins(%a, %w : tensor<4x8xf32>, tensor<8x8xf32>) outs(%0 : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %m : tensor<4x8xf32>
}
// SUM: remark: {{.*}}function 'in_place_pair': 2 layers; sum model: weights 256 B, activations 128 B, workspace 0 B, received 128 B, total 512 B
// LIVE: remark: {{.*}}function 'in_place_pair': 2 layers; liveness model: weights 256 B, activations 256 B, workspace 0 B, received 0 B, total 512 B

// The matmul alone needs 384 B + received %a 128 B = 512 B: on a 256 B card
// it cannot run (oversize=error: this checks the error, not the split).
// RUN: not cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=256B oversize=error" -o /dev/null 2>&1 | FileCheck %s --check-prefix=OVER
// OVER: error: layer 0 needs 512 B
