// RUN: cachepart-opt %s --cache-partition --mlir-print-op-on-diagnostic=false 2>/dev/null | FileCheck %s
// Running the pass again changes nothing: outlined functions carry
// cachepart.device and parents cachepart.partitioned.
// RUN: cachepart-opt %s --cache-partition 2>/dev/null | cachepart-opt --cache-partition | FileCheck %s
// The plugin runs the same pass from upstream mlir-opt.
// RUN: %if !sanitizers %{ upstream-mlir-opt --load-dialect-plugin=%cachepart_plugin --load-pass-plugin=%cachepart_plugin --pass-pipeline='builtin.module(cache-partition)' %s 2>/dev/null | FileCheck %s %}

// Heterogeneous cards from the module's list (group i on device i) and a skip
// connection: %0 is used by groups 1 and 2, so it is transferred once to each
// destination card (npu0 -> npu1 and npu0 -> npu2). Tensors are 16xf32 = 64 B.
// Costs: L0 = 64 + 64 = 128, L1 = 128, L2 = 64, L3 = 128, L4 = 64; a group
// also receives each distinct tensor made before it that it reads, 64 B each.
// npu0 (192 B): L0 = 128 + received %x 64 = 192; adding L1 would make
// 128 weights + 128 outputs + %x 64 = 320.
// npu1 (256 B): L1 + L2 = 64 + 128 + received %0 64 = 256; adding L3 would
// make 128 + 192 + %0 64 = 384.
// npu2 (320 B): L3 + L4 = 64 + 128 + received %2, %0 128 = 320.
// (The cards held 128, 192 and 256 B before received bytes counted; each
// grew by what its group receives so the plan stays L0 | L1..L2 | L3..L4.)
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 192B>, #cachepart.device<"npu1", cache = 256B>, #cachepart.device<"npu2", cache = 320B>]} {
func.func @skip(%x: tensor<16xf32>) -> tensor<16xf32> {
  %w0 = arith.constant dense<1.0> : tensor<16xf32>
  %w1 = arith.constant dense<2.0> : tensor<16xf32>
  %w2 = arith.constant dense<3.0> : tensor<16xf32>
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.add ins(%0, %w1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.add ins(%1, %0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %3 = linalg.add ins(%2, %w2 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %4 = linalg.add ins(%3, %0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %4 : tensor<16xf32>
}

// A second function of the module is partitioned on its own, from npu0.
func.func @second(%x: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.add ins(%x, %x : tensor<8xf32>, tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
}

// CHECK: module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 192B>, #cachepart.device<"npu1", cache = 256B>, #cachepart.device<"npu2", cache = 320B>]} {
// CHECK-LABEL: func.func @skip(
// CHECK-SAME: %[[X:.*]]: tensor<16xf32>) -> tensor<16xf32> attributes {cachepart.partitioned} {
// CHECK-NEXT: %[[P0:.*]] = call @skip__part0(%[[X]]) : (tensor<16xf32>) -> tensor<16xf32>
// CHECK-NEXT: %[[T01:.*]] = cachepart.transfer %[[P0]] from "npu0" to "npu1" : tensor<16xf32>
// CHECK-NEXT: %[[P1:.*]] = call @skip__part1(%[[T01]]) : (tensor<16xf32>) -> tensor<16xf32>
// CHECK-NEXT: %[[T12:.*]] = cachepart.transfer %[[P1]] from "npu1" to "npu2" : tensor<16xf32>
// CHECK-NEXT: %[[T02:.*]] = cachepart.transfer %[[P0]] from "npu0" to "npu2" : tensor<16xf32>
// CHECK-NEXT: %[[P2:.*]] = call @skip__part2(%[[T12]], %[[T02]]) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
// CHECK-NEXT: return %[[P2]] : tensor<16xf32>
// CHECK: func.func private @skip__part0(%[[A0:.*]]: tensor<16xf32>) -> tensor<16xf32> attributes {cachepart.device = #cachepart.device<"npu0", cache = 192B>, cachepart.footprint = {activations = 64 : i64, received = 64 : i64, total = 192 : i64, weights = 64 : i64, workspace = 0 : i64}} {
// CHECK-NEXT: %[[C0:.*]] = arith.constant dense<1.000000e+00> : tensor<16xf32>
// CHECK-NEXT: %[[E0:.*]] = tensor.empty() : tensor<16xf32>
// CHECK-NEXT: %[[L0:.*]] = linalg.add ins(%[[A0]], %[[C0]] : tensor<16xf32>, tensor<16xf32>) outs(%[[E0]] : tensor<16xf32>) -> tensor<16xf32>
// CHECK-NEXT: return %[[L0]] : tensor<16xf32>
// CHECK: func.func private @skip__part1(%[[A1:.*]]: tensor<16xf32>) -> tensor<16xf32> attributes {cachepart.device = #cachepart.device<"npu1", cache = 256B>, cachepart.footprint = {activations = 128 : i64, received = 64 : i64, total = 256 : i64, weights = 64 : i64, workspace = 0 : i64}} {
// CHECK-NEXT: %[[C1:.*]] = arith.constant dense<2.000000e+00> : tensor<16xf32>
// CHECK-NEXT: %[[E1:.*]] = tensor.empty() : tensor<16xf32>
// CHECK-NEXT: %[[L1:.*]] = linalg.add ins(%[[A1]], %[[C1]] : tensor<16xf32>, tensor<16xf32>) outs(%[[E1]] : tensor<16xf32>) -> tensor<16xf32>
// CHECK-NEXT: %[[L2:.*]] = linalg.add ins(%[[L1]], %[[A1]] : tensor<16xf32>, tensor<16xf32>) outs(%[[E1]] : tensor<16xf32>) -> tensor<16xf32>
// CHECK-NEXT: return %[[L2]] : tensor<16xf32>
// CHECK: func.func private @skip__part2(%[[A2:.*]]: tensor<16xf32>, %[[S2:.*]]: tensor<16xf32>) -> tensor<16xf32> attributes {cachepart.device = #cachepart.device<"npu2", cache = 320B>, cachepart.footprint = {activations = 128 : i64, received = 128 : i64, total = 320 : i64, weights = 64 : i64, workspace = 0 : i64}} {
// CHECK-NEXT: %[[C2:.*]] = arith.constant dense<3.000000e+00> : tensor<16xf32>
// CHECK-NEXT: %[[E2:.*]] = tensor.empty() : tensor<16xf32>
// CHECK-NEXT: %[[L3:.*]] = linalg.add ins(%[[A2]], %[[C2]] : tensor<16xf32>, tensor<16xf32>) outs(%[[E2]] : tensor<16xf32>) -> tensor<16xf32>
// CHECK-NEXT: %[[L4:.*]] = linalg.add ins(%[[L3]], %[[S2]] : tensor<16xf32>, tensor<16xf32>) outs(%[[E2]] : tensor<16xf32>) -> tensor<16xf32>
// CHECK-NEXT: return %[[L4]] : tensor<16xf32>
// CHECK-LABEL: func.func @second(
// CHECK-SAME: attributes {cachepart.partitioned}
// CHECK-NEXT: call @second__part0(
// 8xf32 = 32 B output + received %x 8xf32 = 32 B (read twice, once) = 64 B.
// CHECK: func.func private @second__part0({{.*}}cachepart.device = #cachepart.device<"npu0", cache = 192B>, cachepart.footprint = {activations = 32 : i64, received = 32 : i64, total = 64 : i64, weights = 0 : i64, workspace = 0 : i64}}
// CHECK-NOT: __part0__part
