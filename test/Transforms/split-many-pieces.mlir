// RUN: cachepart-opt %s --cache-partition="capacity=64" 2>/dev/null | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=64" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt --one-shot-bufferize="bufferize-function-boundaries" | FileCheck %s --check-prefix=BUF

// A layer cut into 500 pieces is assembled by one tensor.concat, which
// upstream one-shot-bufferize handles in linear time; the chain of 500
// tensor.insert_slices it replaced took that pass over 100 s (about N^4).
// f32 = 4 B. The matmul 1x7 * 7x500 needs 28 + 14000 + 2000 B. A piece of
// t columns: received x 28 B + weights 28t + result 4t = 28 + 32t <= 64
// -> t = 1: 500 pieces of 60 B.
func.func @many(%x: tensor<1x7xf32>) -> tensor<1x500xf32> {
  %w = arith.constant dense<0.25> : tensor<7x500xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x500xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x500xf32>) -> tensor<1x500xf32>
  %r = linalg.matmul ins(%x, %w : tensor<1x7xf32>, tensor<7x500xf32>) outs(%f : tensor<1x500xf32>) -> tensor<1x500xf32>
  return %r : tensor<1x500xf32>
}
// CHECK-LABEL: func.func @many(
// CHECK-COUNT-500: call @many__part{{[0-9]+}}(%arg0) : (tensor<1x7xf32>) -> tensor<1x1xf32>
// CHECK-NEXT:  %[[C:.*]] = tensor.concat dim(1) {{.*}} {cachepart.host} : ({{.*}}) -> tensor<1x500xf32>
// CHECK-NEXT:  return %[[C]] : tensor<1x500xf32>
// CHECK-NOT:   tensor.insert_slice

// One buffer for the result and one copy of each piece into it.
// BUF-LABEL: func.func @many(
// BUF:         memref.alloc() {{.*}} : memref<1x500xf32>
// BUF-COUNT-500: memref.copy
// BUF:         return
