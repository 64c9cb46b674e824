// REQUIRES: mpi
// UNSUPPORTED: sanitizers
// (A real multi-process run: the normal build runs it; the sanitized build checks the lowering in ../../Transforms.)
// A card that crashes (FAULT_RANK=2: rank 2 is killed right after
// MPI_Init) makes the job fail at once, not hang (TIMEOUT=60 would end it
// with status 124 and a different message), with the failing rank, its card
// and its groups named, and the whole rank -> group map. The host printed
// no result (stdout holds only mpirun's BAD TERMINATION report).
//
// RUN: env FAULT_RANK=2 TIMEOUT=60 not %run_distributed %S/../mlp.mlir 300 > %t.out 2> %t.err
// RUN: FileCheck %s < %t.err
// RUN: not grep "Unranked Memref" %t.out
//
// CHECK:     error: rank 2 = card 'card2': @forward group 2 failed (exit status 137)
// CHECK:     error: the distributed run failed
// CHECK-NOT: did not finish
// CHECK:     the ranks and their groups:
// CHECK-NEXT:  rank 0 = card 'card0' (and the host): @forward group 0
// CHECK-NEXT:  rank 1 = card 'card1': @forward group 1
// CHECK-NEXT:  rank 2 = card 'card2': @forward group 2
// CHECK-NEXT:  rank 3 = card 'card3': @forward group 3
