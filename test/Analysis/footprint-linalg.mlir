// RUN: cachepart-opt %s --remarks-filter="cache-.*" -cache-footprint -split-input-file -verify-diagnostics
// Footprints of every linalg named-op family. Remarks give, per layer,
// weights (constant operands), activations (results) and workspace.
// Every number is computed by hand in the comment above its check.

// matmul: weights 32x64xf32 constant = 2048 * 4 = 8192 B;
// activations 16x64xf32 = 1024 * 4 = 4096 B; layer total 12288 B.
// The function as one group also receives the argument %a 16x32xf32 =
// 512 * 4 = 2048 B: total 8192 + 4096 + 0 + 2048 = 14336 B.
// expected-remark@+1 {{function 'matmul': 1 layers; sum model: weights 8192 B, activations 4096 B, workspace 0 B, received 2048 B, total 14336 B}}
func.func @matmul(%a: tensor<16x32xf32>) -> tensor<16x64xf32> {
  %w = arith.constant dense<1.0> : tensor<32x64xf32>
  %e = tensor.empty() : tensor<16x64xf32>
  // expected-remark@+1 {{layer 0 'linalg.matmul': weights 8192 B, activations 4096 B, workspace 0 B, total 12288 B}}
  %0 = linalg.matmul ins(%a, %w : tensor<16x32xf32>, tensor<32x64xf32>) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  return %0 : tensor<16x64xf32>
}

// -----

// batch_matmul: activations 4x16x8xf32 = 512 * 4 = 2048 B.
// expected-remark@+1 {{function 'batch_matmul'}}
func.func @batch_matmul(%a: tensor<4x16x32xf32>, %b: tensor<4x32x8xf32>) -> tensor<4x16x8xf32> {
  %e = tensor.empty() : tensor<4x16x8xf32>
  // expected-remark@+1 {{layer 0 'linalg.batch_matmul': weights 0 B, activations 2048 B, workspace 0 B, total 2048 B}}
  %0 = linalg.batch_matmul ins(%a, %b : tensor<4x16x32xf32>, tensor<4x32x8xf32>) outs(%e : tensor<4x16x8xf32>) -> tensor<4x16x8xf32>
  return %0 : tensor<4x16x8xf32>
}

// -----

// conv_1d_nwc_wcf: filter 3x3x8xf32 = 72 * 4 = 288 B; output 1x8x8xf32 =
// 64 * 4 = 256 B; im2col = (n*ow = 8 rows) x (kw*c = 9 columns) * 4 B = 288 B.
// total 288 + 256 + 288 = 832 B.
// expected-remark@+1 {{function 'conv1d'}}
func.func @conv1d(%in: tensor<1x10x3xf32>) -> tensor<1x8x8xf32> {
  %f = arith.constant dense<0.5> : tensor<3x3x8xf32>
  %e = tensor.empty() : tensor<1x8x8xf32>
  // expected-remark@+1 {{layer 0 'linalg.conv_1d_nwc_wcf': weights 288 B, activations 256 B, workspace 288 B, total 832 B}}
  %0 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%in, %f : tensor<1x10x3xf32>, tensor<3x3x8xf32>) outs(%e : tensor<1x8x8xf32>) -> tensor<1x8x8xf32>
  return %0 : tensor<1x8x8xf32>
}

// -----

// conv_2d_nhwc_hwcf: filter 3x3x4x16xf32 = 576 * 4 = 2304 B; output
// 1x6x6x16xf32 = 576 * 4 = 2304 B; im2col = (1*6*6 = 36 rows) x (3*3*4 = 36
// columns) * 4 B = 5184 B. total 9792 B.
// expected-remark@+1 {{function 'conv2d_nhwc'}}
func.func @conv2d_nhwc(%in: tensor<1x8x8x4xf32>) -> tensor<1x6x6x16xf32> {
  %f = arith.constant dense<0.5> : tensor<3x3x4x16xf32>
  %e = tensor.empty() : tensor<1x6x6x16xf32>
  // expected-remark@+1 {{layer 0 'linalg.conv_2d_nhwc_hwcf': weights 2304 B, activations 2304 B, workspace 5184 B, total 9792 B}}
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in, %f : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) outs(%e : tensor<1x6x6x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// conv_2d_nchw_fchw: the same numbers in NCHW: 2304 + 2304 + 5184 = 9792 B.
// expected-remark@+1 {{function 'conv2d_nchw'}}
func.func @conv2d_nchw(%in: tensor<1x4x8x8xf32>) -> tensor<1x16x6x6xf32> {
  %f = arith.constant dense<0.5> : tensor<16x4x3x3xf32>
  %e = tensor.empty() : tensor<1x16x6x6xf32>
  // expected-remark@+1 {{layer 0 'linalg.conv_2d_nchw_fchw': weights 2304 B, activations 2304 B, workspace 5184 B, total 9792 B}}
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in, %f : tensor<1x4x8x8xf32>, tensor<16x4x3x3xf32>) outs(%e : tensor<1x16x6x6xf32>) -> tensor<1x16x6x6xf32>
  return %0 : tensor<1x16x6x6xf32>
}

