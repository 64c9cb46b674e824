// RUN: cachepart-profile %s --function elided --batch 2 --quiet -o - | FileCheck %s
// RUN: not cachepart-profile %s --function takes_memref --quiet -o /dev/null 2>&1 | FileCheck %s --check-prefix=MEMREF
// RUN: not cachepart-profile %s --function nosuch --quiet -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOSUCH
// RUN: not cachepart-profile %s --function elided --batch 0 --quiet -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOBOUND
// RUN: cachepart-profile %s --function elided_bias --quiet -o - | FileCheck %s --check-prefix=BIAS

// A weight elided by torch-mlir (dense_resource<__elided__>) runs with every
// element 0.125;
// the dynamic batch is --batch 2: the result is 2 x 16 x 4 B = 128 B, one
// buffer, as estimated.
// CHECK:      "activations_and_workspace": 128,
// CHECK:      "allocated_bytes": 128,
// CHECK-NEXT: "allocations": 1,
// CHECK:      "name": "elided",
// CHECK-NEXT: "num_layers": 1,
func.func @elided(%x: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x16xf32>
  %w = arith.constant dense_resource<__elided__> : tensor<16xf32>
  %e = tensor.empty(%n) : tensor<?x16xf32>
  %0 = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%x, %w : tensor<?x16xf32>, tensor<16xf32>) outs(%e : tensor<?x16xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<?x16xf32>
  return %0 : tensor<?x16xf32>
}

// An elided bias is not zero either: `tosa.add %x, 0` folds to %x when
// lowered, and the layer's buffer (1 x 512 x 4 B = 2048 B) would vanish,
// which it does not in the real model.
// BIAS:      "index": 0,
// BIAS:        "allocated_bytes": 2048,
// BIAS-NEXT:   "allocations": 1,
// BIAS:      "op": "tosa.add"
func.func @elided_bias(%x: tensor<1x512xf32>) -> tensor<1x512xf32> {
  %b = "tosa.const"() <{values = dense_resource<__elided__> : tensor<1x512xf32>}> : () -> tensor<1x512xf32>
  %0 = tosa.add %x, %b : (tensor<1x512xf32>, tensor<1x512xf32>) -> tensor<1x512xf32>
  return %0 : tensor<1x512xf32>
}

// MEMREF: [[@LINE+1]]:1: error: cachepart-profile cannot make an input of type 'memref<4xf32>' (static or bounded tensors of numbers, numbers, index)
func.func @takes_memref(%m: memref<4xf32>, %x: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %0 = linalg.add ins(%x, %x : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// NOSUCH: cachepart-profile: no function named 'nosuch' in {{.*}}profile-inputs.mlir
// NOBOUND: error: value has dynamic dimension 0 in tensor<?x16xf32> without a bound
