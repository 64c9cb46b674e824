//===- Passes.td - cachepart passes ------------------------*- tablegen -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_TRANSFORMS_PASSES_TD
#define CACHEPART_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

// Options shared by the analysis printer and the partition pass: how to size
// dynamic dimensions and which arguments hold weights.
defvar footprintOptions = [
  Option<"batch", "batch", "::cachepart::BatchSize",
         /*default=*/"::cachepart::BatchSize()",
         "Size of dynamic leading (batch) dimensions; 0 = use "
         "dynamic-dim-bound; 'auto' (cache-partition) = the largest batch "
         "whose plan fits the cards">,
  Option<"dynamicDimBound", "dynamic-dim-bound", "uint64_t", /*default=*/"0",
         "Upper bound of the other dynamic dimensions; 0 = none (dynamic "
         "shapes are then an error)">,
  ListOption<"weightArgs", "weight-args", "unsigned",
             "Indices of function arguments that hold weights (besides "
             "arguments marked {cachepart.weight})">,
  Option<"im2col", "im2col", "bool", /*default=*/"true",
         "Count the im2col buffer of convolutions (false when the target "
         "lowers convolutions directly, without a GEMM rewrite)">,
  Option<"profile", "profile", "std::string", /*default=*/"\"\"",
         "cachepart-profile JSON: use each layer's measured bytes instead "
         "of the estimated activations + workspace">,
];

def CacheFootprint : Pass<"cache-footprint", "mlir::ModuleOp"> {
  let summary = "Report the cache footprint of every layer";
  let description = [{
    Runs the footprint analysis on every function of the module and reports,
    for every layer (an op that does work), its weight, activation and
    workspace bytes as a remark at the op's location (MLIR's remark
    framework, category `cache-footprint`: shown with
    `--remarks-filter=cache-footprint`), and a JSON report.

    footprint(layer) = weights (constant operands, counted at full tensor
    size) + activations (result tensors, batch included) + workspace
    (operator scratch, e.g. the im2col buffer of a convolution). See
    docs/footprint-model.md.

    Example:

    ```
    cachepart-opt --cache-footprint="report=-" model.mlir
    cachepart-opt --cache-footprint --remarks-filter=cache-footprint model.mlir
    ```

    ```mlir
    // remark: [Analysis] layer | Category:cache-footprint | Function=f |
    //   Remark="layer 0 'linalg.matmul': weights 0 B, activations 1024 B,
    //   workspace 0 B, total 1024 B"
    %0 = linalg.matmul ins(%a, %b : tensor<16x32xf32>, tensor<32x16xf32>)
                       outs(%c : tensor<16x16xf32>) -> tensor<16x16xf32>
    ```

    Fails with an error at the op's location when a dynamic dimension has no
    bound (`batch=` / `dynamic-dim-bound=`).
  }];
  let options = !listconcat(footprintOptions, [
    Option<"report", "report", "std::string", /*default=*/"\"\"",
           "Write the JSON report to this file ('-' = stdout, '' = none)">,
    Option<"memoryModel", "memory-model", "::cachepart::MemoryModel",
           /*default=*/"::cachepart::MemoryModel::Sum",
           "How a group's bytes are combined from its layers",
           [{::llvm::cl::values(
             clEnumValN(::cachepart::MemoryModel::Sum, "sum",
                        "the method's formula: the sum of the layers' "
                        "footprints"),
             clEnumValN(::cachepart::MemoryModel::Liveness, "liveness",
                        "weights + the peak of simultaneously live "
                        "tensors"))}]>,
  ]);
}