// -----

// 1x1 convolution: reads its input in place, no im2col. filter 1x1x4x16xf32 =
// 64 * 4 = 256 B; output 1x8x8x16xf32 = 1024 * 4 = 4096 B.
// expected-remark@+1 {{function 'conv2d_1x1'}}
func.func @conv2d_1x1(%in: tensor<1x8x8x4xf32>) -> tensor<1x8x8x16xf32> {
  %f = arith.constant dense<0.5> : tensor<1x1x4x16xf32>
  %e = tensor.empty() : tensor<1x8x8x16xf32>
  // expected-remark@+1 {{layer 0 'linalg.conv_2d_nhwc_hwcf': weights 256 B, activations 4096 B, workspace 0 B, total 4352 B}}
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in, %f : tensor<1x8x8x4xf32>, tensor<1x1x4x16xf32>) outs(%e : tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
  return %0 : tensor<1x8x8x16xf32>
}

// -----

// conv_3d_ndhwc_dhwcf: filter 2x2x2x2x4xf32 = 64 * 4 = 256 B; output
// 1x3x3x3x4xf32 = 108 * 4 = 432 B; im2col = 27 rows x (2*2*2*2 = 16) * 4 B =
// 1728 B. total 2416 B.
// expected-remark@+1 {{function 'conv3d'}}
func.func @conv3d(%in: tensor<1x4x4x4x2xf32>) -> tensor<1x3x3x3x4xf32> {
  %f = arith.constant dense<0.5> : tensor<2x2x2x2x4xf32>
  %e = tensor.empty() : tensor<1x3x3x3x4xf32>
  // expected-remark@+1 {{layer 0 'linalg.conv_3d_ndhwc_dhwcf': weights 256 B, activations 432 B, workspace 1728 B, total 2416 B}}
  %0 = linalg.conv_3d_ndhwc_dhwcf {dilations = dense<1> : tensor<3xi64>, strides = dense<1> : tensor<3xi64>} ins(%in, %f : tensor<1x4x4x4x2xf32>, tensor<2x2x2x2x4xf32>) outs(%e : tensor<1x3x3x3x4xf32>) -> tensor<1x3x3x3x4xf32>
  return %0 : tensor<1x3x3x3x4xf32>
}

// -----

// depthwise_conv_2d_nhwc_hwc: filter 3x3x4xf32 = 36 * 4 = 144 B; output
// 1x6x6x4xf32 = 144 * 4 = 576 B; im2col = (1*6*6*4 = 144 rows) x (3*3 = 9)
// * 4 B = 5184 B. total 5904 B.
// expected-remark@+1 {{function 'depthwise'}}
func.func @depthwise(%in: tensor<1x8x8x4xf32>) -> tensor<1x6x6x4xf32> {
  %f = arith.constant dense<0.5> : tensor<3x3x4xf32>
  %e = tensor.empty() : tensor<1x6x6x4xf32>
  // expected-remark@+1 {{layer 0 'linalg.depthwise_conv_2d_nhwc_hwc': weights 144 B, activations 576 B, workspace 5184 B, total 5904 B}}
  %0 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in, %f : tensor<1x8x8x4xf32>, tensor<3x3x4xf32>) outs(%e : tensor<1x6x6x4xf32>) -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

