// Proof by execution of oversize=split (the default) on a real-size model:
// MobileNetV2 (examples/mobilenetv2_tosa_f32.mlir, 224x224, f32) partitioned
// for 512 KB cards, where about 90 layers are larger than a card and are cut
// into ~530 pieces along parallel loops (the host slices their inputs and
// assembles their results), computes bit for bit what the unpartitioned
// model computes.
//
// scripts/check_execution.sh appends a driver @main {cachepart.partitioned}
// (a non-periodic, zero-mean input built from linalg.index; prints the
// output as f32 and as its i32 bit patterns), runs the original and the
// partitioned model through the same TOSA -> LLVM pipeline and mlir-runner
// -O0, compares the outputs with cmp and exits non-zero on any difference.
//
// VARY_WEIGHTS=1 first turns the splat weights of the example into non-splat
// ones: with splat weights every channel computes the same values (all 1000
// outputs are equal), so a piece cut along channels that got the wrong
// slice of a weight, or whose result lands at the wrong channel offset,
// would not change the output.
//
// Takes 20-40 s, mostly JIT-compiling the ~570 outlined part functions.
//
// RUN: env CACHEPART_OPT=cachepart-opt MLIR_OPT=upstream-mlir-opt MLIR_RUNNER=mlir-runner \
// RUN:   VARY_WEIGHTS=1 %src_root/scripts/check_execution.sh \
// RUN:   %src_root/examples/mobilenetv2_tosa_f32.mlir 512KB | FileCheck %s

// CHECK:      vary-weights: {{[1-9][0-9]*}} constants
// CHECK:      plan: {{[1-9][0-9]+}} groups (0 spilling)
// Layers were really cut into pieces.
// CHECK-NEXT: split layers: {{[1-9][0-9]*}} ({{[1-9][0-9]*}} cut into {{[1-9][0-9]+}} pieces
// The output is neither degenerate nor constant.
// CHECK:      output: 1000 values, {{[1-9][0-9]+}} distinct bit patterns, 0 zero, 0 inf/nan
// CHECK:      RESULT: identical
