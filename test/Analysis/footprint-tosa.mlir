// RUN: cachepart-opt %s --remarks-filter="cache-.*" -cache-footprint -split-input-file -verify-diagnostics
// Footprints of every tosa op family, numbers computed by hand. Zero points,
// shifts and pad values are tosa.const operands: they count as weights (at
// full tensor size, once per layer even when one constant fills two operands).

// conv2d 3x3, pad 1: weights OHWI 16x3x3x4xf32 = 576 * 4 = 2304 B, bias
// 16xf32 = 64 B, zero point 1xf32 = 4 B -> 2372 B. Output 1x8x8x16xf32 =
// 1024 * 4 = 4096 B. Workspace: im2col 64 pixels * 9 taps * 4 channels * 4 B
// = 9216 B, padded input 1x10x10x4xf32 = 400 * 4 = 1600 B -> 10816 B.
// Layer total 2372 + 4096 + 10816 = 17284 B. The function as one group also
// receives the argument %in 1x8x8x4xf32 = 256 * 4 = 1024 B: total 17284 +
// 1024 = 18308 B.
// expected-remark@+1 {{function 'conv2d': 1 layers; sum model: weights 2372 B, activations 4096 B, workspace 10816 B, received 1024 B, total 18308 B}}
func.func @conv2d(%in: tensor<1x8x8x4xf32>) -> tensor<1x8x8x16xf32> {
  %w = "tosa.const"() <{values = dense<0.5> : tensor<16x3x3x4xf32>}> : () -> tensor<16x3x3x4xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<16xf32>}> : () -> tensor<16xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark@+1 {{layer 0 'tosa.conv2d': weights 2372 B, activations 4096 B, workspace 10816 B, total 17284 B}}
  %0 = tosa.conv2d %in, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x8x8x4xf32>, tensor<16x3x3x4xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x16xf32>
  return %0 : tensor<1x8x8x16xf32>
}

// -----

// conv2d f16 accumulating in f32, 1x1 (no im2col, no padding): weights
// 8x1x1x4xf16 = 32 * 2 = 64 B, bias 8xf16 = 16 B, zp 1xf16 = 2 B -> 82 B.
// Output 1x4x4x8xf16 = 128 * 2 = 256 B. Accumulator 128 * 4 B = 512 B.
// Total 82 + 256 + 512 = 850 B.
// expected-remark@+1 {{function 'conv2d_wide_acc'}}
func.func @conv2d_wide_acc(%in: tensor<1x4x4x4xf16>) -> tensor<1x4x4x8xf16> {
  %w = "tosa.const"() <{values = dense<0.5> : tensor<8x1x1x4xf16>}> : () -> tensor<8x1x1x4xf16>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<8xf16>}> : () -> tensor<8xf16>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf16>}> : () -> tensor<1xf16>
  // expected-remark@+1 {{layer 0 'tosa.conv2d': weights 82 B, activations 256 B, workspace 512 B, total 850 B}}
  %0 = tosa.conv2d %in, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x4xf16>, tensor<8x1x1x4xf16>, tensor<8xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<1x4x4x8xf16>
  return %0 : tensor<1x4x4x8xf16>
}

// -----

