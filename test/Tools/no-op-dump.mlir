// cachepart-opt errors point into the user's file and print no generic-form
// dump of the op (upstream's --mlir-print-op-on-diagnostic default), unless
// the flag asks for one.
// RUN: not cachepart-opt %s --cache-partition="oversize=error capacity=100B" 2>&1 | FileCheck %s
// RUN: not cachepart-opt %s --cache-partition="oversize=error capacity=100B" --mlir-print-op-on-diagnostic 2>&1 | FileCheck %s --check-prefix=DUMP

// Layer 0: its result (1024 x 4 B = 4096 B) and %x received (4096 B) = 8192 B.
// CHECK: no-op-dump.mlir:[[@LINE+6]]:8: error: layer 0 needs 8192 B
// CHECK-NOT: see current operation
// CHECK-NOT: "linalg.add"
// DUMP: note: see current operation
func.func @f(%x: tensor<1024xf32>) -> tensor<1024xf32> {
  %e = tensor.empty() : tensor<1024xf32>
  %0 = linalg.add ins(%x, %x : tensor<1024xf32>, tensor<1024xf32>) outs(%e : tensor<1024xf32>) -> tensor<1024xf32>
  return %0 : tensor<1024xf32>
}
