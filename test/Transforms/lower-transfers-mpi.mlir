// RUN: cachepart-opt %s --cache-lower-transfers-to-mpi | FileCheck %s
// RUN: cachepart-opt %s --cache-lower-transfers-to-mpi=rank=1 | FileCheck %s --check-prefix=RANK1
// RUN: cachepart-opt %s --cache-lower-transfers-to-mpi=rank=0 | FileCheck %s --check-prefix=RANK0
// RUN: cachepart-opt %s --cache-lower-transfers-to-mpi="implementation=OpenMPI" | FileCheck %s --check-prefix=OMPI
// RUN: cachepart-opt %s --cache-lower-transfers-to-mpi="results=last" | FileCheck %s --check-prefix=LAST
// RUN: cachepart-opt %s --cache-lower-transfers-to-mpi="results=sink timing=true" | FileCheck %s --check-prefix=SINK

// A program as --cache-partition leaves it, on three cards (card i = rank i,
// rank 0 also the host): part0 on card0 computes %a from the argument %x;
// part1 on card1 reads %a and %x; part2 on card2 reads part1's %b and %a
// (a transfer that skips a card). The messages, in program order, with
// their tags:
//   tag 0: %a    rank 0 -> 1 (transfer)
//   tag 1: %x    rank 0 -> 1 (an argument: the host sends it)
//   tag 2: %b    rank 1 -> 2 (transfer)
//   tag 3: %a    rank 0 -> 2 (transfer)
//   tag 4: %c    rank 2 -> 0 (the result goes back to the host)
// Every buffer is sent flat (2x4 -> 8 elements): the upstream lowering
// passes the size of dimension 0 as the count.

