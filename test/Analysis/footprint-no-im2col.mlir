// RUN: cachepart-opt %s --remarks-filter="cache-.*" -cache-footprint="im2col=false" -verify-diagnostics

// With im2col=false (a target that lowers convolutions directly, without a
// GEMM rewrite), convolutions have no im2col workspace. conv_2d_nhwc_hwcf as
// in footprint-linalg.mlir: weights 2304 B + output 2304 B = 4608 B.
// tosa.conv2d with pad 1 keeps its padded input copy: weights 2304 + bias 64
// + zp 4 = 2372 B; output 1x8x8x16xf32 = 4096 B; padded 1x10x10x4xf32 =
// 1600 B; total 8068 B.
// expected-remark@+1 {{function 'convs'}}
func.func @convs(%in: tensor<1x8x8x4xf32>) -> (tensor<1x6x6x16xf32>, tensor<1x8x8x16xf32>) {
  %f = arith.constant dense<0.5> : tensor<3x3x4x16xf32>
  %e = tensor.empty() : tensor<1x6x6x16xf32>
  // expected-remark@+1 {{layer 0 'linalg.conv_2d_nhwc_hwcf': weights 2304 B, activations 2304 B, workspace 0 B, total 4608 B}}
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in, %f : tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) outs(%e : tensor<1x6x6x16xf32>) -> tensor<1x6x6x16xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<16x3x3x4xf32>}> : () -> tensor<16x3x3x4xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<16xf32>}> : () -> tensor<16xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark@+1 {{layer 1 'tosa.conv2d': weights 2372 B, activations 4096 B, workspace 1600 B, total 8068 B}}
  %1 = tosa.conv2d %in, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x8x8x4xf32>, tensor<16x3x3x4xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x16xf32>
  return %0, %1 : tensor<1x6x6x16xf32>, tensor<1x8x8x16xf32>
}
