// Options never drive allocation: a card limit or a group count far above
// what any plan can use is accepted (or refused with an error) without
// allocating anything per card or group.
// RUN: cachepart-opt %s --cache-partition="capacity=200 num-devices=18446744073709551615" 2>/dev/null | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=200 num-devices=4294967296" 2>/dev/null | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=200 num-devices=2" 2>/dev/null | FileCheck %s
// RUN: not cachepart-opt %s --cache-partition="capacity=200 num-devices=1" 2>&1 | FileCheck %s --check-prefix=ONE
// RUN: not cachepart-opt %s --cache-partition="capacity=200 num-partitions=18446744073709551615" 2>&1 | FileCheck %s --check-prefix=PARTS
// RUN: not cachepart-opt %s --cache-partition="capacity=200 max-pieces=18446744073709551615 num-partitions=4294967296" 2>&1 | FileCheck %s --check-prefix=PARTS32

// Layers 0..1 = two 64 B results + the received %x 64 B = 192 B; layer 2
// makes 256 B > 200 B: two cards, whatever the limit above 1.
// CHECK: module attributes {cachepart.devices = [#cachepart.device<"card0", cache = 200B>, #cachepart.device<"card1", cache = 200B>]}
// CHECK-COUNT-2: call @f__part
// ONE: error: needs at least 2 devices but only 1 are available
// PARTS: error: cannot make 18446744073709551615 groups from 3 layers (num-partitions=18446744073709551615)
// PARTS32: error: cannot make 4294967296 groups from 3 layers (num-partitions=4294967296)
func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.negf ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.negf ins(%0 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.negf ins(%1 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %2 : tensor<16xf32>
}
