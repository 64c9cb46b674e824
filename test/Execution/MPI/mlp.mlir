// REQUIRES: mpi
// UNSUPPORTED: sanitizers
// (The sanitized build runs the lowering itself in ../../Transforms.)
// The MLP of ../mlp.mlir run as a real multi-process program, one MPI rank
// per card (scripts/run_distributed.sh: --cache-partition, then
// --cache-lower-transfers-to-mpi per rank, native code, mpirun), prints
// exactly what the single-process run of the unpartitioned model prints
// (only the buffer address is masked). 300 B gives 4 cards, so 4 ranks;
// num-partitions=6 gives 6; reuse=round-robin runs 4 groups on 2 ranks;
// liveness and balanced move the cuts.
//
// DEFINE: %{cpu} = -one-shot-bufferize="bufferize-function-boundaries" -convert-linalg-to-loops -expand-strided-metadata -lower-affine -convert-scf-to-cf -convert-to-llvm -reconcile-unrealized-casts
// DEFINE: %{run} = mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils
// DEFINE: %{mask} = sed -E 's/base@ = 0x[0-9a-f]+/base@ = ADDR/'
//
// RUN: upstream-mlir-opt %S/../mlp.mlir %{cpu} | %{run} | %{mask} > %t.single
// RUN: %run_distributed %S/../mlp.mlir 300 | %{mask} > %t.mpi4
// RUN: diff %t.single %t.mpi4
// RUN: %run_distributed %S/../mlp.mlir 300 num-partitions=6 | %{mask} > %t.mpi6
// RUN: diff %t.single %t.mpi6
// Four groups on two cards in turns (reuse=round-robin): two ranks, each
// running two device functions.
// RUN: %run_distributed %S/../mlp.mlir 300 num-devices=2 reuse=round-robin | %{mask} > %t.reuse
// RUN: diff %t.single %t.reuse
// RUN: env SPMD=1 %run_distributed %S/../mlp.mlir 300 strategy=balanced memory-model=liveness | %{mask} > %t.spmd
// RUN: diff %t.single %t.spmd
// The results on an extra sink rank (5 ranks) and on the last card's rank
// (which then prints): the same output.
// RUN: env MPI_OPTIONS=results=sink %run_distributed %S/../mlp.mlir 300 | %{mask} > %t.sink
// RUN: diff %t.single %t.sink
// RUN: env MPI_OPTIONS=results=last %run_distributed %S/../mlp.mlir 300 | %{mask} > %t.last
// RUN: diff %t.single %t.last
// The single-process output is the hand-computed one (so the diffs compare
// the right numbers), and the plans really use 4 and 6 cards:
// RUN: FileCheck %S/../mlp.mlir < %t.mpi4
// RUN: cachepart-opt %S/../mlp.mlir --cache-partition="capacity=300 report=-" -o /dev/null 2>/dev/null | FileCheck %s --check-prefix=CARDS4
// RUN: cachepart-opt %S/../mlp.mlir --cache-partition="capacity=300 num-partitions=6 report=-" -o /dev/null 2>/dev/null | FileCheck %s --check-prefix=CARDS6

// CARDS4:      "devices": [
// CARDS4-NEXT:   "card0",
// CARDS4-NEXT:   "card1",
// CARDS4-NEXT:   "card2",
// CARDS4-NEXT:   "card3"
// CARDS4-NEXT: ],
// CARDS6:      "devices": [
// CARDS6-COUNT-6: "card{{[0-5]}}"
// CARDS6-NEXT: ],
