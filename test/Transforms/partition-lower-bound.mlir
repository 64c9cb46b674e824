// RUN: cachepart-opt %s --cache-partition="oversize=isolate report=-" -o /dev/null 2>/dev/null | FileCheck %s

// lower_bound <= k, also with spilling groups on a heterogeneous list.
// Layer 0 needs its result 64 B + the received %x 64 B = 128 B > the small
// card's 64 B: isolated, spilling, on 'small'. Layers 1..2 go to 'big':
// two results 128 B + the received %0 64 B = 192 B. k = 2.
// Lower bound: 1 spilling group + the cards that must hold the rest, the
// whole function (3 results 192 B + %x 64 B = 256 B) minus the spilling
// group's 128 B = 128 B: one card, taking the largest first (1000 B) -> 2.
// (Taking the cards in list order, 64 B then 1000 B, counted 3 > k.)
// CHECK:      "k": 2,
// CHECK:      "lower_bound": 2,
// CHECK:      "spilling_groups": 1,
module attributes {cachepart.devices = [#cachepart.device<"small", cache = 64B>, #cachepart.device<"big", cache = 1000B>]} {
func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.negf ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.negf ins(%0 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.negf ins(%1 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %2 : tensor<16xf32>
}
}
