// RUN: cachepart-opt %s | FileCheck %s
// RUN: cachepart-opt %s | cachepart-opt | FileCheck %s
// RUN: cachepart-opt %s -mlir-print-op-generic | cachepart-opt | FileCheck %s

// Capacities are stored in bytes and printed in the largest unit that
// divides them exactly: 2MB = 2097152 B; 1.5MB = 1572864 B = 1536KB;
// 1000 B is not a multiple of 1024 and stays 1000B; 4GiB = 4GB.

// CHECK: module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 2MB>, #cachepart.device<"npu1", cache = 1536KB>, #cachepart.device<"npu2", cache = 1000B, bandwidth = 16GB>, #cachepart.device<"npu3", cache = 4GB>, #cachepart.device<"npu4", cache = 512KB>]}
module attributes {cachepart.devices = [
    #cachepart.device<"npu0", cache = 2097152>,
    #cachepart.device<"npu1", cache = 1.5MB>,
    #cachepart.device<"npu2", cache = 1000, bandwidth = 16GB>,
    #cachepart.device<"npu3", cache = 4GiB>,
    #cachepart.device<"npu4", cache = 512kb>]} {
  // CHECK-LABEL: func.func @transfer
  // CHECK-SAME: (%[[ARG:.*]]: tensor<1x64xf32>)
  func.func @transfer(%arg0: tensor<1x64xf32>) -> tensor<1x64xf32> {
    // CHECK: %[[T:.*]] = cachepart.transfer %[[ARG]] from "npu0" to "npu1" : tensor<1x64xf32>
    %0 = cachepart.transfer %arg0 from "npu0" to "npu1" : tensor<1x64xf32>
    // CHECK: return %[[T]]
    return %0 : tensor<1x64xf32>
  }

  // A device attribute may also annotate a function.
  // CHECK-LABEL: func.func private @on_device
  // CHECK-SAME: cachepart.device = #cachepart.device<"npu0", cache = 2MB>
  func.func private @on_device() attributes {cachepart.device = #cachepart.device<"npu0", cache = 2MB>}
}
