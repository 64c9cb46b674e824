// RUN: cachepart-opt %s --remarks-filter="cache-.*" -split-input-file --cache-partition="capacity=200 batch=4" --mlir-print-op-on-diagnostic=false -verify-diagnostics

// Layers larger than the card (200 B) that oversize=split (the default)
// cannot split: a located error saying why, and a note saying what would
// help. Sum model: a layer alone needs weights + result + received (what it
// reads from outside: arguments); the zero accumulators (linalg.fill of
// tensor.empty) are free. f32 = 4 B, f16 = 2 B, i8 = 1 B, i32 = 4 B.
// The i8 saving of f32 weights is weights - weights / 4, of f16 weights
// weights - weights / 2; there is none to offer for i8 weights.

// (a) Even the smallest piece, one iteration of every parallel loop (one
//     row of x and one column of w), does not fit.
//     Whole: x 2x32 = 256 + w 32x3 = 384 + result 2x3 = 24 -> 664 B.
//     One row x one column: 32*4 + 32*4 + 4 = 260 B > 200 B.
//     i8 saving: 384 - 384 / 4 = 288 B.
func.func @one_iteration_too_big(%x: tensor<2x32xf32>) -> tensor<2x3xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<1.0> : tensor<32x3xf32>
  %e = tensor.empty() : tensor<2x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  // expected-error@+2 {{layer 0 needs 664 B but its card holds 200 B, and it cannot be split (oversize=split): a piece of one iteration of every parallel loop still needs 260 B}}
  // expected-note@+1 {{what would help: a card of at least 260 B; quantising its weights (384 B of 32-bit elements) to i8 would save 288 B; or oversize=isolate to give it a group of its own marked spilling}}
  %m = linalg.matmul ins(%x, %w : tensor<2x32xf32>, tensor<32x3xf32>) outs(%f : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %m : tensor<2x3xf32>
}

// -----

// (a') The same with f16: x 2x64 = 256 + w 64x3 = 384 + result 2x3 = 12 ->
//      652 B; one row x one column: 64*2 + 64*2 + 2 = 258 B.
//      i8 saving: 384 - 384 / 2 = 192 B.
func.func @one_iteration_too_big_f16(%x: tensor<2x64xf16>) -> tensor<2x3xf16> {
  %zero = arith.constant 0.0 : f16
  %w = arith.constant dense<1.0> : tensor<64x3xf16>
  %e = tensor.empty() : tensor<2x3xf16>
  %f = linalg.fill ins(%zero : f16) outs(%e : tensor<2x3xf16>) -> tensor<2x3xf16>
  // expected-error@+2 {{layer 0 needs 652 B but its card holds 200 B, and it cannot be split (oversize=split): a piece of one iteration of every parallel loop still needs 258 B}}
  // expected-note@+1 {{what would help: a card of at least 258 B; quantising its weights (384 B of 16-bit elements) to i8 would save 192 B; or oversize=isolate to give it a group of its own marked spilling}}
  %m = linalg.matmul ins(%x, %w : tensor<2x64xf16>, tensor<64x3xf16>) outs(%f : tensor<2x3xf16>) -> tensor<2x3xf16>
  return %m : tensor<2x3xf16>
}

// -----

// (a'') i8 weights, i32 result: x 2x128 = 256 + w 128x3 = 384 + result 2x3
//       = 24 -> 664 B; one row x one column: 128 + 128 + 4 = 260 B. Already
//       i8: no quantising advice.
func.func @one_iteration_too_big_i8(%x: tensor<2x128xi8>) -> tensor<2x3xi32> {
  %zero = arith.constant 0 : i32
  %w = arith.constant dense<1> : tensor<128x3xi8>
  %e = tensor.empty() : tensor<2x3xi32>
  %f = linalg.fill ins(%zero : i32) outs(%e : tensor<2x3xi32>) -> tensor<2x3xi32>
  // expected-error@+2 {{layer 0 needs 664 B but its card holds 200 B, and it cannot be split (oversize=split): a piece of one iteration of every parallel loop still needs 260 B}}
  // expected-note@+1 {{what would help: a card of at least 260 B; or oversize=isolate to give it a group of its own marked spilling}}
  %m = linalg.matmul ins(%x, %w : tensor<2x128xi8>, tensor<128x3xi8>) outs(%f : tensor<2x3xi32>) -> tensor<2x3xi32>
  return %m : tensor<2x3xi32>
}

// -----

