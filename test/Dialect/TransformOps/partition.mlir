// RUN: cachepart-opt %s --transform-interpreter --split-input-file | FileCheck %s
// The plugin brings the transform op into upstream mlir-opt.
// RUN: %if !sanitizers %{ upstream-mlir-opt --load-dialect-plugin=%cachepart_plugin %s --transform-interpreter --split-input-file | FileCheck %s %}

// transform.cachepart.partition partitions the function its handle holds, as
// --cache-partition="capacity=192" would, and returns the function and its
// device functions; the schedule then works on the parts (here: annotates
// them). Tensors are 16xf32 = 64 B. Each layer is one add with a constant
// weight: 64 B weights + 64 B result + 64 B received = 192 B; two layers
// together need 128 + 128 + 64 = 320 B > 192 B, so each layer is a group.

// CHECK-LABEL: func.func @f(
// CHECK-SAME: attributes {cachepart.partitioned} {
// CHECK-NEXT: %[[P0:.*]] = call @f__part0(%{{.*}})
// CHECK-NEXT: %[[T0:.*]] = cachepart.transfer %[[P0]] from "card0" to "card1" : tensor<16xf32>
// CHECK-NEXT: %[[P1:.*]] = call @f__part1(%[[T0]])
// CHECK-NEXT: %[[T1:.*]] = cachepart.transfer %[[P1]] from "card1" to "card2" : tensor<16xf32>
// CHECK-NEXT: %[[P2:.*]] = call @f__part2(%[[T1]])
// CHECK-NEXT: return %[[P2]]
// CHECK: func.func private @f__part0({{.*}} attributes {cachepart.device = #cachepart.device<"card0", cache = 192B>, {{.*}}, scheduled}
// CHECK: func.func private @f__part1({{.*}} attributes {cachepart.device = #cachepart.device<"card1", cache = 192B>, {{.*}}, scheduled}
// CHECK: func.func private @f__part2({{.*}} attributes {cachepart.device = #cachepart.device<"card2", cache = 192B>, {{.*}}, scheduled}
// CHECK-LABEL: transform.named_sequence @__transform_main
module attributes {transform.with_named_sequence} {
  func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
    %w0 = arith.constant dense<1.0> : tensor<16xf32>
    %w1 = arith.constant dense<2.0> : tensor<16xf32>
    %w2 = arith.constant dense<3.0> : tensor<16xf32>
    %e = tensor.empty() : tensor<16xf32>
    %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    %1 = linalg.add ins(%0, %w1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    %2 = linalg.add ins(%1, %w2 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    return %2 : tensor<16xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %f = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    %host, %parts = transform.cachepart.partition %f {capacity = 192}
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.annotate %parts "scheduled" : !transform.any_op
    transform.yield
  }
}

// -----

// Options as in the pass: a size string, the strategy's spelling, a number
// of groups. Four layers as above, two groups on 1 KB cards. A group of m
// consecutive layers needs m x 64 weights + m x 64 results + 64 received:
// balanced cuts before L2 (320 B | 320 B; any other cut leaves a group of
// three layers, 448 B), where greedy would fill the first card (L0..L2 |
// L3).

// CHECK-LABEL: func.func @g(
// CHECK-NEXT: call @g__part0
// CHECK-NEXT: cachepart.transfer
// CHECK-NEXT: call @g__part1
// CHECK-NEXT: return
// CHECK: func.func private @g__part0({{.*}} attributes {cachepart.device = #cachepart.device<"card0", cache = 1KB>, cachepart.footprint = {activations = 128 : i64, received = 64 : i64, total = 320 : i64, weights = 128 : i64, workspace = 0 : i64}}
// CHECK: func.func private @g__part1({{.*}} attributes {cachepart.device = #cachepart.device<"card1", cache = 1KB>, cachepart.footprint = {activations = 128 : i64, received = 64 : i64, total = 320 : i64, weights = 128 : i64, workspace = 0 : i64}}
module attributes {transform.with_named_sequence} {
  func.func @g(%x: tensor<16xf32>) -> tensor<16xf32> {
    %w0 = arith.constant dense<1.0> : tensor<16xf32>
    %w1 = arith.constant dense<2.0> : tensor<16xf32>
    %w2 = arith.constant dense<3.0> : tensor<16xf32>
    %w3 = arith.constant dense<4.0> : tensor<16xf32>
    %e = tensor.empty() : tensor<16xf32>
    %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    %1 = linalg.add ins(%0, %w1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    %2 = linalg.add ins(%1, %w2 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    %3 = linalg.add ins(%2, %w3 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    return %3 : tensor<16xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %f = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    %host, %parts = transform.cachepart.partition %f {capacity = "1KB", strategy = "balanced", num_partitions = 2}
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
