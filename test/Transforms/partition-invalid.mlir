// The located errors of oversize=error (the messages below); the card holds
// 192 B (it was 128 B before received bytes counted; see @memref_run).
// RUN: cachepart-opt %s -split-input-file --cache-partition="capacity=192 oversize=error" --mlir-print-op-on-diagnostic=false -verify-diagnostics
// The default, oversize=split, explains why @too_big cannot be split.
// RUN: not cachepart-opt %s -split-input-file --cache-partition="capacity=192" --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOSPLIT
// RUN: not cachepart-opt %s --cache-partition 2>&1 | FileCheck %s --check-prefix=NOCAP
// RUN: not cachepart-opt %s --cache-partition="capacity=2XB" 2>&1 | FileCheck %s --check-prefix=BADSIZE
// RUN: not cachepart-opt %s --cache-partition="capacity=-1MB" 2>&1 | FileCheck %s --check-prefix=NEGSIZE
// RUN: not cachepart-opt %s --cache-partition="capacity=99999999TB" 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// RUN: not cachepart-opt %s --cache-partition="capacity=1.5" 2>&1 | FileCheck %s --check-prefix=FRACTION
// RUN: not cachepart-opt %s --cache-partition="capacity=2MBx" 2>&1 | FileCheck %s --check-prefix=GARBAGE
// RUN: not cachepart-opt %s --cache-partition="capacity=" 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: not cachepart-opt %s --cache-partition="capacity=2MB strategy=fastest" 2>&1 | FileCheck %s --check-prefix=STRATEGY
// RUN: not cachepart-opt %s --cache-partition="capacity=2MB memory-model=peak" 2>&1 | FileCheck %s --check-prefix=MODEL
// RUN: not cachepart-opt %s --cache-footprint="memory-model=peak" 2>&1 | FileCheck %s --check-prefix=MODEL
// RUN: not cachepart-opt %s --cache-partition="capacity=2MB oversize=ignore" 2>&1 | FileCheck %s --check-prefix=OVERSIZE

// NOCAP: error: no cache capacity: pass capacity=<size> (e.g. capacity=2MB) or list the cards in a 'cachepart.devices' module attribute
// BADSIZE: invalid byte size '2XB': unknown unit 'xb'
// NEGSIZE: invalid byte size '-1MB': a byte size cannot be negative
// OVERFLOW: invalid byte size '99999999TB': the byte size does not fit in 64 bits
// FRACTION: invalid byte size '1.5': the byte size is not a whole number of bytes
// GARBAGE: invalid byte size '2MBx': unknown unit 'mbx'
// EMPTY: invalid byte size '': expected a byte size such as 2MB, 512KB or 1048576
// STRATEGY: for the --strategy option: Cannot find option named 'fastest'!
// MODEL: for the --memory-model option: Cannot find option named 'peak'!
// oversize is an enum option now (split | isolate | error): the option
// parser rejects an unknown value.
// OVERSIZE: for the --oversize option: Cannot find option named 'ignore'!

// A layer larger than the card: located error, with the numbers and fixes.
// 32x32xf32 weight = 1024 * 4 = 4096 B, output 1x32xf32 = 128 B, received
// %x 1x32xf32 = 128 B -> 4352 B; 4352 - 192 = 4160 B over. (The parenthesis
// lists the layer's own parts; the received 128 B are not shown there.)
// NOSPLIT: [[@LINE+11]]:8: error: layer 0 needs 4352 B but its card holds 192 B, and it cannot be split (oversize=split): a piece of one iteration of every parallel loop still needs 260 B
// A piece of one row (the only one) and one column: weight column 32x1xf32
// = 128 B + output 1x1xf32 = 4 B + received %x 1x32xf32 (not cut along j)
// = 128 B -> 260 B. i8 weights: 4096 / 4 = 1024 B, saving 4096 - 1024 = 3072 B.
// NOSPLIT: [[@LINE+7]]:8: note: what would help: a card of at least 260 B; quantising its weights (4096 B of 32-bit elements) to i8 would save 3072 B; or oversize=isolate to give it a group of its own marked spilling
func.func @too_big(%x: tensor<1x32xf32>) -> tensor<1x32xf32> {
  %w = arith.constant dense<1.0> : tensor<32x32xf32>
  %e = tensor.empty() : tensor<1x32xf32>
  // The parts add up: 4096 + 128 + 0 + 128 (received %x) = 4352.
  // expected-error@+2 {{layer 0 needs 4352 B (weights 4096 B, activations 128 B, workspace 0 B, received 128 B) but its device has a capacity of 192 B: it exceeds it by 4160 B}}
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
// L0 store 0 B, L1 add 64 B, L2 add 64 B, L3 to_tensor 64 B = 192 B, +
// received %x 64 B and %m (memref<16xf32>) 64 B = 320 B > 192 B; over by
// 320 - 192 = 128 B. Every layer alone fits 192 B (L0 = %x + %m = 128,
// L1 = 64 + %x 64 = 128, L2 = 64 + %0 64 + %x 64 = 192, L3 = 64 + %m 64 =
// 128), so the run, not one layer, is what does not fit: at 128 B layer 2
// alone (192 B) would not fit either.
func.func @memref_run(%m: memref<16xf32>, %x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  // expected-error@+3 {{layers 0..3 must stay on one device and need 320 B, but the device has a capacity of 192 B: they exceed it by 128 B}}
  // expected-note@+2 {{keep memrefs out of the partitioned function (partition before bufferization), use a card with more cache, or pass oversize=isolate}}
  // expected-note@+1 {{no cut is allowed inside the run: a value of type memref<16xf32> cannot cross devices and is live across it}}
  bufferization.materialize_in_destination %x in writable %m : (tensor<16xf32>, memref<16xf32>) -> ()
  %0 = linalg.add ins(%x, %x : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.add ins(%0, %x : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = bufferization.to_tensor %m restrict : memref<16xf32> to tensor<16xf32>
  return %2 : tensor<16xf32>
}
