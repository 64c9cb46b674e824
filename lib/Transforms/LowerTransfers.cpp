//===- LowerTransfers.cpp - Replace transfers by their operand ------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Dialect/CachePart/IR/CachePart.h"
#include "cachepart/Transforms/Passes.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

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