// (b) An op without a tiling implementation: a call (of an external kernel)
//     is a layer, but nothing can cut it. 64 * 4 = 256 B received + 256 B
//     result = 512 B; the smallest card that helps holds the whole layer.
//     (The negf makes the function more than a driver that only calls.)
// expected-remark@+1 {{function is already partitioned ('cachepart.partitioned'); left unchanged}}
func.func @kernel(%x: tensor<64xf32>) -> tensor<64xf32> attributes {cachepart.partitioned} {
  return %x : tensor<64xf32>
}
func.func @no_tiling(%x: tensor<64xf32>) -> tensor<64xf32> {
  // expected-error@+2 {{layer 0 needs 512 B but its card holds 200 B, and it cannot be split (oversize=split): the op has no tiling implementation}}
  // expected-note@+1 {{what would help: a card of at least 512 B; or oversize=isolate to give it a group of its own marked spilling}}
  %0 = func.call @kernel(%x) : (tensor<64xf32>) -> tensor<64xf32>
  %e = tensor.empty() : tensor<4xf32>
  %x4 = tensor.extract_slice %0[0] [4] [1] : tensor<64xf32> to tensor<4xf32>
  %1 = linalg.negf ins(%x4 : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<64xf32>
}

// -----

// A driver (it calls the model and computes nothing itself) is not
// partitioned: it is what runs the model, on the host.
// expected-remark@+1 {{function is already partitioned ('cachepart.partitioned'); left unchanged}}
func.func @kernel(%x: tensor<64xf32>) -> tensor<64xf32> attributes {cachepart.partitioned} {
  return %x : tensor<64xf32>
}
func.func @driver() -> tensor<64xf32> {
  // expected-remark@-1 {{function only calls other functions (a driver); left unchanged}}
  // Filling an input (a 256 B layer, larger than the 200 B card) is not
  // computing: still a driver, nothing is split.
  %c = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<64xf32>
  %x = linalg.fill ins(%c : f32) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  %0 = func.call @kernel(%x) : (tensor<64xf32>) -> tensor<64xf32>
  // Nor is generating one (256 B too).
  %g = tensor.generate {
  ^bb0(%i: index):
    tensor.yield %c : f32
  } : tensor<64xf32>
  %1 = func.call @kernel(%g) : (tensor<64xf32>) -> tensor<64xf32>
  return %1 : tensor<64xf32>
}

// -----

// (c) No parallel loop: a full reduction to a 0-d tensor. 256 B received +
//     4 B result = 260 B.
func.func @full_reduction(%x: tensor<64xf32>) -> tensor<f32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  // expected-error@+2 {{layer 0 needs 260 B but its card holds 200 B, and it cannot be split (oversize=split): it has no parallel dimension to split along}}
  // expected-note@+1 {{what would help: a card of at least 260 B; or oversize=isolate to give it a group of its own marked spilling}}
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
      ins(%x : tensor<64xf32>) outs(%f : tensor<f32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  return %r : tensor<f32>
}

// -----

// (c') The only parallel loop has one iteration: nothing to cut either.
//      1x64 * 4 = 256 B received + 1 * 4 = 4 B result = 260 B.
func.func @parallel_extent_one(%x: tensor<1x64xf32>) -> tensor<1xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1xf32>) -> tensor<1xf32>
  // expected-error@+2 {{layer 0 needs 260 B but its card holds 200 B, and it cannot be split (oversize=split): it has no parallel dimension to split along}}
  // expected-note@+1 {{what would help: a card of at least 260 B; or oversize=isolate to give it a group of its own marked spilling}}
  %r = linalg.reduce ins(%x : tensor<1x64xf32>) outs(%f : tensor<1xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  return %r : tensor<1xf32>
}

// -----

// (c'') A softmax reports its loop parallel, but it normalises along it: not
//       a split candidate. 256 B received + 256 B result + workspace (running
//       max and sum: 2 * (64 / 64 rows = 1) * 4 = 8 B) = 520 B.
func.func @softmax_own_dimension(%x: tensor<64xf32>) -> tensor<64xf32> {
  %e = tensor.empty() : tensor<64xf32>
  // expected-error@+2 {{layer 0 needs 520 B but its card holds 200 B, and it cannot be split (oversize=split): it has no parallel dimension to split along}}
  // expected-note@+1 {{what would help: a card of at least 520 B; or oversize=isolate to give it a group of its own marked spilling}}
  %s = linalg.softmax dimension(0) ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  return %s : tensor<64xf32>
}

// -----

// (d) A dynamic iteration domain: sized with batch=4 for the footprint
//     (4x8 * 4 = 128 B received + 128 B result = 256 B), but the pieces'
//     bounds cannot be known.
func.func @dynamic(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %x, %c0 : tensor<?x8xf32>
  %e = tensor.empty(%d) : tensor<?x8xf32>
  // expected-error@+2 {{layer 0 needs 256 B but its card holds 200 B, and it cannot be split (oversize=split): its iteration domain is not static}}
  // expected-note@+1 {{what would help: a card of at least 256 B; or oversize=isolate to give it a group of its own marked spilling}}
  %r = linalg.add ins(%x, %x : tensor<?x8xf32>, tensor<?x8xf32>) outs(%e : tensor<?x8xf32>) -> tensor<?x8xf32>
  return %r : tensor<?x8xf32>
}
