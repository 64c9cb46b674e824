//===- OutlinePartition.h - Outline groups into device functions -*- C++ -*-=//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_TRANSFORMS_OUTLINEPARTITION_H
#define CACHEPART_TRANSFORMS_OUTLINEPARTITION_H

#include "cachepart/Analysis/FootprintAnalysis.h"
#include "cachepart/Dialect/CachePart/IR/CachePart.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace cachepart {

/// One contiguous group of layers and where it runs.
struct OutlineGroup {
  size_t begin = 0;
  size_t end = 0;
  DeviceAttr device;
  Footprint footprint;
  bool spilling = false;
};

/// What outlining produced, per group.
struct OutlinedGroupInfo {
  mlir::func::FuncOp func;
  /// Ops in the outlined body (layers and the free ops cloned with them),
  /// without the return.
  size_t numOps = 0;
  uint64_t transferInBytes = 0;
  uint64_t transferOutBytes = 0;
};

/// Rewrites `func` (single block, analysed by `analysis`) so that each group
/// becomes a private function `@<name>__part<i>` carrying its device and
/// footprint, and `func` becomes the sequence of calls with one
/// cachepart.transfer per value and destination device. Constants and other
/// free ops are cloned into every group that uses them.
mlir::FailureOr<llvm::SmallVector<OutlinedGroupInfo>>
outlinePartition(mlir::func::FuncOp func, const FootprintAnalysis &analysis,
                 llvm::ArrayRef<OutlineGroup> groups,
                 const FootprintOptions &options);

} // namespace cachepart

#endif // CACHEPART_TRANSFORMS_OUTLINEPARTITION_H
