// RUN: cachepart-profile %s --repeat 1 --quiet -o - | FileCheck %s

// Buffers are counted at the bytes they hold, without the host's alignment
// padding (bufferization's buffer-alignment=0): an exp on 6xf32 allocates
// 6 * 4 = 24 B, one on 10xf16 10 * 2 = 20 B (with the default 64 B
// alignment both would be 64 B). Each layer's tensor.empty is its own
// buffer (the profiler gives every user its own), so each allocates.
// CHECK:      "index": 0,
// CHECK:        "allocated_bytes": 24,
// CHECK-NEXT:   "allocations": 1,
// CHECK:      "index": 1,
// CHECK:        "allocated_bytes": 20,
// CHECK-NEXT:   "allocations": 1,
func.func @small(%x: tensor<6xf32>, %y: tensor<10xf16>) -> (tensor<6xf32>, tensor<10xf16>) {
  %e = tensor.empty() : tensor<6xf32>
  %0 = linalg.exp ins(%x : tensor<6xf32>) outs(%e : tensor<6xf32>) -> tensor<6xf32>
  %f = tensor.empty() : tensor<10xf16>
  %1 = linalg.exp ins(%y : tensor<10xf16>) outs(%f : tensor<10xf16>) -> tensor<10xf16>
  return %0, %1 : tensor<6xf32>, tensor<10xf16>
}
