// RUN: cachepart-opt %s --cache-partition="capacity=256 oversize=isolate report=%t.json" -o %t.mlir 2>/dev/null
// RUN: cat %t.json %t.mlir | FileCheck %s

// Layer 1 alone needs w 32x32xf32 = 4096 B + 1x32xf32 = 128 B + received %0
// 1x32xf32 = 128 B = 4352 B > 256 B: with oversize=isolate it gets a group
// (and a card) of its own, marked cachepart.spilling. Layers 0 and 2 (1x32xf32
// outputs, 128 B, of adds of their input with itself, + that input received,
// 128 B: 256 B each) fit their cards exactly.
func.func @isolate(%x: tensor<1x32xf32>) -> tensor<1x32xf32> {
  %w = arith.constant dense<1.0> : tensor<32x32xf32>
  %e = tensor.empty() : tensor<1x32xf32>
  %0 = linalg.add ins(%x, %x : tensor<1x32xf32>, tensor<1x32xf32>) outs(%e : tensor<1x32xf32>) -> tensor<1x32xf32>
  %1 = linalg.matmul ins(%0, %w : tensor<1x32xf32>, tensor<32x32xf32>) outs(%e : tensor<1x32xf32>) -> tensor<1x32xf32>
  %2 = linalg.add ins(%1, %1 : tensor<1x32xf32>, tensor<1x32xf32>) outs(%e : tensor<1x32xf32>) -> tensor<1x32xf32>
  return %2 : tensor<1x32xf32>
}
// The report comes first (stdout), then the IR.
// CHECK: "spilling": false,
// CHECK: "spilling": true,
// CHECK-NEXT: "total": 4352,
// CHECK: "spilling": false,
// Lower bound: 1 spilling group + ceil((whole - 4352) / 256) = 2, whole =
// the function as one group = 4096 + 3 * 128 + received %x 128 = 4608:
// ceil(256 / 256) = 1.
// CHECK: "lower_bound": 2,
// CHECK: "spilling_groups": 1,
// CHECK-LABEL: func.func @isolate(
// CHECK: call @isolate__part0
// CHECK: call @isolate__part1
// CHECK: call @isolate__part2
// CHECK: func.func private @isolate__part0({{.*}}cachepart.device = #cachepart.device<"card0", cache = 256B>
// CHECK-NOT: cachepart.spilling
// CHECK-SAME: {
// CHECK: func.func private @isolate__part1({{.*}}cachepart.device = #cachepart.device<"card1", cache = 256B>, cachepart.footprint = {activations = 128 : i64, received = 128 : i64, total = 4352 : i64, weights = 4096 : i64, workspace = 0 : i64}, cachepart.spilling}
// CHECK: func.func private @isolate__part2({{.*}}cachepart.device = #cachepart.device<"card2", cache = 256B>
