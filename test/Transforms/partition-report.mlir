// RUN: cachepart-opt %S/partition-strategies.mlir --cache-partition="capacity=448 report=-" -o /dev/null 2>/dev/null | FileCheck %s
// RUN: cachepart-opt %S/partition-strategies.mlir --cache-partition="capacity=448 report=%t.json" -o /dev/null 2>/dev/null
// RUN: FileCheck %s < %t.json
// RUN: not cachepart-opt %S/partition-strategies.mlir --cache-partition="capacity=448 report=/nonexistent/dir/r.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADPATH

// BADPATH: error: cannot write report '/nonexistent/dir/r.json'

// A write that fails after the file opened (a full disk) is a located error
// too, not an abort, for both passes.
// RUN: not cachepart-opt %S/partition-strategies.mlir --cache-partition="capacity=448 report=/dev/full" -o /dev/null 2>&1 | FileCheck %s --check-prefix=FULL
// RUN: not cachepart-opt %S/partition-strategies.mlir --cache-footprint="report=/dev/full" -o /dev/null 2>&1 | FileCheck %s --check-prefix=FULL
// FULL-NOT: LLVM ERROR
// FULL: partition-strategies.mlir:{{[0-9]+}}:{{[0-9]+}}: error: cannot write report '/dev/full': No space left on device
// FULL-NOT: LLVM ERROR

// The greedy plan of @chain at 448 B (see partition-strategies.mlir; the
// capacity was 384 B before received bytes counted, and moved with that
// test's so the plan stays L0..L2 | L3): group 0 = layers 0..2 = 3 weights
// (192 B) + 3 outputs (192 B) + received %x (64 B) = 448 B = the capacity
// (utilisation 1); it sends %0 and %2 (64 B each) to card1. Group 1 = layer 3
// = output 64 B + received %2 and %0 128 B = 192 B (192 / 448 = 0.4285...).
// Function: 3 weights + 4 outputs + received %x = 192 + 256 + 64 = 512 B,
// lower bound ceil(512 / 448) = 2; the cut carries 128 B. No layer is split
// (every layer alone is 192 B <= 448 B): split_layers 0, splits empty.
// op_count: the ops outlined into the group (layers + the constants and
// tensor.empty they use): 3 constants + 1 empty + 3 adds = 7; 1 empty + 1 add = 2.
// The cards in list order (card i is MPI rank i after
// --cache-lower-transfers-to-mpi): two groups, two cards.
// CHECK:      "devices": [
// CHECK-NEXT:   "card0",
// CHECK-NEXT:   "card1"
// CHECK-NEXT: ],
// CHECK-NEXT: "functions": [
// CHECK:          "groups": [
// CHECK-NEXT:       {
// CHECK-NEXT:         "activations": 192,
// CHECK-NEXT:         "capacity": 448,
// CHECK-NEXT:         "device": "card0",
// CHECK-NEXT:         "first_layer": 0,
// CHECK-NEXT:         "function": "chain__part0",
// CHECK-NEXT:         "index": 0,
// CHECK-NEXT:         "last_layer": 2,
// CHECK-NEXT:         "num_layers": 3,
// CHECK-NEXT:         "op_count": 7,
// CHECK-NEXT:         "received": 64,
// CHECK-NEXT:         "spilling": false,
// CHECK-NEXT:         "total": 448,
// CHECK-NEXT:         "transfer_in_bytes": 0,
// CHECK-NEXT:         "transfer_out_bytes": 128,
// CHECK-NEXT:         "utilisation": 1,
// CHECK-NEXT:         "weights": 192,
// CHECK-NEXT:         "workspace": 0
// CHECK-NEXT:       },
// CHECK-NEXT:       {
// CHECK-NEXT:         "activations": 64,
// CHECK-NEXT:         "capacity": 448,
// CHECK-NEXT:         "device": "card1",
// CHECK-NEXT:         "first_layer": 3,
// CHECK-NEXT:         "function": "chain__part1",
// CHECK-NEXT:         "index": 1,
// CHECK-NEXT:         "last_layer": 3,
// CHECK-NEXT:         "num_layers": 1,
// CHECK-NEXT:         "op_count": 2,
// CHECK-NEXT:         "received": 128,
// CHECK-NEXT:         "spilling": false,
// CHECK-NEXT:         "total": 192,
// CHECK-NEXT:         "transfer_in_bytes": 128,
// CHECK-NEXT:         "transfer_out_bytes": 0,
// CHECK-NEXT:         "utilisation": 0.4285
// CHECK:              "weights": 0,
// CHECK-NEXT:         "workspace": 0
// CHECK:            "k": 2,
// Per layer (after splits; none here): L0..L2 read a 16xf32 weight (64 B),
// L3 reads only activations; every result is 16xf32 = 64 B.
// CHECK-NEXT:       "layers": [
// CHECK-COUNT-3:      "activations": 64,
// CHECK-NEXT:           "estimated_activations_and_workspace": 64,
// CHECK-NEXT:           "op": "linalg.add",
// CHECK-NEXT:           "source": "estimate",
// CHECK-NEXT:           "weights": 64,
// CHECK-NEXT:           "workspace": 0
// CHECK:              "activations": 64,
// CHECK-NEXT:           "estimated_activations_and_workspace": 64,
// CHECK-NEXT:           "op": "linalg.add",
// CHECK-NEXT:           "source": "estimate",
// CHECK-NEXT:           "weights": 0,
// CHECK-NEXT:           "workspace": 0
// CHECK:            ],
// CHECK-NEXT:       "lower_bound": 2,
// CHECK-NEXT:       "max_group_bytes": 448,
// CHECK-NEXT:       "memory_model": "sum",
// CHECK-NEXT:       "name": "chain",
// CHECK-NEXT:       "num_layers": 4,
// CHECK-NEXT:       "planned_transfer_bytes": 128,
// CHECK-NEXT:       "spilling_groups": 0,
// CHECK-NEXT:       "split_layers": 0,
// CHECK-NEXT:       "splits": [],
// CHECK-NEXT:       "strategy": "greedy",
// CHECK-NEXT:       "total_bytes": 512,
// CHECK-NEXT:       "transfer_bytes": 128
