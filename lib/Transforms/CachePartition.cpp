//===- CachePartition.cpp - Split functions into device functions ---------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// runOnOperation stays thin: resolve the devices, then per function
// (1) analyse footprints (and split the layers no card holds), (2) plan
// with the pure-C++ planner, (3) verify the plan and explain the cuts,
// (4) outline, (5) report (the JSON is built in Report.cpp).
//
//===----------------------------------------------------------------------===//

#include "cachepart/Analysis/FootprintAnalysis.h"
#include "cachepart/Analysis/GroupWindow.h"
#include "cachepart/Analysis/Profile.h"
#include "cachepart/Dialect/CachePart/IR/CachePart.h"
#include "cachepart/Planner/PartitionPlanner.h"
#include "cachepart/Transforms/OutlinePartition.h"
#include "cachepart/Transforms/Partition.h"
#include "cachepart/Transforms/Passes.h"
#include "cachepart/Transforms/Report.h"
#include "cachepart/Transforms/SplitOversize.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"

#include <cmath>

namespace cachepart {
#define GEN_PASS_DEF_CACHEPARTITION
#include "cachepart/Transforms/Passes.h.inc"
} // namespace cachepart

using namespace mlir;
using namespace cachepart;

namespace {
/// The cards available to every function of the module.
struct DeviceSet {
  SmallVector<DeviceAttr> listed;
  /// Where the list comes from: the module's 'cachepart.devices' or its
  /// 'dlti.target_system_spec' (then the pass records it as the former).
  bool fromDlti = false;
  /// Identical cards from capacity= (when nothing is listed).
  uint64_t capacity = 0;
  /// At most this many identical cards (0 = as many as needed).
  uint64_t maxCards = 0;
  /// reuse=round-robin: group g runs on card g mod numCards().
  bool roundRobin = false;

  bool fromList() const { return !listed.empty(); }
  /// How many cards there are (0 = as many as needed).
  size_t numCards() const { return fromList() ? listed.size() : maxCards; }
  /// What every piece of a split layer must fit.
  uint64_t smallestCapacity() const {
    if (!fromList())
      return capacity;
    uint64_t smallest = UINT64_MAX;
    for (DeviceAttr device : listed)
      smallest = std::min<uint64_t>(smallest, device.getCapacity());
    return smallest;
  }
  /// The card of group `index`.
  DeviceAttr get(MLIRContext *ctx, size_t index) const {
    if (roundRobin)
      index %= numCards();
    if (fromList())
      return listed[index];
    return DeviceAttr::get(ctx, ("card" + Twine(index)).str(), capacity, 0);
  }
};

std::string bytesText(uint64_t bytes) { return std::to_string(bytes) + " B"; }

/// A driver calls the model and computes nothing itself (no linalg, TOSA,
/// unknown or region op; it fills or loads inputs, reads timers, prints):
/// it stays on the host.
bool isDriver(const FootprintAnalysis &layers) {
  auto computes = [](const LayerInfo &layer) {
    if (isa<linalg::FillOp, tensor::GenerateOp>(layer.op))
      return false; // Makes an input.
    Dialect *dialect = layer.op->getDialect();
    return !dialect || layer.op->getNumRegions() != 0 ||
           isa<linalg::LinalgDialect, tosa::TosaDialect>(dialect);
  };
  auto callsModel = [](const LayerInfo &layer) {
    auto call = dyn_cast<CallOpInterface>(layer.op);
    auto callee =
        call ? dyn_cast_or_null<FunctionOpInterface>(call.resolveCallable())
             : nullptr;
    return callee && !callee.isExternal();
  };
  return layers.isSingleBlock() &&
         llvm::any_of(layers.getLayers(), callsModel) &&
         llvm::none_of(layers.getLayers(), computes);
}

/// The category of this pass's remarks: --remarks-filter=cache-partition.
constexpr llvm::StringLiteral kRemarkCategory = "cache-partition";

/// batch=auto tries batches up to this (2^20): beyond it, sizes would only
/// overflow, and no card holds a million inputs anyway.
constexpr uint64_t kMaxAutoBatch = uint64_t(1) << 20;

/// A memory model's sliding window as the planner sees it, with the same
/// bound as the cost callback: a group cannot read what the host assembles
/// from its own results.
class PlannerWindow : public GroupWindow {
public:
  PlannerWindow(const FootprintAnalysis &analysis, MemoryModel model)
      : analysis(analysis) {
    if (model == MemoryModel::Sum)
      window = std::make_unique<SumGroupWindow>(analysis);
    else
      window = std::make_unique<LivenessGroupWindow>(analysis);
  }
  void reset(size_t begin) override { window->reset(begin); }
  void pushBack() override { window->pushBack(); }
  void popBack() override { window->popBack(); }
  void popFront() override { window->popFront(); }
  uint64_t bytes() const override {
    if (window->end() > analysis.getMaxGroupEnd(window->begin()))
      return UINT64_MAX;
    return window->total();
  }

private:
  const FootprintAnalysis &analysis;
  std::unique_ptr<LayerWindow> window;
};

/// --cache-partition on a module, for the pass and the transform op.
class Partitioner {
public:
  Partitioner(ModuleOp module, const PartitionRequest &request,
              SmallVectorImpl<func::FuncOp> *deviceFuncs)
      : module(module), opts(request.options),
        capacityGiven(request.capacityGiven), deviceFuncs(deviceFuncs) {}

  LogicalResult run(ArrayRef<func::FuncOp> funcs);

private:
  MLIRContext *getContext() { return module.getContext(); }

