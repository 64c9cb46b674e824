// RUN: cachepart-profile %s -o %t.json --repeat 1 --quiet
// RUN: FileCheck %s < %t.json
// The same bytes, compiled in one part and in more parts than functions.
// RUN: cachepart-profile %s -o %t1.json --repeat 1 --quiet --compile-threads=1
// RUN: FileCheck %s < %t1.json
// RUN: cachepart-profile %s -o %t8.json --repeat 1 --quiet --compile-threads=8
// RUN: FileCheck %s < %t8.json

// A buffer is freed right after the last layer that reads it, directly or
// through a view (ownership-based deallocation frees at the end of the
// block: here the live bytes would grow 0, 64, 128, 192, 256 to a peak of
// 320). Every layer allocates one 64 B buffer (16 x f32):
//   layer 0: a0; live at start 0, peak 64.
//   layer 1: a1; start 64 (a0), peak 128.
//   layer 2: a2; start 128 (a0, a1), peak 192; a1 freed after it.
//   layer 3: a3, reads a0 through an expand_shape view; start 128 (a0, a2),
//            peak 192; a0 freed after it.
//   layer 4: a4, the result; start 128 (a2, a3), peak 192; a2, a3 freed.
// Function peak: 192 B; allocated 5 x 64 = 320 B.
// CHECK:      "allocated_bytes": 320,
// CHECK:        "index": 0,
// CHECK:          "live_at_start_bytes": 0,
// CHECK-NEXT:     "peak_live_bytes": 64,
// CHECK:        "index": 1,
// CHECK:          "live_at_start_bytes": 64,
// CHECK-NEXT:     "peak_live_bytes": 128,
// CHECK:        "index": 2,
// CHECK:          "live_at_start_bytes": 128,
// CHECK-NEXT:     "peak_live_bytes": 192,
// CHECK:        "index": 3,
// CHECK:          "live_at_start_bytes": 128,
// CHECK-NEXT:     "peak_live_bytes": 192,
// CHECK:        "index": 4,
// CHECK:          "live_at_start_bytes": 128,
// CHECK-NEXT:     "peak_live_bytes": 192,
// CHECK:        "num_layers": 5,
// CHECK-NEXT:   "peak_live_bytes": 192,
func.func @freed(%x: tensor<16xf32>) -> tensor<4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<16xf32>
  %w44 = arith.constant dense<2.0> : tensor<4x4xf32>
  %e = tensor.empty() : tensor<16xf32>
  %e44 = tensor.empty() : tensor<4x4xf32>
  %0 = linalg.add ins(%x, %w : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.add ins(%0, %w : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.add ins(%1, %w : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %v0 = tensor.expand_shape %0 [[0, 1]] output_shape [4, 4] : tensor<16xf32> into tensor<4x4xf32>
  %3 = linalg.add ins(%v0, %w44 : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e44 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %v2 = tensor.expand_shape %2 [[0, 1]] output_shape [4, 4] : tensor<16xf32> into tensor<4x4xf32>
  %4 = linalg.add ins(%3, %v2 : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e44 : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %4 : tensor<4x4xf32>
}
