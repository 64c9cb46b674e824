// RUN: cachepart-opt %s --cache-partition="capacity=192 num-partitions=3 report=-" -o /dev/null 2>/dev/null | FileCheck %s

// The report's transfer_bytes is what the outlined program moves: each value
// once per group that reads it, the sum of the groups' transfer_in_bytes.
// planned_transfer_bytes is the planner's count of the same thing (the
// min-transfer objective); the two must agree. %a skips group 1: it crosses
// two cuts but is sent once. f32 = 4 B, every tensor 16 * 4 = 64 B; one
// layer per group (num-partitions=3):
//   group 2 receives %a from group 0 and %b from group 1; groups 0 and 1
//   receive only %x, an argument (from the host, not a transfer)
//     -> transfer_bytes = planned_transfer_bytes = 128 = 0 + 0 + 128
//   (bytes live across the cuts would be 64 + 128 = 192).
// Fits: L0 = %x + %a = 128 B, L1 = %x + %b = 128 B, L2 = %a + %b + %c =
// 192 B, all <= 192 B.
func.func @skip(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e0 = tensor.empty() : tensor<16xf32>
  %a = linalg.negf ins(%x : tensor<16xf32>) outs(%e0 : tensor<16xf32>) -> tensor<16xf32>
  %e1 = tensor.empty() : tensor<16xf32>
  %b = linalg.negf ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %c = linalg.add ins(%a, %b : tensor<16xf32>, tensor<16xf32>) outs(%e2 : tensor<16xf32>) -> tensor<16xf32>
  return %c : tensor<16xf32>
}
// CHECK:      "transfer_in_bytes": 0,
// CHECK-NEXT: "transfer_out_bytes": 64,
// CHECK:      "transfer_in_bytes": 0,
// CHECK-NEXT: "transfer_out_bytes": 64,
// CHECK:      "transfer_in_bytes": 128,
// CHECK-NEXT: "transfer_out_bytes": 0,
// CHECK:      "planned_transfer_bytes": 128,
// CHECK:      "transfer_bytes": 128