  ModuleOp module;
  const CachePartitionOptions &opts;
  bool capacityGiven;
  SmallVectorImpl<func::FuncOp> *deviceFuncs;
  /// profile=: measured bytes per layer.
  std::optional<LayerProfile> profile;
  /// The function being partitioned: measured time per layer (profile=),
  /// empty without a profile.
  llvm::DenseMap<Operation *, uint64_t> layerTimes;

  LogicalResult resolveDevices(DeviceSet &devices);
  LogicalResult buildProblem(func::FuncOp func,
                             const FootprintAnalysis &analysis,
                             const DeviceSet &devices, MemoryModel model,
                             PlanProblem &problem,
                             std::vector<std::string> &forbiddenReasons);
  LogicalResult checkReuse(DeviceSet &devices);
  LogicalResult partitionFunction(func::FuncOp func, const DeviceSet &devices,
                                  MemoryModel model, PlanStrategy planStrategy,
                                  OversizePolicy policy,
                                  llvm::json::Array &functionReports,
                                  size_t &devicesUsed);
  /// Plan, check, outline and report one analysed function.
  LogicalResult partitionAnalysed(
      func::FuncOp func, const FootprintAnalysis &analysis,
      const FootprintOptions &options, std::vector<SplitLayerRecord> &splits,
      const DeviceSet &devices, MemoryModel model, PlanStrategy planStrategy,
      OversizePolicy policy, llvm::json::Array &functionReports,
      size_t &devicesUsed, const BatchChoice *batchChoice);
  /// batch=auto: bisection over the analysis (no IR is copied or changed).
  LogicalResult chooseBatch(func::FuncOp func, FootprintAnalysis &analysis,
                            FootprintOptions options, const DeviceSet &devices,
                            MemoryModel model, BatchChoice &choice);
};
} // namespace

LogicalResult Partitioner::resolveDevices(DeviceSet &devices) {
  devices.listed = getModuleDevices(module);
  if (devices.listed.empty()) {
    FailureOr<SmallVector<DeviceAttr>> spec = getDltiDevices(module);
    if (failed(spec))
      return failure();
    devices.listed = std::move(*spec);
    devices.fromDlti = devices.fromList();
  }
  StringRef source =
      devices.fromDlti ? "dlti.target_system_spec" : "cachepart.devices";
  uint64_t cap = opts.capacity.getBytes();
  if (capacityGiven && cap == 0)
    return mlir::emitError(getDiagnosticLoc(module),
                           "capacity=0: the capacity must be positive (e.g. "
                           "capacity=2MB)");
  if (!devices.fromList()) {
    if (cap == 0)
      return mlir::emitError(
          getDiagnosticLoc(module),
          "no cache capacity: pass capacity=<size> (e.g. capacity=2MB) or "
          "list the cards in a 'cachepart.devices' module attribute");
    devices.capacity = cap;
    devices.maxCards = opts.numDevices;
    return checkReuse(devices);
  }
  if (cap != 0) {
    for (DeviceAttr device : devices.listed)
      if (device.getCapacity() != cap)
        return mlir::emitError(getDiagnosticLoc(module), "capacity=")
               << ByteSize(cap).str() << " disagrees with device '"
               << device.getName() << "' ("
               << ByteSize(device.getCapacity()).str() << ") of the module's '"
               << source << "'; drop capacity= or make them agree";
  }
  if (opts.numDevices != 0) {
    if (opts.numDevices > devices.listed.size())
      return mlir::emitError(getDiagnosticLoc(module), "num-devices=")
             << opts.numDevices << " but the module lists only "
             << devices.listed.size() << " devices in '" << source << "'";
    devices.listed.resize(opts.numDevices);
  }
  return checkReuse(devices);
}

LogicalResult Partitioner::checkReuse(DeviceSet &devices) {
  if (opts.reuse != CardReuse::RoundRobin)
    return success();
  if (devices.numCards() == 0)
    return mlir::emitError(getDiagnosticLoc(module),
                           "reuse=round-robin needs a number of cards: pass "
                           "num-devices=<D> or list the cards in the module");
  devices.roundRobin = true;
  return success();
}

