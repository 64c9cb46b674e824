// RUN: cachepart-opt %s --cache-partition="capacity=150" 2>/dev/null | FileCheck %s
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=150" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK

// oversize=split (the default) on tiny matmuls, with the exact IR: the
// parent's calls, the host's slicing and assembly ({cachepart.host}) with
// their offsets and sizes, and each part's share of the weights. Every card
// holds 150 B. Sum model: a layer needs weights + result + received (what it
// reads from outside: arguments, host values); f32 = 4 B; the zero
// accumulators (linalg.fill of tensor.empty) are free. Loop 0 = rows (M),
// loop 1 = columns (N); K is a reduction and is never cut. Weight element
// (k, n) is 10 k + n in the dense weights, so every slice reads off by hand.

// 1. @split_n: x 2x8 (64 B, an argument), w 8x5 (160 B), result 2x5 (40 B):
//    64 + 160 + 40 = 264 B > 150 B.
//    Along N, a piece of t columns needs 64 + 8*4*t + 2*4*t = 64 + 40 t B:
//    t <= 2 (144 B; t = 3 is 184 B), so ceil(5 / 2) = 3 pieces; balanced
//    tiles ceil(5 / 3) = 2, 2 and the rest 1 (64 + 40 = 104 B).
//    Along M one row needs 32 + 160 + 20 = 212 B > 150 B: not an option.
//    x is read whole by every piece (no host slice), the weights are cut into
//    columns 0-1, 2-3, 4 and folded into three smaller dense constants.
func.func @split_n(%x: tensor<2x8xf32>) -> tensor<2x5xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0],
                             [10.0, 11.0, 12.0, 13.0, 14.0],
                             [20.0, 21.0, 22.0, 23.0, 24.0],
                             [30.0, 31.0, 32.0, 33.0, 34.0],
                             [40.0, 41.0, 42.0, 43.0, 44.0],
                             [50.0, 51.0, 52.0, 53.0, 54.0],
                             [60.0, 61.0, 62.0, 63.0, 64.0],
                             [70.0, 71.0, 72.0, 73.0, 74.0]]> : tensor<8x5xf32>
  %e = tensor.empty() : tensor<2x5xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x5xf32>) -> tensor<2x5xf32>
  %m = linalg.matmul ins(%x, %w : tensor<2x8xf32>, tensor<8x5xf32>) outs(%f : tensor<2x5xf32>) -> tensor<2x5xf32>
  // REMARK: split-ir.mlir:[[@LINE-1]]:8: remark: {{.*}}split 'linalg.matmul' (264 B) into 3 pieces along loop 1 (3), of 144 144 104 B; the host cuts their inputs and assembles their results
  return %m : tensor<2x5xf32>
}
// CHECK-LABEL: func.func @split_n(
// CHECK-SAME:      %[[X:.*]]: tensor<2x8xf32>) -> tensor<2x5xf32> attributes {cachepart.partitioned} {
// CHECK-NEXT:    %[[P0:.*]] = call @split_n__part0(%[[X]]) : (tensor<2x8xf32>) -> tensor<2x2xf32>
// CHECK-NEXT:    %[[P1:.*]] = call @split_n__part1(%[[X]]) : (tensor<2x8xf32>) -> tensor<2x2xf32>
// CHECK-NEXT:    %[[P2:.*]] = call @split_n__part2(%[[X]]) : (tensor<2x8xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    %[[C:.*]] = tensor.concat dim(1) %[[P0]], %[[P1]], %[[P2]] {cachepart.host} : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x1xf32>) -> tensor<2x5xf32>
// CHECK-NEXT:    return %[[C]] : tensor<2x5xf32>
// CHECK-NEXT:  }
// Footprints: 64 received + 8*2*4 = 64 weights + 2*2*4 = 16 result = 144 B,
// and 64 + 32 + 8 = 104 B for the last piece.
// CHECK-LABEL: func.func private @split_n__part0(
// CHECK-SAME:      cachepart.footprint = {activations = 16 : i64, received = 64 : i64, total = 144 : i64, weights = 64 : i64, workspace = 0 : i64}
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[}}[0.000000e+00, 1.000000e+00], [1.000000e+01, 1.100000e+01], [2.000000e+01, 2.100000e+01], [3.000000e+01, 3.100000e+01], [4.000000e+01, 4.100000e+01], [5.000000e+01, 5.100000e+01], [6.000000e+01, 6.100000e+01], [7.000000e+01, 7.100000e+01]]> : tensor<8x2xf32>
// CHECK:         linalg.matmul ins(%arg0, %[[W]] : tensor<2x8xf32>, tensor<8x2xf32>) outs(%{{.*}} : tensor<2x2xf32>) -> tensor<2x2xf32>
// CHECK-LABEL: func.func private @split_n__part1(
// CHECK-SAME:      cachepart.footprint = {activations = 16 : i64, received = 64 : i64, total = 144 : i64, weights = 64 : i64, workspace = 0 : i64}
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[}}[2.000000e+00, 3.000000e+00], [1.200000e+01, 1.300000e+01], [2.200000e+01, 2.300000e+01], [3.200000e+01, 3.300000e+01], [4.200000e+01, 4.300000e+01], [5.200000e+01, 5.300000e+01], [6.200000e+01, 6.300000e+01], [7.200000e+01, 7.300000e+01]]> : tensor<8x2xf32>
// CHECK:         linalg.matmul ins(%arg0, %[[W]] : tensor<2x8xf32>, tensor<8x2xf32>) outs(%{{.*}} : tensor<2x2xf32>) -> tensor<2x2xf32>
// CHECK-LABEL: func.func private @split_n__part2(
// CHECK-SAME:      cachepart.footprint = {activations = 8 : i64, received = 64 : i64, total = 104 : i64, weights = 32 : i64, workspace = 0 : i64}
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[}}[4.000000e+00], [1.400000e+01], [2.400000e+01], [3.400000e+01], [4.400000e+01], [5.400000e+01], [6.400000e+01], [7.400000e+01]]> : tensor<8x1xf32>
// CHECK:         linalg.matmul ins(%arg0, %[[W]] : tensor<2x8xf32>, tensor<8x1xf32>) outs(%{{.*}} : tensor<2x1xf32>) -> tensor<2x1xf32>

