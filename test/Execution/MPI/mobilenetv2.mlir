// REQUIRES: mpi
// UNSUPPORTED: sanitizers
// (The sanitized build runs the lowering itself in ../../Transforms.)
// The bundled MobileNetV2 (TOSA, 224x224, weights made non-splat) at 32MB,
// which gives 6 cards: run as 6 MPI ranks, it prints the same bits as the
// single-process run of the unpartitioned model (scripts/check_execution.sh
// with DISTRIBUTED=1 compares the printed values and their i32 bit
// patterns byte for byte; ~20 s).
//
// RUN: env CACHEPART_OPT=cachepart-opt MLIR_OPT=upstream-mlir-opt MLIR_RUNNER=mlir-runner \
// RUN:   DISTRIBUTED=1 VARY_WEIGHTS=1 %src_root/scripts/check_execution.sh \
// RUN:   %src_root/examples/mobilenetv2_tosa_f32.mlir 32MB | FileCheck %s
//
// CHECK: partitioned: MPI, 6 ranks (scripts/run_distributed.sh)
// CHECK: plan:         6 groups (0 spilling)
// CHECK: RESULT: identical
