// RUN: cachepart-opt %s --remarks-filter="cache-.*" -cache-footprint="dynamic-dim-bound=10" -verify-diagnostics
// RUN: not cachepart-opt %s --remarks-filter="cache-.*" -cache-footprint="batch=8" 2>&1 | FileCheck %s --check-prefix=NOBOUND

// A dynamic inner dimension is sized by dynamic-dim-bound (batch= only sizes
// a leading one): 4x?xf32 with the bound 10 = 40 * 4 = 160 B.
// NOBOUND: error: value has dynamic dimension 1 in tensor<4x?xf32> without a bound; pass dynamic-dim-bound=N to size it
// expected-remark@+1 {{function 'inner'}}
func.func @inner(%n: index) -> tensor<4x?xf32> {
  %cst = arith.constant 1.0 : f32
  %e = tensor.empty(%n) : tensor<4x?xf32>
  // expected-remark@+1 {{layer 0 'linalg.fill': weights 0 B, activations 160 B, workspace 0 B, total 160 B}}
  %0 = linalg.fill ins(%cst : f32) outs(%e : tensor<4x?xf32>) -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}
