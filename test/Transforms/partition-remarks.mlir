// The passes report through MLIR's remark framework (mlir/IR/Remarks.h):
// a default run prints nothing on stderr; --remarks-filter selects them by
// category (the pass's name); --remark-format=yaml --remarks-output-file
// saves them.
// RUN: cachepart-opt %s --cache-partition="capacity=200" -o /dev/null 2>&1 | count 0
// RUN: cachepart-opt %s --cache-footprint -o /dev/null 2>&1 | count 0
// RUN: cachepart-opt %s --cache-partition="capacity=200" -o /dev/null --remarks-filter=cache-partition 2>&1 | FileCheck %s --check-prefix=SHOW
// RUN: cachepart-opt %s --cache-partition="capacity=200" -o /dev/null --remarks-filter=cache-footprint 2>&1 | count 0
// RUN: cachepart-opt %s --cache-footprint -o /dev/null --remarks-filter=cache-footprint 2>&1 | FileCheck %s --check-prefix=FOOT
// RUN: cachepart-opt %s --cache-partition="capacity=200" -o /dev/null --remarks-filter=cache-partition --remark-format=yaml --remarks-output-file=%t.yaml 2>&1 | count 0
// RUN: FileCheck %s --check-prefix=YAML < %t.yaml

// Layers 0..1: two 64 B results + the received %x 64 B = 192 B; layer 2
// makes 256 B > 200 B: one cut, before layer 2, 64 B (%1) cross it.
// SHOW: remarks.mlir:[[@LINE+12]]:8: remark: [Analysis] cut | Category:cache-partition | Function=f | Remark="cut before layer 2: group 0 (layers 0..1, 192 B) on 'card0' (capacity 200 B) cannot take this layer (256 B); group 1 receives 64 B from earlier groups"
// FOOT: remarks.mlir:[[@LINE+9]]:8: remark: [Analysis] layer | Category:cache-footprint | Function=f | Remark="layer 0 'linalg.negf': weights 0 B, activations 64 B, workspace 0 B, total 64 B"
// YAML:      --- !Analysis
// YAML-NEXT: Pass:            cache-partition
// YAML-NEXT: Name:            cut
// YAML:      Function:        f
// YAML-NEXT: Args:
// YAML-NEXT:   - Remark:          'cut before layer 2: group 0 (layers 0..1, 192 B) on ''card0'' (capacity 200 B) cannot take this layer (256 B); group 1 receives 64 B from earlier groups'
func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.negf ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.negf ins(%0 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.negf ins(%1 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %2 : tensor<16xf32>
}
