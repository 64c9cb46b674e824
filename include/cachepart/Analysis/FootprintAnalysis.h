//===- FootprintAnalysis.h - Cache footprint of layers ----------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// The bytes each layer of a function needs in a card's cache:
//   footprint = weights + activations + workspace
// and the bytes of a group of consecutive layers under two memory models.
// The analysis knows nothing of partitioning: it answers "how many bytes"
// questions about layers [begin, end) of one function.
//
// A *layer* is a top-level op of the function body that does work: linalg
// and tosa compute ops, tensor ops that move data, ops with regions, calls,
// anything unknown. Ops that only describe or alias (constants, tensor.empty,
// reshapes and casts, scalar arith, static slices of constants) are *free*:
// they cost nothing alone and travel with the layers that use them. Ops
// marked `cachepart.host` (the slicing and assembling around a split layer)
// run on the host: their results reach the cards like function arguments.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_ANALYSIS_FOOTPRINTANALYSIS_H
#define CACHEPART_ANALYSIS_FOOTPRINTANALYSIS_H

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/MathExtras.h"

#include "cachepart/Analysis/MemoryModel.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cachepart {

std::optional<MemoryModel> parseMemoryModel(llvm::StringRef name);
llvm::StringRef stringifyMemoryModel(MemoryModel model);

/// How to size what the IR leaves open.
struct FootprintOptions {
  /// Size of a dynamic leading dimension (0 = use dynamicDimBound).
  uint64_t batch = 0;
  /// Bound of any other dynamic dimension (0 = none: an error).
  uint64_t dynamicDimBound = 0;
  /// Function arguments that hold weights, besides {cachepart.weight} ones.
  std::vector<unsigned> weightArgs;
  /// Count the im2col buffer of convolutions (a GEMM-based lowering).
  bool im2col = true;
  /// Measured activations + workspace per layer op (cachepart-profile's
  /// allocated bytes; see Profile.h), used instead of the estimate: the
  /// sum model counts them as the layer's activations and workspace, the
  /// liveness model takes what exceeds the results as workspace. Layers
  /// not in the map keep the estimate.
  std::shared_ptr<const llvm::DenseMap<mlir::Operation *, uint64_t>> measured;
};

/// The numbers of one layer, or of a group.
struct Footprint {
  uint64_t weights = 0;
  uint64_t activations = 0;
  uint64_t workspace = 0;
  /// Tensors the group receives from other cards or the host (function
  /// arguments, host values, earlier groups' results). Under the liveness
  /// model they are part of `activations` (live-ins) and this stays 0.
  uint64_t received = 0;
  uint64_t total() const {
    return llvm::SaturatingAdd(llvm::SaturatingAdd(weights, activations),
                               llvm::SaturatingAdd(workspace, received));
  }
};

/// Why a layer has the workspace it has; for reports and docs.
struct LayerInfo {
  mlir::Operation *op = nullptr;
  Footprint footprint;
  /// Short name of the workspace rule applied ("im2col", "accumulator", ...,
  /// or "" when there is none).
  std::string workspaceRule;
  /// The estimate of activations + workspace, and whether a measurement
  /// (FootprintOptions::measured) replaced it in `footprint`.
  uint64_t estimatedActWork = 0;
  bool measured = false;
};

class FootprintAnalysis {
public:
  /// Collects the layers of `funcOp` (a function-like op). Byte counts need
  /// options: call compute() before any query.
  explicit FootprintAnalysis(mlir::Operation *funcOp);
  // Records point into the analysis's flat lists: movable, not copyable.
  FootprintAnalysis(const FootprintAnalysis &) = delete;
  FootprintAnalysis &operator=(const FootprintAnalysis &) = delete;
  FootprintAnalysis(FootprintAnalysis &&) = default;
  FootprintAnalysis &operator=(FootprintAnalysis &&) = default;

  /// True when the function has exactly one block (the only shape the
  /// analysis and the partitioner handle).
  bool isSingleBlock() const { return singleBlock; }

  /// Computes every byte count. Emits an error at the op's location and
  /// fails when a shape cannot be sized (dynamic dimension without a bound).
  mlir::LogicalResult compute(const FootprintOptions &options);

  size_t getNumLayers() const { return layers.size(); }
  llvm::ArrayRef<LayerInfo> getLayers() const { return layers; }
  /// Index of the layer `op`, or -1 when `op` is not a layer.
  int64_t getLayerIndex(mlir::Operation *op) const;

  /// Footprint of the group holding layers [begin, end), received tensors
  /// included, in O(end - begin + uses in the group) (GroupQueries.cpp;
  /// sweeps use the windows of GroupWindow.h instead).
  Footprint getGroupFootprint(size_t begin, size_t end,
                              MemoryModel model) const;
  uint64_t getGroupBytes(size_t begin, size_t end, MemoryModel model) const {
    return getGroupFootprint(begin, end, model).total();
  }

  /// One past the last layer a group starting at `begin` may hold: a group
  /// cannot both produce a value the host assembles (around a split layer)
  /// and read the host's result, since a group runs as one call.
  size_t getMaxGroupEnd(size_t begin) const {
    return begin < maxGroupEnd.size() ? maxGroupEnd[begin] : layers.size();
  }

  /// Calls `fn(producer, bytes, readers)` for every value a layer makes and
  /// a later layer reads (readers sorted, unique): what may travel between
  /// cards when producer and readers are apart.
  void forEachExchangedValue(
      llvm::function_ref<void(size_t producer, uint64_t bytes,
                              llvm::ArrayRef<uint32_t> readers)>
          fn) const;
  /// forbidden[i]: a cut before layer i would split the live range of a
  /// value that cannot cross devices (a memref, or a non-data type). Layers
  /// that write or read one buffer all use its memref value, so this keeps
  /// them on one device too. `reasons[i]` names the value's type.
  std::vector<bool>
  getForbiddenCuts(std::vector<std::string> *reasons = nullptr) const;

