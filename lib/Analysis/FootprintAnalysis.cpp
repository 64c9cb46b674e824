//===- FootprintAnalysis.cpp - Cache footprint of layers ------------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Analysis/FootprintAnalysis.h"
#include "cachepart/Dialect/CachePart/IR/CachePart.h"

#include "AnalysisDetail.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Shape/IR/Shape.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace mlir;
using namespace cachepart;
using namespace cachepart::detail;

std::optional<MemoryModel> cachepart::parseMemoryModel(StringRef name) {
  if (name == "sum")
    return MemoryModel::Sum;
  if (name == "liveness")
    return MemoryModel::Liveness;
  return std::nullopt;
}

StringRef cachepart::stringifyMemoryModel(MemoryModel model) {
  return model == MemoryModel::Sum ? "sum" : "liveness";
}

//===----------------------------------------------------------------------===//
// Sizes of types
//===----------------------------------------------------------------------===//

static std::string typeToString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

std::optional<uint64_t>
cachepart::detail::dynamicExtent(unsigned index,
                                 const FootprintOptions &options) {
  if (index == 0 && options.batch)
    return options.batch;
  if (options.dynamicDimBound)
    return options.dynamicDimBound;
  return std::nullopt;
}

uint64_t cachepart::detail::getElementBits(Type type) {
  if (auto intType = dyn_cast<IntegerType>(type))
    // i1 is stored in a byte; narrower-than-byte integers are packed.
    return intType.getWidth() == 1 ? 8 : intType.getWidth();
  if (auto floatType = dyn_cast<FloatType>(type))
    return floatType.getWidth();
  if (isa<IndexType>(type))
    return 64;
  if (auto complexType = dyn_cast<ComplexType>(type))
    return 2 * getElementBits(complexType.getElementType());
  if (auto quantType = dyn_cast<quant::QuantizedType>(type))
    return quantType.getStorageTypeIntegralWidth();
  if (auto vectorType = dyn_cast<VectorType>(type)) {
    if (vectorType.isScalable())
      return 0;
    // Saturates: UINT64_MAX is "does not fit in 64 bits" for the callers.
    uint64_t bits = getElementBits(vectorType.getElementType());
    bool overflow = false;
    for (int64_t dim : vectorType.getShape())
      bits =
          llvm::SaturatingMultiply(bits, static_cast<uint64_t>(dim), &overflow);
    return overflow ? UINT64_MAX : bits;
  }
  return 0;
}

