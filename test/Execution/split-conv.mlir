// Proof by execution of oversize=split on a conv net whose ACTIVATIONS do not
// fit a card, as torch-mlir emits it (an explicit zero tensor.pad before a
// "same" linalg.conv_2d_nhwc_hwcf): the convolutions, the bias and the
// pooling are cut spatially, along output rows (loop 1) or into grids of
// rows x columns (loops 1 x 2), so each piece receives only its input rows
// (and columns) plus the halo its window needs; the host cuts the
// overlapping input slices and assembles the results. Three windows with
// different halos: convA (3x3, stride 1: 2 extra rows), a 2x2 stride-1 max
// pool (1 extra row) and convB (3x3, stride 2: output row i reads input rows
// 2i .. 2i + 2). The partitioned model prints exactly the numbers of the
// original at 700 B (pad on the host; convA and convB cut into grids, the
// bias and the pool along rows), 1000 B and 1200 B (pad on a card; at 1200 B
// both convolutions cut along rows only, the pool along its channels), with
// both memory models.
//
// @main carries {cachepart.partitioned}: the pass skips it (plain driver).
//
// DEFINE: %{cpu} = -one-shot-bufferize="bufferize-function-boundaries" -convert-linalg-to-loops -expand-strided-metadata -lower-affine -convert-scf-to-cf -convert-to-llvm -reconcile-unrealized-casts
// DEFINE: %{run} = mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils
//
// 1. The original model.
// RUN: upstream-mlir-opt %s %{cpu} | %{run} | FileCheck %s
//
// 2. Split and partitioned, transfers lowered, same pipeline, SAME checks.
// RUN: cachepart-opt %s --cache-partition="capacity=700" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=700 memory-model=liveness" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=700 strategy=min-transfer" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=1000" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=1200" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=1200 memory-model=liveness" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
//
// 3. The splits, exactly: remarks, and the halos in the host's slices.
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=700" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK700
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=700 memory-model=liveness" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK700
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=1000" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK1000
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=1200" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK1200
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=1200 memory-model=liveness" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK1200
// RUN: cachepart-opt %s --cache-partition="capacity=1200" 2>/dev/null | FileCheck %s --check-prefix=ROWS
// RUN: cachepart-opt %s --cache-partition="capacity=700" 2>/dev/null | FileCheck %s --check-prefix=GRID

