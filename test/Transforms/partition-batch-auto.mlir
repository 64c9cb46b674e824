// RUN: cachepart-opt %s --split-input-file --cache-partition="capacity=4KB num-devices=1 batch=auto" --remarks-filter=cache-partition 2>%t.one | FileCheck %s --check-prefix=ONE
// RUN: FileCheck %s --check-prefix=ONE-REMARK < %t.one
// RUN: cachepart-opt %s --split-input-file --cache-partition="capacity=2KB num-devices=2 batch=auto report=%t.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=TWO < %t.json

// batch=auto picks the largest batch whose plan fits the cards, by
// bisection over the analysis. Two matmuls with 16x16xf32 weights (1024 B
// each) on a batch of b rows of 16xf32 (64 B each):
//   layer alone:   1024 weights + 64b result + 64b received   = 1024 + 128b
//   both together: 2048 weights + 128b results + 64b received = 2048 + 192b
// One 4 KB card holds both while 2048 + 192b <= 4096, i.e. b <= 10
// (b = 10: 3968 B; b = 11: 4160 B needs two groups).
// ONE: func.func @mlp({{.*}} attributes {cachepart.batch = 10 : i64, cachepart.partitioned}
// ONE: func.func private @mlp__part0({{.*}}cachepart.footprint = {activations = 1280 : i64, received = 640 : i64, total = 3968 : i64, weights = 2048 : i64, workspace = 0 : i64}
// ONE-NOT: @mlp__part1
// Tried: 1, 2, 4, 8 fit; 16 does not; bisection 12, 10, 11.
// ONE-REMARK: remark: [Analysis] batch | Category:cache-partition | Function=mlp | Remark="batch=auto: batch 10 is the largest whose plan fits 1 card; batch 11 needs 2 groups (8 batches tried)"

// Two 2 KB cards hold one layer each while 1024 + 128b <= 2048, i.e.
// b <= 8 (both layers never share a card: 2048 + 192 > 2048); at b = 9
// a layer alone needs 2176 B (no plan: "groups": null).
// TWO:      "batch": {
// TWO-NEXT:   "capped": false,
// TWO-NEXT:   "chosen": 8,
// TWO-NEXT:   "curve": [
// TWO-NEXT:     {
// TWO-NEXT:       "batch": 1,
// TWO-NEXT:       "groups": 2
// TWO-NEXT:     },
// TWO:            "batch": 8,
// TWO-NEXT:       "groups": 2
// TWO-NEXT:     },
// TWO-NEXT:     {
// TWO-NEXT:       "batch": 9,
// TWO-NEXT:       "groups": null
// TWO-NEXT:     },
// TWO:      "k": 2,
func.func @mlp(%x: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x16xf32>
  %w0 = arith.constant dense<1.0> : tensor<16x16xf32>
  %w1 = arith.constant dense<2.0> : tensor<16x16xf32>
  %e = tensor.empty(%n) : tensor<?x16xf32>
  %0 = linalg.matmul ins(%x, %w0 : tensor<?x16xf32>, tensor<16x16xf32>) outs(%e : tensor<?x16xf32>) -> tensor<?x16xf32>
  %1 = linalg.matmul ins(%0, %w1 : tensor<?x16xf32>, tensor<16x16xf32>) outs(%e : tensor<?x16xf32>) -> tensor<?x16xf32>
  return %1 : tensor<?x16xf32>
}