// CHECK:       module attributes {dlti.map = #dlti.map<"MPI:Implementation" = "MPICH">}
// CHECK-LABEL: func.func @forward(
// CHECK-SAME:      %[[X:.*]]: tensor<2x4xf32>)
// CHECK:         %[[COMM:.*]] = mpi.comm_world : !mpi.comm
// CHECK:         %[[RANK:.*]] = mpi.comm_rank(%[[COMM]]) : i32
// CHECK-DAG:     %[[R2:.*]] = arith.constant 2 : i32
// CHECK-DAG:     %[[ON2:.*]] = arith.cmpi eq, %[[RANK]], %[[R2]] : i32
// CHECK-DAG:     %[[R1:.*]] = arith.constant 1 : i32
// CHECK-DAG:     %[[ON1:.*]] = arith.cmpi eq, %[[RANK]], %[[R1]] : i32
// CHECK-DAG:     %[[R0:.*]] = arith.constant 0 : i32
// CHECK-DAG:     %[[ON0:.*]] = arith.cmpi eq, %[[RANK]], %[[R0]] : i32
// part0 runs on rank 0 only; the other ranks get a placeholder.
// CHECK:         %[[A:.*]] = scf.if %[[ON0]] -> (tensor<2x4xf32>) {
// CHECK-NEXT:      func.call @forward__part0(%[[X]])
// CHECK:         } else {
// CHECK-NEXT:      tensor.empty() : tensor<2x4xf32>
// Tag 0: %a from rank 0 to rank 1.
// CHECK:         %[[T0:.*]] = arith.constant 0 : i32
// CHECK-NEXT:    scf.if %[[ON0]] {
// CHECK-NEXT:      %[[FA:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0, 1]] : tensor<2x4xf32> into tensor<8xf32>
// CHECK-NEXT:      %[[BA:.*]] = bufferization.to_buffer %[[FA]] read_only : tensor<8xf32> to memref<8xf32>
// CHECK-NEXT:      mpi.send(%[[BA]], %[[T0]], %[[R1]], %[[COMM]]) : memref<8xf32>, i32, i32
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[A1:.*]] = scf.if %[[ON1]] -> (tensor<2x4xf32>) {
// CHECK-NEXT:      %[[M:.*]] = memref.alloc() : memref<8xf32>
// CHECK-NEXT:      mpi.recv(%[[M]], %[[T0]], %[[R0]], %[[COMM]]) : memref<8xf32>, i32, i32
// CHECK-NEXT:      %[[F:.*]] = bufferization.to_tensor %[[M]] restrict writable : memref<8xf32> to tensor<8xf32>
// CHECK-NEXT:      %[[E:.*]] = tensor.expand_shape %[[F]] {{\[\[}}0, 1]] output_shape [2, 4] : tensor<8xf32> into tensor<2x4xf32>
// CHECK-NEXT:      scf.yield %[[E]] : tensor<2x4xf32>
// CHECK-NEXT:    } else {
// CHECK-NEXT:      %[[P:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK-NEXT:      scf.yield %[[P]] : tensor<2x4xf32>
// CHECK-NEXT:    }
// Tag 1: the argument %x from the host (rank 0) to rank 1.
// CHECK-NEXT:    %[[T1:.*]] = arith.constant 1 : i32
// CHECK-NEXT:    scf.if %[[ON0]] {
// CHECK-NEXT:      tensor.collapse_shape %[[X]]
// CHECK-NEXT:      bufferization.to_buffer
// CHECK-NEXT:      mpi.send(%{{.*}}, %[[T1]], %[[R1]], %[[COMM]])
// CHECK:         %[[X1:.*]] = scf.if %[[ON1]] -> (tensor<2x4xf32>) {
// CHECK:           mpi.recv(%{{.*}}, %[[T1]], %[[R0]], %[[COMM]])
// part1 on rank 1 reads the received copies.
// CHECK:         %[[B:.*]] = scf.if %[[ON1]] -> (tensor<2x4xf32>) {
// CHECK-NEXT:      func.call @forward__part1(%[[A1]], %[[X1]])
// Tag 2: %b from rank 1 to rank 2.
// CHECK:         %[[T2:.*]] = arith.constant 2 : i32
// CHECK-NEXT:    scf.if %[[ON1]] {
// CHECK-NEXT:      tensor.collapse_shape %[[B]]
// CHECK-NEXT:      bufferization.to_buffer
// CHECK-NEXT:      mpi.send(%{{.*}}, %[[T2]], %[[R2]], %[[COMM]])
// CHECK:         %[[B2:.*]] = scf.if %[[ON2]] -> (tensor<2x4xf32>) {
// CHECK:           mpi.recv(%{{.*}}, %[[T2]], %[[R1]], %[[COMM]])
// Tag 3: %a again, now to rank 2 (sent once per destination).
// CHECK:         %[[T3:.*]] = arith.constant 3 : i32
// CHECK-NEXT:    scf.if %[[ON0]] {
// CHECK-NEXT:      tensor.collapse_shape %[[A]]
// CHECK-NEXT:      bufferization.to_buffer
// CHECK-NEXT:      mpi.send(%{{.*}}, %[[T3]], %[[R2]], %[[COMM]])
// CHECK:         %[[A2:.*]] = scf.if %[[ON2]] -> (tensor<2x4xf32>) {
// CHECK:           mpi.recv(%{{.*}}, %[[T3]], %[[R0]], %[[COMM]])
// CHECK:         %[[C:.*]] = scf.if %[[ON2]] -> (tensor<2x4xf32>) {
// CHECK-NEXT:      func.call @forward__part2(%[[B2]], %[[A2]])
// Tag 4: the result back to the host, which returns it.
// CHECK:         %[[T4:.*]] = arith.constant 4 : i32
// CHECK-NEXT:    scf.if %[[ON2]] {
// CHECK-NEXT:      tensor.collapse_shape %[[C]]
// CHECK-NEXT:      bufferization.to_buffer
// CHECK-NEXT:      mpi.send(%{{.*}}, %[[T4]], %[[R0]], %[[COMM]])
// CHECK:         %[[C0:.*]] = scf.if %[[ON0]] -> (tensor<2x4xf32>) {
// CHECK:           mpi.recv(%{{.*}}, %[[T4]], %[[R2]], %[[COMM]])
// CHECK:         return %[[C0]] : tensor<2x4xf32>
// CHECK-NOT:     cachepart.transfer
// The device functions lose their #cachepart.device (the program no longer
// needs the dialect); the driver initializes MPI, prints on rank 0 only and
// finalizes.
// CHECK:       func.func private @forward__part0(%{{.*}}: tensor<2x4xf32>) -> tensor<2x4xf32> {
// CHECK-LABEL: func.func @main()
// CHECK-NEXT:    mpi.init
// CHECK-NEXT:    %[[MCOMM:.*]] = mpi.comm_world : !mpi.comm
// CHECK-NEXT:    %[[MRANK:.*]] = mpi.comm_rank(%[[MCOMM]]) : i32
// CHECK-NEXT:    %[[MR0:.*]] = arith.constant 0 : i32
// CHECK-NEXT:    %[[MON0:.*]] = arith.cmpi eq, %[[MRANK]], %[[MR0]] : i32
// CHECK:         call @forward(
// CHECK:         scf.if %[[MON0]] {
// CHECK-NEXT:      func.call @printMemrefF32(
// CHECK-NEXT:    }
// CHECK-NEXT:    mpi.finalize
// CHECK-NEXT:    return
// CHECK-NOT:   cachepart.device

// rank=1: the guards fold; rank 1 receives %a (tag 0) and %x (tag 1) from
// rank 0, runs part1 and sends %b to rank 2 (tag 2); it holds no other
// card's function (so none of their weights) and never prints.
// RANK1-LABEL: func.func @forward(
// RANK1-DAG:     %[[C0:.*]] = arith.constant 0 : i32
// RANK1-DAG:     %[[C1:.*]] = arith.constant 1 : i32
// RANK1-DAG:     %[[C2:.*]] = arith.constant 2 : i32
// RANK1-NOT:     scf.if
// RANK1:         mpi.recv(%{{.*}}, %[[C0]], %[[C0]], %{{.*}}) : memref<8xf32>, i32, i32
// RANK1:         mpi.recv(%{{.*}}, %[[C1]], %[[C0]], %{{.*}}) : memref<8xf32>, i32, i32
// RANK1:         call @forward__part1(
// RANK1:         mpi.send(%{{.*}}, %[[C2]], %[[C2]], %{{.*}}) : memref<8xf32>, i32, i32
// RANK1-NOT:     mpi.send
// RANK1-NOT:     mpi.recv
// RANK1:         return
// RANK1-NOT:   @forward__part0
// RANK1:       func.func private @forward__part1(
// RANK1-NOT:   @forward__part2
// RANK1-LABEL: func.func @main()
// RANK1:         mpi.init
// RANK1-NOT:     printMemrefF32
// RANK1:         mpi.finalize

// rank=0 (the host): runs part0, sends tags 0, 1, 3 and receives the result
// (tag 4); keeps the printing.
// RANK0-LABEL: func.func @forward(
// RANK0-NOT:     scf.if
// RANK0:         call @forward__part0(
// RANK0:         mpi.send({{.*}}) : memref<8xf32>, i32, i32
// RANK0:         mpi.send({{.*}}) : memref<8xf32>, i32, i32
// RANK0:         mpi.send({{.*}}) : memref<8xf32>, i32, i32
// RANK0:         mpi.recv({{.*}}) : memref<8xf32>, i32, i32
// RANK0-NOT:     mpi.send
// RANK0:       func.func private @forward__part0(
// RANK0-NOT:   @forward__part1
// RANK0-NOT:   @forward__part2
// RANK0-LABEL: func.func @main()
// RANK0:         call @printMemrefF32(

// OMPI: module attributes {dlti.map = #dlti.map<"MPI:Implementation" = "OpenMPI">}

// results=last: the result stays on the last card's rank (2), which
// returns part2's result itself; there is no fifth message (tags 0..3),
// and the driver prints on rank 2.
// LAST-LABEL: func.func @forward(
// LAST:         %[[R2:.*]] = arith.constant 2 : i32
// LAST:         %[[ON2:.*]] = arith.cmpi eq, %{{.*}}, %[[R2]] : i32
// LAST-NOT:     arith.constant 4 : i32
// LAST:         func.call @forward__part2(
// LAST-NOT:     mpi.
// LAST:         return %{{.*}} : tensor<2x4xf32>
// LAST-LABEL: func.func @main()
// LAST:         %[[MR2:.*]] = arith.constant 2 : i32
// LAST:         %[[MON2:.*]] = arith.cmpi eq, %{{.*}}, %[[MR2]] : i32
// LAST:         scf.if %[[MON2]] {
// LAST-NEXT:      func.call @printMemrefF32(

// results=sink: one more rank (3) after the three cards gets the result
// (tag 4 from rank 2) and prints. timing=true: the clock and print
// functions of the runner utils are declared, every guarded op and every
// message is timed into @__cachepart_timers, and each rank prints
// "rank, compute, communication" before mpi.finalize.
// SINK-DAG:   func.func private @rtclock() -> f64
// SINK-DAG:   func.func private @printI64(i64)
// SINK-DAG:   func.func private @printF64(f64)
// SINK-DAG:   memref.global "private" @__cachepart_timers : memref<2xf64> = dense<0.000000e+00>
// SINK-LABEL: func.func @forward(
// SINK:         %[[R3:.*]] = arith.constant 3 : i32
// SINK:         %[[ON3:.*]] = arith.cmpi eq, %{{.*}}, %[[R3]] : i32
// SINK:         %[[T0:.*]] = call @rtclock() : () -> f64
// SINK-NEXT:    scf.if %{{.*}} -> (tensor<2x4xf32>) {
// SINK-NEXT:      func.call @forward__part0(
// SINK:         %[[T1:.*]] = call @rtclock() : () -> f64
// SINK-NEXT:    %[[DT:.*]] = arith.subf %[[T1]], %[[T0]] : f64
// SINK-NEXT:    %[[G:.*]] = memref.get_global @__cachepart_timers : memref<2xf64>
// SINK-NEXT:    %[[I0:.*]] = arith.constant 0 : index
// SINK-NEXT:    %[[OLD:.*]] = memref.load %[[G]][%[[I0]]] : memref<2xf64>
// SINK-NEXT:    %[[NEW:.*]] = arith.addf %[[OLD]], %[[DT]] : f64
// SINK-NEXT:    memref.store %[[NEW]], %[[G]][%[[I0]]] : memref<2xf64>
// SINK:         %[[T4:.*]] = arith.constant 4 : i32
// SINK:         mpi.send(%{{.*}}, %[[T4]], %[[R3]], %{{.*}})
// SINK:         %[[RES:.*]] = scf.if %[[ON3]] -> (tensor<2x4xf32>) {
// SINK:           mpi.recv(%{{.*}}, %[[T4]], %{{.*}}, %{{.*}})
// SINK:         memref.get_global @__cachepart_timers
// SINK-NEXT:    arith.constant 1 : index
// SINK:         return %[[RES]] : tensor<2x4xf32>
// SINK-LABEL: func.func @main()
// SINK:         %[[MRANK:.*]] = mpi.comm_rank
// SINK:         scf.if %{{.*}} {
// SINK-NEXT:      func.call @printMemrefF32(
// SINK-NEXT:    }
// SINK-NEXT:    %[[MG:.*]] = memref.get_global @__cachepart_timers : memref<2xf64>
// SINK-NEXT:    %[[R64:.*]] = arith.extsi %[[MRANK]] : i32 to i64
// SINK-NEXT:    call @printI64(%[[R64]]) : (i64) -> ()
// SINK-NEXT:    call @printComma() : () -> ()
// SINK:         call @printF64(
// SINK:         call @printF64(
// SINK-NEXT:    call @printNewline() : () -> ()
// SINK-NEXT:    mpi.finalize

module attributes {cachepart.devices = [#cachepart.device<"card0", cache = 1KB>, #cachepart.device<"card1", cache = 1KB>, #cachepart.device<"card2", cache = 1KB>]} {
  func.func @forward(%x: tensor<2x4xf32>) -> tensor<2x4xf32> attributes {cachepart.partitioned} {
    %a = call @forward__part0(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
    %t1 = cachepart.transfer %a from "card0" to "card1" : tensor<2x4xf32>
    %b = call @forward__part1(%t1, %x) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
    %t2 = cachepart.transfer %b from "card1" to "card2" : tensor<2x4xf32>
    %t3 = cachepart.transfer %a from "card0" to "card2" : tensor<2x4xf32>
    %c = call @forward__part2(%t2, %t3) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
    return %c : tensor<2x4xf32>
  }
  func.func private @forward__part0(%x: tensor<2x4xf32>) -> tensor<2x4xf32> attributes {cachepart.device = #cachepart.device<"card0", cache = 1KB>} {
    %e = tensor.empty() : tensor<2x4xf32>
    %0 = linalg.negf ins(%x : tensor<2x4xf32>) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
    return %0 : tensor<2x4xf32>
  }
  func.func private @forward__part1(%a: tensor<2x4xf32>, %x: tensor<2x4xf32>) -> tensor<2x4xf32> attributes {cachepart.device = #cachepart.device<"card1", cache = 1KB>} {
    %e = tensor.empty() : tensor<2x4xf32>
    %0 = linalg.add ins(%a, %x : tensor<2x4xf32>, tensor<2x4xf32>) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
    return %0 : tensor<2x4xf32>
  }
  func.func private @forward__part2(%b: tensor<2x4xf32>, %a: tensor<2x4xf32>) -> tensor<2x4xf32> attributes {cachepart.device = #cachepart.device<"card2", cache = 1KB>} {
    %e = tensor.empty() : tensor<2x4xf32>
    %0 = linalg.mul ins(%b, %a : tensor<2x4xf32>, tensor<2x4xf32>) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
    return %0 : tensor<2x4xf32>
  }
  func.func private @printMemrefF32(tensor<*xf32>)
  func.func @main() attributes {cachepart.partitioned} {
    %x = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]> : tensor<2x4xf32>
    %y = call @forward(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
    %u = tensor.cast %y : tensor<2x4xf32> to tensor<*xf32>
    call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
    return
  }
}