  /// Values defined outside layer `index` that its regions use (computed
  /// once by compute(); the outliner needs them too).
  llvm::ArrayRef<mlir::Value> getCapturedValues(size_t index) const {
    return llvm::ArrayRef<mlir::Value>(capturedValues)
        .slice(capturedBegin[index],
               capturedBegin[index + 1] - capturedBegin[index]);
  }

  /// Bytes of one value of `type` under `options`; fails (with `error` set)
  /// on a dynamic dimension without a bound. Dimension 0 uses `batch`.
  static bool getTypeBytes(mlir::Type type, const FootprintOptions &options,
                           uint64_t &bytes, std::string &error);

  /// True when `op` is free (travels with its users, costs nothing alone).
  static bool isFreeOp(mlir::Operation *op);

  /// True when `op` runs on the host (marked `cachepart.host`).
  static bool isHostOp(mlir::Operation *op);

  /// The global whose value `op` reads when that value never changes (a
  /// weight held in a global, as IREE and torch-mlir with external
  /// parameters keep them): the `memref.global ... constant` of a
  /// `memref.get_global`, the `ml_program.global` of a
  /// `ml_program.global_load_const`, or of a `ml_program.global_load` when
  /// the global is not mutable. Null otherwise.
  static mlir::Operation *getImmutableGlobal(mlir::Operation *op);

  /// True when `op` is an initializer: a linalg.fill of a tensor.empty whose
  /// every use is the destination (init) of another linalg op. Free; the
  /// outliner gives each consumer its own.
  static bool isInitializer(mlir::Operation *op);
  /// isInitializer for an op of the analysed function, as found when the
  /// layers were collected (the check builds attributes: once per op).
  bool isFunctionInitializer(mlir::Operation *op) const {
    return initializers.contains(op);
  }

private:
  friend class LayerWindow;
  friend class SumGroupWindow;
  friend class LivenessGroupWindow;

  /// A tensor (or other value) that layers exchange: a layer result or a
  /// function argument.
  struct ValueRecord {
    mlir::Value value;
    /// Producing layer, or -1 for a function argument or a host value.
    int64_t defLayer = -1;
    uint64_t bytes = 0;
    /// Layers using it, sorted, unique (in `valueUserList`).
    llvm::ArrayRef<uint32_t> users;
    /// Used by the function's terminator or a host op (goes to the host).
    bool usedByHost = false;
    /// For a host value: the last layer whose result it is made from (-1:
    /// none).
    int64_t hostDependsOn = -1;
    /// Cannot cross devices (memref or opaque type).
    bool pinned = false;
    /// Written in place into the buffer of a layer's result that dies at the
    /// layer making this value (a destination-style op whose init is that
    /// result, read by nothing after it): no new buffer.
    bool inPlace = false;
  };
  struct WeightRecord {
    mlir::Operation *op = nullptr; ///< Constant op, or null for an argument.
    uint64_t bytes = 0;
    llvm::ArrayRef<uint32_t> users; ///< Sorted, unique (`weightUserList`).
  };

  bool singleBlock = false;
  mlir::Operation *funcOp = nullptr;
  std::vector<LayerInfo> layers;
  llvm::DenseMap<mlir::Operation *, int64_t> layerIndex;
  llvm::DenseSet<mlir::Operation *> initializers;
  std::vector<ValueRecord> values;
  std::vector<WeightRecord> weights;
  /// The value records and weights layer l reads (sorted, unique).
  llvm::ArrayRef<uint32_t> layerValueUses(size_t l) const {
    return {valueUseList.data() + valueUseBegin[l],
            valueUseList.data() + valueUseBegin[l + 1]};
  }
  llvm::ArrayRef<uint32_t> layerWeightUses(size_t l) const {
    return {weightUseList.data() + weightUseBegin[l],
            weightUseList.data() + weightUseBegin[l + 1]};
  }
  /// Sorts `ids` and drops repeats. std::sort: llvm::sort hands plain
  /// integers to qsort, slow on the few elements of these hot loops.
  static void sortUnique(llvm::SmallVectorImpl<uint32_t> &ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  /// Flat lists (one allocation each, not one per layer or record: large
  /// models have hundreds of thousands): layer l's uses at
  /// [useBegin[l], useBegin[l + 1]); the records' `users` slice the user
  /// lists.
  std::vector<uint32_t> valueUseList, valueUseBegin;
  std::vector<uint32_t> weightUseList, weightUseBegin;
  std::vector<uint32_t> valueUserList, weightUserList;
  /// Value records of layer l's results: [layerValueBegin[l],
  /// layerValueBegin[l + 1]) (results are recorded in layer order).
  std::vector<uint32_t> layerValueBegin;
  /// Captured values of all layers, layer l's at [capturedBegin[l],
  /// capturedBegin[l + 1]).
  std::vector<mlir::Value> capturedValues;
  std::vector<uint32_t> capturedBegin;
  /// Prefix sums (size n + 1) of activations + workspace, and of weights
  /// used by a single layer; shared weights are handled per query.
  std::vector<uint64_t> prefixActWork;
  std::vector<uint64_t> prefixPrivateWeights;
  /// See getMaxGroupEnd.
  std::vector<size_t> maxGroupEnd;
  bool computed = false;
};

} // namespace cachepart

#endif // CACHEPART_ANALYSIS_FOOTPRINTANALYSIS_H
