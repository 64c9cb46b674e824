// Proof by execution of oversize=split (the default) on an MLP whose matmul
// weights do not fit a card: the matmuls are cut along N (loop 1), their
// NON-splat weights sliced column-wise into smaller dense constants, one per
// piece; the host assembles the pieces' results (tensor.concat
// {cachepart.host}). The partitioned model prints exactly the numbers of the
// original at three capacities (200 B: the two big matmuls are cut along N;
// 256 B: the first matmul is cut along M instead; 128 B: every layer above
// 128 B is cut, elementwise ones too), with the sum and the liveness memory
// models and the three strategies.
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
// RUN: cachepart-opt %s --cache-partition="capacity=200" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=200 memory-model=liveness" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=256" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=128" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=128 memory-model=liveness" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=128 strategy=balanced" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=128 strategy=min-transfer memory-model=liveness" --cache-lower-transfers 2>/dev/null \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
//
// 3. The splits, exactly (so 2. cannot pass vacuously): remarks and IR.
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=200" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK200
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=200 memory-model=liveness" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK200
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=256" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK256
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=128" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK128
// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-partition="capacity=128 memory-model=liveness" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK128
// RUN: cachepart-opt %s --cache-partition="capacity=200" 2>/dev/null | FileCheck %s --check-prefix=PART200
// RUN: cachepart-opt %s --cache-partition="capacity=256" 2>/dev/null | FileCheck %s --check-prefix=PART256

// Expected output, computed by hand; small integers, exact in f32.
//   x  = [[1, 2, -1, 3], [0, -2, 4, 1]]
//   layer 1 (4 -> 10):
//     x*W1 = [[4, 0, 13, -4, -1, 1, -3, 6, 3, 0], [-3, 1, -6, -7, 13, -10, 5, 4, 7, -4]]
//            (e.g. column 2 = [2, 2, -1, 2]: 2 + 4 + 1 + 6 = 13 and 0 - 4 - 4 + 2 = -6)
//     +b1  = [[2, 1, 14, -3, -3, 2, -5, 6, 3, 1], [-5, 2, -5, -6, 11, -9, 3, 4, 7, -3]]
//     relu = [[2, 1, 14, 0, 0, 2, 0, 6, 3, 1], [0, 2, 0, 0, 11, 0, 3, 4, 7, 0]]
//   layer 2 (10 -> 7):
//     *W2  = [[16, 5, 10, 11, -6, -33, 26], [13, -19, 2, 10, -42, 17, 36]]
//            (e.g. column 6 = [0, 0, 1, 1, 2, 2, 0, 0, 2, 2], the last piece at
//            200 B: 14 + 2*2 + 3*2 + 1*2 = 26 and 11*2 + 7*2 = 36)
//     +b2  = [[14, 6, 10, 11, -7, -33, 28], [11, -18, 2, 10, -43, 17, 38]]
//     relu = [[14, 6, 10, 11, 0, 0, 28], [11, 0, 2, 10, 0, 17, 38]]
//   layer 3 (7 -> 3, logits, no relu):
//     *W3  = [[5, -8, -79], [62, 1, -47]]
//            (e.g. column 2 = [-1, 0, -2, 1, -2, 2, -2]: -14 - 20 + 11 - 56 = -79)
//     +b3  = [[5, -6, -79], [62, 3, -47]]
// Each relu clips something; swapping any two columns of W1 or W2 (hence two
// pieces' weight slices, or two columns inside one) or any two different
// entries of b1 or b2 changes y (checked when the test was written), so a
// slice taken at the wrong offset or assembled at the wrong place shows.
//
// CHECK:      Unranked Memref base@ = {{.*}} rank = 2 offset = 0 sizes = [2, 3] strides = [3, 1] data =
// CHECK-NEXT: {{^}}{{\[}}[5, -6, -79],
// CHECK-NEXT: {{^}} [62, 3, -47]]
// CHECK-NOT:  {{.}}

