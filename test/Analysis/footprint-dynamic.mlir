// RUN: not cachepart-opt %s --remarks-filter="cache-.*" -cache-footprint 2>&1 | FileCheck %s --check-prefix=NOBOUND
// RUN: cachepart-opt %s --remarks-filter="cache-.*" -cache-footprint="batch=8" -verify-diagnostics -split-input-file --verify-diagnostics=only-expected 2>&1
// RUN: cachepart-opt %s -cache-footprint="batch=8 report=-" -split-input-file -o /dev/null 2>/dev/null | FileCheck %s --check-prefix=JSON

// Without a bound, the dynamic batch is an error at the op that makes it.
// NOBOUND: footprint-dynamic.mlir:[[@LINE+11]]:8: error: value has dynamic dimension 0 in tensor<?x16xf32> without a bound; pass batch=N or dynamic-dim-bound=N to size it

// With batch=8: the dynamic leading dimension is 8. The argument is read,
// not produced: only the fill's result counts, 8x16xf32 = 128 * 4 = 512 B.
// expected-remark@+1 {{function 'dynamic_batch'}}
func.func @dynamic_batch(%x: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %c0 = arith.constant 0 : index
  %cst = arith.constant 1.0 : f32
  %d = tensor.dim %x, %c0 : tensor<?x16xf32>
  %e = tensor.empty(%d) : tensor<?x16xf32>
  // expected-remark@+1 {{layer 0 'linalg.fill': weights 0 B, activations 512 B, workspace 0 B, total 512 B}}
  %0 = linalg.fill ins(%cst : f32) outs(%e : tensor<?x16xf32>) -> tensor<?x16xf32>
  return %0 : tensor<?x16xf32>
}

// JSON: "name": "dynamic_batch"
// JSON: "activations": 512
