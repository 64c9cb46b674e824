//===- MemoryModel.h - How a group's bytes are combined ---------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Plain C++ (no MLIR): the pass options name it, the analysis implements it.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_ANALYSIS_MEMORYMODEL_H
#define CACHEPART_ANALYSIS_MEMORYMODEL_H

namespace cachepart {

/// How a group's bytes are combined from its layers.
enum class MemoryModel {
  /// The method's formula: the sum of the layers' footprints, weights shared
  /// by several layers of the group counted once.
  Sum,
  /// Weights of the group + the peak, over the group's layers, of the bytes
  /// of simultaneously live tensors (live-ins included) + the layer's
  /// workspace.
  Liveness,
};

} // namespace cachepart

#endif // CACHEPART_ANALYSIS_MEMORYMODEL_H