// 2. @split_m: x 4x8 (128 B), w 8x2 (64 B), result 4x2 (32 B) = 224 B.
//    Along M, t rows need 8*4*t + 64 + 2*4*t = 64 + 40 t B: t <= 2 (144 B),
//    2 pieces. Along N one column needs 128 + 32 + 16 = 176 B > 150 B.
//    The host cuts x into rows 0-1 and 2-3; both parts hold all of w.
func.func @split_m(%x: tensor<4x8xf32>) -> tensor<4x2xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[0.0, 1.0], [10.0, 11.0], [20.0, 21.0], [30.0, 31.0],
                             [40.0, 41.0], [50.0, 51.0], [60.0, 61.0], [70.0, 71.0]]> : tensor<8x2xf32>
  %e = tensor.empty() : tensor<4x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %m = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x2xf32>) outs(%f : tensor<4x2xf32>) -> tensor<4x2xf32>
  // REMARK: split-ir.mlir:[[@LINE-1]]:8: remark: {{.*}}split 'linalg.matmul' (224 B) into 2 pieces along loop 0 (2), of 144 144 B; the host cuts their inputs and assembles their results
  return %m : tensor<4x2xf32>
}
// CHECK-LABEL: func.func @split_m(
// CHECK-SAME:      %[[X:.*]]: tensor<4x8xf32>) -> tensor<4x2xf32> attributes {cachepart.partitioned} {
// CHECK-NEXT:    %[[S0:.*]] = tensor.extract_slice %[[X]][0, 0] [2, 8] [1, 1] {cachepart.host} : tensor<4x8xf32> to tensor<2x8xf32>
// CHECK-NEXT:    %[[P0:.*]] = call @split_m__part0(%[[S0]]) : (tensor<2x8xf32>) -> tensor<2x2xf32>
// CHECK-NEXT:    %[[S1:.*]] = tensor.extract_slice %[[X]][2, 0] [2, 8] [1, 1] {cachepart.host} : tensor<4x8xf32> to tensor<2x8xf32>
// CHECK-NEXT:    %[[P1:.*]] = call @split_m__part1(%[[S1]]) : (tensor<2x8xf32>) -> tensor<2x2xf32>
// CHECK-NEXT:    %[[C:.*]] = tensor.concat dim(0) %[[P0]], %[[P1]] {cachepart.host} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT:    return %[[C]] : tensor<4x2xf32>
// CHECK-NEXT:  }
// 64 received (2 rows) + 64 weights + 16 result = 144 B.
// CHECK-LABEL: func.func private @split_m__part0(
// CHECK-SAME:      cachepart.footprint = {activations = 16 : i64, received = 64 : i64, total = 144 : i64, weights = 64 : i64, workspace = 0 : i64}
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[}}[0.000000e+00, 1.000000e+00], [1.000000e+01, 1.100000e+01], [2.000000e+01, 2.100000e+01], [3.000000e+01, 3.100000e+01], [4.000000e+01, 4.100000e+01], [5.000000e+01, 5.100000e+01], [6.000000e+01, 6.100000e+01], [7.000000e+01, 7.100000e+01]]> : tensor<8x2xf32>
// CHECK:         linalg.matmul ins(%arg0, %[[W]] : tensor<2x8xf32>, tensor<8x2xf32>) outs(%{{.*}} : tensor<2x2xf32>) -> tensor<2x2xf32>
// CHECK-LABEL: func.func private @split_m__part1(
// CHECK-SAME:      cachepart.footprint = {activations = 16 : i64, received = 64 : i64, total = 144 : i64, weights = 64 : i64, workspace = 0 : i64}
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[}}[0.000000e+00, 1.000000e+00], [1.000000e+01, 1.100000e+01], [2.000000e+01, 2.100000e+01], [3.000000e+01, 3.100000e+01], [4.000000e+01, 4.100000e+01], [5.000000e+01, 5.100000e+01], [6.000000e+01, 6.100000e+01], [7.000000e+01, 7.100000e+01]]> : tensor<8x2xf32>
// CHECK:         linalg.matmul ins(%arg0, %[[W]] : tensor<2x8xf32>, tensor<8x2xf32>) outs(%{{.*}} : tensor<2x2xf32>) -> tensor<2x2xf32>

