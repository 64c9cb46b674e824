// Proof by execution of oversize=split on a TOSA model (tosa.conv2d with
// padding 1 + tosa.clamp + tosa.reshape + tosa.matmul + tosa.add): a TOSA
// layer larger than the card is first converted to linalg (that op alone,
// with the upstream TOSA-to-linalg patterns), then cut like any linalg
// layer; the layers that fit stay TOSA. The partitioned model, lowered with
// the standard TOSA pipeline, prints exactly the numbers of the original
// lowered with the same pipeline, at 600 B (conv, clamp and matmul all
// converted and cut, the conv into a grid of rows x columns) and at 1000 B
// (only the conv converted and cut), with the sum and the liveness memory
// models.
//
// @main carries {cachepart.partitioned}: the pass skips it (plain driver).
//
// DEFINE: %{cpu} = --pass-pipeline="builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor),one-shot-bufferize{bufferize-function-boundaries},convert-linalg-to-loops,expand-strided-metadata,lower-affine,convert-scf-to-cf,convert-to-llvm,reconcile-unrealized-casts)"
// DEFINE: %{run} = mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils
//
// 1. The original model.
// RUN: upstream-mlir-opt %s %{cpu} | %{run} | FileCheck %s
//
// 2. Split and partitioned, transfers lowered, same pipeline, SAME checks.
// RUN: cachepart-opt %s --cache-partition="capacity=600" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=600 memory-model=liveness" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=1000" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=1000 memory-model=liveness strategy=balanced" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
//
// 3. The splits, exactly: remarks and IR.
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=600" -o /dev/null 2>&1 | FileCheck %s --check-prefixes=REMARK600,SUM600
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=600 memory-model=liveness" -o /dev/null 2>&1 | FileCheck %s --check-prefixes=REMARK600,LIVE600
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=1000" -o /dev/null 2>&1 | FileCheck %s --check-prefixes=REMARK1000,SUM1000
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=1000 memory-model=liveness" -o /dev/null 2>&1 | FileCheck %s --check-prefixes=REMARK1000,LIVE1000
// RUN: cachepart-opt %s --cache-partition="capacity=600" 2>/dev/null | FileCheck %s --check-prefix=PART600
// RUN: cachepart-opt %s --cache-partition="capacity=1000" 2>/dev/null | FileCheck %s --check-prefix=PART1000