// The splits, by hand. Sum model: a layer alone needs its weights + its
// result + what it receives (x, an earlier layer's result or a host value);
// the zero accumulators (linalg.fill of tensor.empty) and the tensor.empty
// destinations are free. f32 = 4 B. Matmul loops: 0 = M (2 rows), 1 = N, 2 =
// K (a reduction, never cut). Sizes: x 32 B; W1 4x10 = 160 B, b1 40 B, layer 1
// results 2x10 = 80 B; W2 10x7 = 280 B, b2 28 B, layer 2 results 56 B;
// W3 7x3 = 84 B, b3 12 B, layer 3 results 24 B. Layers alone:
//   matmul1 32 + 160 + 80 = 272   bias1 80 + 40 + 80 = 200   relu1 80 + 80 = 160
//   matmul2 80 + 280 + 56 = 416   bias2 56 + 28 + 56 = 140   relu2 56 + 56 = 112
//   matmul3 56 +  84 + 24 = 164   bias3 24 + 12 + 24 =  60
// A piece of a matmul with t of N's columns receives the whole input and
// holds t weight columns and t result columns; with one of M's rows it
// receives one input row, holds all the weights and one result row. With the
// liveness model a single layer needs the same (weights + its live-ins +
// its result), so the splits are the same. The fewest pieces win; a tie goes
// to fewer bytes moved (pieces * (received + result) of the largest piece;
// weights are not moved), then to the earlier loop.
//
// capacity=200: matmul1: N: 32 + 16 t + 8 t <= 200 -> t <= 7: 2 pieces of 5
//   columns, 152 B each; M: 16 + 160 + 40 = 216 > 200. matmul2: N: 80 + 40 t
//   + 8 t <= 200 -> t <= 2: ceil(7 / 2) = 4 pieces of 2, 2, 2, 1 columns,
//   176, 176, 176, 128 B; M: 40 + 280 + 28 = 348 > 200. The rest fits.
// REMARK200:     remark: {{.*}}split 'linalg.matmul' (272 B) into 2 pieces along loop 1 (2), of 152 152 B; the host cuts their inputs and assembles their results
// REMARK200:     remark: {{.*}}split 'linalg.matmul' (416 B) into 4 pieces along loop 1 (4), of 176 176 176 128 B; the host cuts their inputs and assembles their results
// REMARK200-NOT: remark: {{.*}}split
//
// capacity=256: matmul1 fits 2 pieces either way: N (t <= 9, 2 pieces of 5
//   columns, 152 B) or M (216 B); M moves 2 * (16 + 40) = 112 B, N 2 * (32 +
//   40) = 144 B: M wins, the host cuts x into its two rows. matmul2: N: 80 +
//   48 t <= 256 -> t <= 3: 3 pieces of 3, 3, 1 columns, 224, 224, 128 B.
// REMARK256:     remark: {{.*}}split 'linalg.matmul' (272 B) into 2 pieces along loop 0 (2), of 216 216 B; the host cuts their inputs and assembles their results
// REMARK256:     remark: {{.*}}split 'linalg.matmul' (416 B) into 3 pieces along loop 1 (3), of 224 224 128 B; the host cuts their inputs and assembles their results
// REMARK256-NOT: remark: {{.*}}split
//
// capacity=128: matmul1: N: 32 + 24 t <= 128 -> t <= 4: 3 pieces of 4, 4, 2
//   columns, 128, 128, 80 B. bias1 (loops 0 = rows, 1 = columns): one row
//   40 + 40 + 40 = 120 B, or t columns 8 t + 4 t + 8 t <= 128 -> t <= 6,
//   5 + 5 columns 100 B: 2 pieces both ways, both move 2 * (40 + 40) = 160 B:
//   the earlier loop 0. relu1: one row 40 + 40 = 80 B, or 5 columns 80 B:
//   the same tie, loop 0. matmul2: N: 80 + 48 t <= 128 -> t = 1: 7 pieces of
//   128 B. bias2: one row 28 + 28 + 28 = 84 B, moving 2 * 56 = 112 B, or 4 + 3
//   columns 80 + 60 B moving 2 * (32 + 32) = 128 B: loop 0. relu2 (112 B)
//   fits. matmul3: M: 28 + 84 + 12 = 124 B moving 2 * (28 + 12) = 80 B, or
//   N: 56 + 36 t <= 128 -> 2 + 1 columns 128 + 92 B moving 2 * (56 + 16) =
//   144 B: M. bias3 (60 B) fits.
// REMARK128:     remark: {{.*}}split 'linalg.matmul' (272 B) into 3 pieces along loop 1 (3), of 128 128 80 B; the host cuts their inputs and assembles their results
// REMARK128:     remark: {{.*}}split 'linalg.generic' (200 B) into 2 pieces along loop 0 (2), of 120 120 B; the host cuts their inputs and assembles their results
// REMARK128:     remark: {{.*}}split 'linalg.generic' (160 B) into 2 pieces along loop 0 (2), of 80 80 B; the host cuts their inputs and assembles their results
// REMARK128:     remark: {{.*}}split 'linalg.matmul' (416 B) into 7 pieces along loop 1 (7), of 128 128 128 128 128 128 128 B; the host cuts their inputs and assembles their results
// REMARK128:     remark: {{.*}}split 'linalg.generic' (140 B) into 2 pieces along loop 0 (2), of 84 84 B; the host cuts their inputs and assembles their results
// REMARK128:     remark: {{.*}}split 'linalg.matmul' (164 B) into 2 pieces along loop 0 (2), of 124 124 B; the host cuts their inputs and assembles their results
// REMARK128-NOT: remark: {{.*}}split

