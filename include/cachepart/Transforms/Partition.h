//===- Partition.h - cache-partition as a C++ entry point -------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// What --cache-partition does, callable without a pass manager: by the pass,
// by transform.cachepart.partition, and by downstream tools.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_TRANSFORMS_PARTITION_H
#define CACHEPART_TRANSFORMS_PARTITION_H

#include "cachepart/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace cachepart {

struct PartitionRequest {
  /// The pass's options (see Passes.td).
  CachePartitionOptions options;
  /// Whether capacity= was given (capacity=0 is then an error, not "unset").
  bool capacityGiven = false;
};

/// Partitions `funcs` of `module` (none: those of `functions=`, or every
/// function) as --cache-partition does. Appends the device functions it
/// makes to `deviceFuncs` when given. Errors are emitted at their ops.
mlir::LogicalResult partitionModule(
    mlir::ModuleOp module, llvm::ArrayRef<mlir::func::FuncOp> funcs,
    const PartitionRequest &request,
    llvm::SmallVectorImpl<mlir::func::FuncOp> *deviceFuncs = nullptr);

/// Parses pass options as --cache-partition="..." does (same names, same
/// spellings, same errors, reported through `onError`).
mlir::FailureOr<PartitionRequest>
parsePartitionRequest(llvm::StringRef options,
                      llvm::function_ref<void(const llvm::Twine &)> onError);

} // namespace cachepart

#endif // CACHEPART_TRANSFORMS_PARTITION_H