// Expected output, computed by hand; small integers, exact in f32. Tensors
// are written [h][w] of (c0,c1[,c2]) (n = 1 dropped); wc is OHWI.
//   x[h][w][c] = ((2 h^2 + 3 w + h w + w^2 + 5 c + c h) mod 9) - 4 (no two
//   rows or columns alike):
//     [[-4,1],[0,-4],[-3,2],[-4,1],[-3,2],[0,-4]]   [[-2,4],[3,0],[1,-2],[1,-2],[3,0],[-2,4]]
//     [[4,2],[1,-1],[0,-2],[1,-1],[4,2],[0,-2]]     [[-4,4],[3,2],[3,2],[-4,4],[0,-1],[-3,-4]]
//     [[1,1],[0,0],[1,1],[4,4],[0,0],[-2,-2]]       [[1,2],[1,2],[3,4],[-2,-1],[4,-4],[3,4]]
//   c = conv2d(x, wc, pad 1) + [1, -1, 2]; e.g. c[0][0] (window rows and
//       columns -1..1, zeros outside): -4*-2 + 1*1 + -2*2 + 4*2 + 1 = 14,
//       -4*-1 + 4*1 + 3*2 - 1 = 13, 1*2 + -4*2 + -2*1 + 4*2 + 2 = 2:
//      14,13,2    3,14,3    1,2,8     4,-1,-2    21,-13,0    -3,-5,-7
//      40,5,5   -22,1,-2   -9,9,-2   14,5,8     20,-2,10   -12,-2,5
//       8,-7,2   -1,10,4   -1,-15,0   0,2,6    -16,16,22   -21,-16,-23
//      19,0,17   -5,-14,-6 -18,0,13  15,2,15   -23,-8,-18   -9,-5,-16
//      19,-10,5   2,-8,13   3,0,37  -13,-4,-10 -10,-2,-11   15,-5,-1
//       2,-3,11   0,-9,8  -12,-15,5  -7,-10,-14 -3,-12,-4    1,2,16
//   t = clamp(c, -15, 15) (clips 9 values below, 10 above), reshaped to
//       1x6x18 (row h = the 6 pixels of row h, 3 channels each):
//     [14,13,2,3,14,3,1,2,8,4,-1,-2,15,-13,0,-3,-5,-7]
//     [15,5,5,-15,1,-2,-9,9,-2,14,5,8,15,-2,10,-12,-2,5]
//     [8,-7,2,-1,10,4,-1,-15,0,0,2,6,-15,15,15,-15,-15,-15]
//     [15,0,15,-5,-14,-6,-15,0,13,15,2,15,-15,-8,-15,-9,-5,-15]
//     [15,-10,5,2,-8,13,3,0,15,-13,-4,-10,-10,-2,-11,15,-5,-1]
//     [2,-3,11,0,-9,8,-12,-15,5,-7,-10,-14,-3,-12,-4,1,2,15]
//   m = that * wm: [[-17,-27,-35,-19], [-22,-78,-62,-40], [52,83,-50,67],
//                   [-59,28,-22,9], [52,31,75,86], [16,-3,118,63]]
//       e.g. m[2][0] = 8*1 + 2*1 + -1*1 + 10*-2 + -1*2 + 2*1 + 6*-2 + 15*1
//       + 15*2 + -15*-1 + -15*-1 = 52 (wm column 0 = [1,0,1,1,-2,0,2,0,0,
//       -2,1,-2,0,1,2,-1,-1,0])
//   y = m + [1, -2, 0, 3]
// Swapping any two rows of t, zeroing one, swapping two columns of wm or two
// output channels of wc changes y (checked when the test was written).
//
// CHECK:      Unranked Memref base@ = {{.*}} rank = 3 offset = 0 sizes = [1, 6, 4] strides = [24, 4, 1] data =
// CHECK-NEXT: {{^}}{{\[\[\[}}-16, -29, -35, -16],
// CHECK-NEXT: {{^}}  [-21, -80, -62, -37],
// CHECK-NEXT: {{^}}  [53, 81, -50, 70],
// CHECK-NEXT: {{^}}  [-58, 26, -22, 12],
// CHECK-NEXT: {{^}}  [53, 29, 75, 89],
// CHECK-NEXT: {{^}}  [17, -5, 118, 66]]]
// CHECK-NOT:  {{.}}