// capacity=200, the IR: the parent keeps only calls, transfers and the
// host's assembly; W1 is cut into columns 0-4 and 5-9, W2 into 0-1, 2-3,
// 4-5, 6 (values as in @forward below).
// PART200-LABEL: func.func @forward(
// PART200-SAME:    %[[X:.*]]: tensor<2x4xf32>) -> tensor<2x3xf32> attributes {cachepart.partitioned} {
// PART200-NOT:   linalg.
// PART200:       %[[A0:.*]] = call @forward__part0(%[[X]]) : (tensor<2x4xf32>) -> tensor<2x5xf32>
// PART200-NEXT:  %[[A1:.*]] = call @forward__part1(%[[X]]) : (tensor<2x4xf32>) -> tensor<2x5xf32>
// PART200-NEXT:  %[[M1:.*]] = tensor.concat dim(1) %[[A0]], %[[A1]] {cachepart.host} : (tensor<2x5xf32>, tensor<2x5xf32>) -> tensor<2x10xf32>
// PART200-NEXT:  call @forward__part2(%[[M1]]) : (tensor<2x10xf32>) -> tensor<2x10xf32>
// PART200-NOT:   linalg.
// PART200:       %[[B0:.*]] = call @forward__part4(%{{.*}}) : (tensor<2x10xf32>) -> tensor<2x2xf32>
// PART200-NOT:   linalg.
// PART200:       %[[B1:.*]] = call @forward__part5(%{{.*}}) : (tensor<2x10xf32>) -> tensor<2x2xf32>
// PART200-NOT:   linalg.
// PART200:       %[[B2:.*]] = call @forward__part6(%{{.*}}) : (tensor<2x10xf32>) -> tensor<2x2xf32>
// PART200-NOT:   linalg.
// PART200:       %[[B3:.*]] = call @forward__part7(%{{.*}}) : (tensor<2x10xf32>) -> tensor<2x1xf32>
// PART200-NEXT:  %[[M2:.*]] = tensor.concat dim(1) %[[B0]], %[[B1]], %[[B2]], %[[B3]] {cachepart.host} : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x1xf32>) -> tensor<2x7xf32>
// PART200-NEXT:  call @forward__part8(%[[M2]]) : (tensor<2x7xf32>) -> tensor<2x7xf32>
// PART200-NOT:   linalg.
// PART200:       return
// 152 B = 32 received + 4*5*4 = 80 weights + 2*5*4 = 40 result.
// PART200-LABEL: func.func private @forward__part0(
// PART200-SAME:    cachepart.footprint = {activations = 40 : i64, received = 32 : i64, total = 152 : i64, weights = 80 : i64, workspace = 0 : i64}
// PART200:       %[[W:.*]] = arith.constant dense<{{\[}}[0.000000e+00, 2.000000e+00, 2.000000e+00, -1.000000e+00, 2.000000e+00], [0.000000e+00, 1.000000e+00, 2.000000e+00, -1.000000e+00, -2.000000e+00], [-1.000000e+00, 1.000000e+00, -1.000000e+00, -2.000000e+00, 2.000000e+00], [1.000000e+00, -1.000000e+00, 2.000000e+00, -1.000000e+00, 1.000000e+00]]> : tensor<4x5xf32>
// PART200:       linalg.matmul ins(%arg0, %[[W]] : tensor<2x4xf32>, tensor<4x5xf32>)
// PART200-LABEL: func.func private @forward__part1(
// PART200-SAME:    cachepart.footprint = {activations = 40 : i64, received = 32 : i64, total = 152 : i64, weights = 80 : i64, workspace = 0 : i64}
// PART200:       %[[W:.*]] = arith.constant dense<{{\[}}[2.000000e+00, -2.000000e+00, 2.000000e+00, 0.000000e+00, 2.000000e+00], [2.000000e+00, -2.000000e+00, -1.000000e+00, 1.000000e+00, -2.000000e+00], [-1.000000e+00, 0.000000e+00, 0.000000e+00, 2.000000e+00, -2.000000e+00], [-2.000000e+00, 1.000000e+00, 2.000000e+00, 1.000000e+00, 0.000000e+00]]> : tensor<4x5xf32>
// PART200:       linalg.matmul ins(%arg0, %[[W]] : tensor<2x4xf32>, tensor<4x5xf32>)
// 176 B = 80 received + 10*2*4 = 80 weights + 2*2*4 = 16 result.
// PART200-LABEL: func.func private @forward__part4(
// PART200-SAME:    cachepart.footprint = {activations = 16 : i64, received = 80 : i64, total = 176 : i64, weights = 80 : i64, workspace = 0 : i64}
// PART200:       %[[W:.*]] = arith.constant dense<{{\[}}[0.000000e+00, 1.000000e+00], [-1.000000e+00, -2.000000e+00], [1.000000e+00, 0.000000e+00], [1.000000e+00, -2.000000e+00], [1.000000e+00, -1.000000e+00], [0.000000e+00, 2.000000e+00], [-1.000000e+00, 2.000000e+00], [0.000000e+00, 1.000000e+00], [1.000000e+00, -2.000000e+00], [0.000000e+00, 1.000000e+00]]> : tensor<10x2xf32>
// PART200:       linalg.matmul ins(%arg0, %[[W]] : tensor<2x10xf32>, tensor<10x2xf32>)
// PART200-LABEL: func.func private @forward__part5(
// PART200:       %[[W:.*]] = arith.constant dense<{{\[}}[-1.000000e+00, 1.000000e+00], [-1.000000e+00, -2.000000e+00], [2.000000e+00, 2.000000e+00], [2.000000e+00, -1.000000e+00], [2.000000e+00, 2.000000e+00], [-1.000000e+00, -2.000000e+00], [0.000000e+00, 0.000000e+00], [-1.000000e+00, -2.000000e+00], [-2.000000e+00, 0.000000e+00], [-1.000000e+00, -1.000000e+00]]> : tensor<10x2xf32>
// PART200-LABEL: func.func private @forward__part6(
// PART200:       %[[W:.*]] = arith.constant dense<{{\[}}[2.000000e+00, -1.000000e+00], [-2.000000e+00, 0.000000e+00], [1.000000e+00, -2.000000e+00], [-1.000000e+00, 1.000000e+00], [-2.000000e+00, 1.000000e+00], [-2.000000e+00, 2.000000e+00], [2.000000e+00, 0.000000e+00], [-2.000000e+00, -2.000000e+00], [-2.000000e+00, 2.000000e+00], [0.000000e+00, -1.000000e+00]]> : tensor<10x2xf32>
// 128 B = 80 received + 10*1*4 = 40 weights + 2*1*4 = 8 result.
// PART200-LABEL: func.func private @forward__part7(
// PART200-SAME:    cachepart.footprint = {activations = 8 : i64, received = 80 : i64, total = 128 : i64, weights = 40 : i64, workspace = 0 : i64}
// PART200:       %[[W:.*]] = arith.constant dense<{{\[}}[0.000000e+00], [0.000000e+00], [1.000000e+00], [1.000000e+00], [2.000000e+00], [2.000000e+00], [0.000000e+00], [0.000000e+00], [2.000000e+00], [2.000000e+00]]> : tensor<10x1xf32>
// PART200-LABEL: func.func @main()
// PART200-NOT:   @forward__part

