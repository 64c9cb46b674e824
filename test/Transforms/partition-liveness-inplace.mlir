// RUN: cachepart-opt %s --cache-partition="capacity=50KB memory-model=liveness strategy=greedy" 2>/dev/null | FileCheck %s --check-prefix=GREEDY
// RUN: cachepart-opt %s --cache-partition="capacity=50KB memory-model=liveness strategy=min-transfer" 2>/dev/null | FileCheck %s --check-prefix=MINXFER
// RUN: cachepart-opt %s --cache-partition="capacity=50KB memory-model=liveness strategy=balanced oversize=error" 2>/dev/null | FileCheck %s --check-prefix=GREEDY

// Regression (found by the corpus sweep): under the liveness model a group
// that starts at an in-place consumer must not cost more than the same group
// extended back to the producer, or the planner's monotonicity breaks.
// Every tensor is 64x64xf32 = 16384 B; w0, w1 16384 B; bias 64xf32 = 256 B.
// L0 add(a, w0); L1 bias broadcast; L2 matmul(%0, w1) writes in place into
// %1 (its init, used by nothing else); L3 exp(%2), returned. 50KB = 51200 B.
// [L0 L1]: w0 + bias = 16640; live a+%0 at L0, %0+%1 at L1: 32768 -> 49408.
// [L2 L3]: w1 = 16384; live-ins %0+%1 at L2 (the matmul's result is %1's
//          buffer); %2+%3 at L3: 32768 -> 49152.
// [L0 L1 L2] would need 33024 + 32768 = 65792: greedy and balanced cut
// before L2. min-transfer cuts before L1 (16384 B cross, vs 32768 before
// L2): [L0] = 16384 + 32768 = 49152; [L1 L2 L3] = 16640 + 32768 = 49408.
// Under the liveness model received stays 0: live-ins are in the
// activations above.
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
func.func @f(%a: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %w0 = arith.constant dense<1.0> : tensor<64x64xf32>
  %w1 = arith.constant dense<2.0> : tensor<64x64xf32>
  %bias = arith.constant dense<3.0> : tensor<64xf32>
  %e = tensor.empty() : tensor<64x64xf32>
  %0 = linalg.add ins(%a, %w0 : tensor<64x64xf32>, tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %1 = linalg.generic {indexing_maps = [#row, #id], iterator_types = ["parallel", "parallel"]} ins(%bias : tensor<64xf32>) outs(%e : tensor<64x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<64x64xf32>
  %2 = linalg.matmul ins(%0, %w1 : tensor<64x64xf32>, tensor<64x64xf32>) outs(%1 : tensor<64x64xf32>) -> tensor<64x64xf32>
  %3 = linalg.exp ins(%2 : tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %3 : tensor<64x64xf32>
}

// GREEDY: func.func private @f__part0({{.*}}cachepart.footprint = {activations = 32768 : i64, received = 0 : i64, total = 49408 : i64, weights = 16640 : i64, workspace = 0 : i64}}
// GREEDY: linalg.add
// GREEDY-NEXT: linalg.generic
// GREEDY: func.func private @f__part1({{.*}}cachepart.footprint = {activations = 32768 : i64, received = 0 : i64, total = 49152 : i64, weights = 16384 : i64, workspace = 0 : i64}}
// GREEDY: linalg.matmul
// GREEDY-NEXT: linalg.exp
// GREEDY-NOT: @f__part2
// MINXFER: func.func private @f__part0({{.*}}cachepart.footprint = {activations = 32768 : i64, received = 0 : i64, total = 49152 : i64, weights = 16384 : i64, workspace = 0 : i64}}
// MINXFER: func.func private @f__part1({{.*}}cachepart.footprint = {activations = 32768 : i64, received = 0 : i64, total = 49408 : i64, weights = 16640 : i64, workspace = 0 : i64}}
// MINXFER-NOT: @f__part2