// Expected output, computed by hand; small integers, exact in f32. Tensors
// are written [h][w] of (c0,c1) (n = 1 dropped); wA[kh][kw][0][f],
// wB[kh][kw][c][f] as in @forward.
//   x[h][w] = ((2 h^2 + 3 w + h w) mod 11) - 5, no two rows or columns alike:
//     [[-5,-2,1,4,-4,-1,2,5,-3,0], [-3,1,5,-2,2,-5,-1,3,-4,0], [3,-3,2,-4,1,-5,0,5,-1,4],
//      [2,-3,3,-2,4,-1,5,0,-5,1], [5,1,-3,4,0,-4,3,-1,-5,2], [1,-2,-5,3,0,-3,5,2,-1,-4],
//      [1,-1,-3,-5,4,2,0,-2,-4,5], [5,4,3,2,1,0,-1,-2,-3,-4], [2,2,2,2,2,2,2,2,2,2],
//      [3,4,5,-5,-4,-3,-2,-1,0,1]]
//   a = convA(pad(x, 1)) + [1, -2], 10x10x2; e.g. a[0][0]: the window is
//       rows -1..1, columns -1..1 of x (zeros outside), channel 0:
//       -5*1 + -2*-2 + -3*1 + 1*-2 = -6, + 1 = -5; channel 1:
//       -5*-1 + -2*1 + -3*2 + 1*1 = -2, - 2 = -4.
//        -5,-4   -11,0    -1,8    -2,-6   19,2   -15,-12   -5,-4   27,-7    -7,1     6,-9
//        19,3   -17,-11   19,-11 -11,0    36,-11  -5,-11  -24,0    12,0    -18,22    6,-5
//        22,-6  -25,4     14,-10 -24,20   26,-16 -12,14    -6,0    11,-14   -5,5    19,-18
//        12,1   -10,18    -1,-21   8,17   17,-22  -7,5     13,-12  11,-7   -24,9     2,-11
//        11,-9   17,-2   -15,-11   8,2     9,-7  -34,17     0,-3   12,10     2,1    -1,-28
//        -3,-3   12,-1    -6,-2  -13,-25  24,7   -16,17    -1,-17  25,-7     7,-8    10,-3
//         3,8     8,10     4,6   -22,2    -4,-2    3,5     -1,-10   6,-3     2,-7    13,-24
//        -4,2     5,9     15,2     3,6    -9,-1  -10,14     0,7    10,0     -2,4   -14,-3
//       -24,12  -30,29    -6,19  -15,-2    9,-12  11,-11   13,-10  15,-9    17,-8   17,-6
//       -12,1   -12,8     10,-2   -1,10  -12,0   -12,1    -12,2   -12,3    -12,4    -4,1
//   q = maxpool 2x2 stride 1 of a, 9x9x2; e.g. q[0][0] = (max(-5,-11,19,-17),
//       max(-4,0,3,-11)) = (19, 3).
//        19,3    19,8    19,8    36,2    36,2    -5,0    27,0    27,22    6,22
//        22,4    19,4    19,20   36,20   36,14   -5,14   12,0    12,22   19,22
//        22,18   14,18   14,20   26,20   26,14   13,14   13,0    11,9    19,9
//        17,18   17,18    8,17   17,17   17,17   13,17   13,10   12,10    2,9
//        17,-1   17,-1    8,2    24,7    24,17    0,17   25,10   25,10   10,1
//        12,10   12,10    4,6    24,7    24,17    3,17   25,-3   25,-3   13,-3
//         8,10   15,10   15,6     3,6     3,14    3,14   10,7    10,4    13,4
//         5,29   15,29   15,19    9,6    11,14   13,14   15,7    17,4    17,4
//       -12,29   10,29   10,19    9,10   11,1    13,2    15,3    17,4    17,4
//   y = convB(q) (3x3, stride 2, valid: output (i, j) reads rows 2i..2i+2,
//       columns 2j..2j+2) + [2, -1], 4x4x2; e.g. y[0][0][0] =
//       3*2 + 8*-2 + 19*2 + 8*1 + 22*1 + 4*2 + 19*1 + 4*2 + 20*-1 + 18*1
//       + 14*-2 + 20*1 = 83, + 2 = 85, and y[3][3][1] (rows and columns 6..8)
//       = 10*-1 + 7*-2 + 10*-2 + 4*-2 + 13*-2 + 4*-1 + 15*-2 + 7*-1 + 17*1
//       + 4*-1 + 17*-1 + 4*1 + 15*-2 + 3*2 + 17*-1 + 4*-2 + 17*2 + 4*2
//       = -126, - 1 = -127:
//       [[85,-148], [191,-224], [135,-241], [25,-190]]
//       [[106,-246], [115,-214], [143,-171], [48,-181]]
//       [[64,-85], [108,-143], [175,-235], [55,-162]]
//       [[183,-92], [84,-96], [80,-139], [61,-127]]
// Zeroing any row or column of a or q, or replacing a row by its neighbour
// (what a piece reading its rows at a wrong offset, or missing its halo,
// would do), changes y (checked when the test was written).
//
// CHECK:      Unranked Memref base@ = {{.*}} rank = 4 offset = 0 sizes = [1, 4, 4, 2] strides = [32, 8, 2, 1] data =
// CHECK-NEXT: {{^}}{{\[\[\[\[}}85, -148],
// CHECK-NEXT: {{^}}   [191, -224],
// CHECK-NEXT: {{^}}   [135, -241],
// CHECK-NEXT: {{^}}   [25, -190]],
// CHECK-NEXT: {{^}}  {{\[\[}}106, -246],
// CHECK-NEXT: {{^}}   [115, -214],
// CHECK-NEXT: {{^}}   [143, -171],
// CHECK-NEXT: {{^}}   [48, -181]],
// CHECK-NEXT: {{^}}  {{\[\[}}64, -85],
// CHECK-NEXT: {{^}}   [108, -143],
// CHECK-NEXT: {{^}}   [175, -235],
// CHECK-NEXT: {{^}}   [55, -162]],
// CHECK-NEXT: {{^}}  {{\[\[}}183, -92],
// CHECK-NEXT: {{^}}   [84, -96],
// CHECK-NEXT: {{^}}   [80, -139],
// CHECK-NEXT: {{^}}   [61, -127]]]]
// CHECK-NOT:  {{.}}

