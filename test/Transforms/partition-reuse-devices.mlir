// RUN: cachepart-opt %s --cache-partition="reuse=round-robin" | FileCheck %s


// Listed cards of different sizes in turns: group g must fit card g mod 2.
// Tensors are 16xf32 = 64 B; L0..L2 as in partition-reuse.mlir (192 B
// each), L3 = add(%2, w3) 192 B. npu0 (256 B) cannot take L0 L1 (128
// weights + 128 results + 64 received = 320 B); npu1 (192 B) takes L1 only
// (L1 L2: 64 + 128 + 64 = 256 B); npu0 cannot take L2 L3 (64 weights + 128
// results + 128 received = 320 B), so L3 goes to npu1 again. Four groups:
// npu0, npu1, npu0, npu1.
// CHECK-LABEL: func.func @hetero(
// CHECK: func.func private @hetero__part0({{.*}}#cachepart.device<"npu0", cache = 256B>
// CHECK: func.func private @hetero__part1({{.*}}#cachepart.device<"npu1", cache = 192B>
// CHECK: func.func private @hetero__part2({{.*}}#cachepart.device<"npu0", cache = 256B>
// CHECK: func.func private @hetero__part3({{.*}}#cachepart.device<"npu1", cache = 192B>
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 256B>, #cachepart.device<"npu1", cache = 192B>]} {
func.func @hetero(%x: tensor<16xf32>) -> tensor<16xf32> {
  %w0 = arith.constant dense<1.0> : tensor<16xf32>
  %w1 = arith.constant dense<2.0> : tensor<16xf32>
  %w3 = arith.constant dense<4.0> : tensor<16xf32>
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.add ins(%0, %w1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.add ins(%1, %0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %3 = linalg.add ins(%2, %w3 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %3 : tensor<16xf32>
}
}