// capacity=256, the IR of the M cut: the host cuts x into rows 0 and 1, both
// parts hold all of W1 (216 B = 16 received + 160 weights + 40 result).
// PART256-LABEL: func.func @forward(
// PART256-SAME:    %[[X:.*]]: tensor<2x4xf32>) -> tensor<2x3xf32> attributes {cachepart.partitioned} {
// PART256-NEXT:  %[[S0:.*]] = tensor.extract_slice %[[X]][0, 0] [1, 4] [1, 1] {cachepart.host} : tensor<2x4xf32> to tensor<1x4xf32>
// PART256-NEXT:  %[[A0:.*]] = call @forward__part0(%[[S0]]) : (tensor<1x4xf32>) -> tensor<1x10xf32>
// PART256-NEXT:  %[[S1:.*]] = tensor.extract_slice %[[X]][1, 0] [1, 4] [1, 1] {cachepart.host} : tensor<2x4xf32> to tensor<1x4xf32>
// PART256-NEXT:  %[[A1:.*]] = call @forward__part1(%[[S1]]) : (tensor<1x4xf32>) -> tensor<1x10xf32>
// PART256-NEXT:  %[[M1:.*]] = tensor.concat dim(0) %[[A0]], %[[A1]] {cachepart.host} : (tensor<1x10xf32>, tensor<1x10xf32>) -> tensor<2x10xf32>
// PART256-NEXT:  call @forward__part2(%[[M1]])
// PART256-LABEL: func.func private @forward__part0(
// PART256-SAME:    cachepart.footprint = {activations = 40 : i64, received = 16 : i64, total = 216 : i64, weights = 160 : i64, workspace = 0 : i64}
// PART256:       linalg.matmul ins(%arg0, %{{.*}} : tensor<1x4xf32>, tensor<4x10xf32>)
// PART256-LABEL: func.func private @forward__part1(
// PART256-SAME:    cachepart.footprint = {activations = 40 : i64, received = 16 : i64, total = 216 : i64, weights = 160 : i64, workspace = 0 : i64}
// PART256:       linalg.matmul ins(%arg0, %{{.*}} : tensor<1x4xf32>, tensor<4x10xf32>)