LogicalResult Partitioner::run(ArrayRef<func::FuncOp> requested) {
  // Split layers fit by construction: the planner then treats any layer
  // still larger than its card as an error.
  OversizePolicy policy = opts.oversize == OversizeAction::Isolate
                              ? OversizePolicy::Isolate
                              : OversizePolicy::Error;
  DeviceSet devices;
  if (failed(resolveDevices(devices)))
    return failure();
  if (!opts.profile.empty()) {
    FailureOr<LayerProfile> loaded =
        loadLayerProfile(opts.profile, getDiagnosticLoc(module));
    if (failed(loaded))
      return failure();
    profile = std::move(*loaded);
  }

  // Transfers already in the module (in functions this run skips): the list
  // of cards the pass may add must not make them invalid.
  SmallVector<TransferOp> earlierTransfers;
  module.walk([&](TransferOp op) { earlierTransfers.push_back(op); });

  SmallVector<func::FuncOp> funcs(requested);
  if (!requested.empty()) {
    // Chosen by the caller (the transform op).
  } else if (opts.functions.empty()) {
    funcs.assign(module.getOps<func::FuncOp>().begin(),
                 module.getOps<func::FuncOp>().end());
  } else {
    for (const std::string &name : opts.functions) {
      auto func = module.lookupSymbol<func::FuncOp>(name);
      if (!func)
        return mlir::emitError(getDiagnosticLoc(module), "functions= names '")
               << name << "', which is not a function of the module";
      if (!llvm::is_contained(funcs, func))
        funcs.push_back(func);
    }
  }
  llvm::json::Array functionReports;
  bool failedAny = false;
  size_t devicesUsed = 0;
  for (func::FuncOp func : funcs)
    if (failed(partitionFunction(func, devices, opts.memoryModel, opts.strategy,
                                 policy, functionReports, devicesUsed)))
      failedAny = true;
  if (failedAny)
    return failure();

  // Name the cards in the module (the identical cards the plan used, or the
  // DLTI devices), so transfers verify against a list, the MPI lowering
  // maps card i to rank i, and a second run agrees with the first.
  if ((!devices.fromList() || devices.fromDlti) && devicesUsed > 0) {
    SmallVector<Attribute> list;
    llvm::StringSet<> names;
    size_t count = devices.fromDlti ? devices.listed.size() : devicesUsed;
    for (size_t i = 0; i < count; ++i) {
      DeviceAttr device = devices.get(getContext(), i);
      names.insert(device.getName());
      list.push_back(device);
    }
    TransferOp stranger;
    for (TransferOp op : earlierTransfers)
      if (!names.contains(op.getFrom()) || !names.contains(op.getTo())) {
        stranger = op;
        break;
      }
    if (stranger) {
      InFlightDiagnostic diag = stranger.emitWarning(
          "the module gets no cachepart.devices list: this transfer names "
          "devices other than the cards of the plan (");
      if (devices.fromDlti)
        diag << "the devices of 'dlti.target_system_spec'";
      else
        diag << "'card0'..'card" << devicesUsed - 1 << "'";
      diag << "); list every device in the module to name them all";
    } else {
      module->setAttr(CachePartDialect::getDevicesAttrName(),
                      ArrayAttr::get(getContext(), list));
    }
  }
  if (!opts.report.empty()) {
    // The module's cards in list order (card i is MPI rank i once
    // --cache-lower-transfers-to-mpi has run).
    llvm::json::Array deviceNames;
    if (auto list = module->getAttrOfType<ArrayAttr>(
            CachePartDialect::getDevicesAttrName()))
      for (Attribute attr : list)
        if (auto device = dyn_cast<DeviceAttr>(attr))
          deviceNames.push_back(device.getName().str());
    llvm::json::Object root{{"devices", std::move(deviceNames)},
                            {"functions", std::move(functionReports)}};
    if (failed(writeJsonReport(module, opts.report,
                               llvm::json::Value(std::move(root)))))
      return failure();
  }
  return success();
}

