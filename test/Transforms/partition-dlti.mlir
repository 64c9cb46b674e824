// Cards from the module's DLTI target description: each device entry of
// dlti.target_system_spec with "cache_size_in_bytes" is a card, in spec order,
// named by its device ID. The pass records them as cachepart.devices.
// RUN: cachepart-opt %s --split-input-file --cache-partition | FileCheck %s

// Each layer is 64 B of weights + 64 B of output + 64 B received (%x, %0 or
// %1); layers 0 and 1 together: 128 + 128 + 64 = 320 B = npu0; layer 2 alone:
// 192 B = npu1.
// CHECK-LABEL: module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 320B>, #cachepart.device<"npu1", cache = 192B>], dlti.target_system_spec
// CHECK: %[[P0:.*]] = call @three__part0(%arg0)
// CHECK-NEXT: %[[T:.*]] = cachepart.transfer %[[P0]] from "npu0" to "npu1" : tensor<16xf32>
// CHECK-NEXT: call @three__part1(%[[T]])
// CHECK: func.func private @three__part0({{.*}}cachepart.device = #cachepart.device<"npu0", cache = 320B>, cachepart.footprint = {activations = 128 : i64, received = 64 : i64, total = 320 : i64, weights = 128 : i64
// CHECK: func.func private @three__part1({{.*}}cachepart.device = #cachepart.device<"npu1", cache = 192B>, cachepart.footprint = {activations = 64 : i64, received = 64 : i64, total = 192 : i64, weights = 64 : i64
module attributes {dlti.target_system_spec = #dlti.target_system_spec<
    "npu0" = #dlti.target_device_spec<"cache_size_in_bytes" = 320 : i64>,
    "npu1" = #dlti.target_device_spec<"cache_size_in_bytes" = 192 : i64>>} {
  func.func @three(%x: tensor<16xf32>) -> tensor<16xf32> {
    %w0 = arith.constant dense<1.0> : tensor<16xf32>
    %w1 = arith.constant dense<2.0> : tensor<16xf32>
    %w2 = arith.constant dense<3.0> : tensor<16xf32>
    %e = tensor.empty() : tensor<16xf32>
    %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    %1 = linalg.add ins(%0, %w1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    %2 = linalg.add ins(%1, %w2 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    return %2 : tensor<16xf32>
  }
}

// -----

// A cachepart.devices list takes precedence over the DLTI description.
// CHECK-LABEL: module attributes {cachepart.devices = [#cachepart.device<"big", cache = 1MB>], dlti.target_system_spec
// CHECK: func.func private @g__part0({{.*}}cachepart.device = #cachepart.device<"big", cache = 1MB>
module attributes {cachepart.devices = [#cachepart.device<"big", cache = 1MB>],
                   dlti.target_system_spec = #dlti.target_system_spec<
    "npu0" = #dlti.target_device_spec<"cache_size_in_bytes" = 8 : i64>>} {
  func.func @g(%x: tensor<16xf32>) -> tensor<16xf32> {
    %w0 = arith.constant dense<1.0> : tensor<16xf32>
    %e = tensor.empty() : tensor<16xf32>
    %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    return %0 : tensor<16xf32>
  }
}
