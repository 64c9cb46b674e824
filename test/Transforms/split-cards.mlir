// RUN: cachepart-opt %s -split-input-file --cache-partition="oversize=split" --mlir-print-op-on-diagnostic=false -verify-diagnostics

// A limited set of cards (a list, or num-devices) bounds what a split can
// place: every piece's result stays on its card until the host assembles
// it, so when the results of the layers to split exceed all the cards
// together the pass says so before building any piece. f32 = 4 B.

// (a) Two cards of 100 B hold 200 B together. The negf needs received %x
//     64*4 = 256 B + result 256 B = 512 B > 100 B, so it is to be split;
//     its result alone is 256 B > 200 B: no plan can exist.
module attributes {cachepart.devices = [#cachepart.device<"a", cache = 100>, #cachepart.device<"b", cache = 100>]} {
  // expected-error@+2 {{the results of the 1 layer to split need 256 B on the cards, more than the 2 cards hold together (200 B)}}
  // expected-note@+1 {{every piece's result stays on its card until the host assembles it; raise num-devices or list more devices in 'cachepart.devices'}}
  func.func @results_exceed_cards(%x: tensor<64xf32>) -> tensor<64xf32> {
    %e = tensor.empty() : tensor<64xf32>
    // expected-note@+1 {{the first layer to split}}
    %0 = linalg.negf ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) -> tensor<64xf32>
    return %0 : tensor<64xf32>
  }
}

// -----

// (b) Three cards hold 300 B >= 256 B: the split goes ahead. A piece of t
//     elements needs 8t <= 100 B -> t <= 12 -> 6 pieces of ceil(64 / 6) =
//     11 elements (88 B; the last 9, 72 B); two pieces never share a
//     100 B card, so the plan needs 6 cards and the planner says so.
module attributes {cachepart.devices = [#cachepart.device<"a", cache = 100>, #cachepart.device<"b", cache = 100>, #cachepart.device<"c", cache = 100>]} {
  // expected-error@+1 {{needs at least 6 devices but only 3 are available}}
  func.func @results_fit_cards(%x: tensor<64xf32>) -> tensor<64xf32> {
    %e = tensor.empty() : tensor<64xf32>
    %0 = linalg.negf ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) -> tensor<64xf32>
    return %0 : tensor<64xf32>
  }
}
