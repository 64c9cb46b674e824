// Proof by execution with heterogeneous cards listed in the module:
// npu0 (200 B), dsp1 (160 B, with a bandwidth), npu2 (1 KB), npu3 (256 B).
// The model is 3 dense layers that share one weight W (a function argument
// marked {cachepart.weight}: layers 1 and 2 use W, layer 3 uses W^T), so W
// is handed by the host to every part and never transferred. Groups take the
// cards in list order; the last group fits only npu2, and npu3 stays unused.
// The zero accumulator (a linalg.fill that only initialises matmul outputs)
// is an initializer: it is cloned into every part that uses it instead of
// being transferred, and bufferization copies it where two matmuls of one
// part both write into it.
// Results before and after partitioning must be identical.
//
// @main carries {cachepart.partitioned}: the pass skips functions with that
// attribute, so only @forward is split and @main stays a plain driver.
//
// DEFINE: %{cpu} = -one-shot-bufferize="bufferize-function-boundaries" -convert-linalg-to-loops -expand-strided-metadata -lower-affine -convert-scf-to-cf -convert-to-llvm -reconcile-unrealized-casts
// DEFINE: %{run} = mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils
//
// 1. The original model. Its module lists the devices: --cache-lower-transfers
//    drops that list, so upstream tools (which do not load cachepart) read it.
// RUN: cachepart-opt %s --cache-lower-transfers | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
//
// 2. Partitioned onto the listed cards (no capacity= option), transfers
//    lowered, same pipeline, SAME check lines.
// RUN: cachepart-opt %s --cache-partition --cache-lower-transfers \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="strategy=min-transfer" --cache-lower-transfers \
// RUN:   | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
//
// 3. The partitioned IR really is split over npu0, dsp1 and npu2.
// RUN: cachepart-opt %s --cache-partition | FileCheck %s --check-prefix=PART
// RUN: cachepart-opt %s --cache-partition="strategy=min-transfer" | FileCheck %s --check-prefix=PART

// Expected output, computed by hand (small integers, exact in f32):
//   x  = [[1, -1, 2, 0], [3, 0, -2, 1]]
//   W  = [[1, 0, 2, -1], [0, 1, -1, 1], [-1, 2, 0, 1], [2, 0, 1, 0]]
//   x * W   = [[-1, 3, 3, 0], [7, -4, 7, -5]]
//   a1 = relu(x * W + [0, 1, -1, 2])   = [[0, 4, 2, 2], [7, 0, 6, 0]]
//   a1 * W  = [[2, 8, -2, 6], [1, 12, 14, -1]]
//   a2 = relu(a1 * W + [-2, 0, 1, -1]) = [[0, 8, 0, 5], [0, 12, 15, 0]]
//   a2 * W^T = [[-5, 13, 21, 0], [30, -3, 24, 15]]
//   y  = a2 * W^T + [1, -1, 0, 2]      = [[-4, 12, 21, 2], [31, -4, 24, 17]]
//
// CHECK:      Unranked Memref base@ = {{.*}} rank = 2 offset = 0 sizes = [2, 4] strides = [4, 1] data =
// CHECK-NEXT: {{^}}{{\[\[}}-4, 12, 21, 2],
// CHECK-NEXT: {{^}} [31, -4, 24, 17]]
// CHECK-NOT:  {{.}}

// Both plans: three parts on npu0, dsp1 and npu2, in that order; W (%arg1)
// goes from the host to the parts that read it, never through a transfer.
// PART:        module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 200B>, #cachepart.device<"dsp1", cache = 160B, bandwidth = 16GB>, #cachepart.device<"npu2", cache = 1KB>, #cachepart.device<"npu3", cache = 256B>]}
// PART-LABEL: func.func @forward(
// PART-NOT:     linalg.
// PART-NOT:     cachepart.transfer %arg
// PART:         call @forward__part0(
// PART-NEXT:    cachepart.transfer %{{.*}} from "npu0" to "dsp1" : tensor<2x4xf32>
// PART-NOT:     cachepart.transfer %arg
// PART:         call @forward__part1(
// PART-NEXT:    cachepart.transfer %{{.*}} from "dsp1" to "npu2" : tensor<2x4xf32>
// PART-NOT:     cachepart.transfer %arg
// PART:         call @forward__part2({{.*}}%arg1
// PART-NEXT:    return
// PART:       func.func private @forward__part0({{.*}}cachepart.device = #cachepart.device<"npu0", cache = 200B>
// PART:       func.func private @forward__part1({{.*}}cachepart.device = #cachepart.device<"dsp1", cache = 160B, bandwidth = 16GB>
// PART:       func.func private @forward__part2({{.*}}cachepart.device = #cachepart.device<"npu2", cache = 1KB>
// PART-NOT:   @forward__part3
// PART-NOT:   cachepart.device = #cachepart.device<"npu3"

