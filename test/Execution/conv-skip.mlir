// Proof by execution: a small conv net (linalg.conv_2d_nhwc_hwcf + bias +
// relu, a tensor.pad, and a skip connection that adds the first activation
// %a0 to the fourth one %a3) prints exactly the same numbers before and after
// --cache-partition. At capacity=1600 the plan has 3 groups and %a0 goes
// straight from card0 to card2, across 2 cuts; the same plan comes out with
// memory-model=liveness at 1840 B. Two 4- and 5-group plans are run as well.
// The zero-filled accumulator %acc is the `outs` of four convs in different
// groups, so after lowering the transfers the same buffer is handed to
// several device functions that each write into it: bufferization has to
// copy, or the numbers change.
//
// @main carries {cachepart.partitioned}: the pass skips functions with that
// attribute, so only @forward is split and @main stays a plain driver.
//
// %{strip} replaces the #cachepart.device attributes left in the module by
// `unit`: upstream mlir-opt / mlir-runner cannot parse attributes of the
// cachepart dialect (see the note at the end of mlp.mlir). It touches no op.
//
// DEFINE: %{cpu} = -one-shot-bufferize="bufferize-function-boundaries" -convert-linalg-to-loops -expand-strided-metadata -lower-affine -convert-scf-to-cf -convert-to-llvm -reconcile-unrealized-casts
// DEFINE: %{run} = mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils
// DEFINE: %{strip} = sed -E 's/#cachepart\.device<[^>]*>/unit/g'
//
// 1. The original model.
// RUN: upstream-mlir-opt %s %{cpu} | %{run} | FileCheck %s
//
// 2. Partitioned, transfers lowered, same pipeline, SAME check lines.
// RUN: cachepart-opt %s --cache-partition="capacity=1600" --cache-lower-transfers \
// RUN:   | %{strip} | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=1840 memory-model=liveness" --cache-lower-transfers \
// RUN:   | %{strip} | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=1500 strategy=min-transfer" --cache-lower-transfers \
// RUN:   | %{strip} | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
// RUN: cachepart-opt %s --cache-partition="capacity=1840 memory-model=liveness strategy=balanced num-partitions=5" --cache-lower-transfers \
// RUN:   | %{strip} | upstream-mlir-opt %{cpu} | %{run} | FileCheck %s
//
// 3. The partitioned IR really is split, with the skip crossing 2 cuts.
// RUN: cachepart-opt %s --cache-partition="capacity=1600" 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=PART
// RUN: cachepart-opt %s --cache-partition="capacity=1840 memory-model=liveness" 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=PART
// RUN: cachepart-opt %s --cache-partition="capacity=1500 strategy=min-transfer" 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=MINT
// RUN: cachepart-opt %s --cache-partition="capacity=1840 memory-model=liveness strategy=balanced num-partitions=5" 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=FIVE

