// RUN: cachepart-opt %s --cache-partition="capacity=200 functions=f,g,h" | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=200 functions=g" | FileCheck %s --check-prefix=ONLYG
// RUN: not cachepart-opt %s --cache-partition="capacity=200 functions=g,nosuch" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOFUNC
// RUN: not cachepart-opt %s --cache-partition="capacity=100 functions=f" -o /dev/null 2>&1 | FileCheck %s --check-prefix=RUN100
// RUN: cachepart-opt %s --cache-partition="capacity=200 functions=h report=-" -o /dev/null 2>/dev/null | FileCheck %s --check-prefix=CUT
// RUN: not cachepart-opt %s --cache-partition="capacity=200 functions=h num-partitions=2" -o /dev/null 2>&1 | FileCheck %s --check-prefix=CUTPARTS
// RUN: not cachepart-opt %s --cache-partition="capacity=200 functions=both" -o /dev/null --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s --check-prefix=CUTFORBIDDEN

// User control. Each negf needs its result 64 B; with the received input
// 64 B: L0 = 128 B, L0..L1 = 192 B, L0..L2 = 256 B > 200 B. Greedy would cut
// before L2; `cachepart.no_cut` on L2 forbids that cut, so the cut goes
// before L1: groups {L0} (128 B) and {L1, L2} (two results 128 B + the
// received %0 64 B = 192 B).
// CHECK-LABEL: func.func @f(
// CHECK:         %[[A:.*]] = call @f__part0(%{{.*}})
// CHECK:         %[[T:.*]] = cachepart.transfer %[[A]] from "card0" to "card1"
// CHECK:         call @f__part1(%[[T]])
// CHECK:       func.func private @f__part0({{.*}}total = 128 : i64
// CHECK-COUNT-1: linalg.negf
// CHECK:       func.func private @f__part1({{.*}}total = 192 : i64
// CHECK-COUNT-2: linalg.negf
func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.negf ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.negf ins(%0 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.negf {cachepart.no_cut} ins(%1 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %2 : tensor<16xf32>
}

// functions=g partitions @g only; @f stays as written.
// ONLYG:     func.func @f(%{{.*}}) -> tensor<16xf32> {
// ONLYG-NOT: call @f__part
// ONLYG:     func.func @g({{.*}}) -> tensor<16xf32> attributes {cachepart.partitioned}
// ONLYG:       call @g__part0(
// NOFUNC: error: functions= names 'nosuch', which is not a function of the module
func.func @g(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.negf ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}

// At 100 B every layer is split in two along its 16 elements (a layer
// alone: 64 + received 64 = 128 B > 100 B; a piece of 8: 32 + 32 = 64 B),
// and the mark stays on L2's first piece only (layer 4 of the pieces
// L0p0 L0p1 L1p0 L1p1 L2p0 L2p1). So L1p1 and L2p0 must share a card, but
// L2p0 reads the host's assembly of L1p0 and L1p1: no card can run them.
// RUN100: partition-user-control.mlir:{{[0-9]+}}:8: error: layers 3..4 must stay on one device, but some of them read what the host assembles from the pieces of others (a split layer), so no device can run them together
// RUN100: note: no cut is allowed inside the run: the layer is marked 'cachepart.no_cut'
// RUN100: note: what would help: a card large enough that these layers are not split, or no constraint that keeps a split layer with its neighbours

// `cachepart.cut` on L1 of four 64 B negf layers: a group starts at L1.
// Segment {L0}: 64 + received %x 64 = 128 B. Segment {L1..L3} planned on
// the next cards: L1..L2 = 128 + received %0 64 = 192 B, then L3 = 128 B.
// Without the mark greedy makes {L0, L1} 192 B and {L2, L3} 192 B (k = 2).
// CUT:      "first_layer": 0,
// CUT-NEXT: "function": "h__part0",
// CUT-NEXT: "index": 0,
// CUT-NEXT: "last_layer": 0,
// CUT:      "total": 128,
// CUT:      "first_layer": 1,
// CUT-NEXT: "function": "h__part1",
// CUT-NEXT: "index": 1,
// CUT-NEXT: "last_layer": 2,
// CUT:      "total": 192,
// CUT:      "first_layer": 3,
// CUT-NEXT: "function": "h__part2",
// CUT-NEXT: "index": 2,
// CUT-NEXT: "last_layer": 3,
// CUT:      "total": 128,
// CUT:      "k": 3,
// CUTPARTS: error: num-partitions=2 cannot be combined with 'cachepart.cut' marks, which fix group boundaries themselves
func.func @h(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.negf ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.negf {cachepart.cut} ins(%0 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.negf ins(%1 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %3 = linalg.negf ins(%2 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %3 : tensor<16xf32>
}

// Both marks on one layer: the cut is required and forbidden.
// CUTFORBIDDEN: partition-user-control.mlir:[[@LINE+4]]:8: error: 'cachepart.cut' asks for a cut before layer 1, but no cut is allowed there: the layer is marked 'cachepart.no_cut'
func.func @both(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.negf ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.negf {cachepart.cut, cachepart.no_cut} ins(%0 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %1 : tensor<16xf32>
}
