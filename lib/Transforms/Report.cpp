//===- Report.cpp - Reports and remarks of the cachepart passes -----------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Transforms/Report.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/Remarks.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
using namespace cachepart;

void cachepart::emitPassRemark(Location loc, PassRemark kind,
                               StringRef category, StringRef name,
                               StringRef function, StringRef text) {
  auto opts =
      remark::RemarkOpts::name(name).category(category).function(function);
  switch (kind) {
  case PassRemark::Analysis:
    remark::analysis(loc, opts) << text;
    return;
  case PassRemark::Passed:
    remark::passed(loc, opts) << text;
    return;
  case PassRemark::Missed:
    remark::missed(loc, opts) << text;
    return;
  }
}

std::string cachepart::locationToString(Location loc) {
  if (auto file = dyn_cast<FileLineColLoc>(loc))
    return (file.getFilename().str() + ":" + std::to_string(file.getLine()) +
            ":" + std::to_string(file.getColumn()));
  if (auto named = dyn_cast<NameLoc>(loc))
    return locationToString(named.getChildLoc());
  if (auto fused = dyn_cast<FusedLoc>(loc))
    if (!fused.getLocations().empty())
      return locationToString(fused.getLocations().front());
  std::string text;
  llvm::raw_string_ostream os(text);
  loc.print(os);
  return text;
}

Location cachepart::getDiagnosticLoc(Operation *op) {
  Location loc = op->getLoc();
  auto file = dyn_cast<FileLineColLoc>(loc);
  bool lineless = isa<UnknownLoc>(loc) || (file && file.getLine() == 0);
  if (!lineless)
    return loc;
  for (Region &region : op->getRegions())
    for (Block &block : region)
      if (!block.empty())
        return block.front().getLoc();
  return loc;
}

LogicalResult cachepart::writeJsonReport(Operation *anchor, StringRef path,
                                         const llvm::json::Value &value) {
  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> file = openOutputFile(path, &error);
  if (!file)
    return mlir::emitError(getDiagnosticLoc(anchor), "cannot write report '")
           << path << "': " << error;
  file->os() << llvm::formatv("{0:2}", value) << "\n";
  file->os().flush();
  // A write that failed (a full disk) is the user's error at the module,
  // not an abort when the stream is destroyed.
  if (std::error_code ec = file->os().error()) {
    file->os().clear_error();
    return mlir::emitError(getDiagnosticLoc(anchor), "cannot write report '")
           << path << "': " << ec.message();
  }
  file->keep();
  return success();
}
