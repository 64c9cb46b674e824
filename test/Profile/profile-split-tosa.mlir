// RUN: not cachepart-opt %s --cache-partition="capacity=256 profile=%S/Inputs/tosa-measured.json" 2>&1 | FileCheck %s

// A TOSA layer measured above its estimate is not split with profile=: it
// would be split as the linalg ops it lowers to, which were not measured.
// Estimated: 64 B received %x + 64 B weight %b + 64 B result = 192 B (fits
// 256 B); measured 512 B allocated: 64 + 64 + 512 = 640 B.
// CHECK: profile-split-tosa.mlir:[[#@LINE+4]]:8: error: layer 0 needs 640 B but its card holds 256 B, and it cannot be split (oversize=split): it was measured above its estimate, and a TOSA layer is split as the several linalg ops it lowers to, which were not measured
// CHECK: note: what would help: {{.*}}profile the model after tosa-to-linalg, so that its layers are the ones split
func.func @tosa_layer(%x: tensor<16xf32>) -> tensor<16xf32> {
  %b = "tosa.const"() <{values = dense<2.0> : tensor<16xf32>}> : () -> tensor<16xf32>
  %0 = tosa.add %x, %b : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}
