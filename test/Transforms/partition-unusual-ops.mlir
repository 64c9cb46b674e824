// RUN: cachepart-opt %s --allow-unregistered-dialect --cache-partition=capacity=256 --mlir-print-op-on-diagnostic=false 2>/dev/null | FileCheck %s
// RUN: cachepart-opt %s --allow-unregistered-dialect --cache-partition=capacity=256 2>/dev/null | cachepart-opt --allow-unregistered-dialect --verify-each -o /dev/null

// Unregistered ops, ops with regions, external and recursive calls are layers
// like any other: each is taken whole. Values the region captures (%w, %e,
// the bounds) travel into the group with it. Tensors are 16xf32 = 64 B.
// L0 foo.unknown 64; L1 scf.for 64 + weight 64 = 128; L2 call 64; L3 call 64.
// A group also receives what it reads from before it: L0 %x 64; L1 %0 64 and
// the bound %n (index: 8 B) = 72; L2 %1 64; L3 %2 64.
// card0: L0 = 64 + %x 64 = 128 (+L1 = 128 + 64 + %x 64 + %n 8 = 264 > 256).
// card1: L1 = 128 + 72 = 200 (+L2 = 128 + 64 + %0 64 + %n 8 = 264 > 256).
// card2: L2 + L3 = 128 + %1 64 = 192.
// (The cards held 128 B before received bytes counted; at 128 B L1 (200 B)
// no longer fits, and an scf.for cannot be split. 256 B keeps the plan.)
func.func private @helper(%x: tensor<16xf32>) -> tensor<16xf32>
func.func @unusual(%x: tensor<16xf32>, %n: index) -> tensor<16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %w = arith.constant dense<1.0> : tensor<16xf32>
  %e = tensor.empty() : tensor<16xf32>
  %0 = "foo.unknown"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %1 = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %0) -> (tensor<16xf32>) {
    %s = linalg.add ins(%acc, %w : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    scf.yield %s : tensor<16xf32>
  }
  %2 = func.call @helper(%1) : (tensor<16xf32>) -> tensor<16xf32>
  %3 = func.call @unusual(%2, %c0) : (tensor<16xf32>, index) -> tensor<16xf32>
  return %3 : tensor<16xf32>
}

// CHECK-LABEL: func.func @unusual(
// CHECK-SAME: %[[X:.*]]: tensor<16xf32>, %[[N:.*]]: index) -> tensor<16xf32> attributes {cachepart.partitioned} {
// CHECK-NEXT: %[[P0:.*]] = call @unusual__part0(%[[X]]) : (tensor<16xf32>) -> tensor<16xf32>
// CHECK-NEXT: %[[T0:.*]] = cachepart.transfer %[[P0]] from "card0" to "card1"
// CHECK-NEXT: %[[P1:.*]] = call @unusual__part1(%[[N]], %[[T0]]) : (index, tensor<16xf32>) -> tensor<16xf32>
// CHECK-NEXT: %[[T1:.*]] = cachepart.transfer %[[P1]] from "card1" to "card2"
// CHECK-NEXT: %[[P2:.*]] = call @unusual__part2(%[[T1]])
// CHECK-NEXT: return %[[P2]]
// CHECK: func.func private @unusual__part0(%[[A:.*]]: tensor<16xf32>)
// CHECK-SAME: cachepart.footprint = {activations = 64 : i64, received = 64 : i64, total = 128 : i64, weights = 0 : i64, workspace = 0 : i64}
// CHECK-NEXT: "foo.unknown"(%[[A]])
// CHECK: func.func private @unusual__part1(%[[B:.*]]: index, %[[I:.*]]: tensor<16xf32>)
// CHECK-SAME: cachepart.footprint = {activations = 64 : i64, received = 72 : i64, total = 200 : i64, weights = 64 : i64, workspace = 0 : i64}
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[W:.*]] = arith.constant dense<1.000000e+00> : tensor<16xf32>
// CHECK-DAG: %[[E:.*]] = tensor.empty() : tensor<16xf32>
// CHECK: scf.for %{{.*}} = %[[C0]] to %[[B]] step %[[C1]] iter_args(%[[ACC:.*]] = %[[I]])
// CHECK-NEXT: linalg.add ins(%[[ACC]], %[[W]] : {{.*}}) outs(%[[E]] :
// CHECK: func.func private @unusual__part2(%[[D:.*]]: tensor<16xf32>)
// CHECK-SAME: cachepart.footprint = {activations = 128 : i64, received = 64 : i64, total = 192 : i64, weights = 0 : i64, workspace = 0 : i64}
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[H:.*]] = call @helper(%[[D]])
// CHECK-NEXT: %[[R:.*]] = call @unusual(%[[H]], %[[Z]])
// CHECK-NEXT: return %[[R]]
