// Proof by execution: a small TOSA network (three tosa.conv2d + tosa.clamp
// blocks, a tosa.add residual, a tosa.reshape + tosa.matmul head) is
// partitioned in TOSA form, lowered with the TOSA -> linalg pipeline, run, and
// prints exactly the same numbers as the unpartitioned model.
// The capacities force at least 3 groups with every conv2d whole (3 at
// 2000 B, 4 at 1925 B; see the sums below). The only value
// used more than one layer after its producer is the residual input %ta, so
// the transfer that jumps two or more cards (checked by PART without pinning
// the cut positions) is the residual crossing at least 2 cuts. With
// memory-model=liveness the free tosa.reshape must travel with its user, the
// matmul. At 1600 B a 3x3 conv no longer fits whole, so oversize=split (the
// default) cuts it into pieces the host slices and assembles; the output is
// still the same.
//
// Sum-model bytes (f32; a 1x4x4x2 tensor is 32 * 4 = 128 B). Layers: L0 convA,
// L1 clampA, L2 convB, L3 clampB, L4 add, L5 convC, L6 clampC, L7 matmul,
// L8 add. conv 3x3: weights 2x3x3x2 = 144 B + bias 8 B + zp 4 B = 156 B,
// output 128 B, workspace im2col 16 pixels x 9 taps x 2 channels x 4 B =
// 1152 B + padded input 1x6x6x2 = 72 * 4 = 288 B = 1440 B; + received input
// 128 B: alone 156 + 128 + 1440 + 128 = 1852 B; with its clamp (128 B) 1980 B.
// L3..L8: weights wc 16 + bc 8 + zp 4 + wm 96 + bm 12 = 136 B, outputs
// 4 * 128 + 2 * 48 = 608 B, received %cb and %ta 256 B: 1000 B. L4..L8:
// 136 + 480 + received %tb, %ta 256 = 872 B.
//  - 2000 B: L0..L1 1980 (+ convB: 3700) | L2..L3 1980 (+ add: 2108) |
//    L4..L8 872: 3 groups; %ta goes card0 -> card2.
//  - 1925 B: L0 1852 (+ clampA: 1980) | L1 = 128 + received %ca 128 = 256
//    (+ convB: 1980) | L2 1852 (+ clampB: 1980) | L3..L8 1000: 4 groups;
//    %ta goes card1 -> card3.
//  (Before received bytes counted, 1925 B gave 3 groups and 1800 B gave 4.)
//  - 1600 B: 1852 > 1600: each 3x3 conv is converted to linalg: a pad, a
//    bias broadcast into the accumulator and the linalg conv, which reads
//    the padded input 288 B + weights 144 B + the accumulator 128 B (both
//    received) and writes in place into the accumulator (dead after it: no
//    new buffer), + im2col 1152 B = 1712 B > 1600: split (SPLIT). (At 1800
//    B the converted conv fits whole.)
//
// @main carries {cachepart.partitioned}: the pass skips functions with that
// attribute, so only @forward is split and @main stays a plain driver.
//
// DEFINE: %{cpu} = --pass-pipeline="builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor),one-shot-bufferize{bufferize-function-boundaries},convert-linalg-to-loops,expand-strided-metadata,lower-affine,convert-scf-to-cf,convert-to-llvm,reconcile-unrealized-casts)"
// DEFINE: %{run} = mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils
//
// 1. The original model.
// RUN: upstream-mlir-opt %s %{cpu} | %{run} | FileCheck %s
//
// 2. Partitioned in TOSA form, transfers lowered, same pipeline, SAME checks.
// RUN: cachepart-opt %s --cache-partition="capacity=2000" --cache-lower-transfers \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=1925" --cache-lower-transfers \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=1925 memory-model=liveness" --cache-lower-transfers \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// The convs split (oversize=split): SAME checks.
// RUN: cachepart-opt %s --cache-partition="capacity=1600" --cache-lower-transfers \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
//
// 3. The partitioned IR really is split, and still TOSA.
// RUN: cachepart-opt %s --cache-partition="capacity=2000" | FileCheck %s --check-prefixes=PART,JUMP
// RUN: cachepart-opt %s --cache-partition="capacity=1925" | FileCheck %s --check-prefixes=PART,JUMP
// RUN: cachepart-opt %s --cache-partition="capacity=1925 memory-model=liveness" | FileCheck %s --check-prefixes=PART,LIVE
// RUN: cachepart-opt %s --cache-partition="capacity=1600" 2>/dev/null | FileCheck %s --check-prefix=SPLIT

