// An empty module, and a module of declarations only: nothing to do, no error.
// RUN: cachepart-opt %s --cache-partition=capacity=2MB | FileCheck %s
// A zero capacity is an error that says so; no capacity at all is another.
// Both point at the first op: the implicit module has no line of its own.
// RUN: not cachepart-opt %s --cache-partition=capacity=0 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: not cachepart-opt %s --cache-partition 2>&1 | FileCheck %s --check-prefix=NONE

// ZERO: partition-empty.mlir:[[# @LINE + 7]]:1: error: capacity=0: the capacity must be positive (e.g. capacity=2MB)
// ZERO-NOT: error
// NONE: partition-empty.mlir:[[# @LINE + 5]]:1: error: no cache capacity: pass capacity=<size> (e.g. capacity=2MB) or list the cards in a 'cachepart.devices' module attribute

// CHECK: module {
// CHECK-NEXT: func.func private @decl(tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: }
func.func private @decl(tensor<4xf32>) -> tensor<4xf32>
