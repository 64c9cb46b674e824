// REQUIRES: mpi
// UNSUPPORTED: sanitizers
// (The sanitized build runs the lowering itself in ../../Transforms.)
// ../tosa-net.mlir, a TOSA net (converted to linalg by the pipeline inside run_distributed.sh), run as a multi-process
// program with one MPI rank per card (scripts/run_distributed.sh), prints
// exactly what the single-process run of the unpartitioned model prints
// (only the buffer address is masked), and what ../tosa-net.mlir checks.
//
// DEFINE: %{cpu} = --pass-pipeline="builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor),one-shot-bufferize{bufferize-function-boundaries},convert-linalg-to-loops,expand-strided-metadata,lower-affine,convert-scf-to-cf,convert-to-llvm,reconcile-unrealized-casts)"
// DEFINE: %{run} = mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils
// DEFINE: %{mask} = sed -E 's/base@ = 0x[0-9a-f]+/base@ = ADDR/'
//
// RUN: upstream-mlir-opt %S/../tosa-net.mlir %{cpu} | %{run} | %{mask} > %t.single
// RUN: %run_distributed %S/../tosa-net.mlir 2000 | %{mask} > %t.mpi
// RUN: diff %t.single %t.mpi
// RUN: FileCheck %S/../tosa-net.mlir < %t.mpi
// At 1800 B a layer is split (see ../tosa-net.mlir, SPLIT): the host
// (rank 0) cuts the pieces' input slices, sends them to the cards and
// assembles the pieces it receives back.
// RUN: %run_distributed %S/../tosa-net.mlir 1800 | %{mask} > %t.split
// RUN: diff %t.single %t.split
