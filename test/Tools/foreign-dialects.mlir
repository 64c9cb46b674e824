// A model in a dialect cachepart-opt does not read gets the parser's error at
// the op and a note that says how to lower it to linalg or TOSA first.
// RUN: not cachepart-opt %s --split-input-file --cache-partition=capacity=2MB 2>&1 | FileCheck %s

// CHECK: foreign-dialects.mlir:[[@LINE+3]]:8: error: custom op 'stablehlo.add' is unknown
// CHECK: note: cachepart reads linalg and TOSA: lower StableHLO first, e.g. 'stablehlo-opt --stablehlo-legalize-to-linalg' (or '--stablehlo-legalize-to-tosa'), then run cachepart-opt on the result
func.func @jax(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.add %a, %a : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK: foreign-dialects.mlir:[[@LINE+3]]:8: error: unregistered operation 'torch.aten.relu' found in dialect ('torch') that does not allow unknown operations
// CHECK: note: cachepart reads linalg and TOSA: lower the torch dialect first with torch-mlir, e.g. 'torch-mlir-opt --torch-backend-to-linalg-on-tensors-backend-pipeline' (or '--torch-backend-to-tosa-backend-pipeline')
func.func @torch(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "torch.aten.relu"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK: foreign-dialects.mlir:[[@LINE+2]]:1: error: custom op 'util.global' is unknown
// CHECK: note: cachepart reads linalg and TOSA in func.func functions: IREE's util/flow/hal/stream ops appear after IREE's own pipeline starts
util.global private @w = dense<1.0> : tensor<4xf32>

// -----

// Errors that are not about these dialects get no note.
// CHECK: foreign-dialects.mlir:[[@LINE+3]]:8: error: Dialect `mydialect' not found for custom op 'mydialect.op'
// CHECK-NOT: note: cachepart reads
func.func @other(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = mydialect.op %a : tensor<4xf32>
  return %0 : tensor<4xf32>
}