// Expected output, computed by hand; all values are small integers (exact in
// f32). Tensors are written [h][w][c] (n = 1 dropped); conv weights are OHWI.
//   x  = [[[-3,-2],[0,0],[3,2],[-1,-1]], [[2,1],[-2,-2],[1,0],[-3,2]],
//         [[0,-1],[3,1],[-1,-2],[2,0]], [[-2,2],[1,-1],[-3,1],[0,-2]]]
//   convA(x) + [1,-1]   = [[[-6,-6],[-4,7],[11,5],[-4,-5]], [[11,-7],[-1,-10],[1,10],[1,-3]],
//                          [[-12,0],[15,0],[-11,-9],[4,-4]], [[1,-3],[4,5],[1,-8],[1,0]]]
//   ta = clamp [0, 6]   = [[[0,0],[0,6],[6,5],[0,0]], [[6,0],[0,0],[1,6],[1,0]],
//                          [[0,0],[6,0],[0,0],[4,0]], [[1,0],[4,5],[1,0],[1,0]]]
//   convB(ta) + [-2,1]  = [[[-8,1],[16,2],[-4,25],[-2,0]], [[-2,19],[-1,5],[17,11],[-6,14]],
//                          [[14,-1],[-6,25],[8,-7],[4,6]], [[2,-2],[11,9],[-2,12],[3,2]]]
//   tb = clamp [0, 12]  = [[[0,1],[12,2],[0,12],[0,0]], [[0,12],[0,5],[12,11],[0,12]],
//                          [[12,0],[0,12],[8,0],[4,6]], [[2,0],[11,9],[0,12],[3,2]]]
//   res = tb + ta       = [[[0,1],[12,8],[6,17],[0,0]], [[6,12],[0,5],[13,17],[1,12]],
//                          [[12,0],[6,12],[8,0],[8,6]], [[3,0],[15,14],[1,12],[4,2]]]
//   convC(res) + [0,3]  (1x1: [c0 + 2 c1, -c0 + c1 + 3]), clamp [0, 40], reshape to 4x8:
//                         [[2,4,28,0,40,14,0,3], [30,9,10,8,40,7,25,14],
//                          [12,0,30,9,8,0,20,1], [3,0,40,2,25,14,8,1]]
//   y = that * Wm + [1,-2,0] = [[88,42,54], [98,89,-23], [82,37,7], [96,37,59]]
// Every clamp clips at both ends; losing the residual or feeding the wrong
// tensor<1x4x4x2xf32> into a part changes y.
//
// CHECK:      Unranked Memref base@ = {{.*}} rank = 3 offset = 0 sizes = [1, 4, 3] strides = [12, 3, 1] data =
// CHECK-NEXT: {{^}}{{\[\[\[}}88, 42, 54],
// CHECK-NEXT: {{^}}  [98, 89, -23],
// CHECK-NEXT: {{^}}  [82, 37, 7],
// CHECK-NEXT: {{^}}  [96, 37, 59]]]
// CHECK-NOT:  {{.}}

// The parent: only calls and transfers, at least 3 parts.
// PART-LABEL: func.func @forward(
// PART-SAME:    attributes {cachepart.partitioned}
// PART-NOT:     tosa.
// PART:         call @forward__part0(%arg0)
// PART-NOT:     tosa.
// PART:         call @forward__part1(
// The residual input %ta skips at least one card.
// JUMP:         cachepart.transfer %{{.*}} {{from "card0" to "card[2-9]"|from "card1" to "card[3-9]"|from "card2" to "card[4-9]"}} : tensor<1x4x4x2xf32>
// PART-NOT:     tosa.
// PART:         call @forward__part{{[2-9]}}(
// PART-NOT:     tosa.
// PART:         return
// The parts are still TOSA: nothing was lowered to linalg.
// PART-LABEL: func.func private @forward__part0(
// PART-SAME:    cachepart.device = #cachepart.device<"card0"
// PART-NOT:     linalg.
// PART:         tosa.conv2d %arg0
// PART-NOT:     linalg.
// PART-LABEL: func.func private @forward__part1(
// PART-SAME:    cachepart.device = #cachepart.device<"card1"
// PART-NOT:     linalg.
// The reshape sits in the same part as the matmul that reads it.
// LIVE:         tosa.reshape
// LIVE-NOT:     func.func
// LIVE:         tosa.matmul
// PART-LABEL: func.func @main()
// PART-NOT:     @forward__part

// At 1600 B the convs are split: the parent (host) slices their inputs and
// assembles their results (ops marked cachepart.host), and the pieces, in
// linalg form (a TOSA op is converted to linalg before it is tiled), run in
// the parts.
// SPLIT-LABEL: func.func @forward(
// SPLIT-NOT:     linalg.
// SPLIT:         tensor.extract_slice {{.*}} {cachepart.host}
// SPLIT:         tensor.concat {{.*}} {cachepart.host}
// SPLIT-NOT:     linalg.
// SPLIT:       func.func private @forward__part
// SPLIT:         linalg.conv_2d_nhwc_fhwc
// SPLIT-LABEL: func.func @main()