#id = affine_map<(d0, d1) -> (d0, d1)>
#bc = affine_map<(d0, d1) -> (d1)>
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 200B>,
                                        #cachepart.device<"dsp1", cache = 160B, bandwidth = 16GB>,
                                        #cachepart.device<"npu2", cache = 1KB>,
                                        #cachepart.device<"npu3", cache = 256B>]} {
  func.func @forward(%x: tensor<2x4xf32>, %w: tensor<4x4xf32> {cachepart.weight}) -> tensor<2x4xf32> {
    %zero = arith.constant 0.0 : f32
    %b1 = arith.constant dense<[0.0, 1.0, -1.0, 2.0]> : tensor<4xf32>
    %b2 = arith.constant dense<[-2.0, 0.0, 1.0, -1.0]> : tensor<4xf32>
    %b3 = arith.constant dense<[1.0, -1.0, 0.0, 2.0]> : tensor<4xf32>
    %e = tensor.empty() : tensor<2x4xf32>
    %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
    // Layer 1: relu(x * W + b1).
    %m1 = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<2x4xf32>) -> tensor<2x4xf32>
    %a1 = linalg.generic {indexing_maps = [#id, #bc, #id], iterator_types = ["parallel", "parallel"]}
        ins(%m1, %b1 : tensor<2x4xf32>, tensor<4xf32>) outs(%e : tensor<2x4xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      %r = arith.maximumf %s, %zero : f32
      linalg.yield %r : f32
    } -> tensor<2x4xf32>
    // Layer 2: relu(a1 * W + b2), the same (tied) W.
    %m2 = linalg.matmul ins(%a1, %w : tensor<2x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<2x4xf32>) -> tensor<2x4xf32>
    %a2 = linalg.generic {indexing_maps = [#id, #bc, #id], iterator_types = ["parallel", "parallel"]}
        ins(%m2, %b2 : tensor<2x4xf32>, tensor<4xf32>) outs(%e : tensor<2x4xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      %r = arith.maximumf %s, %zero : f32
      linalg.yield %r : f32
    } -> tensor<2x4xf32>
    // Layer 3: a2 * W^T + b3 (no relu).
    %et = tensor.empty() : tensor<4x4xf32>
    %wt = linalg.transpose ins(%w : tensor<4x4xf32>) outs(%et : tensor<4x4xf32>) permutation = [1, 0]
    %m3 = linalg.matmul ins(%a2, %wt : tensor<2x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<2x4xf32>) -> tensor<2x4xf32>
    %y = linalg.generic {indexing_maps = [#id, #bc, #id], iterator_types = ["parallel", "parallel"]}
        ins(%m3, %b3 : tensor<2x4xf32>, tensor<4xf32>) outs(%e : tensor<2x4xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      linalg.yield %s : f32
    } -> tensor<2x4xf32>
    return %y : tensor<2x4xf32>
  }

  // The driver: not partitioned (see the header).
  func.func @main() attributes {cachepart.partitioned} {
    %x = arith.constant dense<[[1.0, -1.0, 2.0, 0.0], [3.0, 0.0, -2.0, 1.0]]> : tensor<2x4xf32>
    %w = arith.constant dense<[[1.0, 0.0, 2.0, -1.0], [0.0, 1.0, -1.0, 1.0], [-1.0, 2.0, 0.0, 1.0], [2.0, 0.0, 1.0, 0.0]]> : tensor<4x4xf32>
    %r = call @forward(%x, %w) : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
    %u = tensor.cast %r : tensor<2x4xf32> to tensor<*xf32>
    call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
    return
  }
  func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}
}
