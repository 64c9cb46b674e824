//===- Profile.h - Measured layer bytes from cachepart-profile --*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// cachepart-profile measures what each layer allocates while it runs; a
// profile= option feeds those bytes back to the analysis in place of the
// estimated activations + workspace. A profile must match the module:
// same functions, same number of layers, same op at every index.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_ANALYSIS_PROFILE_H
#define CACHEPART_ANALYSIS_PROFILE_H

#include "cachepart/Analysis/FootprintAnalysis.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include <memory>
#include <string>
#include <vector>

namespace cachepart {

struct MeasuredLayer {
  std::string op;
  uint64_t allocatedBytes = 0;
  uint64_t timeNs = 0;
};

/// A profile JSON (cachepart-profile -o FILE), by function name.
struct LayerProfile {
  std::string path;
  llvm::StringMap<std::vector<MeasuredLayer>> functions;
};

/// Reads `path`; emits an error at `loc` and fails when it cannot be read
/// or is not a cachepart-profile JSON.
mlir::FailureOr<LayerProfile> loadLayerProfile(llvm::StringRef path,
                                               mlir::Location loc);

/// The measured bytes of each layer of `analysis` (the function `func`),
/// by op, as FootprintOptions::measured takes them, after checking that the
/// profile describes these layers: an error at the function (no entry,
/// other layer count) or at the op (another op at its index).
mlir::FailureOr<
    std::shared_ptr<const llvm::DenseMap<mlir::Operation *, uint64_t>>>
matchLayerProfile(const LayerProfile &profile, mlir::Operation *func,
                  llvm::StringRef name, const FootprintAnalysis &analysis);

/// The measured time of each layer of `analysis` (nanoseconds, the median
/// of the profile's runs), by op. Only after matchLayerProfile accepted the
/// profile for `name`.
llvm::DenseMap<mlir::Operation *, uint64_t>
measuredLayerTimes(const LayerProfile &profile, llvm::StringRef name,
                   const FootprintAnalysis &analysis);

} // namespace cachepart

#endif // CACHEPART_ANALYSIS_PROFILE_H
