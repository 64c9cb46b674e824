// RUN: cachepart-opt %s -split-input-file --cache-partition="capacity=128" --mlir-print-op-on-diagnostic=false -verify-diagnostics
// RUN: not cachepart-opt %s --cache-partition 2>&1 | FileCheck %s --check-prefix=NOCAP
// RUN: not cachepart-opt %s --cache-partition="capacity=2XB" 2>&1 | FileCheck %s --check-prefix=BADSIZE
// RUN: not cachepart-opt %s --cache-partition="capacity=-1MB" 2>&1 | FileCheck %s --check-prefix=NEGSIZE
// RUN: not cachepart-opt %s --cache-partition="capacity=99999999TB" 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// RUN: not cachepart-opt %s --cache-partition="capacity=1.5" 2>&1 | FileCheck %s --check-prefix=FRACTION
// RUN: not cachepart-opt %s --cache-partition="capacity=2MBx" 2>&1 | FileCheck %s --check-prefix=GARBAGE
// RUN: not cachepart-opt %s --cache-partition="capacity=" 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: not cachepart-opt %s --cache-partition="capacity=2MB strategy=fastest" 2>&1 | FileCheck %s --check-prefix=STRATEGY
// RUN: not cachepart-opt %s --cache-partition="capacity=2MB memory-model=peak" 2>&1 | FileCheck %s --check-prefix=MODEL
// RUN: not cachepart-opt %s --cache-partition="capacity=2MB oversize=ignore" 2>&1 | FileCheck %s --check-prefix=OVERSIZE

// NOCAP: error: no cache capacity: pass capacity=<size> (e.g. capacity=2MB) or list the cards in a 'cachepart.devices' module attribute
// BADSIZE: invalid byte size '2XB': unknown unit 'xb'
// NEGSIZE: invalid byte size '-1MB': a byte size cannot be negative
// OVERFLOW: invalid byte size '99999999TB': the byte size does not fit in 64 bits
// FRACTION: invalid byte size '1.5': the byte size is not a whole number of bytes
// GARBAGE: invalid byte size '2MBx': unknown unit 'mbx'
// EMPTY: invalid byte size '': expected a byte size such as 2MB, 512KB or 1048576
// STRATEGY: error: unknown strategy 'fastest'; expected 'greedy', 'balanced' or 'min-transfer'
// MODEL: error: unknown memory-model 'peak'; expected 'sum' or 'liveness'
// OVERSIZE: error: unknown oversize policy 'ignore'; expected 'error' or 'isolate'

// A layer larger than the card: located error, with the numbers and fixes.
// 32x32xf32 weight = 1024 * 4 = 4096 B, output 1x32xf32 = 128 B -> 4224 B.
func.func @too_big(%x: tensor<1x32xf32>) -> tensor<1x32xf32> {
  %w = arith.constant dense<1.0> : tensor<32x32xf32>
  %e = tensor.empty() : tensor<1x32xf32>
  // expected-error@+2 {{layer 0 needs 4224 B (weights 4096 B, activations 128 B, workspace 0 B) but its device has a capacity of 128 B: it exceeds it by 4096 B}}
  // expected-note@+1 {{split the op (tiling or intra-op partitioning), quantize or prune its weights, lower the batch size, use a card with more cache, or pass oversize=isolate to give it a group of its own marked as spilling}}
  %0 = linalg.matmul ins(%x, %w : tensor<1x32xf32>, tensor<32x32xf32>) outs(%e : tensor<1x32xf32>) -> tensor<1x32xf32>
  return %0 : tensor<1x32xf32>
}

// -----

// A dynamic shape without a bound: located error.
func.func @dynamic(%x: tensor<?xf32>, %d: index) -> tensor<?xf32> {
  %e = tensor.empty(%d) : tensor<?xf32>
  // expected-error@+1 {{value has dynamic dimension 0 in tensor<?xf32> without a bound; pass batch=N or dynamic-dim-bound=N to size it}}
  %0 = linalg.add ins(%x, %x : tensor<?xf32>, tensor<?xf32>) outs(%e : tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Memref live across what would be the only cuts: the run cannot be split.
// L0 store 0 B, L1 add 64 B, L2 add 64 B, L3 to_tensor 64 B = 192 B > 128 B.
func.func @memref_run(%m: memref<16xf32>, %x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  // expected-error@+3 {{layers 0..3 must stay on one device and need 192 B, but the device has a capacity of 128 B: they exceed it by 64 B}}
  // expected-note@+2 {{keep memrefs out of the partitioned function (partition before bufferization), use a card with more cache, or pass oversize=isolate}}
  // expected-note@+1 {{no cut is allowed inside the run: a value of type memref<16xf32> cannot cross devices and is live across it}}
  bufferization.materialize_in_destination %x in writable %m : (tensor<16xf32>, memref<16xf32>) -> ()
  %0 = linalg.add ins(%x, %x : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.add ins(%0, %x : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = bufferization.to_tensor %m restrict : memref<16xf32> to tensor<16xf32>
  return %2 : tensor<16xf32>
}
