// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=384" --mlir-print-op-on-diagnostic=false -verify-diagnostics | FileCheck %s

// Several blocks: left unchanged, with a remark.
// expected-remark@+1 {{function has 3 blocks; cache-partition handles single-block functions only, left unchanged}}
func.func @multi_block(%x: tensor<4xf32>, %c: i1) -> tensor<4xf32> {
  cf.cond_br %c, ^a, ^b
^a:
  return %x : tensor<4xf32>
^b:
  return %x : tensor<4xf32>
}
// CHECK-LABEL: func.func @multi_block(
// CHECK-NOT: cachepart
// CHECK: cf.cond_br

// No layer: left unchanged, with a remark.
// expected-remark@+1 {{function has no layer to partition; left unchanged}}
func.func @nothing(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
// CHECK-LABEL: func.func @nothing(
// CHECK-NEXT: return

// External functions are skipped silently.
func.func private @external(tensor<4xf32>) -> tensor<4xf32>
// CHECK: func.func private @external(tensor<4xf32>) -> tensor<4xf32>{{$}}

// A memref is live from the store (layer 1) to the load (layer 3): no cut
// may fall inside. Tensors are 16xf32 = 64 B, and so is memref<16xf32>; the
// weight is shared (64 B once). Layers: L0 add (w 64 + 64), L1 store (0),
// L2 add (64, shares w), L3 to_tensor (64), L4 add (64). A group also
// receives the values made before it that it reads: %x and %m for group 0.
// Group 0 = L0..L3 = w 64 + activations 64 + 0 + 64 + 64 = 192 + received
// %x 64 + %m 64 = 384 B; with L4 (reads %1, %2 of the group): 448 B.
// Capacity 384 (it was 256 before received bytes counted: the run L1..L3
// alone now needs w 64 + 128 + received %0, %m 128 = 320 B, and group 0 as
// before 384 B), so the plan stays L0..L3 | L4. Group 1 = L4 = 64 + received
// %1, %2 128 = 192 B.
func.func @memref_store(%m: memref<16xf32>, %x: tensor<16xf32>) -> tensor<16xf32> {
  %w0 = arith.constant dense<1.0> : tensor<16xf32>
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  bufferization.materialize_in_destination %0 in writable %m : (tensor<16xf32>, memref<16xf32>) -> ()
  %1 = linalg.add ins(%0, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = bufferization.to_tensor %m restrict : memref<16xf32> to tensor<16xf32>
  // expected-remark@+1 {{cut before layer 4: group 0 (layers 0..3, 384 B) on 'card0' (capacity 384 B) cannot take this layer (448 B); group 1 receives 128 B from earlier groups}}
  %3 = linalg.add ins(%1, %2 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %3 : tensor<16xf32>
}
// CHECK-LABEL: func.func @memref_store(
// CHECK-SAME: %[[M:.*]]: memref<16xf32>, %[[X:.*]]: tensor<16xf32>)
// CHECK-NEXT: %[[P0:.*]]:2 = call @memref_store__part0(%[[X]], %[[M]]) : (tensor<16xf32>, memref<16xf32>) -> (tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: %[[T0:.*]] = cachepart.transfer %[[P0]]#0 from "card0" to "card1"
// CHECK-NEXT: %[[T1:.*]] = cachepart.transfer %[[P0]]#1 from "card0" to "card1"
// CHECK-NEXT: %[[P1:.*]] = call @memref_store__part1(%[[T0]], %[[T1]])
// CHECK-NEXT: return %[[P1]]
// The store and the load stay together, in order, on card0.
// CHECK: func.func private @memref_store__part0(%[[A:.*]]: tensor<16xf32>, %[[B:.*]]: memref<16xf32>)
// CHECK:      %[[S0:.*]] = linalg.add ins(%[[A]],
// CHECK-NEXT: bufferization.materialize_in_destination %[[S0]] in writable %[[B]]
// CHECK-NEXT: %[[S1:.*]] = linalg.add ins(%[[S0]],
// CHECK-NEXT: %[[S2:.*]] = bufferization.to_tensor %[[B]] restrict
// CHECK-NEXT: return %[[S1]], %[[S2]]
// CHECK: func.func private @memref_store__part1(
// CHECK-NOT: memref
// CHECK: return