// Expected output, computed by hand; all values are small integers (exact in
// f32). Tensors are written [h][w][c] (n = 1 dropped).
//   x (1 channel)   = [[-3, 2, 0, -2, 3, 1], [-1, -3, 2, 0, -2, 3], [1, -1, -3, 2, 0, -2],
//                      [3, 1, -1, -3, 2, 0], [-2, 3, 1, -1, -3, 2], [0, -2, 3, 1, -1, -3]]
//   a0 = relu(conv0(x) + [1, -2])
//        = [[[0,0],[4,0],[5,0],[0,1]], [[0,4],[0,0],[4,0],[5,0]],
//           [[15,0],[0,4],[0,0],[4,0]], [[7,0],[15,0],[0,4],[0,0]]]
//   a1 = relu(conv1(a0))              (1x1: out = [c0 + 2 c1, -c0 + c1])
//        = [[[0,0],[4,0],[5,0],[2,1]], [[8,4],[0,0],[4,0],[5,0]],
//           [[15,0],[8,4],[0,0],[4,0]], [[7,0],[15,0],[8,4],[0,0]]]
//   a2 = relu(conv2(pad(a1)) + [-3, 1])
//        = [[[5,1],[0,13],[7,15],[4,7]], [[16,17],[4,5],[0,8],[12,8]],
//           [[27,23],[24,36],[4,5],[1,4]], [[0,0],[35,15],[9,24],[1,5]]]
//   a3 = relu(conv3(a2))              (1x1: out = [2 c0 - c1, c0 + c1])
//        = [[[9,6],[0,13],[0,22],[1,11]], [[15,33],[3,9],[0,8],[16,20]],
//           [[31,50],[12,60],[3,9],[0,5]], [[0,0],[55,50],[0,33],[0,6]]]
//   s  = a3 + a0 (skip)
//        = [[[9,6],[4,13],[5,22],[1,12]], [[15,37],[3,9],[4,8],[21,20]],
//           [[46,50],[12,64],[3,9],[4,5]], [[7,0],[70,50],[0,37],[0,6]]]
//   y  = conv4(s) + [2, -1]           (3x3 valid, no relu)
//        = [[[73,49],[7,98]], [[181,-50],[61,49]]]
// Dropping the skip, or feeding %acc / %a1 in place of %a0 (all three are
// tensor<1x4x4x2xf32>), changes y.
//
// CHECK:      Unranked Memref base@ = {{.*}} rank = 4 offset = 0 sizes = [1, 2, 2, 2] strides = [8, 4, 2, 1] data =
// CHECK-NEXT: {{^}}{{\[\[\[\[}}73, 49],
// CHECK-NEXT: {{^}}   [7, 98]],
// CHECK-NEXT: {{^}}  {{\[\[}}181, -50],
// CHECK-NEXT: {{^}}   [61, 49]]]]
// CHECK-NOT:  {{.}}

// capacity=1600 (sum) and capacity=1840 (liveness): groups = layers 0..5
// (fill, conv0, bias+relu, conv1, relu, pad), 6..7 (conv2, bias+relu),
// 8..13 (conv3, relu, skip add, fill, conv4, bias). Part 0 returns %acc,
// %a0 and the padded %a1, in that order.
// PART-LABEL: func.func @forward(
// PART-SAME:    attributes {cachepart.partitioned}
// PART-NOT:     linalg.
// PART:         %[[P0:.*]]:3 = call @forward__part0(%arg0)
// PART-NEXT:    %[[PAD:.*]] = cachepart.transfer %[[P0]]#2 from "card0" to "card1" : tensor<1x6x6x2xf32>
// PART-NEXT:    %[[ACC1:.*]] = cachepart.transfer %[[P0]]#0 from "card0" to "card1" : tensor<1x4x4x2xf32>
// PART-NEXT:    %[[P1:.*]] = call @forward__part1(%[[PAD]], %[[ACC1]])
// PART-NEXT:    %[[A2:.*]] = cachepart.transfer %[[P1]] from "card1" to "card2" : tensor<1x4x4x2xf32>
// PART-NEXT:    %[[ACC2:.*]] = cachepart.transfer %[[P0]]#0 from "card0" to "card2" : tensor<1x4x4x2xf32>
// The skip: straight from card0 to card2, over card1.
// PART-NEXT:    %[[SKIP:.*]] = cachepart.transfer %[[P0]]#1 from "card0" to "card2" : tensor<1x4x4x2xf32>
// PART-NEXT:    %[[P2:.*]] = call @forward__part2(%[[A2]], %[[ACC2]], %[[SKIP]])
// PART-NEXT:    return %[[P2]]
// PART-LABEL: func.func private @forward__part0(
// PART-SAME:    cachepart.device = #cachepart.device<"card0"
// PART:         %[[ACC:.*]] = linalg.fill
// PART-NEXT:    linalg.conv_2d_nhwc_hwcf
// PART-NEXT:    %[[A0:.*]] = linalg.generic
// PART:         %[[PADDED:.*]] = tensor.pad
// PART:         return %[[ACC]], %[[A0]], %[[PADDED]] :
// PART-LABEL: func.func private @forward__part1(
// PART-SAME:    cachepart.device = #cachepart.device<"card1"
// PART:         linalg.conv_2d_nhwc_hwcf
// PART-LABEL: func.func private @forward__part2(
// PART-SAME:    %arg2: tensor<1x4x4x2xf32>
// PART-SAME:    cachepart.device = #cachepart.device<"card2"
// PART:         linalg.add ins(%{{.*}}, %arg2 :
// PART-NOT:     @forward__part3
// PART-LABEL: func.func @main()

