// RUN: cachepart-opt %s --remarks-filter="cache-.*" -cache-footprint -split-input-file -verify-diagnostics
// Element sizes: f16/bf16 2 B, f32 4, f64 8, i1 1 (a byte each), i8 1,
// sub-byte integers packed and rounded up per tensor, complex 2x, index 8,
// quantized types by their storage type.

// expected-remark@+1 {{function 'element_sizes'}}
func.func @element_sizes(%h: f16, %bf: bf16, %d: f64, %b: i1, %i4: i4, %c: complex<f32>, %ix: index, %f8: f8E4M3FN) {
  // 10 x f16 = 20 B.
  // expected-remark@+1 {{layer 0 'tensor.splat': weights 0 B, activations 20 B, workspace 0 B, total 20 B}}
  %0 = tensor.splat %h : tensor<10xf16>
  // 10 x bf16 = 20 B.
  // expected-remark@+1 {{layer 1 'tensor.splat': weights 0 B, activations 20 B, workspace 0 B, total 20 B}}
  %1 = tensor.splat %bf : tensor<10xbf16>
  // 10 x f64 = 80 B.
  // expected-remark@+1 {{layer 2 'tensor.splat': weights 0 B, activations 80 B, workspace 0 B, total 80 B}}
  %2 = tensor.splat %d : tensor<10xf64>
  // 10 x i1 = 10 B (one byte each).
  // expected-remark@+1 {{layer 3 'tensor.splat': weights 0 B, activations 10 B, workspace 0 B, total 10 B}}
  %3 = tensor.splat %b : tensor<10xi1>
  // 3x5 x i4 = 60 bits = 7.5 B, rounded up to 8 B.
  // expected-remark@+1 {{layer 4 'tensor.splat': weights 0 B, activations 8 B, workspace 0 B, total 8 B}}
  %4 = tensor.splat %i4 : tensor<3x5xi4>
  // 4 x complex<f32> = 4 * 8 = 32 B.
  // expected-remark@+1 {{layer 5 'tensor.splat': weights 0 B, activations 32 B, workspace 0 B, total 32 B}}
  %5 = tensor.splat %c : tensor<4xcomplex<f32>>
  // 4 x index = 4 * 8 = 32 B.
  // expected-remark@+1 {{layer 6 'tensor.splat': weights 0 B, activations 32 B, workspace 0 B, total 32 B}}
  %6 = tensor.splat %ix : tensor<4xindex>
  // 16 x f8E4M3FN = 16 B.
  // expected-remark@+1 {{layer 7 'tensor.splat': weights 0 B, activations 16 B, workspace 0 B, total 16 B}}
  %7 = tensor.splat %f8 : tensor<16xf8E4M3FN>
  return
}

// -----

// Quantized: storage i8, 4 elements = 4 B. A slice of 8 quantized elements.
// expected-remark@+1 {{function 'quantized'}}
func.func @quantized(%q: tensor<8x!quant.uniform<i8:f32, 0.1>>) -> tensor<4x!quant.uniform<i8:f32, 0.1>> {
  // expected-remark@+1 {{layer 0 'tensor.extract_slice': weights 0 B, activations 4 B, workspace 0 B, total 4 B}}
  %0 = tensor.extract_slice %q[0] [4] [1] : tensor<8x!quant.uniform<i8:f32, 0.1>> to tensor<4x!quant.uniform<i8:f32, 0.1>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.1>>
}

// -----

// Sub-byte weights: a dense_resource-free i4 constant 64x64xi4 = 4096 * 4 bits
// = 2048 B; a splat counts at full tensor size.
// expected-remark@+1 {{function 'i4_weights'}}
func.func @i4_weights(%x: tensor<1x64xi4>) -> tensor<1x64xi4> {
  %w = arith.constant dense<1> : tensor<64x64xi4>
  %e = tensor.empty() : tensor<1x64xi4>
  // Output 64 x i4 = 32 B.
  // expected-remark@+1 {{layer 0 'linalg.matmul': weights 2048 B, activations 32 B, workspace 0 B, total 2080 B}}
  %0 = linalg.matmul ins(%x, %w : tensor<1x64xi4>, tensor<64x64xi4>) outs(%e : tensor<1x64xi4>) -> tensor<1x64xi4>
  return %0 : tensor<1x64xi4>
}

// -----

// Weights given as function arguments: {cachepart.weight} marks one; the
// other stays an activation (live-in) and costs the layer nothing.
// 32x8xf32 = 256 * 4 = 1024 B of weights; output 4x8xf32 = 128 B.
// expected-remark@+1 {{function 'weight_arg'}}
func.func @weight_arg(%x: tensor<4x32xf32>, %w: tensor<32x8xf32> {cachepart.weight}) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  // expected-remark@+1 {{layer 0 'linalg.matmul': weights 1024 B, activations 128 B, workspace 0 B, total 1152 B}}
  %0 = linalg.matmul ins(%x, %w : tensor<4x32xf32>, tensor<32x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
