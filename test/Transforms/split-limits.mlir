// RUN: cachepart-opt %s -split-input-file --cache-partition="capacity=100 max-pieces=2" --mlir-print-op-on-diagnostic=false -verify-diagnostics

// Layers larger than the card (100 B) that oversize=split stops at: a split
// into more pieces than max-pieces, and a layer no cut may separate from its
// neighbours. f32 = 4 B.

// (a) More pieces than max-pieces=2. Whole: received %x 64*4 = 256 B +
//     result 256 B = 512 B. A piece of t elements: 4t received + 4t result
//     = 8t <= 100 -> t <= 12 -> ceil(64 / 12) = 6 pieces (balanced tile
//     ceil(64 / 6) = 11, 88 B), more than 2. Nothing is split.
func.func @too_many_pieces(%x: tensor<64xf32>) -> tensor<64xf32> {
  %e = tensor.empty() : tensor<64xf32>
  // expected-error@+2 {{layer 0 needs 512 B but its card holds 100 B, and it cannot be split (oversize=split): its pieces fit only when there are at least 6, more than max-pieces=2}}
  // expected-note@+1 {{what would help: max-pieces=6 or more; a card of at least 512 B; or oversize=isolate to give it a group of its own marked spilling}}
  %0 = linalg.negf ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  return %0 : tensor<64xf32>
}

// -----

// (b) The memref %m is live from layer 0 to layer 2, so no cut may fall
//     between them and none of them is split, though layer 1 works on
//     tensors. Each needs 16*4 = 64 B twice:
//     L0 materialize: received %x 64 + %m 64 = 128 B;
//     L1 negf: result 64 + received %x 64 = 128 B;
//     L2 to_tensor: result 64 + received %m 64 = 128 B.
func.func @pinned(%m: memref<16xf32>, %x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  // expected-error@+2 {{layer 0 needs 128 B but its card holds 100 B, and it cannot be split (oversize=split): a value that cannot cross cards (a memref) is live across it, so its pieces could not go to different cards}}
  // expected-note@+1 {{what would help: keep memrefs out of the partitioned function (partition before bufferization); a card of at least 128 B; or oversize=isolate to give it a group of its own marked spilling}}
  bufferization.materialize_in_destination %x in writable %m : (tensor<16xf32>, memref<16xf32>) -> ()
  // expected-error@+2 {{layer 1 needs 128 B but its card holds 100 B, and it cannot be split (oversize=split): a value that cannot cross cards (a memref) is live across it}}
  // expected-note@+1 {{what would help: keep memrefs out of the partitioned function}}
  %0 = linalg.negf ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  // expected-error@+2 {{layer 2 needs 128 B but its card holds 100 B, and it cannot be split (oversize=split): a value that cannot cross cards (a memref) is live across it}}
  // expected-note@+1 {{what would help: keep memrefs out of the partitioned function}}
  %2 = bufferization.to_tensor %m restrict : memref<16xf32> to tensor<16xf32>
  return %2 : tensor<16xf32>
}

// -----

// (c) A zero-size loop: the op computes nothing, but what it reads counts
//     (the weight %w of 16x8 f32 = 512 B), and the tiling interface cannot
//     cut an empty iteration domain (it crashed before this check). Whole: weights 512 B + result 0x8 = 0 B
//     + received %x 0x16 = 0 B -> 512 B > 100 B.
func.func @empty_domain(%x: tensor<0x16xf32>) -> tensor<0x8xf32> {
  %w = arith.constant dense<1.0> : tensor<16x8xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<0x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<0x8xf32>) -> tensor<0x8xf32>
  // expected-error@+2 {{layer 0 needs 512 B but its card holds 100 B, and it cannot be split (oversize=split): its iteration domain is empty (a zero-size dimension), which the tiling interface cannot cut}}
  // expected-note@+1 {{what would help: a card of at least 512 B; quantising its weights (512 B of 32-bit elements) to i8 would save 384 B; or oversize=isolate to give it a group of its own marked spilling}}
  %m = linalg.matmul ins(%x, %w : tensor<0x16xf32>, tensor<16x8xf32>) outs(%f : tensor<0x8xf32>) -> tensor<0x8xf32>
  return %m : tensor<0x8xf32>
}