// The splits, by hand. A layer alone needs weights + result + received +
// workspace (sum model); f32 = 4 B; x 6x6x2 = 288 B. Layers as TOSA:
//   conv2d  288 + weights (wc 3x3x3x2 = 216, bias 12, zero point 4) + result
//           6x6x3 = 432 + workspace (im2col 36 pixels * 9 taps * 2 channels
//           * 4 = 2592, padded copy 8x8x2 = 512) = 4056 B
//   clamp   432 + 432 = 864 B
//   matmul  432 (the reshape is free) + wm 1x18x4 = 288 + zero point 4 +
//           result 1x6x4 = 96 -> 820 B
//   add     96 + 16 + 96 = 208 B
// converted (tosa-to-linalg), the oversize ones become:
//   conv2d -> tensor.pad (288 + 512 = 800 B), a linalg.generic broadcasting
//           the bias into the accumulator (12 + 432 = 444 B) and
//           linalg.conv_2d_nhwc_fhwc: 512 + the accumulator 432 (received)
//           + 216 + 432 + im2col 2592 = 4184 B, but the conv writes its
//           result into the accumulator it receives (dead after it), so its
//           432 B result is no new buffer: 4184 - 432 = 3752 B (both models).
//   clamp  -> linalg.generic, 864 B
//   matmul -> linalg.batch_matmul with a zero-filled accumulator, 432 + 288
//           + 96 = 816 B (the zero points are gone)
// A conv piece of r output rows and k output columns: input (r + 2) x (k +
// 2) x 2 x 4 + accumulator slice 12 r k + 216 + result 12 r k + im2col
// 72 r k = 8 (r + 2)(k + 2) + 96 r k + 216 B, moving its input, accumulator
// and result slices. The fewest pieces win, then fewer bytes moved, then the
// earlier candidate (single loops, then grids with fewer row blocks first).
//
// capacity=600: the pad (800 B) runs on the host.
//   conv: 1 x 1 = 384, 2 x 1 = 1 x 2 = 504, 3 x 1 = 1 x 3 = 624, 2 x 2 =
//   728 B; a whole row (k = 6) alone is 984 B, one output channel of it is
//   still above 600: the fewest pieces are 18, 2 rows x 1 column (3 row
//   blocks x 6 column blocks; 1 x 2 is the same, later).
//   clamp: r rows: 144 r <= 600 -> r <= 4: 2 pieces of 3 rows, 432 B.
//   matmul: t of the 6 rows: 72 t + 288 + 16 t <= 600 -> t <= 3: 2 pieces
//   of 552 B (one of the 4 columns: 432 + 72 + 24 = 528 B, 4 pieces).
// REMARK600:      remark: {{.*}}'tensor.pad' (800 B) runs on the host: it only moves data or calls an external function
// SUM600:         remark: {{.*}}split 'linalg.conv_2d_nhwc_fhwc' (3752 B) into 18 pieces along loops 1 (3) x 2 (6), of 504 504 504 504 504 504 504 504 504 504 504 504 504 504 504 504 504 504 B; the host cuts their inputs and assembles their results
// LIVE600:        remark: {{.*}}split 'linalg.conv_2d_nhwc_fhwc' (3752 B) into 18 pieces along loops 1 (3) x 2 (6), of 504 504 504 504 504 504 504 504 504 504 504 504 504 504 504 504 504 504 B; the host cuts their inputs and assembles their results
// REMARK600:      remark: {{.*}}split 'linalg.generic' (864 B) into 2 pieces along loop 1 (2), of 432 432 B; the host cuts their inputs and assembles their results
// REMARK600:      remark: {{.*}}split 'linalg.batch_matmul' (816 B) into 2 pieces along loop 1 (2), of 552 552 B; the host cuts their inputs and assembles their results
// REMARK600-NOT:  remark: {{.*}}split
//
// capacity=1000: only the conv is too big (the pad, 800 B, stays on a card).
//   A row alone: 8*3*8 + 576 + 216 = 984 B, 6 pieces moving 6 * (192 + 72
//   + 72) = 2016 B; 3 rows x 2 columns: 8*5*4 + 576 + 216 = 952 B, 6
//   pieces moving 6 * (160 + 72 + 72) = 1824 B (2 x 3 is the same, later);
//   5 pieces or fewer do not fit (3 x 3: 1280 B, 2 x 6: 1624 B).
// REMARK1000-NOT: remark: {{.*}}'tensor.pad'
// SUM1000:        remark: {{.*}}split 'linalg.conv_2d_nhwc_fhwc' (3752 B) into 6 pieces along loops 1 (2) x 2 (3), of 952 952 952 952 952 952 B; the host cuts their inputs and assembles their results
// LIVE1000:       remark: {{.*}}split 'linalg.conv_2d_nhwc_fhwc' (3752 B) into 6 pieces along loops 1 (2) x 2 (3), of 952 952 952 952 952 952 B; the host cuts their inputs and assembles their results
// REMARK1000-NOT: remark: {{.*}}split