LogicalResult Partitioner::partitionFunction(
    func::FuncOp func, const DeviceSet &devices, MemoryModel model,
    PlanStrategy planStrategy, OversizePolicy policy,
    llvm::json::Array &functionReports, size_t &devicesUsed) {
  if (func.isExternal())
    return success();
  // Already outlined, or a device function: never partition twice.
  std::pair<StringRef, const char *> done[] = {
      {CachePartDialect::getPartitionedAttrName(),
       "function is already partitioned ('cachepart.partitioned'); left "
       "unchanged"},
      {CachePartDialect::getDeviceAttrName(),
       "function is a device function of an earlier run ('cachepart.device'); "
       "left unchanged"}};
  for (auto [attr, why] : done)
    if (func->hasAttr(attr)) {
      emitPassRemark(func.getLoc(), PassRemark::Missed, kRemarkCategory,
                     "partitioned", func.getName(), why);
      return success();
    }

  FootprintOptions options;
  options.batch = opts.batch.value;
  options.dynamicDimBound = opts.dynamicDimBound;
  options.weightArgs.assign(opts.weightArgs.begin(), opts.weightArgs.end());
  options.im2col = opts.im2col;

  // (1) Analyse.
  std::optional<FootprintAnalysis> analysis(std::in_place, func.getOperation());
  if (!analysis->isSingleBlock()) {
    emitPassRemark(func.getLoc(), PassRemark::Missed, kRemarkCategory, "blocks",
                   func.getName(),
                   "function has " +
                       std::to_string(func.getBody().getBlocks().size()) +
                       " blocks; cache-partition handles single-block "
                       "functions only, left unchanged");
    return success();
  }
  if (isDriver(*analysis)) {
    emitPassRemark(func.getLoc(), PassRemark::Missed, kRemarkCategory, "driver",
                   func.getName(),
                   "function only calls other functions (a driver); left "
                   "unchanged");
    return success();
  }
  if (opts.batch.isAuto && profile)
    return mlir::emitError(func.getLoc(),
                           "batch=auto cannot use profile=: a profile "
                           "measures one batch; give that batch (batch=N)");
  if (planStrategy == PlanStrategy::BalancedTime && !profile)
    return mlir::emitError(func.getLoc(),
                           "strategy=balanced-time balances measured layer "
                           "times: pass profile=FILE (made by "
                           "cachepart-profile)");
  // Measured bytes instead of estimates (profile=), checked against the
  // function's layers.
  layerTimes.clear();
  if (profile) {
    auto measured =
        matchLayerProfile(*profile, func, func.getName(), *analysis);
    if (failed(measured))
      return failure();
    options.measured = std::move(*measured);
    layerTimes = measuredLayerTimes(*profile, func.getName(), *analysis);
  }

  // (1a) batch=auto: the largest batch whose plan fits the cards.
  BatchChoice batchChoice;
  if (opts.batch.isAuto) {
    if (failed(
            chooseBatch(func, *analysis, options, devices, model, batchChoice)))
      return failure();
    options.batch = batchChoice.chosen;
    func->setAttr(CachePartDialect::getBatchAttrName(),
                  IntegerAttr::get(IntegerType::get(getContext(), 64),
                                   batchChoice.chosen));
  }
  if (failed(analysis->compute(options)))
    return failure();

  // (1b) Split the layers no card can hold (intra-op partitioning), then
  // analyse again if that changed the function.
  std::vector<SplitLayerRecord> splits;
  if (opts.oversize == OversizeAction::Split) {
    SplitOversizeOptions splitOptions;
    splitOptions.capacity = devices.smallestCapacity();
    splitOptions.model = model;
    splitOptions.footprint = options;
    splitOptions.maxPieces = opts.maxPieces;
    if (devices.roundRobin) {
      // Cards are reloaded: no limit on the pieces' total.
    } else if (devices.fromList()) {
      splitOptions.numCards = devices.listed.size();
      splitOptions.cardBytes = 0;
      for (DeviceAttr device : devices.listed)
        splitOptions.cardBytes =
            llvm::SaturatingAdd(splitOptions.cardBytes, device.getCapacity());
    } else if (devices.maxCards) {
      splitOptions.numCards = devices.maxCards;
      splitOptions.cardBytes =
          llvm::SaturatingMultiply(devices.maxCards, devices.capacity);
    }
    FailureOr<SplitResult> done =
        splitOversizeLayers(func, splitOptions, *analysis);
    if (failed(done))
      return failure();
    splits = std::move(done->records);
    if (options.measured && !done->replaced.empty()) {
      // Split and converted layers are gone; their pieces are estimated
      // (an erased op's address may now be a piece's), and each piece takes
      // its share of the original's measured time (pieces of pieces too, in
      // the order they were made).
      llvm::DenseMap<const void *, uint64_t> times(layerTimes.begin(),
                                                   layerTimes.end());
      llvm::DenseMap<Operation *, uint64_t> pieceTimes;
      for (const SplitResult::Piece &piece : done->pieces)
        if (auto it = times.find(piece.original); it != times.end()) {
          uint64_t time =
              static_cast<uint64_t>(std::llround(it->second * piece.share));
          times[piece.op] = pieceTimes[piece.op] = time;
        }
      auto kept = std::make_shared<llvm::DenseMap<Operation *, uint64_t>>(
          *options.measured);
      for (const void *key : done->replaced) {
        auto *original = static_cast<Operation *>(const_cast<void *>(key));
        kept->erase(original);
        layerTimes.erase(original);
      }
      for (auto [op, time] : pieceTimes)
        layerTimes[op] = time;
      options.measured = std::move(kept);
    }
    if (done->changed) {
      analysis.emplace(func.getOperation());
      if (failed(analysis->compute(options)))
        return failure();
    }
    llvm::DenseMap<Operation *, uint64_t> excess;
    for (const SplitResult::Piece &piece : done->pieces)
      if (piece.excess)
        excess[piece.op] = piece.excess;
    if (options.measured && !excess.empty()) {
      // A piece of a layer measured above its estimate counts as measured:
      // its estimate plus its share of the excess (see PieceSizer).
      auto counted = std::make_shared<llvm::DenseMap<Operation *, uint64_t>>(
          *options.measured);
      for (const LayerInfo &layer : analysis->getLayers())
        if (auto it = excess.find(layer.op); it != excess.end())
          (*counted)[layer.op] =
              llvm::SaturatingAdd(layer.estimatedActWork, it->second);
      options.measured = std::move(counted);
      analysis.emplace(func.getOperation());
      if (failed(analysis->compute(options)))
        return failure();
    }
    for (const SplitLayerRecord &split : splits) {
      std::string text;
      llvm::raw_string_ostream remark(text);
      if (split.toHost) {
        remark << "'" << split.opName << "' (" << split.bytes
               << " B) runs on the host: it only moves data or calls an "
                  "external function";
        emitPassRemark(split.loc, PassRemark::Passed, kRemarkCategory, "host",
                       func.getName(), text);
        continue;
      }
      remark << "split '" << split.opName << "' (" << split.bytes << " B) into "
             << split.pieces << " pieces along loop";
      if (split.dims.size() > 1)
        remark << "s";
      for (auto [i, d] : llvm::enumerate(split.dims))
        remark << (i ? " x " : " ") << d << " (" << split.counts[i] << ")";
      remark << ", of";
      for (uint64_t bytes : split.pieceBytes)
        remark << " " << bytes;
      remark << " B; the host cuts their inputs and assembles their results";
      emitPassRemark(split.loc, PassRemark::Passed, kRemarkCategory, "split",
                     func.getName(), text);
    }
  }

  return partitionAnalysed(func, *analysis, options, splits, devices, model,
                           planStrategy, policy, functionReports, devicesUsed,
                           opts.batch.isAuto ? &batchChoice : nullptr);
}

