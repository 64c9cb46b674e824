//===- AnalysisDetail.h - Shared helpers of the analysis --------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Type sizing and the workspace rules, shared by the files of
// lib/Analysis; not installed.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_LIB_ANALYSIS_ANALYSISDETAIL_H
#define CACHEPART_LIB_ANALYSIS_ANALYSISDETAIL_H

#include "cachepart/Analysis/FootprintAnalysis.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cachepart::detail {

/// The size of dynamic dimension `index`: the batch for the leading one,
/// else the bound; none when the options give neither.
std::optional<uint64_t> dynamicExtent(unsigned index,
                                      const FootprintOptions &options);

/// Bits of one element; 0 when the type has no defined storage size.
uint64_t getElementBits(mlir::Type type);

/// Workspace bytes of `op` and the name of the rule that gave them
/// (WorkspaceRules.cpp).
uint64_t computeWorkspace(mlir::Operation *op, const FootprintOptions &options,
                          std::string &rule);

} // namespace cachepart::detail

#endif // CACHEPART_LIB_ANALYSIS_ANALYSISDETAIL_H
