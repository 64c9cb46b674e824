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

// Writes in place (footprint-model.md, "In-place layers"), per layer, sum
// model; f32 4x8 = 128 B, 8x8 = 256 B:
//  L0 add -> %0: a new buffer, 128 B.
//  L1 elementwise generic ins(%0) outs(%0): %0 dies here and is read at
//     the indices written: in place, 0 B.
//  L2 exp -> %2: 128 B. L3 exp reads %2 (a new buffer, 128 B).
//  L4 add outs(%2): %2 was read only before (L3): in place, 0 B.
//  L5 exp -> %5 (8x8): 256 B. L6, L7 insert_slice into %5, then into L6's
//     result, each read by nothing after: 0 B each.
//  L8 exp -> %t: 128 B. L9 generic reads %t at row 3 - i, writes row i:
//     a conflict bufferization resolves by a copy: 128 B.
//  L10 exp -> %9: 128 B. L11 add outs(%9), but L12 reads %9 after it: a
//     new buffer, 128 B. L12 exp: 128 B.
// Activations 128 + 0 + 128 + 128 + 0 + 256 + 0 + 0 + 128 + 128 + 128 +
// 128 + 128 = 1280 B; received %a 128 + %b 256 = 384 B; total 1664 B.
func.func @writes_in_place(%a: tensor<4x8xf32>, %b: tensor<8x8xf32>) -> (tensor<4x8xf32>, tensor<8x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %e = tensor.empty() : tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 0 'linalg.add': weights 0 B, activations 128 B, workspace 0 B, total 128 B
  %0 = linalg.add ins(%a, %a : tensor<4x8xf32>, tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 1 'linalg.generic': weights 0 B, activations 0 B, workspace 0 B, total 0 B
  %1 = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%0 : tensor<4x8xf32>) outs(%0 : tensor<4x8xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.mulf %x, %x : f32
    linalg.yield %s : f32
  } -> tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 2 'linalg.exp': weights 0 B, activations 128 B, workspace 0 B, total 128 B
  %2 = linalg.exp ins(%a : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 3 'linalg.exp': weights 0 B, activations 128 B, workspace 0 B, total 128 B
  %3 = linalg.exp ins(%2 : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 4 'linalg.add': weights 0 B, activations 0 B, workspace 0 B, total 0 B
  %4 = linalg.add ins(%2, %a : tensor<4x8xf32>, tensor<4x8xf32>) outs(%2 : tensor<4x8xf32>) -> tensor<4x8xf32>
  %e8 = tensor.empty() : tensor<8x8xf32>
  // SUM: remark: {{.*}}layer 5 'linalg.exp': weights 0 B, activations 256 B, workspace 0 B, total 256 B
  %5 = linalg.exp ins(%b : tensor<8x8xf32>) outs(%e8 : tensor<8x8xf32>) -> tensor<8x8xf32>
  // SUM: remark: {{.*}}layer 6 'tensor.insert_slice': weights 0 B, activations 0 B, workspace 0 B, total 0 B
  %6 = tensor.insert_slice %1 into %5[0, 0] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<8x8xf32>
  // SUM: remark: {{.*}}layer 7 'tensor.insert_slice': weights 0 B, activations 0 B, workspace 0 B, total 0 B
  %7 = tensor.insert_slice %3 into %6[4, 0] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<8x8xf32>
  %et = tensor.empty() : tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 8 'linalg.exp': weights 0 B, activations 128 B, workspace 0 B, total 128 B
  %t = linalg.exp ins(%a : tensor<4x8xf32>) outs(%et : tensor<4x8xf32>) -> tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 9 'linalg.generic': weights 0 B, activations 128 B, workspace 0 B, total 128 B
  %8 = linalg.generic {indexing_maps = [affine_map<(i, j) -> (3 - i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%t : tensor<4x8xf32>) outs(%t : tensor<4x8xf32>) {
  ^bb0(%x: f32, %y: f32):
    linalg.yield %x : f32
  } -> tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 10 'linalg.exp': weights 0 B, activations 128 B, workspace 0 B, total 128 B
  %9 = linalg.exp ins(%a : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 11 'linalg.add': weights 0 B, activations 128 B, workspace 0 B, total 128 B
  %10 = linalg.add ins(%a, %a : tensor<4x8xf32>, tensor<4x8xf32>) outs(%9 : tensor<4x8xf32>) -> tensor<4x8xf32>
  // SUM: remark: {{.*}}layer 12 'linalg.exp': weights 0 B, activations 128 B, workspace 0 B, total 128 B
  %11 = linalg.exp ins(%9 : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %4, %7, %8, %10, %11 : tensor<4x8xf32>, tensor<8x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}
// SUM: remark: {{.*}}function 'writes_in_place': 13 layers; sum model: weights 0 B, activations 1280 B, workspace 0 B, received 384 B, total 1664 B

// The matmul alone needs 384 B + received %a 128 B = 512 B: on a 256 B card
// it cannot run (oversize=error: this checks the error, not the split).
// RUN: not cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=256B oversize=error" -o /dev/null 2>&1 | FileCheck %s --check-prefix=OVER
// OVER: error: layer 0 needs 512 B
