// RUN: cachepart-opt %s --cache-lower-transfers | upstream-mlir-opt | FileCheck %s
// RUN: cachepart-opt %s --cache-lower-transfers-to-mpi="entry=" | upstream-mlir-opt | FileCheck %s --check-prefix=MPI

// After lowering, the IR must parse in upstream mlir-opt (which does not
// load this dialect) whatever attribute holds a #cachepart.device: a list
// or dictionary on the module, an op's or function's own attribute, an
// argument or result attribute. Those attributes are dropped; others stay.
// CHECK:      module {
// CHECK-NEXT:   func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf32> {
// CHECK-NEXT:     tensor.empty() {keep = 1 : i64} : tensor<4xf32>
// MPI:        module attributes {dlti.map =
// MPI-NOT:    cachepart.device
// MPI:          tensor.empty() {keep = 1 : i64} : tensor<4xf32>
module attributes {my.cards = [#cachepart.device<"a", cache = 1KB>], my.nested = {inner = #cachepart.device<"b", cache = 2KB>}} {
  func.func @f(%x: tensor<4xf32> {my.where = #cachepart.device<"a", cache = 1KB>}) -> (tensor<4xf32> {my.res = [#cachepart.device<"a", cache = 1KB>]}) attributes {my.dev = #cachepart.device<"a", cache = 1KB>} {
    %e = tensor.empty() {my.tag = #cachepart.device<"a", cache = 1KB>, keep = 1 : i64} : tensor<4xf32>
    %0 = linalg.negf ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    return %0 : tensor<4xf32>
  }
}
