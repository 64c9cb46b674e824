// UNSUPPORTED: sanitizers
// (The sanitized plugin cannot be loaded into the unsanitized upstream mlir-opt.)
// The plugin loads into upstream mlir-opt, which then parses, verifies and
// prints cachepart IR.
// RUN: upstream-mlir-opt --load-dialect-plugin=%cachepart_plugin %s | FileCheck %s
// RUN: not upstream-mlir-opt %s 2>&1 | FileCheck %s --check-prefix=NOPLUGIN

// NOPLUGIN: attribute created with unregistered dialect

// CHECK: module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 2MB>, #cachepart.device<"npu1", cache = 1MB>]}
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 2MB>,
                                        #cachepart.device<"npu1", cache = 1024KB>]} {
  // CHECK: cachepart.transfer %arg0 from "npu0" to "npu1" : tensor<1x64xf32>
  func.func @f(%arg0: tensor<1x64xf32>) -> tensor<1x64xf32> {
    %0 = cachepart.transfer %arg0 from "npu0" to "npu1" : tensor<1x64xf32>
    return %0 : tensor<1x64xf32>
  }
}
