// RUN: cachepart-opt %s --cache-partition="capacity=32" 2>/dev/null | FileCheck %s

// An oversize tensor.splat (no tiling interface) becomes linalg.fill of a
// tensor.empty; that fill only initializes the add's destination, so it is
// free and travels with each piece of the add, which is split.
// Sum model, f32, 32 B cards: the splat alone makes 4x4 = 64 B > 32 B, so it
// is rewritten; as the fill of the add's destination it then costs nothing.
// The add receives %x (64 B, read twice, counted once) and makes 64 B: one
// row is 16 + 16 = 32 B -> 4 pieces of 1 row.
func.func @splat(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %c = arith.constant 2.0 : f32
  %s = tensor.splat %c : tensor<4x4xf32>
  %r = linalg.add ins(%x, %x : tensor<4x4xf32>, tensor<4x4xf32>) outs(%s : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}
// CHECK-LABEL: func.func @splat(
// CHECK-NOT:     tensor.splat
// CHECK:         call @splat__part0
// CHECK:         call @splat__part3
// CHECK-LABEL: func.func private @splat__part0(
// CHECK-SAME:      %{{.*}}: tensor<1x4xf32>) -> tensor<1x4xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<1x4xf32>
// CHECK:         %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<1x4xf32>)
// CHECK:         linalg.add ins(%{{.*}}, %{{.*}} : tensor<1x4xf32>, tensor<1x4xf32>) outs(%[[F]] : tensor<1x4xf32>)