// The splits, by hand. Sum model: a layer alone needs weights + result +
// received (x, or what an earlier layer or the host made) + workspace; the
// workspace of a convolution is its im2col buffer (output pixels x window
// taps x input channels x 4 B); the zero and -inf accumulators (linalg.fill
// of tensor.empty) and the pool's window tensor.empty are free. f32 = 4 B.
// Sizes: x 10x10x1 = 400 B, padded 12x12x1 = 576 B, wA 3x3x1x2 = 72 B,
// a 10x10x2 = 800 B, bA = bB = 8 B, q 9x9x2 = 648 B, wB 3x3x2x2 = 144 B,
// y 4x4x2 = 128 B. Layers alone:
//   pad   400 + 576 = 976
//   convA 576 + 72 + 800 + im2col 100*9*4 = 3600 -> 5048
//   biasA 800 + 8 + 800 = 1608
//   pool  800 + 648 = 1448
//   convB 648 + 144 + 128 + im2col 16*18*4 = 1152 -> 2072
//   biasB 128 + 8 + 128 = 264
// Loops: conv n, oh, ow, f (parallel), kh, kw, c; pool n, oh, ow, c
// (parallel), kh, kw; bias n, h, w, c. n has 1 iteration: never cut. A
// piece of r output rows and k output columns needs:
//   convA: input (r + 2) x (k + 2) x 1 x 4 + 72 + 8 r k + im2col 36 r k
//   biasA: 8 r k + 8 + 8 r k
//   pool:  input (r + 1) x (k + 1) x 2 x 4 + 8 r k
//   convB: input (2 r + 1) x (2 k + 1) x 2 x 4 + 144 + 8 r k + im2col 72 r k
// and one channel of all rows and columns: convA 576 + 36 + 400 + 3600 =
// 4612, biasA 400 + 4 + 400 = 804, pool 400 + 324 = 724, convB 648 + 72 +
// 64 + 1152 = 1936. The fewest pieces win; a tie goes to fewer bytes moved
// (pieces x (received + result) of the largest piece), then to the earlier
// candidate (single loops before grids, loop 1 before loop 2, fewer row
// blocks first). The liveness model gives a single layer the same bytes.
//
// capacity=700: the pad (976 B) runs on the host: it only moves data or calls an external function.
//   convA: rows alone (k = 10): r = 1, 144 + 72 + 80 + 360 = 656 B, 10
//   pieces; 9 pieces or fewer need r k >= 12, over 700 B (e.g. 4 x 4: 920,
//   5 x 3: 872); 10 pieces of 5 rows x 2 columns: 7*4*4 = 112 + 72 + 80 +
//   360 = 624 B, moving 10 * (112 + 80) = 1920 B < 10 * (144 + 80) = 2240 B:
//   a grid of 2 row blocks x 5 column blocks (5 x 2 blocks, the same bytes,
//   comes later).
//   biasA: 160 r + 8 (k = 10) <= 700 -> r <= 4: ceil(10 / 4) = 3 pieces of
//   4, 4, 2 rows: 648, 648, 328 B (one channel, 804 B, does not fit; a grid
//   has at least 4 pieces).
//   pool: 80 (r + 1) + 72 r = 152 r + 80 <= 700 -> r <= 4: ceil(9 / 4) = 3
//   pieces, balanced to 3 rows each: 536 B (one channel: 724 B).
//   convB: rows alone: r = 1, 3*9*8 = 216 + 144 + 32 + 288 = 680 B, 4
//   pieces; 2 x 2 rows x columns: 5*5*8 = 200 + 144 + 32 + 288 = 664 B, 4
//   pieces moving 4 * (200 + 32) = 928 B < 4 * (216 + 32) = 992 B: the grid.
//   (3 pieces would need 4 rows x 2 columns: 1144 B.) biasB fits.
// REMARK700:     remark: {{.*}}'tensor.pad' (976 B) runs on the host: it only moves data or calls an external function
// REMARK700:     remark: {{.*}}split 'linalg.conv_2d_nhwc_hwcf' (5048 B) into 10 pieces along loops 1 (2) x 2 (5), of 624 624 624 624 624 624 624 624 624 624 B; the host cuts their inputs and assembles their results
// REMARK700:     remark: {{.*}}split 'linalg.generic' (1608 B) into 3 pieces along loop 1 (3), of 648 648 328 B; the host cuts their inputs and assembles their results
// REMARK700:     remark: {{.*}}split 'linalg.pooling_nhwc_max' (1448 B) into 3 pieces along loop 1 (3), of 536 536 536 B; the host cuts their inputs and assembles their results
// REMARK700:     remark: {{.*}}split 'linalg.conv_2d_nhwc_hwcf' (2072 B) into 4 pieces along loops 1 (2) x 2 (2), of 664 664 664 664 B; the host cuts their inputs and assembles their results
// REMARK700-NOT: remark: {{.*}}split
//
// capacity=1000: the pad fits (976 B).
//   convA: 7 pieces or fewer would need 10 rows x 2 columns (1144 B) or 5 x
//   4 (1120 B); 8 pieces of 5 rows x 3 columns: 7*5*4 = 140 + 72 + 120 + 540
//   = 872 B (2 row blocks x 4 column blocks of 3, 3, 3, 1 columns; 5 x 1:
//   7*3*4 = 84 + 72 + 40 + 180 = 376 B); 3 x 5 is the same, later.
//   biasA: r <= 6: 2 pieces of 5 rows (808 B), or 2 of one channel (804 B);
//   both move 2 * (400 + 400) B: the earlier loop 1.
//   pool: 2 pieces of 5 + 4 rows (840, 688 B, moving 2 * (480 + 360) = 1680
//   B) or of one channel (724 B, moving 2 * (400 + 324) = 1448 B): loop 3.
//   convB: the 2 x 2 grid again (664 B, 4 pieces; 3 pieces do not fit).
// REMARK1000-NOT: remark: {{.*}}'tensor.pad'
// REMARK1000:     remark: {{.*}}split 'linalg.conv_2d_nhwc_hwcf' (5048 B) into 8 pieces along loops 1 (2) x 2 (4), of 872 872 872 376 872 872 872 376 B; the host cuts their inputs and assembles their results
// REMARK1000:     remark: {{.*}}split 'linalg.generic' (1608 B) into 2 pieces along loop 1 (2), of 808 808 B; the host cuts their inputs and assembles their results
// REMARK1000:     remark: {{.*}}split 'linalg.pooling_nhwc_max' (1448 B) into 2 pieces along loop 3 (2), of 724 724 B; the host cuts their inputs and assembles their results
// REMARK1000:     remark: {{.*}}split 'linalg.conv_2d_nhwc_hwcf' (2072 B) into 4 pieces along loops 1 (2) x 2 (2), of 664 664 664 664 B; the host cuts their inputs and assembles their results
// REMARK1000-NOT: remark: {{.*}}split
//
// capacity=1200: convA: 2 rows x 10 columns: 4*12*4 = 192 + 72 + 160 + 720
//   = 1144 B, 5 pieces (10 rows x 2 columns: the same, later); no grid has 5
//   pieces or fewer (5 x 5: 1368 B; 5 x 4 gives 6). biasA and the pool as at
//   1000 B. convB: 2 rows x 4 columns: 5*9*8 = 360 + 144 + 64 + 576 = 1144
//   B, 2 pieces (4 x 2, the same, later).
// REMARK1200-NOT: remark: {{.*}}'tensor.pad'
// REMARK1200:     remark: {{.*}}split 'linalg.conv_2d_nhwc_hwcf' (5048 B) into 5 pieces along loop 1 (5), of 1144 1144 1144 1144 1144 B; the host cuts their inputs and assembles their results
// REMARK1200:     remark: {{.*}}split 'linalg.generic' (1608 B) into 2 pieces along loop 1 (2), of 808 808 B; the host cuts their inputs and assembles their results
// REMARK1200:     remark: {{.*}}split 'linalg.pooling_nhwc_max' (1448 B) into 2 pieces along loop 3 (2), of 724 724 B; the host cuts their inputs and assembles their results
// REMARK1200:     remark: {{.*}}split 'linalg.conv_2d_nhwc_hwcf' (2072 B) into 2 pieces along loop 1 (2), of 1144 1144 B; the host cuts their inputs and assembles their results
// REMARK1200-NOT: remark: {{.*}}split