/// The planner's view of an analysed function on `devices`: costs, values,
/// the cuts the IR and the user allow or require, and the cards.
LogicalResult
Partitioner::buildProblem(func::FuncOp func, const FootprintAnalysis &analysis,
                          const DeviceSet &devices, MemoryModel model,
                          PlanProblem &problem,
                          std::vector<std::string> &forbiddenReasons) {
  size_t n = analysis.getNumLayers();
  problem.numLayers = n;
  // The model by value: the problem outlives this call.
  problem.groupBytes = [&analysis, model](size_t begin,
                                          size_t end) -> uint64_t {
    // A group cannot read what the host assembles from its own results.
    if (end > analysis.getMaxGroupEnd(begin))
      return UINT64_MAX;
    return analysis.getGroupBytes(begin, end, model);
  };
  problem.makeWindow = [&analysis, model]() -> std::unique_ptr<GroupWindow> {
    return std::make_unique<PlannerWindow>(analysis, model);
  };
  analysis.forEachExchangedValue(
      [&](size_t producer, uint64_t bytes, ArrayRef<uint32_t> readers) {
        PlanValue &value = problem.values.emplace_back();
        value.producer = static_cast<int64_t>(producer);
        value.bytes = bytes;
        value.users.assign(readers.begin(), readers.end());
      });
  problem.forbiddenCut = analysis.getForbiddenCuts(&forbiddenReasons);
  // Measured times (profile=): balanced-time needs one for every layer; the
  // other strategies report group times when every layer has one.
  if (profile) {
    for (const LayerInfo &layer : analysis.getLayers()) {
      auto it = layerTimes.find(layer.op);
      if (it == layerTimes.end()) {
        problem.layerTimes.clear();
        if (opts.strategy != PlanStrategy::BalancedTime)
          break;
        return layer.op->emitError(
            "strategy=balanced-time: this layer has no measured time (the "
            "split made it from a layer the profile did not time, e.g. a "
            "TOSA layer lowered to linalg to be split); pass "
            "oversize=isolate, or use cards large enough that no measured "
            "layer is split");
      }
      problem.layerTimes.push_back(it->second);
    }
  }
  // The user's own constraints (PiPPy's pipe_split, in reverse): no cut
  // right before a layer marked cachepart.no_cut.
  for (size_t l = 1; l < n; ++l)
    if (analysis.getLayers()[l].op->getDiscardableAttr(
            CachePartDialect::getNoCutAttrName()) &&
        !problem.forbiddenCut[l]) {
      problem.forbiddenCut[l] = true;
      forbiddenReasons[l] = "the layer is marked 'cachepart.no_cut'";
    }
  // And a cut right before a layer marked cachepart.cut.
  problem.forcedCut.assign(n, false);
  bool anyForced = false;
  for (size_t l = 1; l < n; ++l) {
    Operation *op = analysis.getLayers()[l].op;
    if (!op->getDiscardableAttr(CachePartDialect::getCutAttrName()))
      continue;
    if (problem.forbiddenCut[l])
      return op->emitError("'cachepart.cut' asks for a cut before layer ")
             << l << ", but no cut is allowed there: " << forbiddenReasons[l];
    problem.forcedCut[l] = true;
    anyForced = true;
  }
  if (anyForced && opts.numPartitions != 0)
    return mlir::emitError(func.getLoc(), "num-partitions=")
           << opts.numPartitions
           << " cannot be combined with 'cachepart.cut' marks, which fix "
              "group boundaries themselves";
  if (devices.roundRobin &&
      (!devices.fromList() ||
       llvm::all_equal(llvm::map_range(
           devices.listed, [](DeviceAttr d) { return d.getCapacity(); })))) {
    // Identical cards in turns: as many groups as needed.
    problem.capacities = {devices.get(getContext(), 0).getCapacity()};
    problem.unlimitedDevices = true;
  } else if (devices.roundRobin) {
    // Different cards in turns: group g fits card g mod D; no plan has more
    // groups than layers.
    for (size_t g = 0; g < n; ++g)
      problem.capacities.push_back(
          devices.listed[g % devices.listed.size()].getCapacity());
    problem.unlimitedDevices = false;
  } else if (devices.fromList()) {
    for (DeviceAttr d : devices.listed)
      problem.capacities.push_back(d.getCapacity());
    problem.unlimitedDevices = false;
  } else if (devices.maxCards && devices.maxCards < analysis.getNumLayers()) {
    problem.capacities.assign(devices.maxCards, devices.capacity);
  } else {
    // No plan has more groups than layers: a limit at or above that (even
    // num-devices=2^64-1) is no limit, and allocates nothing per card.
    problem.capacities = {devices.capacity};
    problem.unlimitedDevices = true;
  }
  return success();
}

