// RUN: cachepart-opt %s -split-input-file --remarks-filter=cache-footprint --cache-footprint --mlir-print-op-on-diagnostic=false -verify-diagnostics -o /dev/null
// RUN: not cachepart-opt %s -split-input-file --cache-partition="capacity=1 oversize=isolate" --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=PART

// Byte counts that do not fit in 64 bits are located errors, never a wrapped
// or saturated number that a plan would trust; tensors of 2^61 to 2^63
// bytes are legal sizes and are counted exactly.

// (a) 16 results of 2^60 B each: 16 * 2^60 = 2^64 B of activations, one more
//     than 64 bits hold (before: "total 0 B", fitting a 1-byte card).
// PART: error: layer 0 needs more bytes than fit in 64 bits
func.func @sixteen_results(%x: tensor<1xi8>) -> tensor<1152921504606846976xi8> {
  %e = tensor.empty() : tensor<1152921504606846976xi8>
  // expected-error@+1 {{layer 0 needs more bytes than fit in 64 bits (its results, weights, workspace and inputs together); no card can be planned for it}}
  %0:16 = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<1xi8>) outs(%e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e : tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>) {
  ^bb0(%a: i8, %b0: i8, %b1: i8, %b2: i8, %b3: i8, %b4: i8, %b5: i8, %b6: i8, %b7: i8, %b8: i8, %b9: i8, %b10: i8, %b11: i8, %b12: i8, %b13: i8, %b14: i8, %b15: i8):
    linalg.yield %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a, %a : i8, i8, i8, i8, i8, i8, i8, i8, i8, i8, i8, i8, i8, i8, i8, i8
  } -> (tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>, tensor<1152921504606846976xi8>)
  return %0#0 : tensor<1152921504606846976xi8>
}

// -----

// (b) Every layer fits 64 bits, the function does not: five results of
//     2^62 B (each layer: 2^62 + the received %x 1 B) add up to 5 * 2^62 B.
// PART: error: the function's layers need more bytes together than fit in 64 bits; no plan can be trusted
// expected-error@+1 {{the function's layers need more bytes together than fit in 64 bits; no plan can be trusted}}
func.func @five_layers(%x: tensor<1xi8>) -> (tensor<4611686018427387904xi8>, tensor<4611686018427387904xi8>, tensor<4611686018427387904xi8>, tensor<4611686018427387904xi8>, tensor<4611686018427387904xi8>) {
  %e = tensor.empty() : tensor<4611686018427387904xi8>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<1xi8>) outs(%e : tensor<4611686018427387904xi8>) {
  ^bb0(%a: i8, %b: i8):
    linalg.yield %a : i8
  } -> tensor<4611686018427387904xi8>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<1xi8>) outs(%e : tensor<4611686018427387904xi8>) {
  ^bb0(%a: i8, %b: i8):
    linalg.yield %a : i8
  } -> tensor<4611686018427387904xi8>
  %2 = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<1xi8>) outs(%e : tensor<4611686018427387904xi8>) {
  ^bb0(%a: i8, %b: i8):
    linalg.yield %a : i8
  } -> tensor<4611686018427387904xi8>
  %3 = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<1xi8>) outs(%e : tensor<4611686018427387904xi8>) {
  ^bb0(%a: i8, %b: i8):
    linalg.yield %a : i8
  } -> tensor<4611686018427387904xi8>
  %4 = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<1xi8>) outs(%e : tensor<4611686018427387904xi8>) {
  ^bb0(%a: i8, %b: i8):
    linalg.yield %a : i8
  } -> tensor<4611686018427387904xi8>
  return %0, %1, %2, %3, %4 : tensor<4611686018427387904xi8>, tensor<4611686018427387904xi8>, tensor<4611686018427387904xi8>, tensor<4611686018427387904xi8>, tensor<4611686018427387904xi8>
}

// -----

// (c) Legal sizes: 2^62 elements of i4 = 2^61 B (2^64 bits: the size used to
//     be computed in bits and refused), and 2^62 B of i8, counted exactly.
//     Layer 0: result 2^61 = 2305843009213693952 B; layer 1: result
//     2^62 = 4611686018427387904 B. Function: 2^61 + 2^62 + the received
//     %x 1 B = 6917529027641081857 B.
// expected-remark@+1 {{function 'legal': 2 layers; sum model: weights 0 B, activations 6917529027641081856 B, workspace 0 B, received 1 B, total 6917529027641081857 B}}
func.func @legal(%x: tensor<1xi8>) -> (tensor<4611686018427387904xi4>, tensor<4611686018427387904xi8>) {
  %e4 = tensor.empty() : tensor<4611686018427387904xi4>
  %e8 = tensor.empty() : tensor<4611686018427387904xi8>
  // expected-remark@+1 {{layer 0 'linalg.generic': weights 0 B, activations 2305843009213693952 B, workspace 0 B, total 2305843009213693952 B}}
  %0 = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<1xi8>) outs(%e4 : tensor<4611686018427387904xi4>) {
  ^bb0(%a: i8, %b: i4):
    %t = arith.trunci %a : i8 to i4
    linalg.yield %t : i4
  } -> tensor<4611686018427387904xi4>
  // expected-remark@+1 {{layer 1 'linalg.generic': weights 0 B, activations 4611686018427387904 B, workspace 0 B, total 4611686018427387904 B}}
  %1 = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<1xi8>) outs(%e8 : tensor<4611686018427387904xi8>) {
  ^bb0(%a: i8, %b: i8):
    linalg.yield %a : i8
  } -> tensor<4611686018427387904xi8>
  return %0, %1 : tensor<4611686018427387904xi4>, tensor<4611686018427387904xi8>
}

// -----

// (d) A vector element of 2^32 x 2^32 f32 = 2^69 bits: its size used to wrap
//     (to 0 bits); now the value's type is the error.
func.func @huge_vector(%x: tensor<4xvector<4294967296x4294967296xf32>>) -> tensor<4xvector<4294967296x4294967296xf32>> {
  %e = tensor.empty() : tensor<4xvector<4294967296x4294967296xf32>>
  // expected-error@+1 {{value has element type vector<4294967296x4294967296xf32> whose size does not fit in 64 bits}}
  %0 = linalg.copy ins(%x : tensor<4xvector<4294967296x4294967296xf32>>) outs(%e : tensor<4xvector<4294967296x4294967296xf32>>) -> tensor<4xvector<4294967296x4294967296xf32>>
  return %0 : tensor<4xvector<4294967296x4294967296xf32>>
}