#id = affine_map<(d0, d1) -> (d0, d1)>
#bc = affine_map<(d0, d1) -> (d1)>
module {
  func.func @forward(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
    %zero = arith.constant 0.0 : f32
    %w1 = arith.constant dense<[[0.0, 2.0, 2.0, -1.0, 2.0, 2.0, -2.0, 2.0, 0.0, 2.0],
                                [0.0, 1.0, 2.0, -1.0, -2.0, 2.0, -2.0, -1.0, 1.0, -2.0],
                                [-1.0, 1.0, -1.0, -2.0, 2.0, -1.0, 0.0, 0.0, 2.0, -2.0],
                                [1.0, -1.0, 2.0, -1.0, 1.0, -2.0, 1.0, 2.0, 1.0, 0.0]]> : tensor<4x10xf32>
    %b1 = arith.constant dense<[-2.0, 1.0, 1.0, 1.0, -2.0, 1.0, -2.0, 0.0, 0.0, 1.0]> : tensor<10xf32>
    %w2 = arith.constant dense<[[0.0, 1.0, -1.0, 1.0, 2.0, -1.0, 0.0],
                                [-1.0, -2.0, -1.0, -2.0, -2.0, 0.0, 0.0],
                                [1.0, 0.0, 2.0, 2.0, 1.0, -2.0, 1.0],
                                [1.0, -2.0, 2.0, -1.0, -1.0, 1.0, 1.0],
                                [1.0, -1.0, 2.0, 2.0, -2.0, 1.0, 2.0],
                                [0.0, 2.0, -1.0, -2.0, -2.0, 2.0, 2.0],
                                [-1.0, 2.0, 0.0, 0.0, 2.0, 0.0, 0.0],
                                [0.0, 1.0, -1.0, -2.0, -2.0, -2.0, 0.0],
                                [1.0, -2.0, -2.0, 0.0, -2.0, 2.0, 2.0],
                                [0.0, 1.0, -1.0, -1.0, 0.0, -1.0, 2.0]]> : tensor<10x7xf32>
    %b2 = arith.constant dense<[-2.0, 1.0, 0.0, 0.0, -1.0, 0.0, 2.0]> : tensor<7xf32>
    %w3 = arith.constant dense<[[0.0, 0.0, -1.0],
                                [-2.0, -2.0, 0.0],
                                [0.0, 1.0, -2.0],
                                [-1.0, 2.0, 1.0],
                                [-2.0, 0.0, -2.0],
                                [2.0, 1.0, 2.0],
                                [1.0, -1.0, -2.0]]> : tensor<7x3xf32>
    %b3 = arith.constant dense<[0.0, 2.0, 0.0]> : tensor<3xf32>

    // Layer 1: 4 -> 10.
    %e1 = tensor.empty() : tensor<2x10xf32>
    %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<2x10xf32>) -> tensor<2x10xf32>
    %m1 = linalg.matmul ins(%x, %w1 : tensor<2x4xf32>, tensor<4x10xf32>) outs(%f1 : tensor<2x10xf32>) -> tensor<2x10xf32>
    %a1 = linalg.generic {indexing_maps = [#id, #bc, #id], iterator_types = ["parallel", "parallel"]}
        ins(%m1, %b1 : tensor<2x10xf32>, tensor<10xf32>) outs(%e1 : tensor<2x10xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      linalg.yield %s : f32
    } -> tensor<2x10xf32>
    %r1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%a1 : tensor<2x10xf32>) outs(%e1 : tensor<2x10xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = arith.maximumf %in, %zero : f32
      linalg.yield %s : f32
    } -> tensor<2x10xf32>

    // Layer 2: 10 -> 7.
    %e2 = tensor.empty() : tensor<2x7xf32>
    %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<2x7xf32>) -> tensor<2x7xf32>
    %m2 = linalg.matmul ins(%r1, %w2 : tensor<2x10xf32>, tensor<10x7xf32>) outs(%f2 : tensor<2x7xf32>) -> tensor<2x7xf32>
    %a2 = linalg.generic {indexing_maps = [#id, #bc, #id], iterator_types = ["parallel", "parallel"]}
        ins(%m2, %b2 : tensor<2x7xf32>, tensor<7xf32>) outs(%e2 : tensor<2x7xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      linalg.yield %s : f32
    } -> tensor<2x7xf32>
    %r2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%a2 : tensor<2x7xf32>) outs(%e2 : tensor<2x7xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = arith.maximumf %in, %zero : f32
      linalg.yield %s : f32
    } -> tensor<2x7xf32>

    // Layer 3: 7 -> 3, logits (no relu).
    %e3 = tensor.empty() : tensor<2x3xf32>
    %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<2x3xf32>) -> tensor<2x3xf32>
    %m3 = linalg.matmul ins(%r2, %w3 : tensor<2x7xf32>, tensor<7x3xf32>) outs(%f3 : tensor<2x3xf32>) -> tensor<2x3xf32>
    %y = linalg.generic {indexing_maps = [#id, #bc, #id], iterator_types = ["parallel", "parallel"]}
        ins(%m3, %b3 : tensor<2x3xf32>, tensor<3xf32>) outs(%e3 : tensor<2x3xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      linalg.yield %s : f32
    } -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }

  // The driver: not partitioned (see the header).
  func.func @main() attributes {cachepart.partitioned} {
    %x = arith.constant dense<[[1.0, 2.0, -1.0, 3.0], [0.0, -2.0, 4.0, 1.0]]> : tensor<2x4xf32>
    %r = call @forward(%x) : (tensor<2x4xf32>) -> tensor<2x3xf32>
    %u = tensor.cast %r : tensor<2x3xf32> to tensor<*xf32>
    call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
    return
  }
  func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}
}
