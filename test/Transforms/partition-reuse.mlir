// RUN: cachepart-opt %s --cache-partition="capacity=192 num-devices=2 reuse=round-robin report=%t.json" | FileCheck %s
// RUN: FileCheck %s --check-prefix=REPORT < %t.json
// RUN: cachepart-opt %s --cache-partition="capacity=192 num-devices=2 reuse=round-robin" --remarks-filter=cache-partition -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// The default stays an error that names the option.
// RUN: not cachepart-opt %s --cache-partition="capacity=192 num-devices=2" 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: not cachepart-opt %s --cache-partition="capacity=192 reuse=round-robin" 2>&1 | FileCheck %s --check-prefix=NOCARDS

// More groups than cards with reuse=round-robin: group g runs on card g mod 2.
// Tensors are 16xf32 = 64 B. L0 = add(x, w0): 64 weights + 64 result + 64
// received = 192 B. L1 = add(%0, w1): 192 B likewise. L2 = add(%1, %0): no
// weights, 64 result + 128 received = 192 B. Any two layers together need
// more than 192 B (L0 L1: 128 + 128 + 64 = 320; L1 L2: 64 + 128 + 64 = 256),
// so 3 groups: card0, card1, card0 again. %0 goes from group 0 to group 2 on
// the same card: it stays there (no transfer); %1 crosses card1 -> card0.

// CHECK: module attributes {cachepart.devices = [#cachepart.device<"card0", cache = 192B>, #cachepart.device<"card1", cache = 192B>]} {
// CHECK-LABEL: func.func @skip(
// CHECK-SAME: %[[X:.*]]: tensor<16xf32>) -> tensor<16xf32> attributes {cachepart.partitioned} {
// CHECK-NEXT: %[[P0:.*]] = call @skip__part0(%[[X]])
// CHECK-NEXT: %[[T01:.*]] = cachepart.transfer %[[P0]] from "card0" to "card1" : tensor<16xf32>
// CHECK-NEXT: %[[P1:.*]] = call @skip__part1(%[[T01]])
// CHECK-NEXT: %[[T10:.*]] = cachepart.transfer %[[P1]] from "card1" to "card0" : tensor<16xf32>
// CHECK-NEXT: %[[P2:.*]] = call @skip__part2(%[[T10]], %[[P0]])
// CHECK-NEXT: return %[[P2]]
// CHECK: func.func private @skip__part0({{.*}}cachepart.device = #cachepart.device<"card0", cache = 192B>
// CHECK: func.func private @skip__part1({{.*}}cachepart.device = #cachepart.device<"card1", cache = 192B>
// CHECK: func.func private @skip__part2({{.*}}cachepart.device = #cachepart.device<"card0", cache = 192B>

// Card0 is reloaded once per input and loads w0 (group 0) and nothing
// (group 2): 64 B of weights streamed per input; card1 keeps w1 loaded.
// Received: group 1 gets %0 (64 B), group 2 gets %1 and %0 (128 B).
// REPORT:      "card_reuse": {
// REPORT-NEXT:   "cards": [
// REPORT-NEXT:     {
// REPORT-NEXT:       "device": "card0",
// REPORT-NEXT:       "groups": [
// REPORT-NEXT:         0,
// REPORT-NEXT:         2
// REPORT-NEXT:       ],
// REPORT-NEXT:       "reloads_per_input": 1,
// REPORT-NEXT:       "streamed_weight_bytes_per_input": 64
// REPORT-NEXT:     },
// REPORT-NEXT:     {
// REPORT-NEXT:       "device": "card1",
// REPORT-NEXT:       "groups": [
// REPORT-NEXT:         1
// REPORT-NEXT:       ],
// REPORT-NEXT:       "reloads_per_input": 0,
// REPORT-NEXT:       "streamed_weight_bytes_per_input": 0
// REPORT-NEXT:     }
// REPORT-NEXT:   ],
// REPORT-NEXT:   "policy": "round-robin",
// REPORT-NEXT:   "streamed_weight_bytes_per_input": 64
// REPORT-NEXT: },
// REPORT:      "transfer_bytes": 192
// REPORT-NOT: "card_reuse"

// REMARK: remark: [Analysis] reuse | Category:cache-partition | Function=skip | Remark="3 groups run on 2 cards in turns (reuse=round-robin): 1 card is reloaded for every input, streaming 64 B of weights per input"

// DEFAULT: error: needs at least 3 devices but only 2 are available; {{.*}} or pass reuse=round-robin to run the groups on the cards in turns (each card is then reloaded)
// NOCARDS: error: reuse=round-robin needs a number of cards: pass num-devices=<D> or list the cards in the module
func.func @skip(%x: tensor<16xf32>) -> tensor<16xf32> {
  %w0 = arith.constant dense<1.0> : tensor<16xf32>
  %w1 = arith.constant dense<2.0> : tensor<16xf32>
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.add ins(%0, %w1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.add ins(%1, %0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %2 : tensor<16xf32>
}