LogicalResult Partitioner::chooseBatch(func::FuncOp func,
                                       FootprintAnalysis &analysis,
                                       FootprintOptions options,
                                       const DeviceSet &devices,
                                       MemoryModel model, BatchChoice &choice) {
  size_t cards = devices.numCards();
  if (cards == 0 || devices.roundRobin)
    return mlir::emitError(func.getLoc(), "batch=auto needs a fixed number of "
                                          "cards: pass num-devices=<D> or "
                                          "list the cards")
           << (devices.roundRobin ? ", without reuse=round-robin (with "
                                    "reuse, every batch fits by reloading)"
                                  : "");
  if (analysis.getNumLayers() == 0)
    return success();
  // The fewest groups at `batch` with every layer whole (0: none fits, or
  // a layer alone is too large). Greedy finds the minimum; it only grows
  // with the batch, since every footprint does.
  auto groupsAt = [&](uint64_t batch) -> FailureOr<size_t> {
    options.batch = batch;
    if (failed(analysis.compute(options)))
      return failure();
    PlanProblem problem;
    std::vector<std::string> reasons;
    if (failed(buildProblem(func, analysis, devices, model, problem, reasons)))
      return failure();
    problem.strategy = PlanStrategy::Greedy;
    problem.oversize = OversizePolicy::Error;
    PlanResult result = planPartition(problem);
    size_t k = result ? result.plan->groups.size()
               : result.error->kind == PlanError::Kind::TooFewDevices
                   ? result.error->groupsNeeded
                   : 0;
    choice.curve.push_back({batch, k});
    return k;
  };
  auto fits = [&](size_t k) { return k != 0 && k <= cards; };
  std::string cardsText =
      std::to_string(cards) + (cards == 1 ? " card" : " cards");

  FailureOr<size_t> k1 = groupsAt(1);
  if (failed(k1))
    return failure();
  uint64_t wholeAtOne =
      analysis.getGroupBytes(0, analysis.getNumLayers(), model);
  FailureOr<size_t> k2 = groupsAt(2);
  if (failed(k2))
    return failure();
  if (analysis.getGroupBytes(0, analysis.getNumLayers(), model) == wholeAtOne)
    return mlir::emitError(func.getLoc(),
                           "batch=auto: the function has no dynamic leading "
                           "(batch) dimension, so the batch does not change "
                           "its footprint; drop batch=auto");
  if (!fits(*k1)) {
    InFlightDiagnostic diag = mlir::emitError(func.getLoc());
    diag << "batch=auto: even batch 1 does not fit " << cardsText << " (";
    if (*k1)
      diag << "it needs " << *k1 << " groups)";
    else
      diag << "a layer alone exceeds a card)";
    diag << "; add cards, use cards with more cache, or pass "
            "reuse=round-robin with a fixed batch";
    return diag;
  }
  // Exponential search for a batch that does not fit, then bisection.
  uint64_t lo = 1, hi = 0;
  if (fits(*k2)) {
    lo = 2;
    for (uint64_t batch = 4; batch <= kMaxAutoBatch; batch *= 2) {
      FailureOr<size_t> k = groupsAt(batch);
      if (failed(k))
        return failure();
      if (!fits(*k)) {
        hi = batch;
        break;
      }
      lo = batch;
    }
  } else {
    hi = 2;
  }
  if (hi == 0) {
    choice.capped = true; // Fits at the largest batch tried.
  } else {
    while (hi - lo > 1) {
      uint64_t mid = lo + (hi - lo) / 2;
      FailureOr<size_t> k = groupsAt(mid);
      if (failed(k))
        return failure();
      (fits(*k) ? lo : hi) = mid;
    }
  }
  choice.chosen = lo;
  llvm::sort(choice.curve,
             [](const BatchChoice::Point &a, const BatchChoice::Point &b) {
               return a.batch < b.batch;
             });

  std::string text;
  llvm::raw_string_ostream remark(text);
  remark << "batch=auto: batch " << lo;
  if (choice.capped)
    remark << " (the largest tried)";
  remark << " is the largest whose plan fits " << cardsText;
  for (const BatchChoice::Point &point : choice.curve)
    if (point.batch == hi)
      remark << "; batch " << hi << " needs "
             << (point.groups ? std::to_string(point.groups) + " groups"
                              : std::string("more than a card for a layer"));
  remark << " (" << choice.curve.size() << " batches tried)";
  emitPassRemark(func.getLoc(), PassRemark::Analysis, kRemarkCategory, "batch",
                 func.getName(), text);
  return success();
}

