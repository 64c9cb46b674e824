// RUN: cachepart-opt %s --cache-lower-transfers | FileCheck %s
// The result is readable by upstream mlir-opt, which does not know cachepart.
// RUN: cachepart-opt %s --cache-lower-transfers | upstream-mlir-opt | FileCheck %s

// Transfers become their operand; attributes whose values are
// #cachepart.device are dropped; footprints and unit markers stay.
// CHECK: module {
// CHECK-LABEL: func.func @forward(
// CHECK-SAME: %[[X:.*]]: tensor<4xf32>) -> tensor<4xf32> attributes {cachepart.partitioned} {
// CHECK-NEXT: %[[A:.*]] = call @forward__part0(%[[X]])
// CHECK-NEXT: %[[B:.*]] = call @forward__part1(%[[A]])
// CHECK-NEXT: return %[[B]]
// CHECK: func.func private @forward__part0({{.*}}) -> tensor<4xf32> attributes {cachepart.footprint = {total = 16 : i64}} {
// CHECK: func.func private @forward__part1({{.*}}) -> tensor<4xf32> attributes {cachepart.footprint = {total = 16 : i64}, cachepart.spilling} {
// CHECK-NOT: cachepart.transfer
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 1KB>, #cachepart.device<"npu1", cache = 1KB>]} {
  func.func @forward(%x: tensor<4xf32>) -> tensor<4xf32> attributes {cachepart.partitioned} {
    %0 = call @forward__part0(%x) : (tensor<4xf32>) -> tensor<4xf32>
    %1 = cachepart.transfer %0 from "npu0" to "npu1" : tensor<4xf32>
    %2 = call @forward__part1(%1) : (tensor<4xf32>) -> tensor<4xf32>
    return %2 : tensor<4xf32>
  }
  func.func private @forward__part0(%a: tensor<4xf32>) -> tensor<4xf32> attributes {cachepart.device = #cachepart.device<"npu0", cache = 1KB>, cachepart.footprint = {total = 16 : i64}} {
    return %a : tensor<4xf32>
  }
  func.func private @forward__part1(%a: tensor<4xf32>) -> tensor<4xf32> attributes {cachepart.device = #cachepart.device<"npu1", cache = 1KB>, cachepart.footprint = {total = 16 : i64}, cachepart.spilling} {
    return %a : tensor<4xf32>
  }
}