// min-transfer at 1500: 4 groups; part 0 is the lone fill of %acc, which goes
// to the three other cards; %a0 is made on card1 and crosses 2 cuts to card3.
// MINT-LABEL: func.func @forward(
// MINT:      %[[M0:.*]] = call @forward__part0() : () -> tensor<1x4x4x2xf32>
// MINT:      %[[M1:.*]]:2 = call @forward__part1(%arg0,
// MINT:      call @forward__part2(
// MINT-DAG:  cachepart.transfer %[[M0]] from "card0" to "card3"
// MINT-DAG:  cachepart.transfer %[[M1]]#0 from "card1" to "card3"
// MINT:      call @forward__part3(
// MINT-NEXT: return

// num-partitions=5 with liveness: exactly 5 groups.
// FIVE-LABEL:  func.func @forward(
// FIVE-COUNT-5: call @forward__part{{[0-4]}}(
// FIVE-NOT:     call @forward__part
// FIVE:         return

#id4 = affine_map<(n, h, w, c) -> (n, h, w, c)>
#ch4 = affine_map<(n, h, w, c) -> (c)>
module {
  func.func @forward(%x: tensor<1x6x6x1xf32>) -> tensor<1x2x2x2xf32> {
    %zero = arith.constant 0.0 : f32
    %w0 = arith.constant dense<[[[[1.0, 0.0]], [[0.0, 1.0]], [[-1.0, 1.0]]],
                                [[[2.0, -1.0]], [[1.0, 0.0]], [[0.0, -1.0]]],
                                [[[-1.0, 1.0]], [[0.0, 2.0]], [[1.0, 0.0]]]]> : tensor<3x3x1x2xf32>
    %b0 = arith.constant dense<[1.0, -2.0]> : tensor<2xf32>
    %w1 = arith.constant dense<[[[[1.0, -1.0], [2.0, 1.0]]]]> : tensor<1x1x2x2xf32>
    %w2 = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0]], [[0.0, -1.0], [1.0, 0.0]], [[-1.0, 0.0], [0.0, 0.0]]],
                                [[[0.0, 1.0], [1.0, 0.0]], [[1.0, 1.0], [0.0, -1.0]], [[0.0, 0.0], [1.0, 0.0]]],
                                [[[0.0, 0.0], [-1.0, 1.0]], [[1.0, 0.0], [0.0, 0.0]], [[0.0, 1.0], [0.0, 1.0]]]]> : tensor<3x3x2x2xf32>
    %b2 = arith.constant dense<[-3.0, 1.0]> : tensor<2xf32>
    %w3 = arith.constant dense<[[[[2.0, 1.0], [-1.0, 1.0]]]]> : tensor<1x1x2x2xf32>
    %w4 = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [-1.0, 0.0]], [[1.0, 0.0], [0.0, 0.0]]],
                                [[[0.0, -1.0], [1.0, 0.0]], [[1.0, 1.0], [1.0, -1.0]], [[0.0, 0.0], [0.0, 1.0]]],
                                [[[-1.0, 0.0], [0.0, 1.0]], [[0.0, 0.0], [1.0, 0.0]], [[1.0, 1.0], [0.0, 0.0]]]]> : tensor<3x3x2x2xf32>
    %b4 = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>
    %e = tensor.empty() : tensor<1x4x4x2xf32>
    %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>

    // conv0: 3x3, 1 -> 2 channels, valid, + bias + relu  => %a0 (the skip).
    %c0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%x, %w0 : tensor<1x6x6x1xf32>, tensor<3x3x1x2xf32>) outs(%acc : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
    %a0 = linalg.generic {indexing_maps = [#id4, #ch4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%c0, %b0 : tensor<1x4x4x2xf32>, tensor<2xf32>) outs(%e : tensor<1x4x4x2xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      %r = arith.maximumf %s, %zero : f32
      linalg.yield %r : f32
    } -> tensor<1x4x4x2xf32>

    // conv1: 1x1, 2 -> 2, + relu.
    %c1 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%a0, %w1 : tensor<1x4x4x2xf32>, tensor<1x1x2x2xf32>) outs(%acc : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
    %a1 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%c1 : tensor<1x4x4x2xf32>) outs(%e : tensor<1x4x4x2xf32>) {
    ^bb0(%in: f32, %out: f32):
      %r = arith.maximumf %in, %zero : f32
      linalg.yield %r : f32
    } -> tensor<1x4x4x2xf32>

    // conv2: zero pad 1, 3x3, 2 -> 2, "same", + bias + relu.
    %p1 = tensor.pad %a1 low[0, 1, 1, 0] high[0, 1, 1, 0] {
    ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
      tensor.yield %zero : f32
    } : tensor<1x4x4x2xf32> to tensor<1x6x6x2xf32>
    %c2 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%p1, %w2 : tensor<1x6x6x2xf32>, tensor<3x3x2x2xf32>) outs(%acc : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
    %a2 = linalg.generic {indexing_maps = [#id4, #ch4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%c2, %b2 : tensor<1x4x4x2xf32>, tensor<2xf32>) outs(%e : tensor<1x4x4x2xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      %r = arith.maximumf %s, %zero : f32
      linalg.yield %r : f32
    } -> tensor<1x4x4x2xf32>

    // conv3: 1x1, 2 -> 2, + relu.
    %c3 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%a2, %w3 : tensor<1x4x4x2xf32>, tensor<1x1x2x2xf32>) outs(%acc : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
    %a3 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%c3 : tensor<1x4x4x2xf32>) outs(%e : tensor<1x4x4x2xf32>) {
    ^bb0(%in: f32, %out: f32):
      %r = arith.maximumf %in, %zero : f32
      linalg.yield %r : f32
    } -> tensor<1x4x4x2xf32>

    // Skip connection: %a0 (conv0) + %a3 (conv3).
    %sum = linalg.add ins(%a3, %a0 : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) outs(%e : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>

    // conv4: 3x3, 2 -> 2, valid, + bias (no relu).
    %e4 = tensor.empty() : tensor<1x2x2x2xf32>
    %acc4 = linalg.fill ins(%zero : f32) outs(%e4 : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
    %c4 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%sum, %w4 : tensor<1x4x4x2xf32>, tensor<3x3x2x2xf32>) outs(%acc4 : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
    %y = linalg.generic {indexing_maps = [#id4, #ch4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%c4, %b4 : tensor<1x2x2x2xf32>, tensor<2xf32>) outs(%e4 : tensor<1x2x2x2xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      linalg.yield %s : f32
    } -> tensor<1x2x2x2xf32>
    return %y : tensor<1x2x2x2xf32>
  }

  // The driver: not partitioned (see the header).
  func.func @main() attributes {cachepart.partitioned} {
    %x = arith.constant dense<[[[[-3.0], [2.0], [0.0], [-2.0], [3.0], [1.0]],
                                [[-1.0], [-3.0], [2.0], [0.0], [-2.0], [3.0]],
                                [[1.0], [-1.0], [-3.0], [2.0], [0.0], [-2.0]],
                                [[3.0], [1.0], [-1.0], [-3.0], [2.0], [0.0]],
                                [[-2.0], [3.0], [1.0], [-1.0], [-3.0], [2.0]],
                                [[0.0], [-2.0], [3.0], [1.0], [-1.0], [-3.0]]]]> : tensor<1x6x6x1xf32>
    %r = call @forward(%x) : (tensor<1x6x6x1xf32>) -> tensor<1x2x2x2xf32>
    %u = tensor.cast %r : tensor<1x2x2x2xf32> to tensor<*xf32>
    call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
    return
  }
  func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}
}