LogicalResult Partitioner::partitionAnalysed(
    func::FuncOp func, const FootprintAnalysis &analysis,
    const FootprintOptions &options, std::vector<SplitLayerRecord> &splits,
    const DeviceSet &devices, MemoryModel model, PlanStrategy planStrategy,
    OversizePolicy policy, llvm::json::Array &functionReports,
    size_t &devicesUsed, const BatchChoice *batchChoice) {
  size_t n = analysis.getNumLayers();
  if (n == 0) {
    emitPassRemark(func.getLoc(), PassRemark::Missed, kRemarkCategory,
                   "no-layer", func.getName(),
                   "function has no layer to partition; left unchanged");
    return success();
  }

  // (2) Plan: plain data in, plain data out.
  PlanProblem problem;
  std::vector<std::string> forbiddenReasons;
  if (failed(buildProblem(func, analysis, devices, model, problem,
                          forbiddenReasons)))
    return failure();
  problem.strategy = planStrategy;
  if (opts.numPartitions != 0)
    problem.numPartitions = opts.numPartitions;
  problem.oversize = policy;
  PlanResult result = planPartition(problem);

  // (3) Check and explain.
  if (!result) {
    const PlanError &error = *result.error;
    switch (error.kind) {
    case PlanError::Kind::Oversize: {
      size_t layer = std::min(error.layer, n - 1);
      Operation *op = analysis.getLayers()[layer].op;
      // As a group of its own, as the planner measured it.
      Footprint fp = analysis.getGroupFootprint(layer, layer + 1, model);
      DeviceAttr device = devices.get(getContext(), 0);
      // A run of layers that no allowed cut separates: report the run.
      size_t runEnd = layer + 1;
      while (runEnd < n && problem.forbiddenCut[runEnd])
        ++runEnd;
      if (fp.total() < error.bytes && runEnd > layer + 1 &&
          error.bytes == UINT64_MAX) {
        // The cost of a group that would read the host's assembly of its
        // own pieces: no device can run it, whatever its bytes.
        InFlightDiagnostic diag = op->emitError();
        diag << "layers " << layer << ".." << runEnd - 1
             << " must stay on one device, but some of them read what the "
                "host assembles from the pieces of others (a split layer), "
                "so no device can run them together";
        diag.attachNote() << "no cut is allowed inside the run: "
                          << forbiddenReasons[runEnd - 1];
        diag.attachNote() << "what would help: a card large enough that "
                             "these layers are not split, or no constraint "
                             "that keeps a split layer with its neighbours";
        return failure();
      }
      if (fp.total() < error.bytes && runEnd > layer + 1) {
        InFlightDiagnostic diag = op->emitError();
        diag << "layers " << layer << ".." << runEnd - 1
             << " must stay on one device and need " << bytesText(error.bytes)
             << ", but the device has a capacity of "
             << bytesText(error.capacity) << ": they exceed it by "
             << bytesText(error.bytes - std::min(error.bytes, error.capacity));
        diag.attachNote() << "no cut is allowed inside the run: "
                          << forbiddenReasons[runEnd - 1];
        if (StringRef(forbiddenReasons[runEnd - 1]).contains("no_cut"))
          diag.attachNote() << "remove the 'cachepart.no_cut' marks inside "
                               "the run, use a card with more cache, or pass "
                               "oversize=isolate";
        else
          diag.attachNote() << "keep memrefs out of the partitioned function "
                               "(partition before bufferization), use a card "
                               "with more cache, or pass oversize=isolate";
        return failure();
      }
      InFlightDiagnostic diag = op->emitError();
      diag << "layer " << layer << " needs " << bytesText(error.bytes)
           << " (weights " << fp.weights << " B, activations " << fp.activations
           << " B, workspace " << fp.workspace << " B, received " << fp.received
           << " B) but its device has a capacity of "
           << bytesText(error.capacity) << ": it exceeds it by "
           << bytesText(error.bytes - std::min(error.bytes, error.capacity));
      if (devices.fromList())
        diag << " (devices from 'cachepart.devices', first '"
             << device.getName() << "')";
      if (layer > 0 && problem.forbiddenCut.size() > layer &&
          problem.forbiddenCut[layer])
        diag.attachNote() << "no cut is allowed before this layer: "
                          << forbiddenReasons[layer];
      diag.attachNote()
          << "split the op (tiling or intra-op partitioning), quantize or "
             "prune its weights, lower the batch size, use a card with more "
             "cache, or pass oversize=isolate to give it a group of its own "
             "marked as spilling";
      return failure();
    }
    case PlanError::Kind::TooFewDevices:
      return mlir::emitError(func.getLoc(), "needs at least ")
             << error.groupsNeeded << " devices but only "
             << error.devicesAvailable
             << " are available; raise num-devices, list more devices in "
                "'cachepart.devices', use cards with more cache, or pass "
                "reuse=round-robin to run the groups on the cards in turns "
                "(each card is then reloaded)";
    case PlanError::Kind::BadPartitionCount: {
      InFlightDiagnostic diag = mlir::emitError(func.getLoc());
      auto groups = [](size_t count) {
        return std::to_string(count) + (count == 1 ? " group" : " groups");
      };
      switch (error.countProblem) {
      case PlanError::CountProblem::Zero:
        diag << "num-partitions must be at least 1";
        break;
      case PlanError::CountProblem::MoreThanLayers:
        diag << "cannot make " << groups(error.requested) << " from "
             << error.limit << (error.limit == 1 ? " layer" : " layers");
        break;
      case PlanError::CountProblem::MoreThanCuts:
        diag << "cannot make " << groups(error.requested) << ": only "
             << error.limit - 1 << " of the " << n - 1
             << " cut points between layers are allowed, so at most "
             << groups(error.limit) << " can be made";
        break;
      case PlanError::CountProblem::FewerThanNeeded:
        diag << "cannot make " << groups(error.requested) << ": at least "
             << groups(error.limit)
             << " are needed to fit the device capacities";
        break;
      case PlanError::CountProblem::NoFit:
        diag << "no split into exactly " << groups(error.requested)
             << " fits the device capacities";
        break;
      case PlanError::CountProblem::WithForcedCuts:
        diag << "a number of groups cannot be asked for together with "
                "required cuts";
        break;
      }
      diag << " (num-partitions=" << opts.numPartitions << ")";
      return diag;
    }
    case PlanError::Kind::InvalidInput:
      return mlir::emitError(func.getLoc(), "internal error: ")
             << error.message;
    }
    return failure();
  }
  const PartitionPlan &plan = *result.plan;
  if (std::optional<std::string> violation = verifyPlan(problem, plan))
    return mlir::emitError(func.getLoc(),
                           "internal error: the plan does not hold: ")
           << *violation;

  SmallVector<OutlineGroup> groups;
  for (auto [g, planned] : llvm::enumerate(plan.groups)) {
    OutlineGroup group;
    group.begin = planned.begin;
    group.end = planned.end;
    group.device = devices.get(getContext(), g);
    group.footprint =
        analysis.getGroupFootprint(planned.begin, planned.end, model);
    group.spilling = planned.spilling;
    groups.push_back(group);
  }
  // One remark per cut, at the first layer after it, saying why it is there.
  for (size_t g = 1; g < groups.size(); ++g) {
    const OutlineGroup &prev = groups[g - 1];
    Operation *first = analysis.getLayers()[groups[g].begin].op;
    uint64_t grown =
        analysis.getGroupBytes(prev.begin, groups[g].begin + 1, model);
    // Built first: the remark engine only streams whole strings.
    std::string text;
    llvm::raw_string_ostream remark(text);
    remark << "cut before layer " << groups[g].begin << ": group " << g - 1
           << " (layers " << prev.begin << ".." << prev.end - 1 << ", "
           << prev.footprint.total() << " B) on '" << prev.device.getName()
           << "' (capacity " << prev.device.getCapacity() << " B)";
    if (groups[g].begin >= analysis.getMaxGroupEnd(prev.begin))
      remark << " cannot take this layer: it reads what the host assembles "
                "from the group's results";
    else if (grown > prev.device.getCapacity())
      remark << " cannot take this layer (" << grown << " B)";
    else
      remark << " could take this layer (" << grown << " B) but strategy '"
             << stringifyPlanStrategy(planStrategy) << "' cuts here";
    remark << "; group " << g << " receives " << plan.groups[g].transferInBytes
           << " B from earlier groups";
    emitPassRemark(first->getLoc(), PassRemark::Analysis, kRemarkCategory,
                   "cut", func.getName(), text);
  }

  // (4) Outline.
  FailureOr<SmallVector<OutlinedGroupInfo>> outlined =
      outlinePartition(func, analysis, groups, options);
  if (failed(outlined))
    return failure();
  devicesUsed =
      std::max(devicesUsed, devices.roundRobin
                                ? std::min(groups.size(), devices.numCards())
                                : groups.size());
  if (devices.roundRobin && groups.size() > devices.numCards()) {
    CardReuseSummary reuse = summarizeCardReuse(groups);
    std::string text;
    llvm::raw_string_ostream remark(text);
    remark << groups.size() << " groups run on " << devices.numCards()
           << (devices.numCards() == 1 ? " card" : " cards")
           << " in turns (reuse=round-robin): " << reuse.reloadedCards
           << (reuse.reloadedCards == 1 ? " card is" : " cards are")
           << " reloaded for every input, streaming "
           << reuse.streamedWeightBytes << " B of weights per input";
    emitPassRemark(func.getLoc(), PassRemark::Analysis, kRemarkCategory,
                   "reuse", func.getName(), text);
  }
  if (deviceFuncs)
    for (const OutlinedGroupInfo &info : *outlined)
      deviceFuncs->push_back(info.func);

  // (5) Report, when asked for: on large models the JSON values (one per
  // group and per layer) cost more than planning.
  if (opts.report.empty())
    return success();

  // Lower bound on k, beside the planner: whatever cards a plan uses, no
  // fewer can hold the function's bytes.
  uint64_t whole = analysis.getGroupBytes(0, n, model);
  size_t lowerBound = lowerBoundOnGroups(whole, plan, problem.capacities,
                                         problem.unlimitedDevices);

  FunctionReport entry;
  entry.name = func.getName();
  entry.analysis = &analysis;
  entry.groups = groups;
  entry.outlined = *outlined;
  entry.splits = splits;
  entry.plan = &plan;
  entry.strategy = planStrategy;
  entry.model = model;
  entry.totalBytes = whole;
  entry.lowerBound = lowerBound;
  entry.cardReuse = devices.roundRobin;
  entry.batch = batchChoice;
  entry.timed = !problem.layerTimes.empty();
  functionReports.push_back(buildFunctionReport(entry));
  return success();
}