// depthwise_conv2d 3x3, no pad: weights HWCM 3x3x4x1xf32 = 36 * 4 = 144 B,
// bias 4xf32 = 16 B, zp 4 B -> 164 B. Output 1x6x6x4xf32 = 144 * 4 = 576 B.
// im2col 36 pixels * 9 taps * 4 channels * 4 B = 5184 B, plus the staging
// buffer the bias is added from, output-sized: 576 B -> 5760 B.
// Total 164 + 576 + 5760 = 6500 B.
// expected-remark@+1 {{function 'depthwise'}}
func.func @depthwise(%in: tensor<1x8x8x4xf32>) -> tensor<1x6x6x4xf32> {
  %w = "tosa.const"() <{values = dense<0.5> : tensor<3x3x4x1xf32>}> : () -> tensor<3x3x4x1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark@+1 {{layer 0 'tosa.depthwise_conv2d': weights 164 B, activations 576 B, workspace 5760 B, total 6500 B}}
  %0 = tosa.depthwise_conv2d %in, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x8x8x4xf32>, tensor<3x3x4x1xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

// transpose_conv2d 3x3, stride 1: weights OHWI 3x3x3x2xf32 = 54 * 4 = 216 B,
// bias 3xf32 = 12 B, zp 4 B -> 232 B. Output (4 - 1) + 3 = 6:
// 1x6x6x3xf32 = 108 * 4 = 432 B. im2col 36 pixels * 9 taps * 2 channels * 4 B
// = 2592 B. Total 3256 B.
// expected-remark@+1 {{function 'transpose_conv'}}
func.func @transpose_conv(%in: tensor<1x4x4x2xf32>) -> tensor<1x6x6x3xf32> {
  %w = "tosa.const"() <{values = dense<0.5> : tensor<3x3x3x2xf32>}> : () -> tensor<3x3x3x2xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<3xf32>}> : () -> tensor<3xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark@+1 {{layer 0 'tosa.transpose_conv2d': weights 232 B, activations 432 B, workspace 2592 B, total 3256 B}}
  %0 = tosa.transpose_conv2d %in, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x3x3x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x6x3xf32>
  return %0 : tensor<1x6x6x3xf32>
}

// -----

// matmul i8 x i8 -> i32: zp 1xi8 = 1 B; output 1x4x2xi32 = 8 * 4 = 32 B.
// expected-remark@+1 {{function 'matmul_i8'}}
func.func @matmul_i8(%a: tensor<1x4x8xi8>, %b: tensor<1x8x2xi8>) -> tensor<1x4x2xi32> {
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-remark@+1 {{layer 0 'tosa.matmul': weights 1 B, activations 32 B, workspace 0 B, total 33 B}}
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<1x4x8xi8>, tensor<1x8x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x2xi32>
  return %0 : tensor<1x4x2xi32>
}

// -----

// avg_pool2d f16 with an f32 accumulator, 2x2/2: zp 1xf16 = 2 B; output
// 1x2x2x8xf16 = 32 * 2 = 64 B; accumulator 32 * 4 = 128 B. Total 194 B.
// max_pool2d 3x3/1 pad 1: output 1x4x4x8xf32 = 128 * 4 = 512 B; padded
// input 1x6x6x8xf32 = 288 * 4 = 1152 B. Total 1664 B.
// expected-remark@+1 {{function 'pools'}}
func.func @pools(%a: tensor<1x4x4x8xf16>, %m: tensor<1x4x4x8xf32>) -> (tensor<1x2x2x8xf16>, tensor<1x4x4x8xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf16>}> : () -> tensor<1xf16>
  // expected-remark@+1 {{layer 0 'tosa.avg_pool2d': weights 2 B, activations 64 B, workspace 128 B, total 194 B}}
  %0 = tosa.avg_pool2d %a, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x8xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<1x2x2x8xf16>
  // expected-remark@+1 {{layer 1 'tosa.max_pool2d': weights 0 B, activations 512 B, workspace 1152 B, total 1664 B}}
  %1 = tosa.max_pool2d %m {kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %0, %1 : tensor<1x2x2x8xf16>, tensor<1x4x4x8xf32>
}

// -----