// capacity=1200, the host's slices of the row cuts: overlapping rows.
// convA piece p (output rows 2p, 2p + 1) reads padded rows 2p .. 2p + 3:
// each piece shares 2 rows with the next.
// ROWS-LABEL: func.func @forward(
// ROWS-NEXT:  %[[P:.*]] = call @forward__part0(%arg0) : (tensor<1x10x10x1xf32>) -> tensor<1x12x12x1xf32>
// ROWS-NEXT:  tensor.extract_slice %[[P]][0, 0, 0, 0] [1, 4, 12, 1] [1, 1, 1, 1] {cachepart.host}
// ROWS-NEXT:  call @forward__part1({{.*}}) : (tensor<1x4x12x1xf32>) -> tensor<1x2x10x2xf32>
// ROWS-NEXT:  tensor.extract_slice %[[P]][0, 2, 0, 0] [1, 4, 12, 1] [1, 1, 1, 1] {cachepart.host}
// ROWS-NEXT:  call @forward__part2({{.*}}) : (tensor<1x4x12x1xf32>) -> tensor<1x2x10x2xf32>
// ROWS-NEXT:  tensor.extract_slice %[[P]][0, 4, 0, 0] [1, 4, 12, 1] [1, 1, 1, 1] {cachepart.host}
// ROWS-NEXT:  call @forward__part3({{.*}}) : (tensor<1x4x12x1xf32>) -> tensor<1x2x10x2xf32>
// ROWS-NEXT:  tensor.extract_slice %[[P]][0, 6, 0, 0] [1, 4, 12, 1] [1, 1, 1, 1] {cachepart.host}
// ROWS-NEXT:  call @forward__part4({{.*}}) : (tensor<1x4x12x1xf32>) -> tensor<1x2x10x2xf32>
// ROWS-NEXT:  tensor.extract_slice %[[P]][0, 8, 0, 0] [1, 4, 12, 1] [1, 1, 1, 1] {cachepart.host}
// ROWS-NEXT:  call @forward__part5({{.*}}) : (tensor<1x4x12x1xf32>) -> tensor<1x2x10x2xf32>
// ROWS-NEXT:  tensor.concat dim(1) %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {cachepart.host} : (tensor<1x2x10x2xf32>, tensor<1x2x10x2xf32>, tensor<1x2x10x2xf32>, tensor<1x2x10x2xf32>, tensor<1x2x10x2xf32>) -> tensor<1x10x10x2xf32>
// The pool is cut along channels: no halo, each piece reads one channel.
// ROWS:       tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 10, 10, 1] [1, 1, 1, 1] {cachepart.host}
// ROWS-NEXT:  call @forward__part8({{.*}}) : (tensor<1x10x10x1xf32>) -> tensor<1x9x9x1xf32>
// ROWS-NEXT:  tensor.extract_slice %{{.*}}[0, 0, 0, 1] [1, 10, 10, 1] [1, 1, 1, 1] {cachepart.host}
// ROWS-NEXT:  call @forward__part9({{.*}}) : (tensor<1x10x10x1xf32>) -> tensor<1x9x9x1xf32>
// ROWS-NEXT:  %[[Q:.*]] = tensor.concat dim(3) %{{.*}}, %{{.*}} {cachepart.host} : (tensor<1x9x9x1xf32>, tensor<1x9x9x1xf32>) -> tensor<1x9x9x2xf32>
// convB piece p (output rows 2p, 2p + 1, stride 2) reads rows 4p .. 4p + 4
// of q: row 4 is read by both.
// ROWS-NEXT:  tensor.extract_slice %[[Q]][0, 0, 0, 0] [1, 5, 9, 2] [1, 1, 1, 1] {cachepart.host}
// ROWS-NEXT:  call @forward__part10({{.*}}) : (tensor<1x5x9x2xf32>) -> tensor<1x2x4x2xf32>
// ROWS-NEXT:  tensor.extract_slice %[[Q]][0, 4, 0, 0] [1, 5, 9, 2] [1, 1, 1, 1] {cachepart.host}
// ROWS-NEXT:  call @forward__part11({{.*}}) : (tensor<1x5x9x2xf32>) -> tensor<1x2x4x2xf32>
// ROWS-NEXT:  tensor.concat dim(1) %{{.*}}, %{{.*}} {cachepart.host} : (tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>) -> tensor<1x4x4x2xf32>
// ROWS-NEXT:  call @forward__part12(
// ROWS-NEXT:  return
// The pad runs on card0. A convA piece holds all of wA (a spatial cut does
// not slice weights): 1144 B = 4*12*4 = 192 received + 72 weights + 160
// result + 720 im2col.
// ROWS-LABEL: func.func private @forward__part0(
// ROWS:         tensor.pad
// ROWS-LABEL: func.func private @forward__part1(
// ROWS-SAME:    cachepart.footprint = {activations = 160 : i64, received = 192 : i64, total = 1144 : i64, weights = 72 : i64, workspace = 720 : i64}
// ROWS:         linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%arg0, %{{.*}} : tensor<1x4x12x1xf32>, tensor<3x3x1x2xf32>) outs(%{{.*}} : tensor<1x2x10x2xf32>)
// The stride survives in the convB pieces: 1144 B = 360 received + 144
// weights + 64 result + 576 im2col.
// ROWS-LABEL: func.func private @forward__part10(
// ROWS-SAME:    cachepart.footprint = {activations = 64 : i64, received = 360 : i64, total = 1144 : i64, weights = 144 : i64, workspace = 576 : i64}
// ROWS:         linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%arg0, %{{.*}} : tensor<1x5x9x2xf32>, tensor<3x3x2x2xf32>) outs(%{{.*}} : tensor<1x2x4x2xf32>)

