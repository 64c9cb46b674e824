//===- Passes.h - cachepart passes ------------------------------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_TRANSFORMS_PASSES_H
#define CACHEPART_TRANSFORMS_PASSES_H

#include "cachepart/Analysis/MemoryModel.h"
#include "cachepart/Planner/PartitionPlanner.h"
#include "cachepart/Support/BatchSize.h"
#include "cachepart/Support/ByteSizeOption.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
class DLTIDialect;
namespace arith {
class ArithDialect;
} // namespace arith
namespace bufferization {
class BufferizationDialect;
} // namespace bufferization
namespace memref {
class MemRefDialect;
} // namespace memref
namespace mpi {
class MPIDialect;
} // namespace mpi
namespace scf {
class SCFDialect;
} // namespace scf
namespace arith {
class ArithDialect;
} // namespace arith
namespace linalg {
class LinalgDialect;
} // namespace linalg
namespace math {
class MathDialect;
} // namespace math
namespace tensor {
class TensorDialect;
} // namespace tensor
} // namespace mlir

namespace cachepart {
class CachePartDialect;

/// What cache-partition does with a layer larger than its card.
enum class OversizeAction {
  /// Cut it into pieces that fit (intra-op partitioning).
  Split,
  /// Give it a group of its own, marked spilling.
  Isolate,
  /// Fail with an error at the op.
  Error,
};

/// MPI ABI that the upstream mpi dialect lowering targets (the value of
/// the module's "MPI:Implementation" DLTI entry).
/// What to do when a plan needs more groups than there are cards.
enum class CardReuse {
  /// Fail: the model does not fit the cards.
  None,
  /// Group g runs on card g mod D: cards are reloaded with the next group's
  /// weights while the input streams through.
  RoundRobin,
};

enum class MPIImplementation { MPICH, OpenMPI };

/// Where a distributed program's results go.
enum class ResultPlacement {
  /// Rank 0, the host.
  Host,
  /// One more rank after the cards'.
  Sink,
  /// The last card's rank.
  LastCard,
};

#define GEN_PASS_DECL
#include "cachepart/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "cachepart/Transforms/Passes.h.inc"
} // namespace cachepart

#endif // CACHEPART_TRANSFORMS_PASSES_H