// capacity=600: no TOSA compute op is left anywhere but the add (208 B);
// the host pads, and slices the conv's input with its halo: piece (i, j)
// (output rows 2i, 2i + 1, column j) reads padded rows 2i .. 2i + 3 and
// columns j .. j + 2, and its accumulator slice (the bias, broadcast on
// card0).
// PART600-LABEL: func.func @forward(
// PART600-NOT:   tosa.conv2d
// PART600-NOT:   tosa.clamp
// PART600-NOT:   tosa.matmul
// PART600:       %[[B:.*]] = call @forward__part0() : () -> tensor<1x6x6x3xf32>
// PART600:       %[[P:.*]] = tensor.pad %arg0 low[0, 1, 1, 0] high[0, 1, 1, 0]
// PART600:       } {cachepart.host} : tensor<1x6x6x2xf32> to tensor<1x8x8x2xf32>
// PART600-NEXT:  %[[I0:.*]] = tensor.extract_slice %[[P]][0, 0, 0, 0] [1, 4, 3, 2] [1, 1, 1, 1] {cachepart.host}
// PART600-NEXT:  %[[A0:.*]] = tensor.extract_slice %[[B]][0, 0, 0, 0] [1, 2, 1, 3] [1, 1, 1, 1] {cachepart.host}
// PART600-NEXT:  call @forward__part1(%[[I0]], %[[A0]]) : (tensor<1x4x3x2xf32>, tensor<1x2x1x3xf32>) -> tensor<1x2x1x3xf32>
// PART600-NEXT:  %[[I1:.*]] = tensor.extract_slice %[[P]][0, 0, 1, 0] [1, 4, 3, 2] [1, 1, 1, 1] {cachepart.host}
// PART600-NEXT:  %[[A1:.*]] = tensor.extract_slice %[[B]][0, 0, 1, 0] [1, 2, 1, 3] [1, 1, 1, 1] {cachepart.host}
// PART600-NEXT:  call @forward__part2(%[[I1]], %[[A1]])
// PART600:       tensor.extract_slice %[[P]][0, 2, 0, 0] [1, 4, 3, 2] [1, 1, 1, 1] {cachepart.host}
// PART600-NEXT:  tensor.extract_slice %[[B]][0, 2, 0, 0] [1, 2, 1, 3] [1, 1, 1, 1] {cachepart.host}
// PART600-NEXT:  call @forward__part7(
// PART600:       tensor.extract_slice %[[P]][0, 4, 5, 0] [1, 4, 3, 2] [1, 1, 1, 1] {cachepart.host}
// PART600-NEXT:  tensor.extract_slice %[[B]][0, 4, 5, 0] [1, 2, 1, 3] [1, 1, 1, 1] {cachepart.host}
// PART600-NEXT:  call @forward__part18(
// The 3 x 6 grid: a concat per row of pieces (dim 2), then the rows (dim 1).
// PART600-NEXT:  %[[R2:.*]] = tensor.concat dim(2) {{.*}} {cachepart.host} : (tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>) -> tensor<1x2x6x3xf32>
// PART600-NEXT:  %[[R1:.*]] = tensor.concat dim(2) {{.*}} {cachepart.host} : (tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>) -> tensor<1x2x6x3xf32>
// PART600-NEXT:  %[[R0:.*]] = tensor.concat dim(2) {{.*}} {cachepart.host} : (tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>, tensor<1x2x1x3xf32>) -> tensor<1x2x6x3xf32>
// PART600-NEXT:  %[[C:.*]] = tensor.concat dim(1) %[[R0]], %[[R1]], %[[R2]] {cachepart.host} : (tensor<1x2x6x3xf32>, tensor<1x2x6x3xf32>, tensor<1x2x6x3xf32>) -> tensor<1x6x6x3xf32>
// The clamp, rows 0-2 and 3-5.
// PART600-NEXT:  tensor.extract_slice %[[C]][0, 0, 0, 0] [1, 3, 6, 3] [1, 1, 1, 1] {cachepart.host}
// PART600-NEXT:  call @forward__part19(
// PART600-NEXT:  tensor.extract_slice %[[C]][0, 3, 0, 0] [1, 3, 6, 3] [1, 1, 1, 1] {cachepart.host}
// PART600-NEXT:  call @forward__part20(
// The matmul, rows 0-2 and 3-5 of the reshaped clamp.
// PART600:       %[[F:.*]] = tosa.reshape
// PART600-NEXT:  tensor.extract_slice %[[F]][0, 0, 0] [1, 3, 18] [1, 1, 1] {cachepart.host}
// PART600-NEXT:  call @forward__part21(
// PART600-NEXT:  tensor.extract_slice %[[F]][0, 3, 0] [1, 3, 18] [1, 1, 1] {cachepart.host}
// PART600-NEXT:  call @forward__part22(
// PART600-NEXT:  tensor.concat dim(1) %{{.*}}, %{{.*}} {cachepart.host} : (tensor<1x3x4xf32>, tensor<1x3x4xf32>) -> tensor<1x6x4xf32>
// PART600-NEXT:  call @forward__part23(
// PART600-NEXT:  return
// PART600-LABEL: func.func private @forward__part0(
// PART600:         linalg.generic
// 504 B = 4*3*2*4 = 96 input + 2*1*3*4 = 24 accumulator (received 120) +
// 216 weights + 24 result + 2 pixels * 18 * 4 = 144 im2col.
// PART600-LABEL: func.func private @forward__part1(
// PART600-SAME:    cachepart.footprint = {activations = 24 : i64, received = 120 : i64, total = 504 : i64, weights = 216 : i64, workspace = 144 : i64}
// PART600:         linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%arg0, %{{.*}} : tensor<1x4x3x2xf32>, tensor<3x3x3x2xf32>) outs(%arg1 : tensor<1x2x1x3xf32>)
// PART600-LABEL: func.func private @forward__part19(
// PART600-NOT:     tosa.
// PART600:         arith.minimumf
// PART600:         arith.maximumf
// PART600-LABEL: func.func private @forward__part21(
// PART600-SAME:    cachepart.footprint = {activations = 48 : i64, received = 216 : i64, total = 552 : i64, weights = 288 : i64, workspace = 0 : i64}
// PART600:         linalg.batch_matmul ins(%arg0, %{{.*}} : tensor<1x3x18xf32>, tensor<1x18x4xf32>)
// PART600-LABEL: func.func private @forward__part23(
// PART600:         tosa.add
// PART600-LABEL: func.func @main()