// 3. @splat: splat weights 4x6 (96 B) and a splat (constant, hence weight)
//    accumulator 2x6 (48 B), x 2x4 (32 B), result 2x6 (48 B) = 224 B.
//    Along N, t columns: 32 + 16 t + 8 t + 8 t = 32 + 32 t: t <= 3 (128 B),
//    2 pieces. Along M one row: 16 + 96 + 24 + 24 = 160 B > 150 B.
//    Both splats are resized, never sliced.
func.func @splat(%x: tensor<2x4xf32>) -> tensor<2x6xf32> {
  %w = arith.constant dense<2.0> : tensor<4x6xf32>
  %acc = arith.constant dense<1.0> : tensor<2x6xf32>
  %m = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x6xf32>) outs(%acc : tensor<2x6xf32>) -> tensor<2x6xf32>
  // REMARK: split-ir.mlir:[[@LINE-1]]:8: remark: {{.*}}split 'linalg.matmul' (224 B) into 2 pieces along loop 1 (2), of 128 128 B; the host cuts their inputs and assembles their results
  return %m : tensor<2x6xf32>
}
// CHECK-LABEL: func.func @splat(
// CHECK-SAME:      %[[X:.*]]: tensor<2x4xf32>) -> tensor<2x6xf32> attributes {cachepart.partitioned} {
// CHECK-NEXT:    %[[P0:.*]] = call @splat__part0(%[[X]]) : (tensor<2x4xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[P1:.*]] = call @splat__part1(%[[X]]) : (tensor<2x4xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[C:.*]] = tensor.concat dim(1) %[[P0]], %[[P1]] {cachepart.host} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
// CHECK-NEXT:    return %[[C]] : tensor<2x6xf32>
// CHECK-NEXT:  }
// 32 received + 48 + 24 weights + 24 result = 128 B.
// CHECK-LABEL: func.func private @splat__part0(
// CHECK-SAME:      cachepart.footprint = {activations = 24 : i64, received = 32 : i64, total = 128 : i64, weights = 72 : i64, workspace = 0 : i64}
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<2.000000e+00> : tensor<4x3xf32>
// CHECK-DAG:     %[[A:.*]] = arith.constant dense<1.000000e+00> : tensor<2x3xf32>
// CHECK:         linalg.matmul ins(%arg0, %[[W]] : tensor<2x4xf32>, tensor<4x3xf32>) outs(%[[A]] : tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-LABEL: func.func private @splat__part1(
// CHECK-SAME:      cachepart.footprint = {activations = 24 : i64, received = 32 : i64, total = 128 : i64, weights = 72 : i64, workspace = 0 : i64}
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<2.000000e+00> : tensor<4x3xf32>
// CHECK-DAG:     %[[A:.*]] = arith.constant dense<1.000000e+00> : tensor<2x3xf32>
// CHECK:         linalg.matmul ins(%arg0, %[[W]] : tensor<2x4xf32>, tensor<4x3xf32>) outs(%[[A]] : tensor<2x3xf32>) -> tensor<2x3xf32>