LogicalResult
cachepart::partitionModule(ModuleOp module, ArrayRef<func::FuncOp> funcs,
                           const PartitionRequest &request,
                           SmallVectorImpl<func::FuncOp> *deviceFuncs) {
  return Partitioner(module, request, deviceFuncs).run(funcs);
}

namespace {
struct CachePartitionPass
    : public cachepart::impl::CachePartitionBase<CachePartitionPass> {
  using CachePartitionBase::CachePartitionBase;

  void runOnOperation() override {
    if (failed(partitionModule(getOperation(), {}, getRequest())))
      signalPassFailure();
  }

  /// Whether `value` is one the option `name` accepts (its enum spellings,
  /// or a byte size); reports why not through `onError`. (Values with
  /// spaces are not supported by this check.)
  LogicalResult checkValue(StringRef name, StringRef value,
                           function_ref<void(const Twine &)> onError) {
    auto checkEnum = [&](auto &option) -> LogicalResult {
      auto &parser = option.getParser();
      if (parser.findOption(value) < parser.getNumOptions())
        return success();
      std::string names;
      for (unsigned i = 0, e = parser.getNumOptions(); i < e; ++i)
        names += (i ? ", " : "") + parser.getOption(i).str();
      onError(name + "=" + value + ": expected one of " + names);
      return failure();
    };
    if (name == "strategy")
      return checkEnum(strategy);
    if (name == "memory-model")
      return checkEnum(memoryModel);
    if (name == "oversize")
      return checkEnum(oversize);
    if (name == "reuse")
      return checkEnum(reuse);
    if (name == "capacity") {
      ByteSize size;
      std::string error;
      if (!ByteSize::parse(value.str(), size, error)) {
        onError("capacity=" + value + ": " + error);
        return failure();
      }
    }
    return success();
  }

  PartitionRequest getRequest() const {
    PartitionRequest request;
    CachePartitionOptions &o = request.options;
    o.batch = batch;
    o.dynamicDimBound = dynamicDimBound;
    o.weightArgs.assign(weightArgs.begin(), weightArgs.end());
    o.im2col = im2col;
    o.profile = profile;
    o.capacity = capacity;
    o.strategy = strategy;
    o.memoryModel = memoryModel;
    o.numDevices = numDevices;
    o.numPartitions = numPartitions;
    o.reuse = reuse;
    o.oversize = oversize;
    o.functions.assign(functions.begin(), functions.end());
    o.maxPieces = maxPieces;
    o.report = report;
    request.capacityGiven = capacity.hasValue();
    return request;
  }
};
} // namespace

FailureOr<PartitionRequest>
cachepart::parsePartitionRequest(StringRef options,
                                 function_ref<void(const Twine &)> onError) {
  CachePartitionPass pass;
  // llvm::cl reports a bad value on stderr: check the values it would
  // refuse first, with the pass's own parsers, so the caller gets the error.
  SmallVector<StringRef> words;
  options.split(words, ' ', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef word : words) {
    auto [name, value] = word.split('=');
    if (failed(pass.checkValue(name, value, onError)))
      return failure();
  }
  if (failed(pass.initializeOptions(options, [&](const Twine &message) {
        onError(message);
        return failure();
      })))
    return failure();
  return pass.getRequest();
}
