// An empty module, and a module of declarations only: nothing to do, no error.
// RUN: cachepart-opt %s --cache-partition=capacity=2MB | FileCheck %s
// A zero capacity is no capacity.
// RUN: not cachepart-opt %s --cache-partition=capacity=0 2>&1 | FileCheck %s --check-prefix=ZERO

// ZERO: error: no cache capacity: pass capacity=<size> (e.g. capacity=2MB) or list the cards in a 'cachepart.devices' module attribute

// CHECK: module {
// CHECK-NEXT: func.func private @decl(tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: }
func.func private @decl(tensor<4xf32>) -> tensor<4xf32>
