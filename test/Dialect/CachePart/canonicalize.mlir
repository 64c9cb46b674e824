// RUN: cachepart-opt %s -canonicalize | FileCheck %s

// A transfer has no side effect: when its result is unused it folds away.
// CHECK-LABEL: func.func @dead_transfer
// CHECK-NOT: cachepart.transfer
// CHECK: return %arg0
func.func @dead_transfer(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = cachepart.transfer %arg0 from "npu0" to "npu1" : tensor<4xf32>
  return %arg0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @live_transfer
// CHECK: %[[T:.*]] = cachepart.transfer %arg0 from "npu0" to "npu1"
// CHECK: return %[[T]]
func.func @live_transfer(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = cachepart.transfer %arg0 from "npu0" to "npu1" : tensor<4xf32>
  return %0 : tensor<4xf32>
}
