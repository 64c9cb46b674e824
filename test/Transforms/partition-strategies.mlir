// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=448 strategy=greedy" --mlir-print-op-on-diagnostic=false -verify-diagnostics | FileCheck %s --check-prefix=GREEDY
// RUN: cachepart-opt %s --cache-partition="capacity=448 strategy=balanced" --mlir-print-op-on-diagnostic=false 2>/dev/null | FileCheck %s --check-prefix=BALANCED
// RUN: cachepart-opt %s --cache-partition="capacity=448 strategy=min-transfer" --mlir-print-op-on-diagnostic=false 2>/dev/null | FileCheck %s --check-prefix=MINXFER
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=448 strategy=balanced" --mlir-print-op-on-diagnostic=false 2>&1 >/dev/null | FileCheck %s --check-prefix=BALANCED-REMARK
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=448 strategy=min-transfer" --mlir-print-op-on-diagnostic=false 2>&1 >/dev/null | FileCheck %s --check-prefix=MINXFER-REMARK

// One input, three strategies, three plans. Every tensor is 16xf32 = 64 B.
// Layer costs (sum model): L0 = w0 64 + out 64 = 128; L1 = 128; L2 = 128;
// L3 = out 64 (no weight; it reads %0 and %2). A group also counts what it
// receives: each distinct value made before it and read inside (%x for a
// group starting at L0; %0 for one starting at L1; %1 and %0 at L2; %2 and
// %0 at L3), 64 B each. Groups [begin, end):
//   [0,1) 128 + %x 64 = 192     [0,2) 256 + %x 64 = 320
//   [0,3) 384 + %x 64 = 448     [0,4) 192 w + 256 act + %x 64 = 512
//   [1,4) 128 w + 192 act + %0 64 = 384
//   [2,4) 64 w + 128 act + %1, %0 128 = 320   [3,4) 64 + %2, %0 128 = 192
// Capacity 448 B (it was 384 before received bytes counted: at 384 greedy
// and balanced now both give [0,2) | [2,4); 448 lets greedy fill L0..L2
// again, so the three strategies still give three plans). k = 2 (512 > 448).
// Bytes crossing a cut before L1: %0 = 64; before L2: %1 + %0 = 128; before
// L3: %2 + %0 = 128.
//  - greedy fills card0 with L0..L2 (448 B), L3 (192 B) on card1: k = 2.
//  - balanced keeps k = 2 and minimises the largest group: L0..L1 (320 B) |
//    L2..L3 (320 B); the alternatives have max 448 or 384.
//  - min-transfer keeps k = 2 and cuts where the fewest bytes cross: before
//    L1 (64 B): L0 (192 B) | L1..L3 (384 B).