module {
  func.func @forward(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x3xf32> {
    %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
    %wa = "tosa.const"() <{values = dense<[[[[1.0, 0.0], [0.0, -1.0], [1.0, 1.0]], [[0.0, 1.0], [2.0, 0.0], [-1.0, 0.0]], [[0.0, 0.0], [1.0, -1.0], [0.0, 1.0]]],
                                           [[[0.0, 1.0], [1.0, 0.0], [0.0, 0.0]], [[-1.0, 0.0], [1.0, 1.0], [0.0, 2.0]], [[1.0, 0.0], [0.0, 0.0], [-1.0, 1.0]]]]> : tensor<2x3x3x2xf32>}> : () -> tensor<2x3x3x2xf32>
    %ba = "tosa.const"() <{values = dense<[1.0, -1.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
    %wb = "tosa.const"() <{values = dense<[[[[0.0, 1.0], [1.0, 0.0], [0.0, 0.0]], [[1.0, -1.0], [0.0, 1.0], [1.0, 0.0]], [[0.0, 0.0], [-1.0, 0.0], [0.0, 1.0]]],
                                           [[[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 1.0], [-1.0, 0.0]], [[0.0, -1.0], [0.0, 1.0], [1.0, 0.0]]]]> : tensor<2x3x3x2xf32>}> : () -> tensor<2x3x3x2xf32>
    %bb = "tosa.const"() <{values = dense<[-2.0, 1.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
    %wc = "tosa.const"() <{values = dense<[[[[1.0, 2.0]]], [[[-1.0, 1.0]]]]> : tensor<2x1x1x2xf32>}> : () -> tensor<2x1x1x2xf32>
    %bc = "tosa.const"() <{values = dense<[0.0, 3.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
    %wm = "tosa.const"() <{values = dense<[[[1.0, 0.0, -1.0], [0.0, 1.0, 0.0], [2.0, 0.0, 1.0], [0.0, -1.0, 1.0],
                                            [1.0, 1.0, 0.0], [-1.0, 0.0, 2.0], [0.0, 2.0, -1.0], [1.0, 0.0, 0.0]]]> : tensor<1x8x3xf32>}> : () -> tensor<1x8x3xf32>
    %bm = "tosa.const"() <{values = dense<[[[1.0, -2.0, 0.0]]]> : tensor<1x1x3xf32>}> : () -> tensor<1x1x3xf32>
    %shape = tosa.const_shape {values = dense<[1, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>

    // Block A: conv 3x3 pad 1 + clamp [0, 6].
    %ca = tosa.conv2d %x, %wa, %ba, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>}
        : (tensor<1x4x4x2xf32>, tensor<2x3x3x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
    %ta = tosa.clamp %ca {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
    // Block B: conv 3x3 pad 1 + clamp [0, 12].
    %cb = tosa.conv2d %ta, %wb, %bb, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>}
        : (tensor<1x4x4x2xf32>, tensor<2x3x3x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
    %tb = tosa.clamp %cb {max_val = 12.0 : f32, min_val = 0.0 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
    // Residual: B + A.
    %res = tosa.add %tb, %ta : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
    // Block C: conv 1x1 + clamp [0, 40].
    %cc = tosa.conv2d %res, %wc, %bc, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>}
        : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
    %tc = tosa.clamp %cc {max_val = 40.0 : f32, min_val = 0.0 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
    // Head: reshape rows (h) x (w, c) and a matmul + bias.
    %flat = tosa.reshape %tc, %shape : (tensor<1x4x4x2xf32>, !tosa.shape<3>) -> tensor<1x4x8xf32>
    %mm = tosa.matmul %flat, %wm, %zp, %zp : (tensor<1x4x8xf32>, tensor<1x8x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x3xf32>
    %y = tosa.add %mm, %bm : (tensor<1x4x3xf32>, tensor<1x1x3xf32>) -> tensor<1x4x3xf32>
    return %y : tensor<1x4x3xf32>
  }

  // The driver: not partitioned (see the header).
  func.func @main() attributes {cachepart.partitioned} {
    %x = arith.constant dense<[[[[-3.0, -2.0], [0.0, 0.0], [3.0, 2.0], [-1.0, -1.0]],
                                [[2.0, 1.0], [-2.0, -2.0], [1.0, 0.0], [-3.0, 2.0]],
                                [[0.0, -1.0], [3.0, 1.0], [-1.0, -2.0], [2.0, 0.0]],
                                [[-2.0, 2.0], [1.0, -1.0], [-3.0, 1.0], [0.0, -2.0]]]]> : tensor<1x4x4x2xf32>
    %r = call @forward(%x) : (tensor<1x4x4x2xf32>) -> tensor<1x4x3xf32>
    %u = tensor.cast %r : tensor<1x4x3xf32> to tensor<*xf32>
    call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
    return
  }
  func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}
}