// capacity=700, the host's slices of the grids and of the pool's rows.
// The pad runs on the host. convA piece (i, j) (output rows 5i .. 5i + 4,
// columns 2j, 2j + 1) reads padded rows 5i .. 5i + 6 and columns 2j ..
// 2j + 3: neighbours share 2 rows or 2 columns.
// GRID-LABEL: func.func @forward(
// GRID:       %[[P:.*]] = tensor.pad %arg0 low[0, 1, 1, 0] high[0, 1, 1, 0]
// GRID:       } {cachepart.host} : tensor<1x10x10x1xf32> to tensor<1x12x12x1xf32>
// GRID-NEXT:  tensor.extract_slice %[[P]][0, 0, 0, 0] [1, 7, 4, 1] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part0({{.*}}) : (tensor<1x7x4x1xf32>) -> tensor<1x5x2x2xf32>
// GRID-NEXT:  tensor.extract_slice %[[P]][0, 0, 2, 0] [1, 7, 4, 1] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part1(
// GRID-NEXT:  tensor.extract_slice %[[P]][0, 0, 4, 0] [1, 7, 4, 1] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part2(
// GRID-NEXT:  tensor.extract_slice %[[P]][0, 0, 6, 0] [1, 7, 4, 1] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part3(
// GRID-NEXT:  tensor.extract_slice %[[P]][0, 0, 8, 0] [1, 7, 4, 1] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part4(
// GRID-NEXT:  tensor.extract_slice %[[P]][0, 5, 0, 0] [1, 7, 4, 1] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part5(
// GRID-NEXT:  tensor.extract_slice %[[P]][0, 5, 2, 0] [1, 7, 4, 1] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part6(
// GRID-NEXT:  tensor.extract_slice %[[P]][0, 5, 4, 0] [1, 7, 4, 1] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part7(
// GRID-NEXT:  tensor.extract_slice %[[P]][0, 5, 6, 0] [1, 7, 4, 1] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part8(
// GRID-NEXT:  tensor.extract_slice %[[P]][0, 5, 8, 0] [1, 7, 4, 1] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part9(
// The grid's assembly: each row of pieces along the columns (dim 2), then
// the two rows (dim 1); the outliner places the second row's concat first.
// GRID-NEXT:  %[[R1:.*]] = tensor.concat dim(2) %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {cachepart.host} : (tensor<1x5x2x2xf32>, tensor<1x5x2x2xf32>, tensor<1x5x2x2xf32>, tensor<1x5x2x2xf32>, tensor<1x5x2x2xf32>) -> tensor<1x5x10x2xf32>
// GRID-NEXT:  %[[R0:.*]] = tensor.concat dim(2) %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {cachepart.host} : (tensor<1x5x2x2xf32>, tensor<1x5x2x2xf32>, tensor<1x5x2x2xf32>, tensor<1x5x2x2xf32>, tensor<1x5x2x2xf32>) -> tensor<1x5x10x2xf32>
// GRID-NEXT:  tensor.concat dim(1) %[[R0]], %[[R1]] {cachepart.host} : (tensor<1x5x10x2xf32>, tensor<1x5x10x2xf32>) -> tensor<1x10x10x2xf32>
// biasA: rows 0-3, 4-7, 8-9, no halo.
// GRID-NEXT:  tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 4, 10, 2] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part10(
// GRID-NEXT:  tensor.extract_slice %{{.*}}[0, 4, 0, 0] [1, 4, 10, 2] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part11(
// GRID-NEXT:  tensor.extract_slice %{{.*}}[0, 8, 0, 0] [1, 2, 10, 2] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part12(
// GRID-NEXT:  %[[A:.*]] = tensor.concat dim(1) %{{.*}}, %{{.*}}, %{{.*}} {cachepart.host} : (tensor<1x4x10x2xf32>, tensor<1x4x10x2xf32>, tensor<1x2x10x2xf32>) -> tensor<1x10x10x2xf32>
// Pool piece p (output rows 3p .. 3p + 2) reads rows 3p .. 3p + 3 of a:
// rows 3 and 6 are read twice.
// GRID-NEXT:  tensor.extract_slice %[[A]][0, 0, 0, 0] [1, 4, 10, 2] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part13({{.*}}) : (tensor<1x4x10x2xf32>) -> tensor<1x3x9x2xf32>
// GRID-NEXT:  tensor.extract_slice %[[A]][0, 3, 0, 0] [1, 4, 10, 2] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part14({{.*}}) : (tensor<1x4x10x2xf32>) -> tensor<1x3x9x2xf32>
// GRID-NEXT:  tensor.extract_slice %[[A]][0, 6, 0, 0] [1, 4, 10, 2] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part15({{.*}}) : (tensor<1x4x10x2xf32>) -> tensor<1x3x9x2xf32>
// GRID-NEXT:  %[[Q:.*]] = tensor.concat dim(1) %{{.*}}, %{{.*}}, %{{.*}} {cachepart.host} : (tensor<1x3x9x2xf32>, tensor<1x3x9x2xf32>, tensor<1x3x9x2xf32>) -> tensor<1x9x9x2xf32>
// convB piece (i, j) (output rows 2i, 2i + 1, columns 2j, 2j + 1, stride 2)
// reads rows 4i .. 4i + 4 and columns 4j .. 4j + 4 of q: row 4 and column 4
// are read twice.
// GRID-NEXT:  tensor.extract_slice %[[Q]][0, 0, 0, 0] [1, 5, 5, 2] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part16({{.*}}) : (tensor<1x5x5x2xf32>) -> tensor<1x2x2x2xf32>
// GRID-NEXT:  tensor.extract_slice %[[Q]][0, 0, 4, 0] [1, 5, 5, 2] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part17({{.*}}) : (tensor<1x5x5x2xf32>) -> tensor<1x2x2x2xf32>
// GRID-NEXT:  tensor.extract_slice %[[Q]][0, 4, 0, 0] [1, 5, 5, 2] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part18({{.*}}) : (tensor<1x5x5x2xf32>) -> tensor<1x2x2x2xf32>
// GRID-NEXT:  tensor.extract_slice %[[Q]][0, 4, 4, 0] [1, 5, 5, 2] [1, 1, 1, 1] {cachepart.host}
// GRID-NEXT:  call @forward__part19({{.*}}) : (tensor<1x5x5x2xf32>) -> tensor<1x2x2x2xf32>
// GRID-NEXT:  %[[S1:.*]] = tensor.concat dim(2) %{{.*}}, %{{.*}} {cachepart.host} : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x4x2xf32>
// GRID-NEXT:  %[[S0:.*]] = tensor.concat dim(2) %{{.*}}, %{{.*}} {cachepart.host} : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x4x2xf32>
// GRID-NEXT:  tensor.concat dim(1) %[[S0]], %[[S1]] {cachepart.host} : (tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>) -> tensor<1x4x4x2xf32>
// GRID-NEXT:  call @forward__part20(
// GRID-NEXT:  return
// 624 B = 112 received + 72 weights + 80 result + 360 im2col.
// GRID-LABEL: func.func private @forward__part0(
// GRID-SAME:    cachepart.footprint = {activations = 80 : i64, received = 112 : i64, total = 624 : i64, weights = 72 : i64, workspace = 360 : i64}
// 664 B = 200 received + 144 weights + 32 result + 288 im2col.
// GRID-LABEL: func.func private @forward__part16(
// GRID-SAME:    cachepart.footprint = {activations = 32 : i64, received = 200 : i64, total = 664 : i64, weights = 144 : i64, workspace = 288 : i64}
// GRID:         linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%arg0, %{{.*}} : tensor<1x5x5x2xf32>, tensor<3x3x2x2xf32>) outs(%{{.*}} : tensor<1x2x2x2xf32>)

