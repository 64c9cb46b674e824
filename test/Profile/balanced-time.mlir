// RUN: cachepart-opt %s --cache-partition="capacity=448 strategy=balanced-time profile=%S/Inputs/five-adds-timed.json report=%t.time.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=TIME < %t.time.json
// RUN: cachepart-opt %s --cache-partition="capacity=448 strategy=balanced profile=%S/Inputs/five-adds-timed.json report=%t.bytes.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=BYTES < %t.bytes.json
// RUN: not cachepart-opt %s --cache-partition="capacity=448 strategy=balanced-time" 2>&1 | FileCheck %s --check-prefix=NOPROFILE
// RUN: cachepart-opt %s --cache-partition="capacity=160 strategy=balanced-time profile=%S/Inputs/five-adds-timed.json report=%t.piece.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=PIECE < %t.piece.json

// Five adds on 16xf32, each with its own 64 B weight. The hand-made profile
// (Inputs/five-adds-timed.json) measures 64 B per layer, as estimated, and
// times 500, 10, 10, 10, 10 ns: the first layer is slow.
// A group of L layers holds 64 L weights + 64 L results + the 64 B it
// receives = 128 L + 64 B, so a 448 B card takes at most 3 layers and two
// groups are needed; the valid cuts are before layer 2 (320 | 448 B) and
// before layer 3 (448 | 320 B).
// balanced (bytes): both cuts have a largest group of 448 B; it keeps
// greedy's cut before layer 3, times 520 | 20 ns.
// balanced-time: the cut before layer 2, times 510 | 30 ns.
// (The report's keys are sorted: groups, then k, then max_group_time_ns.)
// TIME: "first_layer": 0,
// TIME: "last_layer": 1,
// TIME: "time_ns": 510,
// TIME: "first_layer": 2,
// TIME: "last_layer": 4,
// TIME: "time_ns": 30,
// TIME: "k": 2,
// TIME: "max_group_time_ns": 510,
// BYTES: "first_layer": 0,
// BYTES: "last_layer": 2,
// BYTES: "time_ns": 520,
// BYTES: "k": 2,
// BYTES: "max_group_time_ns": 520,

// NOPROFILE: balanced-time.mlir:[[#]]:1: error: strategy=balanced-time balances measured layer times: pass profile=FILE (made by cachepart-profile)
// At 160 B a layer alone (64 + 64 + 64 = 192 B) is split into two pieces
// of 8 elements (32 + 32 + 32 = 96 B); two pieces together hold 192 B, so
// each piece is a group: k = 10. A piece takes its share of the layer's
// measured time: 500 * 8/16 = 250 ns, 10 * 8/16 = 5 ns.
// PIECE: "first_layer": 0,
// PIECE: "time_ns": 250,
// PIECE: "first_layer": 1,
// PIECE: "time_ns": 250,
// PIECE: "first_layer": 2,
// PIECE: "time_ns": 5,
// PIECE: "k": 10,
// PIECE: "max_group_time_ns": 250,
func.func @five(%x: tensor<16xf32>) -> tensor<16xf32> {
  %w0 = arith.constant dense<1.0> : tensor<16xf32>
  %w1 = arith.constant dense<2.0> : tensor<16xf32>
  %w2 = arith.constant dense<3.0> : tensor<16xf32>
  %w3 = arith.constant dense<4.0> : tensor<16xf32>
  %w4 = arith.constant dense<5.0> : tensor<16xf32>
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.add ins(%0, %w1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.add ins(%1, %w2 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %3 = linalg.add ins(%2, %w3 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %4 = linalg.add ins(%3, %w4 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %4 : tensor<16xf32>
}
