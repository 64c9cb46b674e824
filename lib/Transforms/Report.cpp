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
#include "llvm/ADT/StringMap.h"
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

CardReuseSummary cachepart::summarizeCardReuse(ArrayRef<OutlineGroup> groups) {
  CardReuseSummary summary;
  llvm::StringMap<size_t> index;
  for (auto [g, group] : llvm::enumerate(groups)) {
    auto [it, inserted] =
        index.try_emplace(group.device.getName(), summary.cards.size());
    if (inserted)
      summary.cards.push_back({group.device.getName(), {}, 0});
    summary.cards[it->second].groups.push_back(g);
  }
  for (CardReuseSummary::Card &card : summary.cards) {
    if (card.groups.size() < 2)
      continue; // Its weights stay loaded.
    ++summary.reloadedCards;
    for (size_t g : card.groups)
      card.streamedWeightBytes = llvm::SaturatingAdd(
          card.streamedWeightBytes, groups[g].footprint.weights);
    summary.streamedWeightBytes = llvm::SaturatingAdd(
        summary.streamedWeightBytes, card.streamedWeightBytes);
  }
  return summary;
}

/// reuse=round-robin: per card, its groups in run order, how often it is
/// reloaded per input and the weight bytes it loads per input.
static llvm::json::Object buildCardReuse(ArrayRef<OutlineGroup> groups) {
  CardReuseSummary summary = summarizeCardReuse(groups);
  llvm::json::Array cardReports;
  for (const CardReuseSummary::Card &card : summary.cards)
    cardReports.push_back(llvm::json::Object{
        {"device", card.name},
        {"groups", llvm::json::Array(card.groups)},
        {"reloads_per_input", static_cast<int64_t>(card.groups.size() - 1)},
        {"streamed_weight_bytes_per_input", card.streamedWeightBytes},
    });
  return llvm::json::Object{
      {"policy", "round-robin"},
      {"cards", std::move(cardReports)},
      {"streamed_weight_bytes_per_input", summary.streamedWeightBytes},
  };
}

llvm::json::Object
cachepart::buildFunctionReport(const FunctionReport &report) {
  size_t spillCount =
      llvm::count_if(report.plan->groups,
                     [](const PlanGroup &group) { return group.spilling; });
  llvm::json::Array groupReports;
  uint64_t transferBytes = 0;
  for (auto [g, group] : llvm::enumerate(report.groups)) {
    OutlinedGroupInfo info = report.outlined[g];
    transferBytes = llvm::SaturatingAdd(transferBytes, info.transferInBytes);
    uint64_t cap = group.device.getCapacity();
    llvm::json::Object entry{
        {"index", static_cast<int64_t>(g)},
        {"function", info.func.getName()},
        {"device", group.device.getName()},
        {"capacity", cap},
        {"first_layer", static_cast<int64_t>(group.begin)},
        {"last_layer", static_cast<int64_t>(group.end - 1)},
        {"num_layers", static_cast<int64_t>(group.end - group.begin)},
        {"op_count", static_cast<int64_t>(info.numOps)},
        {"weights", group.footprint.weights},
        {"activations", group.footprint.activations},
        {"workspace", group.footprint.workspace},
        {"received", group.footprint.received},
        {"total", group.footprint.total()},
        {"utilisation",
         cap ? static_cast<double>(group.footprint.total()) / cap : 0.0},
        {"transfer_in_bytes", info.transferInBytes},
        {"transfer_out_bytes", info.transferOutBytes},
        {"spilling", group.spilling},
    };
    if (report.timed)
      entry["time_ns"] = report.plan->groups[g].time;
    groupReports.push_back(std::move(entry));
  }
  // Per layer, as the plan saw it (after splits): what the plan's picture
  // (scripts/plan_svg.py) draws.
  llvm::json::Array layerReports;
  for (const LayerInfo &layer : report.analysis->getLayers())
    layerReports.push_back(llvm::json::Object{
        {"op", layer.op->getName().getStringRef()},
        {"weights", layer.footprint.weights},
        {"activations", layer.footprint.activations},
        {"workspace", layer.footprint.workspace},
        // With profile=: the estimate the measurement replaced.
        {"estimated_activations_and_workspace", layer.estimatedActWork},
        {"source", layer.measured ? "measured" : "estimate"},
    });
  llvm::json::Array splitReports;
  for (const SplitLayerRecord &split : report.splits) {
    llvm::json::Array pieces;
    for (uint64_t bytes : split.pieceBytes)
      pieces.push_back(bytes);
    std::string loc;
    llvm::raw_string_ostream os(loc);
    split.loc.print(os);
    splitReports.push_back(llvm::json::Object{
        {"op", split.opName},
        {"on_host", split.toHost},
        {"location", loc},
        {"bytes", split.bytes},
        {"loops", llvm::json::Array(split.dims)},
        {"counts", llvm::json::Array(split.counts)},
        {"pieces", static_cast<int64_t>(split.pieces)},
        {"piece_bytes", std::move(pieces)},
        {"moved_bytes", split.movedBytes},
    });
  }
  llvm::json::Object root{
      {"name", report.name},
      {"num_layers", static_cast<int64_t>(report.analysis->getNumLayers())},
      {"k", static_cast<int64_t>(report.groups.size())},
      {"strategy", stringifyPlanStrategy(report.strategy)},
      {"memory_model", stringifyMemoryModel(report.model)},
      {"total_bytes", report.totalBytes},
      {"lower_bound", static_cast<int64_t>(report.lowerBound)},
      {"spilling_groups", static_cast<int64_t>(spillCount)},
      {"max_group_bytes", report.plan->maxGroupBytes},
      // What the outlined program moves (each value once per group that
      // reads it), and the planner's count of the same bytes (the
      // min-transfer objective); the property checks hold them equal.
      {"transfer_bytes", transferBytes},
      {"planned_transfer_bytes", report.plan->transferBytes},
      {"split_layers", static_cast<int64_t>(report.splits.size())},
      {"splits", std::move(splitReports)},
      {"groups", std::move(groupReports)},
      {"layers", std::move(layerReports)},
  };
  if (report.timed)
    root["max_group_time_ns"] = report.plan->maxGroupTime;
  if (report.cardReuse)
    root["card_reuse"] = buildCardReuse(report.groups);
  if (report.batch) {
    llvm::json::Array curve;
    for (const BatchChoice::Point &point : report.batch->curve)
      curve.push_back(llvm::json::Object{
          {"batch", point.batch},
          {"groups", point.groups
                         ? llvm::json::Value(static_cast<int64_t>(point.groups))
                         : llvm::json::Value(nullptr)},
      });
    root["batch"] = llvm::json::Object{
        {"chosen", report.batch->chosen},
        {"capped", report.batch->capped},
        {"curve", std::move(curve)},
    };
  }
  return root;
}