def CachePartition : Pass<"cache-partition", "mlir::ModuleOp"> {
  let summary = "Split functions into cache-fitting per-device functions";
  let description = [{
    Splits the layers of every function into contiguous groups whose cache
    footprint fits their device, with as few groups as possible, and outlines
    each group into a private function `@<name>__part<i>` that carries
    `cachepart.device` and `cachepart.footprint`. The original function
    becomes the sequence of calls; a value produced on one device and used on
    another passes through one `cachepart.transfer` per destination device.

    Devices come from the module's `cachepart.devices` list (group i on
    device i) or, when there is none, from `capacity=` (identical cards named
    `card0`, `card1`, ...; the list is then added to the module).

    Example:

    ```
    cachepart-opt --cache-partition="capacity=2MB strategy=balanced" model.mlir
    ```

    turns

    ```mlir
    func.func @forward(%x: tensor<1x256xf32>) -> tensor<1x10xf32> {
      %0 = linalg.matmul ...   // layer 0
      %1 = linalg.matmul ...   // layer 1
      return %1 : tensor<1x10xf32>
    }
    ```

    into

    ```mlir
    func.func @forward(%x: tensor<1x256xf32>) -> tensor<1x10xf32>
        attributes {cachepart.partitioned} {
      %0 = call @forward__part0(%x) : (tensor<1x256xf32>) -> tensor<1x512xf32>
      %1 = cachepart.transfer %0 from "card0" to "card1" : tensor<1x512xf32>
      %2 = call @forward__part1(%1) : (tensor<1x512xf32>) -> tensor<1x10xf32>
      return %2 : tensor<1x10xf32>
    }
    func.func private @forward__part0(...) attributes {
        cachepart.device = #cachepart.device<"card0", cache = 2MB>,
        cachepart.footprint = {activations = ..., total = ..., ...}} {...}
    ```

    Functions with several blocks, with no layer, or already partitioned are
    left unchanged (with a remark). Cuts are never placed where a memref is
    live. Remarks (why each cut is where it is, each split, each function
    left unchanged) go through MLIR's remark framework, category
    `cache-partition`: a successful run prints nothing unless
    `--remarks-filter=cache-partition` asks for them.

    A layer larger than the smallest card is, by default (`oversize=split`),
    cut along one parallel iteration dimension into the fewest pieces that
    each fit (TilingInterface; a TOSA op is first converted to linalg). The
    host (ops marked `cachepart.host`) cuts the pieces' input slices and
    assembles their results, so no card holds the whole tensor:

    ```mlir
    %a = tensor.extract_slice %x[0, 0] [64, 256] [1, 1] {cachepart.host}
    %p = call @f__part0(%a) ...
    %q = call @f__part1(%b) ...
    %r = tensor.concat dim(1) %p, %q {cachepart.host}
    ```

    A layer that cannot be split is an error at the op saying why and what
    would help. `oversize=isolate` gives such a layer a group of its own
    marked `cachepart.spilling`; `oversize=error` fails at it.

    More groups than `num-devices=D` cards is an error unless
    `reuse=round-robin`: group g then runs on card g mod D. `batch=auto`
    with D cards picks the largest batch whose plan fits them (recorded as
    `cachepart.batch`). `profile=FILE` (from `cachepart-profile`) uses each
    layer's measured bytes instead of the estimate. The same rewrite is
    available as `transform.cachepart.partition` and, from C++, as
    `cachepart::partitionModule`.
  }];
  let dependentDialects = ["::cachepart::CachePartDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::tensor::TensorDialect"];
  let options = !listconcat(footprintOptions, [
    Option<"capacity", "capacity", "::cachepart::ByteSize",
           /*default=*/"::cachepart::ByteSize()",
           "Cache capacity of each card, e.g. 2MB, 512KB, 1048576 "
           "(K/M/G are powers of 1024)">,
    Option<"strategy", "strategy", "::cachepart::PlanStrategy",
           /*default=*/"::cachepart::PlanStrategy::Greedy",
           "How groups are chosen",
           [{::llvm::cl::values(
             clEnumValN(::cachepart::PlanStrategy::Greedy, "greedy",
                        "the method's aggregation: the fewest groups"),
             clEnumValN(::cachepart::PlanStrategy::Balanced, "balanced",
                        "the fewest groups, then the smallest largest group"),
             clEnumValN(::cachepart::PlanStrategy::MinTransfer,
                        "min-transfer",
                        "the fewest groups, then the fewest bytes sent "
                        "between groups"),
             clEnumValN(::cachepart::PlanStrategy::BalancedTime,
                        "balanced-time",
                        "the fewest groups, then the shortest slowest group "
                        "by measured layer times (needs profile=)"))}]>,
    Option<"memoryModel", "memory-model", "::cachepart::MemoryModel",
           /*default=*/"::cachepart::MemoryModel::Sum",
           "How a group's bytes are combined from its layers",
           [{::llvm::cl::values(
             clEnumValN(::cachepart::MemoryModel::Sum, "sum",
                        "the method's formula: the sum of the layers' "
                        "footprints"),
             clEnumValN(::cachepart::MemoryModel::Liveness, "liveness",
                        "weights + the peak of simultaneously live "
                        "tensors"))}]>,
    Option<"numDevices", "num-devices", "uint64_t", /*default=*/"0",
           "Use at most this many cards (0 = as many as needed)">,
    Option<"reuse", "reuse", "::cachepart::CardReuse",
           /*default=*/"::cachepart::CardReuse::None",
           "What to do when the plan needs more groups than cards",
           [{::llvm::cl::values(
             clEnumValN(::cachepart::CardReuse::None, "none",
                        "an error: the model does not fit the cards"),
             clEnumValN(::cachepart::CardReuse::RoundRobin, "round-robin",
                        "group g runs on card g mod D, which is reloaded "
                        "with each of its groups' weights"))}]>,
    Option<"numPartitions", "num-partitions", "uint64_t", /*default=*/"0",
           "Make exactly this many groups (0 = the minimum)">,
    Option<"oversize", "oversize", "::cachepart::OversizeAction",
           /*default=*/"::cachepart::OversizeAction::Split",
           "What to do with a layer larger than its card",
           [{::llvm::cl::values(
             clEnumValN(::cachepart::OversizeAction::Split, "split",
                        "cut it along a parallel dimension into pieces that "
                        "each fit (intra-op partitioning)"),
             clEnumValN(::cachepart::OversizeAction::Isolate, "isolate",
                        "give it a group of its own, marked spilling"),
             clEnumValN(::cachepart::OversizeAction::Error, "error",
                        "fail with an error at the op"))}]>,
    ListOption<"functions", "functions", "std::string",
               "Partition only these functions (default: every function)">,
    Option<"maxPieces", "max-pieces", "uint64_t", /*default=*/"1048576",
           "oversize=split: a layer that would need more pieces than this "
           "is an error (the IR grows with every piece)">,
    Option<"report", "report", "std::string", /*default=*/"\"\"",
           "Write the JSON plan report to this file ('-' = stdout)">,
  ]);
}