// Elementwise and reductions on 2x3xf32 (24 B): add 24 B; mul with its shift
// constant 1xi8 (1 B) 24 + 1 = 25 B; reduce_sum over axis 1 -> 2x1xf32 = 8 B.
// reshape (free: it only describes) then transpose 3x2xf32 = 24 B.
// Sum model: weights 1, activations 24 + 24 + 8 + 24 = 80; received: the
// arguments %a and %b, 24 B each (%b is read by add and mul, counted once)
// = 48 B -> 1 + 80 + 48 = 129 B.
// expected-remark@+1 {{function 'elementwise': 4 layers; sum model: weights 1 B, activations 80 B, workspace 0 B, received 48 B, total 129 B}}
func.func @elementwise(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> (tensor<2x1xf32>, tensor<3x2xf32>) {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-remark@+1 {{layer 0 'tosa.add': weights 0 B, activations 24 B, workspace 0 B, total 24 B}}
  %0 = tosa.add %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // expected-remark@+1 {{layer 1 'tosa.mul': weights 1 B, activations 24 B, workspace 0 B, total 25 B}}
  %1 = tosa.mul %0, %b, %shift : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<1xi8>) -> tensor<2x3xf32>
  // expected-remark@+1 {{layer 2 'tosa.reduce_sum': weights 0 B, activations 8 B, workspace 0 B, total 8 B}}
  %2 = tosa.reduce_sum %1 {axis = 1 : i32} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %shape = tosa.const_shape {values = dense<[3, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %3 = tosa.reshape %1, %shape : (tensor<2x3xf32>, !tosa.shape<2>) -> tensor<3x2xf32>
  // expected-remark@+1 {{layer 3 'tosa.transpose': weights 0 B, activations 24 B, workspace 0 B, total 24 B}}
  %4 = tosa.transpose %3 {perms = array<i32: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %5 = tosa.reshape %4, %shape : (tensor<2x3xf32>, !tosa.shape<2>) -> tensor<3x2xf32>
  return %2, %5 : tensor<2x1xf32>, tensor<3x2xf32>
}

// -----

// Data movement on 2x3xf32: slice 1x3 = 12 B; concat along 0 -> 4x3xf32 =
// 48 B; pad by one row above and below -> 4x3xf32 = 48 B plus its pad value
// constant 1xf32 = 4 B.
// expected-remark@+1 {{function 'data_movement'}}
func.func @data_movement(%a: tensor<2x3xf32>) -> (tensor<1x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>) {
  %start = tosa.const_shape {values = dense<[1, 0]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %size = tosa.const_shape {values = dense<[1, 3]> : tensor<2xindex>} : () -> !tosa.shape<2>
  // expected-remark@+1 {{layer 0 'tosa.slice': weights 0 B, activations 12 B, workspace 0 B, total 12 B}}
  %0 = tosa.slice %a, %start, %size : (tensor<2x3xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x3xf32>
  // expected-remark@+1 {{layer 1 'tosa.concat': weights 0 B, activations 48 B, workspace 0 B, total 48 B}}
  %1 = tosa.concat %a, %a {axis = 0 : i32} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  %padding = tosa.const_shape {values = dense<[1, 1, 0, 0]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %pad_value = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark@+1 {{layer 2 'tosa.pad': weights 4 B, activations 48 B, workspace 0 B, total 52 B}}
  %2 = tosa.pad %a, %padding, %pad_value : (tensor<2x3xf32>, !tosa.shape<4>, tensor<1xf32>) -> tensor<4x3xf32>
  return %0, %1, %2 : tensor<1x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>
}

// -----

// rescale i8 -> i32 of 4x8: multiplier 1xi32 = 4 B, shift 1xi8 = 1 B, input
// zp 1xi8 = 1 B, output zp 1xi32 = 4 B -> 10 B. Output 32 * 4 = 128 B.
// expected-remark@+1 {{function 'rescale'}}
func.func @rescale(%a: tensor<4x8xi8>) -> tensor<4x8xi32> {
  %mult = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}> : () -> tensor<1xi32>
  %shift = "tosa.const"() <{values = dense<30> : tensor<1xi8>}> : () -> tensor<1xi8>
  %izp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %ozp = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  // expected-remark@+1 {{layer 0 'tosa.rescale': weights 10 B, activations 128 B, workspace 0 B, total 138 B}}
  %0 = tosa.rescale %a, %mult, %shift, %izp, %ozp {input_unsigned = false, output_unsigned = false, per_channel = false, rounding_mode = SINGLE_ROUND, scale32 = true} : (tensor<4x8xi8>, tensor<1xi32>, tensor<1xi8>, tensor<1xi8>, tensor<1xi32>) -> tensor<4x8xi32>
  return %0 : tensor<4x8xi32>
}