bool FootprintAnalysis::getTypeBytes(Type type, const FootprintOptions &options,
                                     uint64_t &bytes, std::string &error) {
  bytes = 0;
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || isa<VectorType>(type)) {
    // Scalars and opaque types (tokens, !tosa.shape): their own size, or 0.
    uint64_t bits = getElementBits(type);
    if (bits == UINT64_MAX) {
      error = "has type " + typeToString(type) +
              " whose size does not fit in 64 bits";
      return false;
    }
    bytes = bits / 8 + (bits % 8 != 0);
    return true;
  }
  if (!shaped.hasRank()) {
    error = "has an unranked type " + typeToString(type) +
            " whose size cannot be known; give the value a ranked type";
    return false;
  }
  uint64_t bits = getElementBits(shaped.getElementType());
  if (bits == UINT64_MAX) {
    error = "has element type " + typeToString(shaped.getElementType()) +
            " whose size does not fit in 64 bits";
    return false;
  }
  if (bits == 0) {
    error = "has element type " + typeToString(shaped.getElementType()) +
            " whose storage size is unknown";
    return false;
  }
  bool overflow = false;
  uint64_t elements = 1;
  for (auto [index, dim] : llvm::enumerate(shaped.getShape())) {
    uint64_t size = static_cast<uint64_t>(dim);
    if (ShapedType::isDynamic(dim)) {
      std::optional<uint64_t> extent = dynamicExtent(index, options);
      if (!extent) {
        error = "has dynamic dimension " + std::to_string(index) + " in " +
                typeToString(type) + " without a bound; pass " +
                (index == 0 ? "batch=N or " : "") +
                "dynamic-dim-bound=N to size it";
        return false;
      }
      size = *extent;
    }
    elements = llvm::SaturatingMultiply(elements, size, &overflow);
  }
  // ceil(elements * bits / 8) without forming elements * bits, which
  // overflows for legal tensors of 2^61 bytes and more.
  if (bits % 8 == 0) {
    bytes = llvm::SaturatingMultiply(elements, bits / 8, &overflow);
  } else {
    uint64_t whole = llvm::SaturatingMultiply(elements / 8, bits, &overflow);
    bytes =
        llvm::SaturatingAdd(whole, ((elements % 8) * bits + 7) / 8, &overflow);
  }
  if (overflow) {
    error = "has type " + typeToString(type) +
            " whose size does not fit in 64 bits";
    return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Layers and free ops
//===----------------------------------------------------------------------===//

bool FootprintAnalysis::isInitializer(Operation *op) {
  // The consumer writes in place into the filled buffer, so the fill costs
  // nothing beyond the consumer's own result; it travels with its consumer
  // instead of crossing a cut as a buffer of zeros.
  if (!isa<linalg::FillOp>(op))
    return false;
  // Operands: the scalar value, then the init (checked without building
  // operand ranges: this runs on every fill of large models).
  if (op->getNumOperands() != 2 || op->getNumResults() != 1 ||
      op->use_empty() || !op->getOperand(1).getDefiningOp<tensor::EmptyOp>())
    return false;
  return llvm::all_of(op->getUses(), [](OpOperand &use) {
    auto consumer = dyn_cast<DestinationStyleOpInterface>(use.getOwner());
    return consumer && !isa<linalg::FillOp>(use.getOwner()) &&
           consumer.isDpsInit(&use);
  });
}

bool FootprintAnalysis::isHostOp(Operation *op) {
  // A discardable attribute: no lookup among the op's inherent ones (this
  // runs on every op of the function, several times).
  return op->getDiscardableAttr(CachePartDialect::getHostAttrName()) != nullptr;
}

Operation *FootprintAnalysis::getImmutableGlobal(Operation *op) {
  if (auto get = dyn_cast<memref::GetGlobalOp>(op)) {
    auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
        op, get.getNameAttr());
    return global && global.getConstant() ? global.getOperation() : nullptr;
  }
  if (auto load = dyn_cast<ml_program::GlobalLoadConstOp>(op))
    return SymbolTable::lookupNearestSymbolFrom<ml_program::GlobalOp>(
        op, load.getGlobal());
  if (auto load = dyn_cast<ml_program::GlobalLoadOp>(op)) {
    auto global = SymbolTable::lookupNearestSymbolFrom<ml_program::GlobalOp>(
        op, load.getGlobal());
    return global && !global.getIsMutable() ? global.getOperation() : nullptr;
  }
  return nullptr;
}

/// A static slice of a constant (a piece's share of a split layer's weights
/// that could not be folded, e.g. of a dense_resource): a weight of the
/// slice's size that travels with its user.
static bool isConstantSlice(Operation *op) {
  auto slice = dyn_cast<tensor::ExtractSliceOp>(op);
  if (!slice || !slice.getType().hasStaticShape())
    return false;
  Operation *source = slice.getSource().getDefiningOp();
  return source && source->hasTrait<OpTrait::ConstantLike>();
}

bool FootprintAnalysis::isFreeOp(Operation *op) {
  // Initializers have a region but are free (see isInitializer).
  if (isa<linalg::FillOp>(op))
    return isInitializer(op);
  if (op->getNumRegions() != 0 || isHostOp(op))
    return false;
  if (op->hasTrait<OpTrait::ConstantLike>() || isConstantSlice(op) ||
      getImmutableGlobal(op))
    return true;
  // The tensor view of a weight held in a memref.global: no data moves.
  if (auto toTensor = dyn_cast<bufferization::ToTensorOp>(op)) {
    Operation *source = toTensor.getBuffer().getDefiningOp();
    return source && getImmutableGlobal(source);
  }
  // Ops that only describe or alias a tensor: no data moves.
  if (isa<tensor::EmptyOp, tensor::ExpandShapeOp, tensor::CollapseShapeOp,
          tensor::ReshapeOp, tensor::CastOp, tensor::DimOp, tensor::RankOp,
          tensor::BitcastOp, tosa::ReshapeOp, tosa::ConstShapeOp, ub::PoisonOp,
          shape::ConstShapeOp, arith::IndexCastOp, memref::CastOp>(op))
    return isMemoryEffectFree(op);
  if (!isMemoryEffectFree(op))
    return false;
  // Scalar arithmetic (index computations, scalar constants folded away).
  auto isScalar = [](Type t) {
    return t.isIntOrIndexOrFloat() || isa<ComplexType>(t);
  };
  return llvm::all_of(op->getOperandTypes(), isScalar) &&
         llvm::all_of(op->getResultTypes(), isScalar);
}