#id4 = affine_map<(n, h, w, c) -> (n, h, w, c)>
#ch4 = affine_map<(n, h, w, c) -> (c)>
module {
  func.func @forward(%x: tensor<1x10x10x1xf32>) -> tensor<1x4x4x2xf32> {
    %zero = arith.constant 0.0 : f32
    %ninf = arith.constant 0xFF800000 : f32
    %wA = arith.constant dense<[[[[-1.0, 2.0]], [[-2.0, 0.0]], [[-2.0, 1.0]]],
                                [[[1.0, 1.0]], [[1.0, -1.0]], [[-2.0, 1.0]]],
                                [[[-2.0, 1.0]], [[1.0, 2.0]], [[-2.0, 1.0]]]]> : tensor<3x3x1x2xf32>
    %bA = arith.constant dense<[1.0, -2.0]> : tensor<2xf32>
    %wB = arith.constant dense<[[[[0.0, -1.0], [2.0, -2.0]], [[0.0, -2.0], [-2.0, -2.0]], [[2.0, -2.0], [1.0, -1.0]]],
                                [[[1.0, -2.0], [2.0, -1.0]], [[1.0, 1.0], [2.0, -1.0]], [[0.0, -1.0], [-1.0, 1.0]]],
                                [[[0.0, -2.0], [1.0, 2.0]], [[-2.0, -1.0], [0.0, -2.0]], [[0.0, 2.0], [1.0, 2.0]]]]> : tensor<3x3x2x2xf32>
    %bB = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>

    // Zero padding 1, as torch-mlir emits it before a "same" convolution.
    %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
    ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
      tensor.yield %zero : f32
    } : tensor<1x10x10x1xf32> to tensor<1x12x12x1xf32>

    // convA: 3x3, stride 1, 1 -> 2 channels, + bias.
    %eA = tensor.empty() : tensor<1x10x10x2xf32>
    %fA = linalg.fill ins(%zero : f32) outs(%eA : tensor<1x10x10x2xf32>) -> tensor<1x10x10x2xf32>
    %cA = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%p, %wA : tensor<1x12x12x1xf32>, tensor<3x3x1x2xf32>) outs(%fA : tensor<1x10x10x2xf32>) -> tensor<1x10x10x2xf32>
    %a = linalg.generic {indexing_maps = [#id4, #ch4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%cA, %bA : tensor<1x10x10x2xf32>, tensor<2xf32>) outs(%eA : tensor<1x10x10x2xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      linalg.yield %s : f32
    } -> tensor<1x10x10x2xf32>

    // Max pool 2x2, stride 1 (overlapping windows).
    %win = tensor.empty() : tensor<2x2xf32>
    %eQ = tensor.empty() : tensor<1x9x9x2xf32>
    %fQ = linalg.fill ins(%ninf : f32) outs(%eQ : tensor<1x9x9x2xf32>) -> tensor<1x9x9x2xf32>
    %q = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%a, %win : tensor<1x10x10x2xf32>, tensor<2x2xf32>) outs(%fQ : tensor<1x9x9x2xf32>) -> tensor<1x9x9x2xf32>

    // convB: 3x3, stride 2, valid, 2 -> 2 channels, + bias.
    %eB = tensor.empty() : tensor<1x4x4x2xf32>
    %fB = linalg.fill ins(%zero : f32) outs(%eB : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
    %cB = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
        ins(%q, %wB : tensor<1x9x9x2xf32>, tensor<3x3x2x2xf32>) outs(%fB : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
    %y = linalg.generic {indexing_maps = [#id4, #ch4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%cB, %bB : tensor<1x4x4x2xf32>, tensor<2xf32>) outs(%eB : tensor<1x4x4x2xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      linalg.yield %s : f32
    } -> tensor<1x4x4x2xf32>
    return %y : tensor<1x4x4x2xf32>
  }

  // The driver: not partitioned (see the header).
  func.func @main() attributes {cachepart.partitioned} {
    %x = arith.constant dense<[[[[-5.0], [-2.0], [1.0], [4.0], [-4.0], [-1.0], [2.0], [5.0], [-3.0], [0.0]],
                                [[-3.0], [1.0], [5.0], [-2.0], [2.0], [-5.0], [-1.0], [3.0], [-4.0], [0.0]],
                                [[3.0], [-3.0], [2.0], [-4.0], [1.0], [-5.0], [0.0], [5.0], [-1.0], [4.0]],
                                [[2.0], [-3.0], [3.0], [-2.0], [4.0], [-1.0], [5.0], [0.0], [-5.0], [1.0]],
                                [[5.0], [1.0], [-3.0], [4.0], [0.0], [-4.0], [3.0], [-1.0], [-5.0], [2.0]],
                                [[1.0], [-2.0], [-5.0], [3.0], [0.0], [-3.0], [5.0], [2.0], [-1.0], [-4.0]],
                                [[1.0], [-1.0], [-3.0], [-5.0], [4.0], [2.0], [0.0], [-2.0], [-4.0], [5.0]],
                                [[5.0], [4.0], [3.0], [2.0], [1.0], [0.0], [-1.0], [-2.0], [-3.0], [-4.0]],
                                [[2.0], [2.0], [2.0], [2.0], [2.0], [2.0], [2.0], [2.0], [2.0], [2.0]],
                                [[3.0], [4.0], [5.0], [-5.0], [-4.0], [-3.0], [-2.0], [-1.0], [0.0], [1.0]]]]> : tensor<1x10x10x1xf32>
    %r = call @forward(%x) : (tensor<1x10x10x1xf32>) -> tensor<1x4x4x2xf32>
    %u = tensor.cast %r : tensor<1x4x4x2xf32> to tensor<*xf32>
    call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
    return
  }
  func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}
}
