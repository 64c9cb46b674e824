// Group counts the planner cannot make, worded by the pass from the
// planner's structured error (PlanError::CountProblem). oversize=error: no
// layer is split for the small card.
// RUN: not cachepart-opt %s --split-input-file --cache-partition="num-partitions=2 oversize=error" --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s

// Each layer: 64 B weights + 64 B output, plus 64 B received when it starts a
// group (%x or %0). One group: 128 + 128 + 64 (%x) = 320 B, fits npu0. Two
// groups: the second (layer 1 alone) needs 192 B but npu1 holds 128 B, so no
// split into exactly 2 groups fits.
// CHECK: error: no split into exactly 2 groups fits the device capacities (num-partitions=2)
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 320B>, #cachepart.device<"npu1", cache = 128B>]} {
  func.func @nofit(%x: tensor<16xf32>) -> tensor<16xf32> {
    %w0 = arith.constant dense<1.0> : tensor<16xf32>
    %w1 = arith.constant dense<2.0> : tensor<16xf32>
    %e = tensor.empty() : tensor<16xf32>
    %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    %1 = linalg.add ins(%0, %w1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    return %1 : tensor<16xf32>
  }
}

// -----

// Three layers, no cut allowed before layers 1 and 2 (cachepart.no_cut): 0 of
// the 2 cut points are allowed, so one group at most.
// CHECK: error: cannot make 2 groups: only 0 of the 2 cut points between layers are allowed, so at most 1 group can be made (num-partitions=2)
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 1MB>, #cachepart.device<"npu1", cache = 1MB>]} {
  func.func @nocuts(%x: tensor<16xf32>) -> tensor<16xf32> {
    %w0 = arith.constant dense<1.0> : tensor<16xf32>
    %e = tensor.empty() : tensor<16xf32>
    %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    %1 = linalg.add {cachepart.no_cut} ins(%0, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    %2 = linalg.add {cachepart.no_cut} ins(%1, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    return %2 : tensor<16xf32>
  }
}