// 4. @resource: a dense_resource weight 2x20 (160 B; element (k, n) is
//    20 k + n) is not folded: each part slices it itself, and the slice (a
//    free op) counts at its own size. x 1x2 (8 B), result 1x20 (80 B):
//    8 + 160 + 80 = 248 B. Along N, t columns: 8 + 8 t + 4 t = 8 + 12 t:
//    t <= 11 (140 B), 2 pieces of ceil(20 / 2) = 10 (128 B). M is 1: no cut.
func.func @resource(%x: tensor<1x2xf32>) -> tensor<1x20xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense_resource<w2x20> : tensor<2x20xf32>
  %e = tensor.empty() : tensor<1x20xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x20xf32>) -> tensor<1x20xf32>
  %m = linalg.matmul ins(%x, %w : tensor<1x2xf32>, tensor<2x20xf32>) outs(%f : tensor<1x20xf32>) -> tensor<1x20xf32>
  // REMARK: split-ir.mlir:[[@LINE-1]]:8: remark: {{.*}}split 'linalg.matmul' (248 B) into 2 pieces along loop 1 (2), of 128 128 B; the host cuts their inputs and assembles their results
  return %m : tensor<1x20xf32>
}
// CHECK-LABEL: func.func @resource(
// CHECK-SAME:      %[[X:.*]]: tensor<1x2xf32>) -> tensor<1x20xf32> attributes {cachepart.partitioned} {
// CHECK-NEXT:    %[[P0:.*]] = call @resource__part0(%[[X]]) : (tensor<1x2xf32>) -> tensor<1x10xf32>
// CHECK-NEXT:    %[[P1:.*]] = call @resource__part1(%[[X]]) : (tensor<1x2xf32>) -> tensor<1x10xf32>
// CHECK-NEXT:    %[[C:.*]] = tensor.concat dim(1) %[[P0]], %[[P1]] {cachepart.host} : (tensor<1x10xf32>, tensor<1x10xf32>) -> tensor<1x20xf32>
// CHECK-NEXT:    return %[[C]] : tensor<1x20xf32>
// CHECK-NEXT:  }
// 8 received + 2*10*4 = 80 weights + 40 result = 128 B.
// CHECK-LABEL: func.func private @resource__part0(
// CHECK-SAME:      cachepart.footprint = {activations = 40 : i64, received = 8 : i64, total = 128 : i64, weights = 80 : i64, workspace = 0 : i64}
// CHECK:         %[[R:.*]] = arith.constant dense_resource<w2x20> : tensor<2x20xf32>
// CHECK-NEXT:    %[[W:.*]] = tensor.extract_slice %[[R]][0, 0] [2, 10] [1, 1] : tensor<2x20xf32> to tensor<2x10xf32>
// CHECK:         linalg.matmul ins(%arg0, %[[W]] : tensor<1x2xf32>, tensor<2x10xf32>)
// CHECK-LABEL: func.func private @resource__part1(
// CHECK-SAME:      cachepart.footprint = {activations = 40 : i64, received = 8 : i64, total = 128 : i64, weights = 80 : i64, workspace = 0 : i64}
// CHECK:         %[[R:.*]] = arith.constant dense_resource<w2x20> : tensor<2x20xf32>
// CHECK-NEXT:    %[[W:.*]] = tensor.extract_slice %[[R]][0, 10] [2, 10] [1, 1] : tensor<2x20xf32> to tensor<2x10xf32>
// CHECK:         linalg.matmul ins(%arg0, %[[W]] : tensor<1x2xf32>, tensor<2x10xf32>)