func.func @chain(%x: tensor<16xf32>) -> tensor<16xf32> {
  %w0 = arith.constant dense<1.0> : tensor<16xf32>
  %w1 = arith.constant dense<2.0> : tensor<16xf32>
  %w2 = arith.constant dense<3.0> : tensor<16xf32>
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  // [0,1) = 192, [0,2) = 320.
  // MINXFER-REMARK: [[@LINE+1]]:8: remark: {{.*}}cut before layer 1: group 0 (layers 0..0, 192 B) on 'card0' (capacity 448 B) could take this layer (320 B) but strategy 'min-transfer' cuts here; group 1 receives 64 B from earlier groups
  %1 = linalg.add ins(%0, %w1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  // [0,2) = 320, [0,3) = 448.
  // BALANCED-REMARK: [[@LINE+1]]:8: remark: {{.*}}cut before layer 2: group 0 (layers 0..1, 320 B) on 'card0' (capacity 448 B) could take this layer (448 B) but strategy 'balanced' cuts here; group 1 receives 128 B from earlier groups
  %2 = linalg.add ins(%1, %w2 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  // [0,3) = 448, [0,4) = 512 > 448.
  // expected-remark@+1 {{cut before layer 3: group 0 (layers 0..2, 448 B) on 'card0' (capacity 448 B) cannot take this layer (512 B); group 1 receives 128 B from earlier groups}}
  %3 = linalg.add ins(%2, %0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %3 : tensor<16xf32>
}

// The identical cards are named in the module so transfers verify.
// GREEDY: module attributes {cachepart.devices = [#cachepart.device<"card0", cache = 448B>, #cachepart.device<"card1", cache = 448B>]} {
// GREEDY-LABEL: func.func @chain(
// GREEDY-SAME: %[[X:.*]]: tensor<16xf32>) -> tensor<16xf32> attributes {cachepart.partitioned} {
// GREEDY-NEXT:   %[[P0:.*]]:2 = call @chain__part0(%[[X]]) : (tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>)
// GREEDY-NEXT:   %[[T2:.*]] = cachepart.transfer %[[P0]]#1 from "card0" to "card1" : tensor<16xf32>
// GREEDY-NEXT:   %[[T0:.*]] = cachepart.transfer %[[P0]]#0 from "card0" to "card1" : tensor<16xf32>
// GREEDY-NEXT:   %[[P1:.*]] = call @chain__part1(%[[T2]], %[[T0]]) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
// GREEDY-NEXT:   return %[[P1]] : tensor<16xf32>
// GREEDY-NEXT: }
// 3 weights * 64 = 192 B; outputs of L0..L2 = 192 B; received %x 64 B;
// total 448 B.
// GREEDY:      func.func private @chain__part0(%[[A:.*]]: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) attributes {cachepart.device = #cachepart.device<"card0", cache = 448B>, cachepart.footprint = {activations = 192 : i64, received = 64 : i64, total = 448 : i64, weights = 192 : i64, workspace = 0 : i64}} {
// GREEDY-NEXT:   %[[C0:.*]] = arith.constant dense<1.000000e+00> : tensor<16xf32>
// GREEDY-NEXT:   %[[C1:.*]] = arith.constant dense<2.000000e+00> : tensor<16xf32>
// GREEDY-NEXT:   %[[C2:.*]] = arith.constant dense<3.000000e+00> : tensor<16xf32>
// GREEDY-NEXT:   %[[E:.*]] = tensor.empty() : tensor<16xf32>
// GREEDY-NEXT:   %[[L0:.*]] = linalg.add ins(%[[A]], %[[C0]] : {{.*}}) outs(%[[E]] : tensor<16xf32>)
// GREEDY-NEXT:   %[[L1:.*]] = linalg.add ins(%[[L0]], %[[C1]] : {{.*}}) outs(%[[E]] : tensor<16xf32>)
// GREEDY-NEXT:   %[[L2:.*]] = linalg.add ins(%[[L1]], %[[C2]] : {{.*}}) outs(%[[E]] : tensor<16xf32>)
// GREEDY-NEXT:   return %[[L0]], %[[L2]] : tensor<16xf32>, tensor<16xf32>
// L3: output 64 B; received %2 and %0, 128 B; total 192 B.
// GREEDY:      func.func private @chain__part1(%[[B2:.*]]: tensor<16xf32>, %[[B0:.*]]: tensor<16xf32>) -> tensor<16xf32> attributes {cachepart.device = #cachepart.device<"card1", cache = 448B>, cachepart.footprint = {activations = 64 : i64, received = 128 : i64, total = 192 : i64, weights = 0 : i64, workspace = 0 : i64}} {
// GREEDY-NEXT:   %[[E1:.*]] = tensor.empty() : tensor<16xf32>
// GREEDY-NEXT:   %[[L3:.*]] = linalg.add ins(%[[B2]], %[[B0]] : {{.*}}) outs(%[[E1]] : tensor<16xf32>)
// GREEDY-NEXT:   return %[[L3]] : tensor<16xf32>

// BALANCED-LABEL: func.func @chain(
// BALANCED-NEXT:   %[[P0:.*]]:2 = call @chain__part0(%{{.*}}) : (tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>)
// BALANCED-NEXT:   %[[T1:.*]] = cachepart.transfer %[[P0]]#1 from "card0" to "card1" : tensor<16xf32>
// BALANCED-NEXT:   %[[T0:.*]] = cachepart.transfer %[[P0]]#0 from "card0" to "card1" : tensor<16xf32>
// BALANCED-NEXT:   %[[P1:.*]] = call @chain__part1(%[[T1]], %[[T0]])
// BALANCED-NEXT:   return %[[P1]]
// 2 weights + 2 outputs = 256 B + received %x 64 B = 320 B.
// BALANCED:      func.func private @chain__part0({{.*}}cachepart.footprint = {activations = 128 : i64, received = 64 : i64, total = 320 : i64, weights = 128 : i64, workspace = 0 : i64}} {
// BALANCED-NEXT:   arith.constant dense<1.000000e+00>
// BALANCED-NEXT:   arith.constant dense<2.000000e+00>
// BALANCED-NEXT:   tensor.empty
// BALANCED-NEXT:   %[[L0:.*]] = linalg.add
// BALANCED-NEXT:   %[[L1:.*]] = linalg.add
// BALANCED-NEXT:   return %[[L0]], %[[L1]]
// w2 64 + outputs of L2, L3 128 + received %1, %0 128 = 320 B; only w2 is
// cloned here.
// BALANCED:      func.func private @chain__part1(%[[B1:.*]]: tensor<16xf32>, %[[B0:.*]]: tensor<16xf32>) {{.*}}cachepart.footprint = {activations = 128 : i64, received = 128 : i64, total = 320 : i64, weights = 64 : i64, workspace = 0 : i64}} {
// BALANCED-NEXT:   %[[C2:.*]] = arith.constant dense<3.000000e+00>
// BALANCED-NEXT:   %[[E:.*]] = tensor.empty
// BALANCED-NEXT:   %[[L2:.*]] = linalg.add ins(%[[B1]], %[[C2]] :
// BALANCED-NEXT:   %[[L3:.*]] = linalg.add ins(%[[L2]], %[[B0]] :
// BALANCED-NEXT:   return %[[L3]]

// MINXFER-LABEL: func.func @chain(
// MINXFER-NEXT:   %[[P0:.*]] = call @chain__part0(%{{.*}}) : (tensor<16xf32>) -> tensor<16xf32>
// MINXFER-NEXT:   %[[T0:.*]] = cachepart.transfer %[[P0]] from "card0" to "card1" : tensor<16xf32>
// MINXFER-NEXT:   %[[P1:.*]] = call @chain__part1(%[[T0]]) : (tensor<16xf32>) -> tensor<16xf32>
// MINXFER-NEXT:   return %[[P1]]
// w0 64 + output 64 + received %x 64 = 192 B.
// MINXFER:      func.func private @chain__part0({{.*}}cachepart.footprint = {activations = 64 : i64, received = 64 : i64, total = 192 : i64, weights = 64 : i64, workspace = 0 : i64}} {
// 2 weights 128 + outputs of L1..L3 192 + received %0 64 (read by L1 and L3,
// once) = 384 B.
// MINXFER:      func.func private @chain__part1(%[[B0:.*]]: tensor<16xf32>) {{.*}}cachepart.footprint = {activations = 192 : i64, received = 64 : i64, total = 384 : i64, weights = 128 : i64, workspace = 0 : i64}} {
// MINXFER:        %[[L1:.*]] = linalg.add ins(%[[B0]],
// MINXFER-NEXT:   %[[L2:.*]] = linalg.add ins(%[[L1]],
// MINXFER-NEXT:   %[[L3:.*]] = linalg.add ins(%[[L2]], %[[B0]] :
// MINXFER-NEXT:   return %[[L3]]
