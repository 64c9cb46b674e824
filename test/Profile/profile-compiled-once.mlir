// RUN: cachepart-profile %s --repeat 1 --quiet -o - | FileCheck %s
// RUN: cachepart-profile %s --repeat 1 --quiet -o /dev/null \
// RUN:   --print-layer-functions 2>&1 | FileCheck %s --check-prefix=ORDER

// The profiler runs each linalg op as a function of its own, its loops
// reordered for vectorizing and a transpose tiled (32x32); identical ops
// share one function. None of it changes what a layer allocates (a fill
// that initializes a matmul belongs to the matmul's layer):
//   layer 0 transpose 64x32 -> 32x64 f32:      32 * 64 * 4 = 8192 B
//   layer 1 fill + matmul into it, 64x64 f32:  64 * 64 * 4 = 16384 B
//   layer 2 the same fill + matmul again:                    16384 B
//   layer 3 add of the two products:           64 * 64 * 4 = 16384 B
// Linalg ops: transpose, 2 fills, 2 matmuls, add = 6; functions: the fills
// and the matmuls are identical pairs, so 4.
// CHECK:      "index": 0,
// CHECK:        "allocated_bytes": 8192,
// CHECK:      "op": "linalg.generic"
// CHECK:      "index": 1,
// CHECK:        "allocated_bytes": 16384,
// CHECK:      "op": "linalg.matmul"
// CHECK:      "index": 2,
// CHECK:        "allocated_bytes": 16384,
// CHECK:      "op": "linalg.matmul"
// CHECK:      "index": 3,
// CHECK:        "allocated_bytes": 16384,
// CHECK:      "op": "linalg.add"
// CHECK:      "linalg_op_functions": 4,
// CHECK-NEXT: "linalg_ops": 6,

// The transpose in 32x32 tiles, each written along the innermost loop (d1)
// and read across it: stores with a row stride put every row of a tile in
// the same L1 set (7x slower on VGG's 4096x25088 weight).
// ORDER-LABEL: func.func private @shapes__cachepart_op0(
// ORDER:         scf.for %{{.*}} step %c32
// ORDER:           scf.for %{{.*}} step %c32
// ORDER:             linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>]
// The matmul as (i, k, j): j, along which B and C are contiguous, innermost.
// ORDER-LABEL: func.func private @shapes__cachepart_op2(
// ORDER:         linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d2)>], iterator_types = ["parallel", "reduction", "parallel"]}
// The identical fill and matmul of layer 2 are not compiled again.
// ORDER-NOT:   func.func private @shapes__cachepart_op3(
// ORDER-NOT:   func.func private @shapes__cachepart_op4(
// ORDER-LABEL: func.func private @shapes__cachepart_op5(
func.func @shapes(%a: tensor<64x32xf32>) -> tensor<64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %et = tensor.empty() : tensor<32x64xf32>
  // As torch-mlir writes a transpose: the input read in loop order.
  %t = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1, d0)>], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<64x32xf32>) outs(%et : tensor<32x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<32x64xf32>
  %e1 = tensor.empty() : tensor<64x64xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x64xf32>) -> tensor<64x64xf32>
  %m1 = linalg.matmul ins(%a, %t : tensor<64x32xf32>, tensor<32x64xf32>) outs(%f1 : tensor<64x64xf32>) -> tensor<64x64xf32>
  %e2 = tensor.empty() : tensor<64x64xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<64x64xf32>) -> tensor<64x64xf32>
  %m2 = linalg.matmul ins(%a, %t : tensor<64x32xf32>, tensor<32x64xf32>) outs(%f2 : tensor<64x64xf32>) -> tensor<64x64xf32>
  %e3 = tensor.empty() : tensor<64x64xf32>
  %s = linalg.add ins(%m1, %m2 : tensor<64x64xf32>, tensor<64x64xf32>) outs(%e3 : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %s : tensor<64x64xf32>
}
