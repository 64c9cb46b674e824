//===- CacheFootprint.cpp - Report the footprint of every layer -----------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Analysis/FootprintAnalysis.h"
#include "cachepart/Analysis/Profile.h"
#include "cachepart/Dialect/CachePart/IR/CachePart.h"
#include "cachepart/Transforms/Passes.h"
#include "cachepart/Transforms/Report.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/Support/JSON.h"

namespace cachepart {
#define GEN_PASS_DEF_CACHEFOOTPRINT
#include "cachepart/Transforms/Passes.h.inc"
} // namespace cachepart

using namespace mlir;
using namespace cachepart;

namespace {
/// The category of this pass's remarks: --remarks-filter=cache-footprint.
constexpr llvm::StringLiteral kRemarkCategory = "cache-footprint";

struct CacheFootprintPass
    : public cachepart::impl::CacheFootprintBase<CacheFootprintPass> {
  using CacheFootprintBase::CacheFootprintBase;

  void runOnOperation() override {
    // Typed option: the option parser refuses any other name.
    std::optional<MemoryModel> model = memoryModel.getValue();
    if (batch.getValue().isAuto) {
      mlir::emitError(getDiagnosticLoc(getOperation()),
                      "batch=auto is for --cache-partition (it picks the "
                      "largest batch whose plan fits the cards); give the "
                      "analysis a number, e.g. batch=8");
      return signalPassFailure();
    }
    FootprintOptions options;
    options.batch = batch.getValue().value;
    options.dynamicDimBound = dynamicDimBound;
    options.weightArgs.assign(weightArgs.begin(), weightArgs.end());
    options.im2col = im2col;

    std::optional<LayerProfile> profileData;
    if (!profile.getValue().empty()) {
      FailureOr<LayerProfile> loaded =
          loadLayerProfile(profile, getDiagnosticLoc(getOperation()));
      if (mlir::failed(loaded))
        return signalPassFailure();
      profileData = std::move(*loaded);
    }

    llvm::json::Array functions;
    bool failed = false;
    for (Operation &op : getOperation().getBody()->getOperations()) {
      auto func = dyn_cast<FunctionOpInterface>(&op);
      if (!func || func.isExternal())
        continue;
      auto &analysis = getChildAnalysis<FootprintAnalysis>(func);
      if (!analysis.isSingleBlock()) {
        emitPassRemark(func.getLoc(), PassRemark::Missed, kRemarkCategory,
                       "blocks", func.getName(),
                       "function has several blocks; its layers are not "
                       "analysed");
        continue;
      }
      options.measured = nullptr;
      if (profileData) {
        auto measured =
            matchLayerProfile(*profileData, func, func.getName(), analysis);
        if (mlir::failed(measured)) {
          failed = true;
          continue;
        }
        options.measured = std::move(*measured);
      }
      if (mlir::failed(analysis.compute(options))) {
        failed = true;
        continue;
      }
      llvm::json::Array layers;
      Footprint totals;
      for (auto [index, layer] : llvm::enumerate(analysis.getLayers())) {
        const Footprint &fp = layer.footprint;
        std::string text;
        llvm::raw_string_ostream(text)
            << "layer " << index << " '" << layer.op->getName() << "': weights "
            << fp.weights << " B, activations " << fp.activations
            << " B, workspace " << fp.workspace << " B, total " << fp.total()
            << " B";
        if (layer.measured)
          llvm::raw_string_ostream(text)
              << " (measured; estimated activations + workspace "
              << layer.estimatedActWork << " B)";
        emitPassRemark(layer.op->getLoc(), PassRemark::Analysis,
                       kRemarkCategory, "layer", func.getName(), text);
        llvm::json::Object entry{
            {"index", static_cast<int64_t>(index)},
            {"op", layer.op->getName().getStringRef()},
            {"location", locationToString(layer.op->getLoc())},
            {"weights", fp.weights},
            {"activations", fp.activations},
            {"workspace", fp.workspace},
            {"total", fp.total()},
            {"estimated_activations_and_workspace", layer.estimatedActWork},
            {"source", layer.measured ? "measured" : "estimate"},
        };
        if (!layer.workspaceRule.empty())
          entry["workspace_rule"] = layer.workspaceRule;
        layers.push_back(std::move(entry));
        totals.weights += fp.weights;
        totals.activations += fp.activations;
        totals.workspace += fp.workspace;
      }
      size_t n = analysis.getNumLayers();
      Footprint whole =
          n ? analysis.getGroupFootprint(0, n, *model) : Footprint{};
      std::string text;
      llvm::raw_string_ostream(text)
          << "function '" << func.getName() << "': " << n << " layers; "
          << stringifyMemoryModel(*model) << " model: weights " << whole.weights
          << " B, activations " << whole.activations << " B, workspace "
          << whole.workspace << " B, received " << whole.received
          << " B, total " << whole.total() << " B";
      emitPassRemark(func.getLoc(), PassRemark::Analysis, kRemarkCategory,
                     "function", func.getName(), text);
      functions.push_back(llvm::json::Object{
          {"name", func.getName()},
          {"num_layers", static_cast<int64_t>(n)},
          {"layers", std::move(layers)},
          {"sum_of_layers",
           llvm::json::Object{{"weights", totals.weights},
                              {"activations", totals.activations},
                              {"workspace", totals.workspace},
                              {"total", totals.total()}}},
          {"memory_model", stringifyMemoryModel(*model)},
          {"function_total",
           llvm::json::Object{{"weights", whole.weights},
                              {"activations", whole.activations},
                              {"workspace", whole.workspace},
                              {"received", whole.received},
                              {"total", whole.total()}}},
      });
    }
    if (failed)
      return signalPassFailure();
    if (!report.empty()) {
      llvm::json::Object root{{"functions", std::move(functions)}};
      if (mlir::failed(writeJsonReport(getOperation(), report.getValue(),
                                       llvm::json::Value(std::move(root)))))
        return signalPassFailure();
    }
    markAllAnalysesPreserved();
  }
};
} // namespace
