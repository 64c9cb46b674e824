// REQUIRES: mpi
// UNSUPPORTED: sanitizers
// (The sanitized build runs the lowering itself in ../../Transforms.)
// ../conv-skip.mlir, a small conv net whose skip connection crosses two cards (the skip goes from card0 to card2: a message from rank 0 to rank 2), run as a multi-process
// program with one MPI rank per card (scripts/run_distributed.sh), prints
// exactly what the single-process run of the unpartitioned model prints
// (only the buffer address is masked), and what ../conv-skip.mlir checks.
//
// DEFINE: %{cpu} = --pass-pipeline="builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor),one-shot-bufferize{bufferize-function-boundaries},convert-linalg-to-loops,expand-strided-metadata,lower-affine,convert-scf-to-cf,convert-to-llvm,reconcile-unrealized-casts)"
// DEFINE: %{run} = mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils
// DEFINE: %{mask} = sed -E 's/base@ = 0x[0-9a-f]+/base@ = ADDR/'
//
// RUN: upstream-mlir-opt %S/../conv-skip.mlir %{cpu} | %{run} | %{mask} > %t.single
// RUN: %run_distributed %S/../conv-skip.mlir 1800 | %{mask} > %t.mpi
// RUN: diff %t.single %t.mpi
// RUN: FileCheck %S/../conv-skip.mlir < %t.mpi