def CacheLowerTransfers : Pass<"cache-lower-transfers"> {
  let summary = "Replace cachepart.transfer by its operand";
  let description = [{
    For single-host execution of a partitioned program: every
    `cachepart.transfer` is replaced by the value it moves, and the
    `cachepart.devices` / `cachepart.device` attributes (whose values belong
    to this dialect) are dropped, so the program runs on the CPU with
    upstream lowerings and tools (`mlir-opt`, `mlir-runner`) that do not load
    the cachepart dialect. `cachepart.footprint`, `cachepart.partitioned` and
    `cachepart.spilling` stay.

    ```mlir
    %1 = cachepart.transfer %0 from "card0" to "card1" : tensor<4xf32>
    // becomes: uses of %1 use %0
    ```
  }];
}

def CacheLowerTransfersToMPI
    : Pass<"cache-lower-transfers-to-mpi", "::mlir::ModuleOp"> {
  let summary = "Run a partitioned program on one MPI rank per card";
  let description = [{
    Lowers a program partitioned by `--cache-partition` to the upstream `mpi`
    dialect, at tensor level (before bufferization). Card `i` of the
    module's `cachepart.devices` list is MPI rank `i`; rank 0 is also the
    host: it holds the function's arguments and results and runs the host's
    ops (`cachepart.host` slices and assembly).

    In every partitioned function (`cachepart.partitioned`):
    * each call of a device function runs only on its card's rank, each
      host op only on rank 0 (`scf.if` on `mpi.comm_rank`; on other ranks
      the results are `tensor.empty` placeholders that nothing reads);
    * a value used on a rank other than its own is sent once per
      destination rank: an `mpi.send` on the producer's rank and an
      `mpi.recv` into a fresh buffer on the consumer's, with a tag unique in
      the function. `cachepart.transfer` is such an edge (card to card);
      arguments going to a card and results coming back to the host are
      the others. No transfer is left.

    The entry function (`entry=main`) gets `mpi.init` first and
    `mpi.finalize` before it returns, and its calls of external functions
    without results (printing) run on rank 0 only, so the job prints what
    a single-process run prints. The module gets the `dlti.map` naming the
    MPI implementation whose ABI the `mpi` lowering targets.

    `rank=R` specializes the program for rank R: the guards fold and the
    device functions of other cards are removed, so each rank's executable
    holds only its own card's weights (run them together with `mpirun -n 1
    a.out.0 : -n 1 a.out.1 ...`).

    ```mlir
    %1 = cachepart.transfer %0 from "card0" to "card1" : tensor<4xf32>
    // becomes (rank 0 = card0, rank 1 = card1):
    scf.if %on0 {
      %m = bufferization.to_buffer %0 : tensor<4xf32> to memref<4xf32>
      mpi.send(%m, %c0_tag, %c1, %comm) : memref<4xf32>, i32, i32
    }
    %1 = scf.if %on1 -> (tensor<4xf32>) {
      %b = memref.alloc() : memref<4xf32>
      mpi.recv(%b, %c0_tag, %c0, %comm) : memref<4xf32>, i32, i32
      %t = bufferization.to_tensor %b restrict writable : ...
      scf.yield %t : tensor<4xf32>
    } else { ... tensor.empty ... }
    ```
  }];
  let dependentDialects = ["::mlir::mpi::MPIDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::bufferization::BufferizationDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::DLTIDialect"];
  let options = [
    Option<"entry", "entry", "std::string", /*default=*/"\"main\"",
           "Function that initializes and finalizes MPI and prints on rank "
           "0 only ('' = none: the embedding program does it)">,
    Option<"rank", "rank", "int64_t", /*default=*/"-1",
           "Specialize for this rank (-1 = one program for every rank, "
           "guarded by mpi.comm_rank)">,
    Option<"results", "results", "::cachepart::ResultPlacement",
           /*default=*/"::cachepart::ResultPlacement::Host",
           "Where the partitioned functions' results go",
           [{::llvm::cl::values(
             clEnumValN(::cachepart::ResultPlacement::Host, "host",
                        "to rank 0, the host (which also prints)"),
             clEnumValN(::cachepart::ResultPlacement::Sink, "sink",
                        "to one more rank after the cards' (which prints): "
                        "the host never waits for a result, so successive "
                        "inputs stream through the cards"),
             clEnumValN(::cachepart::ResultPlacement::LastCard, "last",
                        "to the last card's rank (which prints): streams "
                        "like sink without one more process"))}]>,
    Option<"timing", "timing", "bool", /*default=*/"false",
           "Each rank adds up the wall-clock time of its calls and host "
           "ops (compute) and of its sends and receives (communication) "
           "and prints 'rank, compute s, communication s' before "
           "mpi.finalize">,
    Option<"implementation", "implementation",
           "::cachepart::MPIImplementation",
           /*default=*/"::cachepart::MPIImplementation::MPICH",
           "MPI ABI the mpi dialect lowering targets",
           [{::llvm::cl::values(
             clEnumValN(::cachepart::MPIImplementation::MPICH, "MPICH",
                        "MPICH and its ABI-compatible derivatives"),
             clEnumValN(::cachepart::MPIImplementation::OpenMPI, "OpenMPI",
                        "Open MPI"))}]>,
  ];
}

#endif // CACHEPART_TRANSFORMS_PASSES_TD