// pooling_nhwc_max 2x2/2: the window operand is a shape only (tensor.empty,
// free); output 1x4x4x4xf32 = 64 * 4 = 256 B; no workspace.
// expected-remark@+1 {{function 'maxpool'}}
func.func @maxpool(%in: tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32> {
  %w = tensor.empty() : tensor<2x2xf32>
  %e = tensor.empty() : tensor<1x4x4x4xf32>
  // expected-remark@+1 {{layer 0 'linalg.pooling_nhwc_max': weights 0 B, activations 256 B, workspace 0 B, total 256 B}}
  %0 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%in, %w : tensor<1x8x8x4xf32>, tensor<2x2xf32>) outs(%e : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// fill (scalar constants are immediates, not weights): 32x32xf32 = 4096 B;
// it is returned, so it is a layer. The second fill only initialises the
// reduction's output: an initializer, free; the reduction writes in place
// into it. generic sum over dim 1 of 16x32xf32: result 16xf32 = 64 B,
// accumulated in the output, no workspace. Function: activations 4096 + 64
// = 4160 B; received: the argument %in 16x32xf32 = 512 * 4 = 2048 B (read by
// the reduction); total 4160 + 2048 = 6208 B.
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
// expected-remark@+1 {{function 'fill_and_reduce': 2 layers; sum model: weights 0 B, activations 4160 B, workspace 0 B, received 2048 B, total 6208 B}}
func.func @fill_and_reduce(%in: tensor<16x32xf32>) -> (tensor<32x32xf32>, tensor<16xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x32xf32>
  // expected-remark@+1 {{layer 0 'linalg.fill': weights 0 B, activations 4096 B, workspace 0 B, total 4096 B}}
  %0 = linalg.fill ins(%zero : f32) outs(%e : tensor<32x32xf32>) -> tensor<32x32xf32>
  %e1 = tensor.empty() : tensor<16xf32>
  %1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  // expected-remark@+1 {{layer 1 'linalg.generic': weights 0 B, activations 64 B, workspace 0 B, total 64 B}}
  %2 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%in : tensor<16x32xf32>) outs(%1 : tensor<16xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %x, %acc : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  return %0, %2 : tensor<32x32xf32>, tensor<16xf32>
}

// -----

// transpose 16x32 -> 32x16 f32, broadcast 32 -> 16x32 f32, elementwise add
// 16x32 f32: each result is 512 * 4 = 2048 B.
// expected-remark@+1 {{function 'data_movement'}}
func.func @data_movement(%a: tensor<16x32xf32>, %v: tensor<32xf32>) -> (tensor<32x16xf32>, tensor<16x32xf32>) {
  %e0 = tensor.empty() : tensor<32x16xf32>
  // expected-remark@+1 {{layer 0 'linalg.transpose': weights 0 B, activations 2048 B, workspace 0 B, total 2048 B}}
  %t = linalg.transpose ins(%a : tensor<16x32xf32>) outs(%e0 : tensor<32x16xf32>) permutation = [1, 0]
  %e1 = tensor.empty() : tensor<16x32xf32>
  // expected-remark@+1 {{layer 1 'linalg.broadcast': weights 0 B, activations 2048 B, workspace 0 B, total 2048 B}}
  %b = linalg.broadcast ins(%v : tensor<32xf32>) outs(%e1 : tensor<16x32xf32>) dimensions = [0]
  // expected-remark@+1 {{layer 2 'linalg.add': weights 0 B, activations 2048 B, workspace 0 B, total 2048 B}}
  %s = linalg.add ins(%a, %b : tensor<16x32xf32>, tensor<16x32xf32>) outs(%e1 : tensor<16x32xf32>) -> tensor<16x32xf32>
  return %t, %s : tensor<32x16xf32>, tensor<16x32xf32>
}

// -----

// softmax over dim 1 of 4x16xf32: output 64 * 4 = 256 B; workspace = running
// max + running sum over 4 rows = 2 * 4 * 4 B = 32 B. total 288 B.
// expected-remark@+1 {{function 'softmax'}}
func.func @softmax(%a: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %e = tensor.empty() : tensor<4x16xf32>
  // expected-remark@+1 {{layer 0 'linalg.softmax': weights 0 B, activations 256 B, workspace 32 B, total 288 B}}
  %0 = linalg.softmax dimension(1) ins(%a : tensor<4x16xf32>) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// A contraction that accumulates in f32 and truncates to f16: output
// 8x8xf16 = 64 * 2 = 128 B; accumulator 64 * 4 = 256 B. total 384 B.
#ma = affine_map<(i, j, k) -> (i, k)>
#mb = affine_map<(i, j, k) -> (k, j)>
#mc = affine_map<(i, j, k) -> (i, j)>
// expected-remark@+1 {{function 'wide_accumulator'}}
func.func @wide_accumulator(%a: tensor<8x16xf16>, %b: tensor<16x8xf16>, %c: tensor<8x8xf16>) -> tensor<8x8xf16> {
  // expected-remark@+1 {{layer 0 'linalg.generic': weights 0 B, activations 128 B, workspace 256 B, total 384 B}}
  %0 = linalg.generic {indexing_maps = [#ma, #mb, #mc], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<8x16xf16>, tensor<16x8xf16>) outs(%c : tensor<8x8xf16>) {
  ^bb0(%x: f16, %y: f16, %acc: f16):
    %xe = arith.extf %x : f16 to f32
    %ye = arith.extf %y : f16 to f32
    %ae = arith.extf %acc : f16 to f32
    %m = arith.mulf %xe, %ye : f32
    %s = arith.addf %ae, %m : f32
    %t = arith.truncf %s : f32 to f16
    linalg.yield %t : f16
  } -> tensor<8x8xf16>
  return %0 : tensor<8x8xf16>
}