// 5. @grid: no single loop can be cut small enough, so the pieces form a
//    grid over M and N. x 2x16 (128 B), w 16x2 (128 B), result 2x2 (16 B):
//    272 B. One row: 64 + 128 + 8 = 200 B > 150; one column: 128 + 64 + 8 =
//    200 B > 150. One row and one column: 64 + 64 + 4 = 132 B: 2 x 2 = 4
//    pieces, row-major: (row 0, col 0), (0, 1), (1, 0), (1, 1).
func.func @grid(%x: tensor<2x16xf32>) -> tensor<2x2xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[0.0, 1.0], [10.0, 11.0], [20.0, 21.0], [30.0, 31.0], [40.0, 41.0], [50.0, 51.0], [60.0, 61.0], [70.0, 71.0],
                             [80.0, 81.0], [90.0, 91.0], [100.0, 101.0], [110.0, 111.0], [120.0, 121.0], [130.0, 131.0], [140.0, 141.0], [150.0, 151.0]]> : tensor<16x2xf32>
  %e = tensor.empty() : tensor<2x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %m = linalg.matmul ins(%x, %w : tensor<2x16xf32>, tensor<16x2xf32>) outs(%f : tensor<2x2xf32>) -> tensor<2x2xf32>
  // REMARK: split-ir.mlir:[[@LINE-1]]:8: remark: {{.*}}split 'linalg.matmul' (272 B) into 4 pieces along loops 0 (2) x 1 (2), of 132 132 132 132 B; the host cuts their inputs and assembles their results
  return %m : tensor<2x2xf32>
}
// CHECK-LABEL: func.func @grid(
// CHECK-SAME:      %[[X:.*]]: tensor<2x16xf32>) -> tensor<2x2xf32> attributes {cachepart.partitioned} {
// CHECK-NEXT:    %[[S0:.*]] = tensor.extract_slice %[[X]][0, 0] [1, 16] [1, 1] {cachepart.host} : tensor<2x16xf32> to tensor<1x16xf32>
// CHECK-NEXT:    %[[P0:.*]] = call @grid__part0(%[[S0]]) : (tensor<1x16xf32>) -> tensor<1x1xf32>
// CHECK-NEXT:    %[[S1:.*]] = tensor.extract_slice %[[X]][0, 0] [1, 16] [1, 1] {cachepart.host} : tensor<2x16xf32> to tensor<1x16xf32>
// CHECK-NEXT:    %[[P1:.*]] = call @grid__part1(%[[S1]]) : (tensor<1x16xf32>) -> tensor<1x1xf32>
// CHECK-NEXT:    %[[S2:.*]] = tensor.extract_slice %[[X]][1, 0] [1, 16] [1, 1] {cachepart.host} : tensor<2x16xf32> to tensor<1x16xf32>
// CHECK-NEXT:    %[[P2:.*]] = call @grid__part2(%[[S2]]) : (tensor<1x16xf32>) -> tensor<1x1xf32>
// CHECK-NEXT:    %[[S3:.*]] = tensor.extract_slice %[[X]][1, 0] [1, 16] [1, 1] {cachepart.host} : tensor<2x16xf32> to tensor<1x16xf32>
// CHECK-NEXT:    %[[P3:.*]] = call @grid__part3(%[[S3]]) : (tensor<1x16xf32>) -> tensor<1x1xf32>
// The grid is assembled row by row: one concat per row, then the rows.
// CHECK-NEXT:    %[[R0:.*]] = tensor.concat dim(1) %[[P0]], %[[P1]] {cachepart.host} : (tensor<1x1xf32>, tensor<1x1xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:    %[[R1:.*]] = tensor.concat dim(1) %[[P2]], %[[P3]] {cachepart.host} : (tensor<1x1xf32>, tensor<1x1xf32>) -> tensor<1x2xf32>
// CHECK-NEXT:    %[[C:.*]] = tensor.concat dim(0) %[[R0]], %[[R1]] {cachepart.host} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<2x2xf32>
// CHECK-NEXT:    return %[[C]] : tensor<2x2xf32>
// CHECK-NEXT:  }
// 64 received (one row of x) + 64 weights (one column of w) + 4 = 132 B.
// CHECK-LABEL: func.func private @grid__part0(
// CHECK-SAME:      cachepart.footprint = {activations = 4 : i64, received = 64 : i64, total = 132 : i64, weights = 64 : i64, workspace = 0 : i64}
// CHECK:         arith.constant dense<{{\[}}[0.000000e+00], [1.000000e+01], [2.000000e+01], [3.000000e+01], [4.000000e+01], [5.000000e+01], [6.000000e+01], [7.000000e+01], [8.000000e+01], [9.000000e+01], [1.000000e+02], [1.100000e+02], [1.200000e+02], [1.300000e+02], [1.400000e+02], [1.500000e+02]]> : tensor<16x1xf32>
// CHECK-LABEL: func.func private @grid__part1(
// CHECK:         arith.constant dense<{{\[}}[1.000000e+00], [1.100000e+01], [2.100000e+01], [3.100000e+01], [4.100000e+01], [5.100000e+01], [6.100000e+01], [7.100000e+01], [8.100000e+01], [9.100000e+01], [1.010000e+02], [1.110000e+02], [1.210000e+02], [1.310000e+02], [1.410000e+02], [1.510000e+02]]> : tensor<16x1xf32>
// CHECK-LABEL: func.func private @grid__part2(
// CHECK:         arith.constant dense<{{\[}}[0.000000e+00], [1.000000e+01], [2.000000e+01], [3.000000e+01], [4.000000e+01], [5.000000e+01], [6.000000e+01], [7.000000e+01], [8.000000e+01], [9.000000e+01], [1.000000e+02], [1.100000e+02], [1.200000e+02], [1.300000e+02], [1.400000e+02], [1.500000e+02]]> : tensor<16x1xf32>
// CHECK-LABEL: func.func private @grid__part3(
// CHECK:         arith.constant dense<{{\[}}[1.000000e+00], [1.100000e+01], [2.100000e+01], [3.100000e+01], [4.100000e+01], [5.100000e+01], [6.100000e+01], [7.100000e+01], [8.100000e+01], [9.100000e+01], [1.010000e+02], [1.110000e+02], [1.210000e+02], [1.310000e+02], [1.410000e+02], [1.510000e+02]]> : tensor<16x1xf32>

// The 40 f32 of the resource, 0.0 .. 39.0, after the 4-byte alignment.
{-#
  dialect_resources: {
    builtin: {
      w2x20: "0x04000000000000000000803F0000004000004040000080400000A0400000C0400000E0400000004100001041000020410000304100004041000050410000604100007041000080410000884100009041000098410000A0410000A8410000B0410000B8410000C0410000C8410000D0410000D8410000E0410000E8410000F0410000F84100000042000004420000084200000C4200001042000014420000184200001C42"
    }
  }
#-}