FootprintAnalysis::FootprintAnalysis(Operation *op) : funcOp(op) {
  auto func = dyn_cast<FunctionOpInterface>(op);
  if (!func || func.isExternal())
    return;
  Region &body = func.getFunctionBody();
  singleBlock = body.hasOneBlock();
  if (!singleBlock)
    return;
  Block &block = body.front();
  for (Operation &nested : block.without_terminator()) {
    if (isHostOp(&nested))
      continue;
    if (isFreeOp(&nested)) {
      if (isa<linalg::FillOp>(nested)) // Free fills are initializers.
        initializers.insert(&nested);
      continue;
    }
    layerIndex[&nested] = static_cast<int64_t>(layers.size());
    layers.push_back(LayerInfo{&nested, Footprint{}, ""});
  }
}

int64_t FootprintAnalysis::getLayerIndex(Operation *op) const {
  auto it = layerIndex.find(op);
  return it == layerIndex.end() ? -1 : it->second;
}

//===----------------------------------------------------------------------===//
// compute()
//===----------------------------------------------------------------------===//

LogicalResult FootprintAnalysis::compute(const FootprintOptions &options) {
  values.clear();
  weights.clear();
  valueUseList.clear();
  weightUseList.clear();
  valueUseBegin.assign(layers.size() + 1, 0);
  weightUseBegin.assign(layers.size() + 1, 0);
  valueUserList.clear();
  weightUserList.clear();
  computed = false;
  if (!singleBlock)
    return success();
  auto func = cast<FunctionOpInterface>(funcOp);
  Block &block = func.getFunctionBody().front();

  llvm::DenseMap<Value, uint32_t> valueIndex;
  // Sized once: large models have hundreds of thousands of entries.
  valueIndex.reserve(layers.size() + block.getNumArguments());
  llvm::DenseMap<Operation *, uint32_t> weightOpIndex;
  llvm::DenseMap<unsigned, uint32_t> weightArgIndex;
  llvm::SmallBitVector isWeightArg(block.getNumArguments());
  for (unsigned i = 0; i < block.getNumArguments(); ++i)
    if (func.getArgAttr(i, CachePartDialect::getWeightAttrName()))
      isWeightArg.set(i);
  for (unsigned i : options.weightArgs) {
    if (i >= block.getNumArguments())
      return mlir::emitError(funcOp->getLoc(), "weight-args names argument ")
             << i << ", but the function has only " << block.getNumArguments()
             << " arguments";
    isWeightArg.set(i);
  }

  auto sizeOf = [&](Value v, Operation *where, uint64_t &bytes) {
    std::string error;
    if (getTypeBytes(v.getType(), options, bytes, error))
      return success();
    return (LogicalResult)(mlir::emitError(where->getLoc(), "value ") << error);
  };

  // Value records of layer results, in layer order.
  layerValueBegin.assign(layers.size() + 1, 0);
  for (auto [index, layer] : llvm::enumerate(layers)) {
    layerValueBegin[index] = static_cast<uint32_t>(values.size());
    uint64_t activation = 0;
    for (Value result : layer.op->getResults()) {
      uint64_t bytes = 0;
      if (failed(sizeOf(result, layer.op, bytes)))
        return failure();
      activation = llvm::SaturatingAdd(activation, bytes);
      ValueRecord record;
      record.value = result;
      record.defLayer = static_cast<int64_t>(index);
      record.bytes = bytes;
      Type t = result.getType();
      record.pinned = !(isa<TensorType, VectorType, ComplexType>(t) ||
                        t.isIntOrIndexOrFloat());
      valueIndex[result] = values.size();
      values.push_back(std::move(record));
    }
    layer.footprint.activations = activation;
    layer.footprint.workspace =
        computeWorkspace(layer.op, options, layer.workspaceRule);
    layer.estimatedActWork =
        llvm::SaturatingAdd(activation, layer.footprint.workspace);
    layer.measured = false;
    if (options.measured) {
      auto it = options.measured->find(layer.op);
      if (it != options.measured->end()) {
        // What the layer allocated: beyond its results, workspace; below
        // them (it wrote in place), fewer new activation bytes.
        layer.measured = true;
        layer.footprint.workspace =
            it->second > activation ? it->second - activation : 0;
        layer.footprint.activations = std::min(activation, it->second);
      }
    }
  }

  layerValueBegin[layers.size()] = static_cast<uint32_t>(values.size());

  // Resolves a value read by a layer to the records it stands for, looking
  // through free ops. Memoized per free op so chains are walked once.
  struct Roots {
    SmallVector<uint32_t, 2> values;
    SmallVector<uint32_t, 2> weights;
  };
  llvm::DenseMap<Operation *, Roots> freeRoots;
  std::function<LogicalResult(Value, Operation *, Roots &)> resolve;
  auto resolveOperands = [&](Operation *op, Roots &roots) -> LogicalResult {
    for (Value operand : op->getOperands())
      if (failed(resolve(operand, op, roots)))
        return failure();
    return success();
  };
  resolve = [&](Value v, Operation *user, Roots &roots) -> LogicalResult {
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      if (arg.getOwner() != &block)
        return success();
      unsigned n = arg.getArgNumber();
      if (isWeightArg.test(n)) {
        auto [it, inserted] = weightArgIndex.try_emplace(n, weights.size());
        if (inserted) {
          WeightRecord w;
          if (failed(sizeOf(v, funcOp, w.bytes)))
            return failure();
          weights.push_back(std::move(w));
        }
        roots.weights.push_back(it->second);
        return success();
      }
      auto [it, inserted] = valueIndex.try_emplace(v, values.size());
      if (inserted) {
        ValueRecord record;
        record.value = v;
        record.defLayer = -1;
        if (failed(sizeOf(v, funcOp, record.bytes)))
          return failure();
        Type t = v.getType();
        record.pinned = !(isa<TensorType, VectorType, ComplexType>(t) ||
                          t.isIntOrIndexOrFloat());
        values.push_back(std::move(record));
      }
      roots.values.push_back(it->second);
      return success();
    }
    Operation *def = v.getDefiningOp();
    if (!def || def->getBlock() != &block)
      return success();
    if (layerIndex.count(def)) {
      roots.values.push_back(valueIndex.lookup(v));
      return success();
    }
    // A host op's result reaches the cards like an argument; it depends on
    // the layers whose results the host slices or assembles.
    if (isHostOp(def)) {
      auto it = valueIndex.find(v);
      if (it == valueIndex.end()) {
        Roots hostRoots;
        if (failed(resolveOperands(def, hostRoots)))
          return failure();
        ValueRecord record;
        record.value = v;
        if (failed(sizeOf(v, def, record.bytes)))
          return failure();
        record.pinned = !isa<TensorType>(v.getType());
        for (uint32_t root : hostRoots.values) {
          const ValueRecord &from = values[root];
          record.hostDependsOn =
              std::max(record.hostDependsOn,
                       from.defLayer >= 0 ? from.defLayer : from.hostDependsOn);
        }
        it = valueIndex.try_emplace(v, values.size()).first;
        values.push_back(std::move(record));
      }
      roots.values.push_back(it->second);
      return success();
    }
    // A free op: a tensor constant (or a static slice of one) is a weight;
    // scalar constants are immediates; anything else forwards the roots of
    // its operands.
    // A weight held in an immutable global: one record per global, however
    // many ops read it.
    Operation *global = getImmutableGlobal(def);
    if (def->hasTrait<OpTrait::ConstantLike>() || isConstantSlice(def) ||
        global) {
      if (!isa<ShapedType>(v.getType()))
        return success();
      auto [it, inserted] =
          weightOpIndex.try_emplace(global ? global : def, weights.size());
      if (inserted) {
        WeightRecord w;
        w.op = global ? global : def;
        uint64_t total = 0;
        for (Value r : def->getResults()) {
          uint64_t bytes = 0;
          if (failed(sizeOf(r, def, bytes)))
            return failure();
          total = llvm::SaturatingAdd(total, bytes);
        }
        w.bytes = total;
        weights.push_back(std::move(w));
      }
      roots.weights.push_back(it->second);
      return success();
    }
    // Shape queries read no data.
    if (isa<tensor::DimOp, tensor::RankOp>(def))
      return success();
    // Memoized only when shared: a free op with one use (a layer's own
    // tensor.empty and fill) is walked once anyway.
    if (def->hasOneUse())
      return resolveOperands(def, roots);
    auto cached = freeRoots.find(def);
    if (cached == freeRoots.end()) {
      Roots defRoots;
      if (failed(resolveOperands(def, defRoots)))
        return failure();
      cached = freeRoots.try_emplace(def, std::move(defRoots)).first;
    }
    roots.values.append(cached->second.values);
    roots.weights.append(cached->second.weights);
    return success();
  };

  // Host values first, in program order: a chain of host ops (the assembly
  // of many pieces) then resolves one link at a time, not recursively.
  for (Operation &op : block) {
    if (!isHostOp(&op))
      continue;
    Roots ignored;
    for (Value result : op.getResults())
      if (failed(resolve(result, &op, ignored)))
        return failure();
  }

  capturedValues.clear();
  capturedBegin.assign(layers.size() + 1, 0);
  for (auto [index, layer] : llvm::enumerate(layers)) {
    Roots roots;
    for (Value operand : layer.op->getOperands())
      if (failed(resolve(operand, layer.op, roots)))
        return failure();
    capturedBegin[index] = static_cast<uint32_t>(capturedValues.size());
    if (layer.op->getNumRegions()) {
      llvm::SetVector<Value> captured;
      getUsedValuesDefinedAbove(layer.op->getRegions(), captured);
      for (Value v : captured) {
        capturedValues.push_back(v);
        if (failed(resolve(v, layer.op, roots)))
          return failure();
      }
    }
    sortUnique(roots.values);
    sortUnique(roots.weights);
    llvm::append_range(valueUseList, roots.values);
    llvm::append_range(weightUseList, roots.weights);
    valueUseBegin[index + 1] = static_cast<uint32_t>(valueUseList.size());
    weightUseBegin[index + 1] = static_cast<uint32_t>(weightUseList.size());
    uint64_t weightBytes = 0;
    for (uint32_t w : layerWeightUses(index))
      weightBytes = llvm::SaturatingAdd(weightBytes, weights[w].bytes);
    layer.footprint.weights = weightBytes;
  }
  capturedBegin[layers.size()] = static_cast<uint32_t>(capturedValues.size());
  // Values that go to the host: returned, or sliced and assembled there.
  Roots toHost;
  for (Operation &op : block) {
    if (!isHostOp(&op) && &op != block.getTerminator())
      continue;
    for (Value operand : op.getOperands())
      if (failed(resolve(operand, &op, toHost)))
        return failure();
  }
  for (uint32_t v : toHost.values)
    values[v].usedByHost = true;

  // Users of each record, by a counting sort of the layers' uses: visiting
  // the layers in order keeps every list sorted.
  auto invert = [&](auto &records, std::vector<uint32_t> &userList,
                    auto usesOf) {
    std::vector<uint32_t> begin(records.size() + 1, 0);
    for (size_t l = 0; l < layers.size(); ++l)
      for (uint32_t r : usesOf(l))
        ++begin[r + 1];
    for (size_t r = 0; r < records.size(); ++r)
      begin[r + 1] += begin[r];
    userList.resize(begin.back());
    std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
    for (size_t l = 0; l < layers.size(); ++l)
      for (uint32_t r : usesOf(l))
        userList[next[r]++] = static_cast<uint32_t>(l);
    for (size_t r = 0; r < records.size(); ++r)
      records[r].users = llvm::ArrayRef<uint32_t>(userList).slice(
          begin[r], begin[r + 1] - begin[r]);
  };
  invert(values, valueUserList, [&](size_t l) { return layerValueUses(l); });
  invert(weights, weightUserList, [&](size_t l) { return layerWeightUses(l); });

  // A group runs as one call: it cannot hold a layer whose result the host
  // assembles and a later layer reading what the host made of it. Each such
  // pair (d, m) bounds the groups that start at or before d.
  maxGroupEnd.assign(layers.size(), layers.size());
  for (size_t m = 0; m < layers.size(); ++m)
    for (uint32_t v : layerValueUses(m)) {
      int64_t d = values[v].hostDependsOn;
      if (d >= 0 && static_cast<size_t>(d) < m)
        maxGroupEnd[d] = std::min(maxGroupEnd[d], m);
    }
  for (size_t b = layers.size(); b-- > 1;)
    maxGroupEnd[b - 1] = std::min(maxGroupEnd[b - 1], maxGroupEnd[b]);

  // Writes in place: a destination-style layer whose init is a layer's
  // result read by nothing after it (its other uses come before this op,
  // none is the host's) writes into that buffer, as bufferization does: a
  // linalg.fill feeding a matmul, an elementwise op into its dead input (a
  // batch norm after a convolution), a chain of tensor.insert_slice building a
  // concatenation. Its result is no new buffer: in a group with the
  // producer the buffer is the producer's, in a group without it the
  // buffer is received.
  size_t n = layers.size();
  for (size_t c = 1; c < n; ++c) {
    if (layers[c].measured)
      continue; // The measurement already shows the write in place.
    Operation *op = layers[c].op;
    auto dps = dyn_cast<DestinationStyleOpInterface>(op);
    if (!dps || !dps.hasPureTensorSemantics())
      continue;
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
    uint64_t saved = 0;
    for (OpOperand &init : dps.getDpsInitsMutable()) {
      Value v = init.get();
      auto it = valueIndex.find(v);
      if (it == valueIndex.end())
        continue;
      const ValueRecord &producer = values[it->second];
      if (producer.defLayer < 0 || producer.usedByHost)
        continue;
      // Read after this op, or here at other indices than it is written at
      // (a conflict bufferization resolves with a copy): a new buffer.
      // Reads before it are over when it writes.
      bool dead = llvm::all_of(v.getUses(), [&](OpOperand &use) {
        if (use.getOwner() != op) {
          Operation *user = block.findAncestorOpInBlock(*use.getOwner());
          return user && user != op && user->isBeforeInBlock(op);
        }
        if (&use == &init)
          return true;
        return linalgOp && !dps.isDpsInit(&use) &&
               linalgOp.getMatchingIndexingMap(&use) ==
                   linalgOp.getMatchingIndexingMap(&init);
      });
      OpResult tied = dps.getTiedOpResult(&init);
      if (!dead || !tied || tied.getType() != v.getType())
        continue;
      values[valueIndex.lookup(Value(tied))].inPlace = true;
      saved = llvm::SaturatingAdd(saved, producer.bytes);
    }
    Footprint &fp = layers[c].footprint;
    saved = std::min(saved, fp.activations);
    fp.activations -= saved;
    layers[c].estimatedActWork -= saved;
  }

  // Prefix sums for O(1) sum-model queries.
  prefixActWork.assign(2 * (n + 1), 0);
  prefixPrivateWeights.assign(n + 1, 0);
  // Shared weights are found per query from the group's own uses.
  std::vector<uint64_t> privateWeights(n, 0);
  for (const auto &w : weights)
    if (w.users.size() == 1)
      privateWeights[w.users.front()] =
          llvm::SaturatingAdd(privateWeights[w.users.front()], w.bytes);
  for (size_t i = 0; i < n; ++i) {
    // Interleaved: [2i] activations, [2i+1] workspace prefix.
    prefixActWork[2 * (i + 1)] = llvm::SaturatingAdd(
        prefixActWork[2 * i], layers[i].footprint.activations);
    prefixActWork[2 * (i + 1) + 1] = llvm::SaturatingAdd(
        prefixActWork[2 * i + 1], layers[i].footprint.workspace);
    prefixPrivateWeights[i + 1] =
        llvm::SaturatingAdd(prefixPrivateWeights[i], privateWeights[i]);
  }
  computed = true;

  // Byte counts saturate instead of wrapping; a saturated count is not a
  // number anyone may trust: it is the user's error, at the layer.
  auto saturated = [](const Footprint &fp) {
    return llvm::is_contained(
        {fp.weights, fp.activations, fp.workspace, fp.received, fp.total()},
        UINT64_MAX);
  };
  for (auto [index, layer] : llvm::enumerate(layers)) {
    if (!saturated(getGroupFootprint(index, index + 1, MemoryModel::Sum)))
      continue;
    computed = false;
    return layer.op->emitError("layer ")
           << index
           << " needs more bytes than fit in 64 bits (its results, "
              "weights, workspace and inputs together); no card "
              "can be planned for it";
  }
  if (n && saturated(getGroupFootprint(0, n, MemoryModel::Sum))) {
    computed = false;
    return mlir::emitError(funcOp->getLoc(), "the function's layers need ")
           << "more bytes together than fit in 64 bits; no plan can be "
              "trusted";
  }
  return success();
}
