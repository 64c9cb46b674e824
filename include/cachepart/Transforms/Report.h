//===- Report.h - Reports and remarks of the cachepart passes ---*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_TRANSFORMS_REPORT_H
#define CACHEPART_TRANSFORMS_REPORT_H

#include "cachepart/Planner/PartitionPlanner.h"
#include "cachepart/Transforms/OutlinePartition.h"
#include "cachepart/Transforms/SplitOversize.h"

#include "mlir/IR/Location.h"
#include "mlir/Support/LLVM.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace cachepart {
/// "file:line:col" for file locations, the printed location otherwise.
std::string locationToString(mlir::Location loc);

/// Where to report an error about `op` as a whole: its location, or, for an
/// op without a line of its own (the implicit module of a file or of stdin,
/// at line 0), the location of its first nested op, so that the message
/// points into the user's file.
mlir::Location getDiagnosticLoc(mlir::Operation *op);

/// Writes `value` pretty-printed to `path` ("-" = stdout). Emits an error on
/// `anchor` when the file cannot be written.
mlir::LogicalResult writeJsonReport(mlir::Operation *anchor,
                                    llvm::StringRef path,
                                    const llvm::json::Value &value);

/// batch=auto: the chosen batch and the batches it tried, with the fewest
/// groups each needs (0: a layer alone exceeds a card).
struct BatchChoice {
  struct Point {
    uint64_t batch = 0;
    size_t groups = 0;
  };
  uint64_t chosen = 0;
  /// It still fit at the largest batch tried.
  bool capped = false;
  std::vector<Point> curve; ///< By batch.
};

/// What the cache-partition report says about one partitioned function.
struct FunctionReport {
  llvm::StringRef name;
  const FootprintAnalysis *analysis = nullptr; ///< Its layers (after splits).
  llvm::ArrayRef<OutlineGroup> groups;
  llvm::ArrayRef<OutlinedGroupInfo> outlined; ///< One per group.
  llvm::ArrayRef<SplitLayerRecord> splits;
  const PartitionPlan *plan = nullptr;
  PlanStrategy strategy = PlanStrategy::Greedy;
  MemoryModel model = MemoryModel::Sum;
  uint64_t totalBytes = 0; ///< All layers as one group.
  size_t lowerBound = 0;   ///< lowerBoundOnGroups.
  /// reuse=round-robin: report each card's groups, reloads and the weights
  /// streamed per input.
  bool cardReuse = false;
  /// batch=auto: what it chose and tried (null otherwise).
  const BatchChoice *batch = nullptr;
  /// The plan has measured layer times (profile=): report group times.
  bool timed = false;
};

/// Cards used in turns (reuse=round-robin): each card's groups in run order
/// and the weights it loads per input. A card with one group keeps its
/// weights; a card with several loads each group's weights for every input.
struct CardReuseSummary {
  struct Card {
    llvm::StringRef name;
    std::vector<size_t> groups;
    uint64_t streamedWeightBytes = 0;
  };
  std::vector<Card> cards; ///< In order of first use.
  size_t reloadedCards = 0;
  uint64_t streamedWeightBytes = 0;
};
CardReuseSummary summarizeCardReuse(llvm::ArrayRef<OutlineGroup> groups);

/// The function's entry of the JSON report (`report=FILE`): totals, the
/// splits, one object per group and per layer.
llvm::json::Object buildFunctionReport(const FunctionReport &report);

/// Kinds of the passes' remarks (mlir/IR/Remarks.h).
enum class PassRemark {
  /// Numbers and decisions (a layer's bytes, why a cut is where it is).
  Analysis,
  /// A transformation done (a layer split).
  Passed,
  /// Something left as it was (a function not partitioned).
  Missed,
};

/// Emits `text` through MLIR's remark framework in `category` (the pass's
/// argument, e.g. "cache-partition"): silent unless the tool is run with
/// --remarks-filter matching it; --remark-format=yaml and
/// --remarks-output-file=F save the remarks instead.
void emitPassRemark(mlir::Location loc, PassRemark kind,
                    llvm::StringRef category, llvm::StringRef name,
                    llvm::StringRef function, llvm::StringRef text);
} // namespace cachepart

#endif // CACHEPART_TRANSFORMS_REPORT_H
