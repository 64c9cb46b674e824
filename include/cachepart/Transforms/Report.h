//===- Report.h - JSON reports of the cachepart passes ----------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_TRANSFORMS_REPORT_H
#define CACHEPART_TRANSFORMS_REPORT_H

#include "mlir/IR/Location.h"
#include "mlir/Support/LLVM.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace cachepart {
/// "file:line:col" for file locations, the printed location otherwise.
std::string locationToString(mlir::Location loc);

/// Writes `value` pretty-printed to `path` ("-" = stdout). Emits an error on
/// `anchor` when the file cannot be written.
mlir::LogicalResult writeJsonReport(mlir::Operation *anchor,
                                    llvm::StringRef path,
                                    const llvm::json::Value &value);
} // namespace cachepart

#endif // CACHEPART_TRANSFORMS_REPORT_H
