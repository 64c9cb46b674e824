//===- LowerTransfers.cpp - Replace transfers by their operand ------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Dialect/CachePart/IR/CachePart.h"
#include "cachepart/Transforms/Passes.h"
#include "cachepart/Transforms/Report.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/ToolOutputFile.h"

namespace cachepart {
#define GEN_PASS_DEF_CACHELOWERTRANSFERS
#include "cachepart/Transforms/Passes.h.inc"
} // namespace cachepart

using namespace mlir;
using namespace cachepart;

namespace {
struct CacheLowerTransfersPass
    : public cachepart::impl::CacheLowerTransfersBase<CacheLowerTransfersPass> {
  void runOnOperation() override {
    // Collect first: erasing while walking would invalidate the walk.
    SmallVector<TransferOp> transfers;
    getOperation()->walk([&](TransferOp op) { transfers.push_back(op); });
    for (TransferOp op : transfers) {
      op.getResult().replaceAllUsesWith(op.getInput());
      op.erase();
    }
    // The program now runs on one host: drop the attributes whose values
    // belong to this dialect, so upstream tools (mlir-opt, mlir-runner)
    // that do not know it can read the result. The footprints (plain
    // dictionaries) and the unit markers stay.
    getOperation()->walk([](Operation *op) { dropCachePartAttributes(op); });
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Reports (shared by the passes)
//===----------------------------------------------------------------------===//

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

LogicalResult cachepart::writeJsonReport(Operation *anchor, StringRef path,
                                         const llvm::json::Value &value) {
  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> file = openOutputFile(path, &error);
  if (!file)
    return mlir::emitError(anchor->getLoc(), "cannot write report '") << path << "': " << error;
  file->os() << llvm::formatv("{0:2}", value) << "\n";
  file->os().flush();
  // A write that failed (a full disk) is the user's error at the module,
  // not an abort when the stream is destroyed.
  if (std::error_code ec = file->os().error()) {
    file->os().clear_error();
    return mlir::emitError(anchor->getLoc(), "cannot write report '")
           << path << "': " << ec.message();
  }
  file->keep();
  return success();
}