// capacity=1000: the conv alone is converted and cut; the clamp, the
// reshape, the matmul and the add stay TOSA.
// PART1000-LABEL: func.func @forward(
// PART1000-NOT:   tosa.conv2d
// PART1000:       return
// PART1000-LABEL: func.func private @forward__part0(
// PART1000:         tensor.pad
// 952 B = 5*4*2*4 = 160 input + 3*2*3*4 = 72 accumulator (received 232) +
// 216 weights + 72 result + 6 pixels * 18 * 4 = 432 im2col.
// PART1000-LABEL: func.func private @forward__part2(
// PART1000-SAME:    cachepart.footprint = {activations = 72 : i64, received = 232 : i64, total = 952 : i64, weights = 216 : i64, workspace = 432 : i64}
// PART1000:         linalg.conv_2d_nhwc_fhwc {{.*}} ins(%arg0, %{{.*}} : tensor<1x5x4x2xf32>, tensor<3x3x3x2xf32>) outs(%arg1 : tensor<1x3x2x3xf32>)
// PART1000:       tosa.clamp
// PART1000:       tosa.reshape
// PART1000-NEXT:  tosa.matmul
// PART1000-NEXT:  tosa.add

module {
  func.func @forward(%x: tensor<1x6x6x2xf32>) -> tensor<1x6x4xf32> {
    %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
    %wc = "tosa.const"() <{values = dense<[[[[-1.0, 0.0], [-2.0, 1.0], [1.0, -1.0]], [[-2.0, -2.0], [-2.0, 1.0], [2.0, 0.0]], [[-2.0, -1.0], [2.0, 2.0], [0.0, 0.0]]],
                                           [[[-1.0, -2.0], [0.0, -1.0], [-2.0, 0.0]], [[0.0, -1.0], [-1.0, 0.0], [0.0, 0.0]], [[-2.0, 2.0], [0.0, 1.0], [2.0, -1.0]]],
                                           [[[-1.0, -1.0], [1.0, 0.0], [-2.0, 2.0]], [[0.0, -2.0], [0.0, 2.0], [0.0, 2.0]], [[-1.0, 1.0], [1.0, 2.0], [0.0, 1.0]]]]> : tensor<3x3x3x2xf32>}> : () -> tensor<3x3x3x2xf32>
    %bc = "tosa.const"() <{values = dense<[1.0, -1.0, 2.0]> : tensor<3xf32>}> : () -> tensor<3xf32>
    %wm = "tosa.const"() <{values = dense<[[[1.0, -1.0, -1.0, 0.0], [0.0, -2.0, -2.0, -2.0], [1.0, 0.0, 2.0, 2.0], [1.0, 0.0, -1.0, -1.0],
                                            [-2.0, 1.0, -1.0, 1.0], [0.0, -1.0, 0.0, 1.0], [2.0, 0.0, 2.0, -1.0], [0.0, -2.0, -2.0, -1.0],
                                            [0.0, 2.0, 2.0, -1.0], [-2.0, 0.0, -1.0, 0.0], [1.0, -2.0, -2.0, 0.0], [-2.0, 0.0, 0.0, -2.0],
                                            [0.0, 0.0, 0.0, -1.0], [1.0, 2.0, -2.0, 0.0], [2.0, -1.0, 1.0, 0.0], [-1.0, 0.0, 1.0, 2.0],
                                            [-1.0, 0.0, 2.0, -2.0], [0.0, -2.0, 1.0, -1.0]]]> : tensor<1x18x4xf32>}> : () -> tensor<1x18x4xf32>
    %bm = "tosa.const"() <{values = dense<[[[1.0, -2.0, 0.0, 3.0]]]> : tensor<1x1x4xf32>}> : () -> tensor<1x1x4xf32>
    %shape = tosa.const_shape {values = dense<[1, 6, 18]> : tensor<3xindex>} : () -> !tosa.shape<3>

    %c = tosa.conv2d %x, %wc, %bc, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>}
        : (tensor<1x6x6x2xf32>, tensor<3x3x3x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x6x3xf32>
    %t = tosa.clamp %c {max_val = 15.0 : f32, min_val = -15.0 : f32} : (tensor<1x6x6x3xf32>) -> tensor<1x6x6x3xf32>
    %flat = tosa.reshape %t, %shape : (tensor<1x6x6x3xf32>, !tosa.shape<3>) -> tensor<1x6x18xf32>
    %m = tosa.matmul %flat, %wm, %zp, %zp : (tensor<1x6x18xf32>, tensor<1x18x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x4xf32>
    %y = tosa.add %m, %bm : (tensor<1x6x4xf32>, tensor<1x1x4xf32>) -> tensor<1x6x4xf32>
    return %y : tensor<1x6x4xf32>
  }

  // The driver: not partitioned (see the header).
  func.func @main() attributes {cachepart.partitioned} {
    %x = arith.constant dense<[[[[-4.0, 1.0], [0.0, -4.0], [-3.0, 2.0], [-4.0, 1.0], [-3.0, 2.0], [0.0, -4.0]],
                                [[-2.0, 4.0], [3.0, 0.0], [1.0, -2.0], [1.0, -2.0], [3.0, 0.0], [-2.0, 4.0]],
                                [[4.0, 2.0], [1.0, -1.0], [0.0, -2.0], [1.0, -1.0], [4.0, 2.0], [0.0, -2.0]],
                                [[-4.0, 4.0], [3.0, 2.0], [3.0, 2.0], [-4.0, 4.0], [0.0, -1.0], [-3.0, -4.0]],
                                [[1.0, 1.0], [0.0, 0.0], [1.0, 1.0], [4.0, 4.0], [0.0, 0.0], [-2.0, -2.0]],
                                [[1.0, 2.0], [1.0, 2.0], [3.0, 4.0], [-2.0, -1.0], [4.0, -4.0], [3.0, 4.0]]]]> : tensor<1x6x6x2xf32>
    %r = call @forward(%x) : (tensor<1x6x6x2xf32>) -> tensor<1x6x4xf32>
    %u = tensor.cast %r : tensor<1x6x4xf32> to tensor<*xf32>
    call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
    return
  }
  func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}
}
