// RUN: cachepart-opt %S/partition-strategies.mlir --cache-partition="capacity=384 report=-" -o /dev/null 2>/dev/null | FileCheck %s
// RUN: cachepart-opt %S/partition-strategies.mlir --cache-partition="capacity=384 report=%t.json" -o /dev/null 2>/dev/null
// RUN: FileCheck %s < %t.json
// RUN: not cachepart-opt %S/partition-strategies.mlir --cache-partition="capacity=384 report=/nonexistent/dir/r.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADPATH

// BADPATH: error: cannot write report '/nonexistent/dir/r.json'

// The greedy plan of @chain (see partition-strategies.mlir): group 0 = layers
// 0..2 = 3 weights (192 B) + 3 outputs (192 B) = 384 B = the capacity
// (utilisation 1); it sends %0 and %2 (64 B each) to card1. Group 1 = layer 3
// = 64 B (64 / 384 = 0.1666...). Function: 3 weights + 4 outputs = 448 B,
// lower bound ceil(448 / 384) = 2; the cut carries 128 B.
// op_count: the ops outlined into the group (layers + the constants and
// tensor.empty they use): 3 constants + 1 empty + 3 adds = 7; 1 empty + 1 add = 2.
// CHECK:      "functions": [
// CHECK:          "groups": [
// CHECK-NEXT:       {
// CHECK-NEXT:         "activations": 192,
// CHECK-NEXT:         "capacity": 384,
// CHECK-NEXT:         "device": "card0",
// CHECK-NEXT:         "first_layer": 0,
// CHECK-NEXT:         "function": "chain__part0",
// CHECK-NEXT:         "index": 0,
// CHECK-NEXT:         "last_layer": 2,
// CHECK-NEXT:         "num_layers": 3,
// CHECK-NEXT:         "op_count": 7,
// CHECK-NEXT:         "spilling": false,
// CHECK-NEXT:         "total": 384,
// CHECK-NEXT:         "transfer_in_bytes": 0,
// CHECK-NEXT:         "transfer_out_bytes": 128,
// CHECK-NEXT:         "utilisation": 1,
// CHECK-NEXT:         "weights": 192,
// CHECK-NEXT:         "workspace": 0
// CHECK-NEXT:       },
// CHECK-NEXT:       {
// CHECK-NEXT:         "activations": 64,
// CHECK-NEXT:         "capacity": 384,
// CHECK-NEXT:         "device": "card1",
// CHECK-NEXT:         "first_layer": 3,
// CHECK-NEXT:         "function": "chain__part1",
// CHECK-NEXT:         "index": 1,
// CHECK-NEXT:         "last_layer": 3,
// CHECK-NEXT:         "num_layers": 1,
// CHECK-NEXT:         "op_count": 2,
// CHECK-NEXT:         "spilling": false,
// CHECK-NEXT:         "total": 64,
// CHECK-NEXT:         "transfer_in_bytes": 128,
// CHECK-NEXT:         "transfer_out_bytes": 0,
// CHECK-NEXT:         "utilisation": 0.1666
// CHECK:              "weights": 0,
// CHECK-NEXT:         "workspace": 0
// CHECK:            "k": 2,
// CHECK-NEXT:       "lower_bound": 2,
// CHECK-NEXT:       "max_group_bytes": 384,
// CHECK-NEXT:       "memory_model": "sum",
// CHECK-NEXT:       "name": "chain",
// CHECK-NEXT:       "num_layers": 4,
// CHECK-NEXT:       "spilling_groups": 0,
// CHECK-NEXT:       "strategy": "greedy",
// CHECK-NEXT:       "total_bytes": 448,
// CHECK-NEXT:       "transfer_bytes": 128
