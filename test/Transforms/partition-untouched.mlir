// RUN: cachepart-opt %s --remarks-filter="cache-.*" -split-input-file --cache-partition="capacity=200" --mlir-print-op-on-diagnostic=false -verify-diagnostics -o %t.mlir
// RUN: cachepart-opt %t.mlir -split-input-file -o /dev/null
// RUN: cachepart-opt %s -split-input-file --cache-partition="capacity=200" 2>/dev/null | FileCheck %s

// The pass never breaks IR it does not touch. @earlier was partitioned
// before (it is skipped) and moves data between 'npu0' and 'npu1'. @f needs
// two cards (layers 0..1: two 64 B results + the received %x 64 B = 192 B;
// with layer 2, 256 B > 200 B: a cut before layer 2), which
// the pass would list as 'card0', 'card1': that list would make the earlier
// transfer name unknown devices. So the module gets no list (a warning at
// the transfer says why) and the output verifies (second RUN line).
// CHECK-LABEL: module {
// CHECK-NOT:   cachepart.devices
// CHECK:       cachepart.transfer %{{.*}} from "npu0" to "npu1"
// CHECK:       cachepart.transfer %{{.*}} from "card0" to "card1"
// expected-remark@+1 {{function is already partitioned ('cachepart.partitioned'); left unchanged}}
func.func @earlier(%x: tensor<16xf32>) -> tensor<16xf32> attributes {cachepart.partitioned} {
  // expected-warning@+1 {{the module gets no cachepart.devices list: this transfer names devices other than the cards of the plan ('card0'..'card1'); list every device in the module to name them all}}
  %0 = cachepart.transfer %x from "npu0" to "npu1" : tensor<16xf32>
  return %0 : tensor<16xf32>
}
func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.negf ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.negf ins(%0 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  // expected-remark@+1 {{cut before layer 2: group 0 (layers 0..1, 192 B)}}
  %2 = linalg.negf ins(%1 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %2 : tensor<16xf32>
}

// -----

// Earlier transfers between cards of the plan's own names keep the list.
// CHECK-LABEL: module attributes {cachepart.devices = [#cachepart.device<"card0", cache = 200B>, #cachepart.device<"card1", cache = 200B>]}
// expected-remark@+1 {{function is already partitioned ('cachepart.partitioned'); left unchanged}}
func.func @earlier(%x: tensor<16xf32>) -> tensor<16xf32> attributes {cachepart.partitioned} {
  %0 = cachepart.transfer %x from "card0" to "card1" : tensor<16xf32>
  return %0 : tensor<16xf32>
}
func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.negf ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.negf ins(%0 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  // expected-remark@+1 {{cut before layer 2: group 0 (layers 0..1, 192 B)}}
  %2 = linalg.negf ins(%1 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %2 : tensor<16xf32>
}
