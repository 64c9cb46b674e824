//===- FootprintAnalysis.cpp - Cache footprint of layers ------------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Analysis/FootprintAnalysis.h"
#include "cachepart/Dialect/CachePart/IR/CachePart.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
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

/// Bits of one element; 0 when the type has no defined storage size.
/// The size of dynamic dimension `index`: the batch for the leading one,
/// else the bound; none when the options give neither.
static std::optional<uint64_t> dynamicExtent(unsigned index,
                                             const FootprintOptions &options) {
  if (index == 0 && options.batch)
    return options.batch;
  if (options.dynamicDimBound)
    return options.dynamicDimBound;
  return std::nullopt;
}

static uint64_t getElementBits(Type type) {
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
      bits = llvm::SaturatingMultiply(bits, static_cast<uint64_t>(dim),
                                      &overflow);
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
    bytes = llvm::SaturatingAdd(whole, ((elements % 8) * bits + 7) / 8,
                                &overflow);
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
  return op->hasAttr(CachePartDialect::getHostAttrName());
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
  if (op->hasTrait<OpTrait::ConstantLike>() || isConstantSlice(op))
    return true;
  // Ops that only describe or alias a tensor: no data moves.
  if (isa<tensor::EmptyOp, tensor::ExpandShapeOp, tensor::CollapseShapeOp,
          tensor::ReshapeOp, tensor::CastOp, tensor::DimOp, tensor::RankOp,
          tensor::BitcastOp, tosa::ReshapeOp, tosa::ConstShapeOp,
          ub::PoisonOp, shape::ConstShapeOp, arith::IndexCastOp,
          memref::CastOp>(op))
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
    if (isFreeOp(&nested) || isHostOp(&nested))
      continue;
    layerIndex[&nested] = static_cast<int64_t>(layers.size());
    layers.push_back(LayerInfo{&nested, Footprint{}, ""});
  }
}

int64_t FootprintAnalysis::getLayerIndex(Operation *op) const {
  auto it = layerIndex.find(op);
  return it == layerIndex.end() ? -1 : it->second;
}

//===----------------------------------------------------------------------===//
// Workspace model (docs/footprint-model.md)
//===----------------------------------------------------------------------===//

namespace {
/// Sizes shapes for the workspace rules; dynamic dims use the options (1
/// when unbounded: the value itself is then an error of its own).
struct ShapeSizer {
  const FootprintOptions &options;

  uint64_t extent(int64_t size, unsigned index) const {
    if (!ShapedType::isDynamic(size))
      return static_cast<uint64_t>(size);
    return dynamicExtent(index, options).value_or(1);
  }
  uint64_t dim(ShapedType type, unsigned index) const {
    if (!type.hasRank() || index >= type.getRank())
      return 1;
    return extent(type.getDimSize(index), index);
  }
  uint64_t elements(ShapedType type) const {
    uint64_t n = 1;
    bool overflow = false;
    if (!type.hasRank())
      return 0;
    for (unsigned i = 0; i < type.getRank(); ++i)
      n = llvm::SaturatingMultiply(n, dim(type, i), &overflow);
    return n;
  }
  uint64_t elementBytes(ShapedType type) const {
    uint64_t bits = getElementBits(type.getElementType());
    return bits / 8 + (bits % 8 != 0); // Saturated bits stay huge.
  }
};

uint64_t mulSat(std::initializer_list<uint64_t> values) {
  uint64_t r = 1;
  bool overflow = false;
  for (uint64_t v : values)
    r = llvm::SaturatingMultiply(r, v, &overflow);
  return r;
}

ShapedType shapedOf(Value v) { return dyn_cast<ShapedType>(v.getType()); }

/// Padded copy of an NHWC input for a tosa conv/pool with `pad` =
/// [top, bottom, left, right].
uint64_t tosaPaddedCopy(Operation *op, const ShapeSizer &sizer) {
  auto pad = op->getAttrOfType<DenseI64ArrayAttr>("pad");
  if (!pad || llvm::all_of(pad.asArrayRef(), [](int64_t p) { return p == 0; }))
    return 0;
  ShapedType input = shapedOf(op->getOperand(0));
  if (!input || !input.hasRank())
    return 0;
  uint64_t elements = sizer.dim(input, 0);
  ArrayRef<int64_t> p = pad.asArrayRef();
  unsigned spatial = input.getRank() - 2;
  for (unsigned i = 0; i < spatial; ++i) {
    uint64_t extra = 0;
    if (2 * i + 1 < p.size())
      extra = static_cast<uint64_t>(std::max<int64_t>(0, p[2 * i])) +
              static_cast<uint64_t>(std::max<int64_t>(0, p[2 * i + 1]));
    elements = mulSat({elements, sizer.dim(input, 1 + i) + extra});
  }
  elements = mulSat({elements, sizer.dim(input, input.getRank() - 1)});
  return mulSat({elements, sizer.elementBytes(input)});
}

/// Accumulator buffer when acc_type is wider than the result element type.
uint64_t tosaAccumulator(Operation *op, const ShapeSizer &sizer) {
  auto acc = op->getAttrOfType<TypeAttr>("acc_type");
  if (!acc || op->getNumResults() == 0)
    return 0;
  ShapedType result = shapedOf(op->getResult(0));
  if (!result)
    return 0;
  uint64_t accBits = getElementBits(acc.getValue());
  if (accBits <= getElementBits(result.getElementType()))
    return 0;
  return mulSat({sizer.elements(result), (accBits + 7) / 8});
}

/// im2col of a tosa convolution: one row per output pixel, one column per
/// kernel tap and input channel. Weight layouts: conv2d OHWI, conv3d ODHWI,
/// depthwise HWCM, transpose_conv2d OHWI.
uint64_t tosaIm2col(Operation *op, const ShapeSizer &sizer) {
  ShapedType input = shapedOf(op->getOperand(0));
  ShapedType weight = shapedOf(op->getOperand(1));
  ShapedType result = shapedOf(op->getResult(0));
  if (!input || !weight || !result || !input.hasRank() || !weight.hasRank() ||
      !result.hasRank())
    return 0;
  uint64_t taps = 1;
  unsigned rank = weight.getRank();
  if (isa<tosa::DepthwiseConv2DOp>(op)) {
    taps = mulSat({sizer.dim(weight, 0), sizer.dim(weight, 1)});
  } else {
    for (unsigned i = 1; i + 1 < rank; ++i)
      taps = mulSat({taps, sizer.dim(weight, i)});
  }
  // A 1x1 kernel reads its input in place: no im2col buffer.
  if (taps <= 1 && !isa<tosa::TransposeConv2DOp>(op))
    return 0;
  uint64_t pixels = 1;
  for (unsigned i = 0; i + 1 < result.getRank(); ++i)
    pixels = mulSat({pixels, sizer.dim(result, i)});
  uint64_t channels = sizer.dim(input, input.getRank() - 1);
  return mulSat({pixels, taps, channels, sizer.elementBytes(input)});
}

/// im2col of a linalg convolution, from its loops: rows = output points
/// without the dims that only index the filter (output channels), columns =
/// the reduction loops. Zero when the window (reduction dims used in a
/// compound input index such as oh + kh) has a single point.
uint64_t linalgIm2col(linalg::LinalgOp op, const ShapeSizer &sizer) {
  if (op.getNumDpsInputs() < 2)
    return 0;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  OpOperand *input = op.getDpsInputOperand(0);
  AffineMap inputMap = op.getMatchingIndexingMap(input);
  llvm::SmallBitVector usedByInput(ranges.size()), inWindow(ranges.size());
  for (AffineExpr expr : inputMap.getResults()) {
    bool compound = !isa<AffineDimExpr>(expr);
    expr.walk([&](AffineExpr e) {
      if (auto d = dyn_cast<AffineDimExpr>(e)) {
        usedByInput.set(d.getPosition());
        if (compound)
          inWindow.set(d.getPosition());
      }
    });
  }
  auto loopSize = [&](unsigned i) { return sizer.extent(ranges[i], i); };
  uint64_t rows = 1, columns = 1, window = 1;
  for (unsigned i = 0; i < ranges.size(); ++i) {
    if (iterators[i] == utils::IteratorType::reduction) {
      columns = mulSat({columns, loopSize(i)});
      if (inWindow.test(i))
        window = mulSat({window, loopSize(i)});
    } else if (usedByInput.test(i)) {
      rows = mulSat({rows, loopSize(i)});
      // Depthwise: the channel is parallel and indexes the input; its taps
      // are the reduction loops in the window.
    }
  }
  if (window <= 1)
    return 0;
  ShapedType inputType = shapedOf(input->get());
  if (!inputType)
    return 0;
  return mulSat({rows, columns, sizer.elementBytes(inputType)});
}

/// A linalg op whose body truncates before yielding accumulates in the wider
/// type: one accumulator per output element.
uint64_t linalgWideAccumulator(linalg::LinalgOp op, const ShapeSizer &sizer) {
  if (op.getNumReductionLoops() == 0 || op->getNumRegions() == 0 ||
      op->getRegion(0).empty())
    return 0;
  Operation *yield = op->getRegion(0).front().getTerminator();
  uint64_t total = 0;
  for (auto [index, yielded] : llvm::enumerate(yield->getOperands())) {
    Operation *def = yielded.getDefiningOp();
    if (!def || !(isa<arith::TruncFOp, arith::TruncIOp>(def)))
      continue;
    if (index >= op->getNumResults())
      continue;
    ShapedType result = shapedOf(op->getResult(index));
    if (!result)
      continue;
    uint64_t wide = (getElementBits(def->getOperand(0).getType()) + 7) / 8;
    total = llvm::SaturatingAdd(total, mulSat({sizer.elements(result), wide}));
  }
  return total;
}

/// A convolution, not a pooling: a pooling's second input only gives the
/// window's shape, its body never reads it.
bool isConvolution(linalg::LinalgOp op) {
  if (!isa<linalg::ConvolutionOpInterface>(op.getOperation()) ||
      op.getNumDpsInputs() < 2)
    return false;
  return !op.getMatchingBlockArgument(op.getDpsInputOperand(1)).use_empty();
}

/// Workspace bytes of `op` and the name of the rule that gave them: one
/// rule per kind of op (docs/footprint-model.md).
uint64_t computeWorkspace(Operation *op, const ShapeSizer &sizer,
                          std::string &rule) {
  uint64_t total = 0;
  auto add = [&](uint64_t bytes, StringRef ruleName) {
    if (!bytes)
      return;
    rule = rule.empty() ? ruleName.str() : rule + "+" + ruleName.str();
    total = llvm::SaturatingAdd(total, bytes);
  };
  auto tosaConv = [&](Operation *conv) {
    if (sizer.options.im2col)
      add(tosaIm2col(conv, sizer), "im2col");
    if (!isa<tosa::TransposeConv2DOp>(conv))
      add(tosaPaddedCopy(conv, sizer), "padded-input");
    add(tosaAccumulator(conv, sizer), "accumulator");
  };
  auto tosaPool = [&](Operation *pool) {
    add(tosaPaddedCopy(pool, sizer), "padded-input");
    add(tosaAccumulator(pool, sizer), "accumulator");
  };
  llvm::TypeSwitch<Operation *>(op)
      .Case<linalg::SoftmaxOp>([&](linalg::SoftmaxOp softmax) {
        // Running max and running sum over the reduced dimension.
        ShapedType out = shapedOf(softmax.getResult()[0]);
        if (!out || !out.hasRank())
          return;
        uint64_t reducedDim = sizer.dim(out, softmax.getDimension());
        uint64_t rows = reducedDim ? sizer.elements(out) / reducedDim : 0;
        add(mulSat({2, rows, sizer.elementBytes(out)}), "softmax-max-sum");
      })
      .Case<linalg::LinalgOp>([&](linalg::LinalgOp linalgOp) {
        if (sizer.options.im2col && isConvolution(linalgOp))
          add(linalgIm2col(linalgOp, sizer), "im2col");
        add(linalgWideAccumulator(linalgOp, sizer), "accumulator");
      })
      .Case<tosa::Conv2DOp, tosa::Conv3DOp, tosa::TransposeConv2DOp>(
          [&](Operation *conv) { tosaConv(conv); })
      .Case<tosa::DepthwiseConv2DOp>([&](tosa::DepthwiseConv2DOp conv) {
        tosaConv(conv);
        // tosa-to-linalg computes a depthwise conv into a zero-filled tensor
        // and adds the bias into a second one: an output-sized staging
        // buffer (with a wider acc_type, beside the accumulator: the
        // truncated copy).
        ShapedType out = shapedOf(conv->getResult(0));
        if (out && out.hasRank())
          add(mulSat({sizer.elements(out), sizer.elementBytes(out)}),
              "bias-staging");
      })
      .Case<tosa::AvgPool2dOp, tosa::MaxPool2dOp>(
          [&](Operation *pool) { tosaPool(pool); })
      .Case<tosa::ArgMaxOp>([&](tosa::ArgMaxOp argmax) {
        // The running maximum beside the running index.
        ShapedType in = shapedOf(argmax->getOperand(0));
        ShapedType out = shapedOf(argmax->getResult(0));
        if (in && out)
          add(mulSat({sizer.elements(out), sizer.elementBytes(in)}),
              "argmax-value");
      });
  return total;
}
} // namespace

//===----------------------------------------------------------------------===//
// compute()
//===----------------------------------------------------------------------===//

LogicalResult FootprintAnalysis::compute(const FootprintOptions &options) {
  values.clear();
  weights.clear();
  layerValueUses.assign(layers.size(), {});
  layerWeightUses.assign(layers.size(), {});
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
    return (LogicalResult)(mlir::emitError(where->getLoc(), "value ")
                            << error);
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
    ShapeSizer sizer{options};
    layer.footprint.activations = activation;
    layer.footprint.workspace = computeWorkspace(layer.op, sizer,
                                                 layer.workspaceRule);
  }

  layerValueBegin[layers.size()] = static_cast<uint32_t>(values.size());

  // Resolves a value read by a layer to the records it stands for, looking
  // through free ops. Memoized per free op so chains are walked once.
  struct Roots {
    SmallVector<uint32_t, 2> values;
    SmallVector<uint32_t, 2> weights;
  };
  llvm::DenseMap<Operation *, Roots> freeRoots;
  freeRoots.reserve(block.getOperations().size() - layers.size());
  std::function<LogicalResult(Value, Operation *, Roots &)> resolve;
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
        for (Value operand : def->getOperands())
          if (failed(resolve(operand, def, hostRoots)))
            return failure();
        ValueRecord record;
        record.value = v;
        if (failed(sizeOf(v, def, record.bytes)))
          return failure();
        record.pinned = !isa<TensorType>(v.getType());
        for (uint32_t root : hostRoots.values) {
          const ValueRecord &from = values[root];
          record.hostDependsOn = std::max(
              record.hostDependsOn,
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
    if (def->hasTrait<OpTrait::ConstantLike>() || isConstantSlice(def)) {
      if (!isa<ShapedType>(v.getType()))
        return success();
      auto [it, inserted] = weightOpIndex.try_emplace(def, weights.size());
      if (inserted) {
        WeightRecord w;
        w.op = def;
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
    auto cached = freeRoots.find(def);
    if (cached == freeRoots.end()) {
      Roots defRoots;
      for (Value operand : def->getOperands())
        if (failed(resolve(operand, def, defRoots)))
          return failure();
      cached = freeRoots.try_emplace(def, std::move(defRoots)).first;
    }
    roots.values.append(cached->second.values);
    roots.weights.append(cached->second.weights);
    return success();
  };

  auto uniqueSorted = [](std::vector<uint32_t> &v) {
    llvm::sort(v);
    v.erase(std::unique(v.begin(), v.end()), v.end());
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
    auto &valueUses = layerValueUses[index];
    valueUses.assign(roots.values.begin(), roots.values.end());
    uniqueSorted(valueUses);
    auto &weightUses = layerWeightUses[index];
    weightUses.assign(roots.weights.begin(), roots.weights.end());
    uniqueSorted(weightUses);
    uint64_t weightBytes = 0;
    for (uint32_t v : valueUses)
      values[v].users.push_back(static_cast<uint32_t>(index));
    for (uint32_t w : weightUses) {
      weights[w].users.push_back(static_cast<uint32_t>(index));
      weightBytes = llvm::SaturatingAdd(weightBytes, weights[w].bytes);
    }
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

  // A group runs as one call: it cannot hold a layer whose result the host
  // assembles and a later layer reading what the host made of it. Each such
  // pair (d, m) bounds the groups that start at or before d.
  maxGroupEnd.assign(layers.size(), layers.size());
  for (size_t m = 0; m < layers.size(); ++m)
    for (uint32_t v : layerValueUses[m]) {
      int64_t d = values[v].hostDependsOn;
      if (d >= 0 && static_cast<size_t>(d) < m)
        maxGroupEnd[d] = std::min(maxGroupEnd[d], m);
    }
  for (size_t b = layers.size(); b-- > 1;)
    maxGroupEnd[b - 1] = std::min(maxGroupEnd[b - 1], maxGroupEnd[b]);

  // In-place pairs: a destination-style layer whose init is the result of
  // the layer just before it, used by nothing else, writes into that buffer
  // (a linalg.fill feeding a matmul, as torch-mlir emits everywhere):
  // together they need one buffer, not two.
  size_t n = layers.size();
  std::vector<uint64_t> inPlaceBytes(n, 0);
  for (size_t c = 1; c < n; ++c) {
    auto dps = dyn_cast<DestinationStyleOpInterface>(layers[c].op);
    if (!dps || !dps.hasPureTensorSemantics())
      continue;
    for (OpOperand &init : dps.getDpsInitsMutable()) {
      Value v = init.get();
      if (v.getDefiningOp() != layers[c - 1].op)
        continue;
      auto it = valueIndex.find(v);
      if (it == valueIndex.end())
        continue;
      ValueRecord &producer = values[it->second];
      if (producer.usedByHost || producer.users.size() != 1 ||
          !v.hasOneUse())
        continue;
      OpResult tied = dps.getTiedOpResult(&init);
      if (!tied || tied.getType() != v.getType())
        continue;
      values[valueIndex.lookup(Value(tied))].inPlace = true;
      inPlaceBytes[c] = llvm::SaturatingAdd(inPlaceBytes[c], producer.bytes);
    }
  }

  // Prefix sums for O(1) sum-model queries.
  prefixActWork.assign(2 * (n + 1), 0);
  prefixPrivateWeights.assign(n + 1, 0);
  prefixInPlace.assign(n + 1, 0);
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
    prefixInPlace[i + 1] =
        llvm::SaturatingAdd(prefixInPlace[i], inPlaceBytes[i]);
  }
  computed = true;

  // Byte counts saturate instead of wrapping; a saturated count is not a
  // number anyone may trust: it is the user's error, at the layer.
  auto saturated = [](const Footprint &fp) {
    return llvm::is_contained({fp.weights, fp.activations, fp.workspace,
                               fp.received, fp.total()},
                              UINT64_MAX);
  };
  for (auto [index, layer] : llvm::enumerate(layers)) {
    if (!saturated(getGroupFootprint(index, index + 1, MemoryModel::Sum)))
      continue;
    computed = false;
    return layer.op->emitError("layer ")
           << index << " needs more bytes than fit in 64 bits (its results, "
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

//===----------------------------------------------------------------------===//
// Group queries
//===----------------------------------------------------------------------===//

Footprint FootprintAnalysis::getGroupFootprint(size_t begin, size_t end,
                                               MemoryModel model) const {
  Footprint fp;
  if (!computed || begin >= end || end > layers.size())
    return fp;
  fp.weights = prefixPrivateWeights[end] - prefixPrivateWeights[begin];
  // Shared weights the group uses, each once, found from the group's own
  // uses: O(uses in the group), whatever the number of shared weights in
  // the function (a scan of all of them made the plan quadratic after cse).
  SmallVector<uint32_t> shared;
  for (size_t l = begin; l < end; ++l)
    for (uint32_t w : layerWeightUses[l])
      if (weights[w].users.size() > 1)
        shared.push_back(w);
  llvm::sort(shared);
  shared.erase(std::unique(shared.begin(), shared.end()), shared.end());
  for (uint32_t w : shared)
    fp.weights = llvm::SaturatingAdd(fp.weights, weights[w].bytes);
  if (model == MemoryModel::Sum) {
    // Received: every value made before the group and read inside it, once.
    std::vector<uint32_t> liveIns;
    for (size_t l = begin; l < end; ++l)
      for (uint32_t v : layerValueUses[l])
        if (values[v].defLayer < static_cast<int64_t>(begin))
          liveIns.push_back(v);
    llvm::sort(liveIns);
    liveIns.erase(std::unique(liveIns.begin(), liveIns.end()), liveIns.end());
    for (uint32_t v : liveIns)
      fp.received = llvm::SaturatingAdd(fp.received, values[v].bytes);
    fp.activations = prefixActWork[2 * end] - prefixActWork[2 * begin];
    // Pairs (c - 1, c) with both layers in [begin, end): c in [begin+1, end).
    if (end > begin + 1)
      fp.activations -= prefixInPlace[end] - prefixInPlace[begin + 1];
    fp.workspace = prefixActWork[2 * end + 1] - prefixActWork[2 * begin + 1];
    return fp;
  }

  // Liveness: a difference array over the group's positions. A value made
  // inside the group lives from its producer to its last use in the group,
  // or to the group's end when it is used later (it leaves the card then).
  // A live-in lives from the group's start to its last use in the group.
  size_t len = end - begin;
  std::vector<uint64_t> delta(len + 1, 0);
  auto addInterval = [&](size_t from, size_t to, uint64_t bytes) {
    delta[from - begin] += bytes;
    delta[to - begin + 1] -= bytes;
  };
  llvm::DenseMap<uint32_t, size_t> liveInLastUse;
  for (size_t l = begin; l < end; ++l) {
    for (uint32_t v : layerValueUses[l]) {
      const ValueRecord &record = values[v];
      if (record.defLayer < static_cast<int64_t>(begin))
        liveInLastUse[v] = l;
    }
  }
  for (auto [v, last] : liveInLastUse)
    addInterval(begin, last, values[v].bytes);
  for (uint32_t v = layerValueBegin[begin]; v < layerValueBegin[end]; ++v) {
    const ValueRecord &record = values[v];
    size_t def = static_cast<size_t>(record.defLayer);
    size_t last = def;
    bool usedLater = record.usedByHost ||
                     (!record.users.empty() && record.users.back() >= end);
    if (usedLater)
      last = end - 1;
    else if (!record.users.empty())
      last = std::max<size_t>(def, record.users.back());
    // Written in place: at its producer the buffer is still counted as the
    // previous layer's result, whose only use is this producer: live there
    // whether it was made in the group or is a live-in. Counting it once in
    // both cases keeps the cost monotone (a group never costs less than its
    // sub-groups), which the planner relies on.
    size_t first = def;
    if (record.inPlace)
      first = def + 1;
    if (first <= last)
      addInterval(first, last, record.bytes);
  }
  uint64_t live = 0, peak = 0, peakLive = 0, peakWork = 0;
  for (size_t t = 0; t < len; ++t) {
    live += delta[t];
    uint64_t work = layers[begin + t].footprint.workspace;
    uint64_t here = llvm::SaturatingAdd(live, work);
    if (here > peak || t == 0) {
      peak = here;
      peakLive = live;
      peakWork = work;
    }
  }
  fp.activations = peakLive;
  fp.workspace = peakWork;
  return fp;
}

void FootprintAnalysis::forEachExchangedValue(
    llvm::function_ref<void(size_t, uint64_t, llvm::ArrayRef<uint32_t>)> fn)
    const {
  for (const ValueRecord &record : values)
    if (record.defLayer >= 0 && !record.users.empty() &&
        record.users.back() > record.defLayer)
      fn(static_cast<size_t>(record.defLayer), record.bytes, record.users);
}

std::vector<bool>
FootprintAnalysis::getForbiddenCuts(std::vector<std::string> *reasons) const {
  size_t n = layers.size();
  std::vector<bool> forbidden(n, false);
  if (reasons)
    reasons->assign(n, "");
  // Intervals of cut positions [first + 1, last] that split a pinned value.
  struct Interval {
    size_t from, to;
    const ValueRecord *record;
  };
  std::vector<Interval> intervals;
  for (const ValueRecord &record : values) {
    if (!record.pinned || record.users.empty())
      continue;
    size_t first = record.defLayer >= 0 ? static_cast<size_t>(record.defLayer)
                                        : record.users.front();
    size_t last = std::min<size_t>(record.users.back(), n - 1);
    if (last > first)
      intervals.push_back({first + 1, last, &record});
  }
  llvm::sort(intervals, [](const Interval &a, const Interval &b) {
    return a.from < b.from;
  });
  // Sweep: the started interval reaching furthest covers position i if any.
  size_t next = 0;
  const Interval *best = nullptr;
  for (size_t i = 1; i < n; ++i) {
    while (next < intervals.size() && intervals[next].from <= i) {
      if (!best || intervals[next].to > best->to)
        best = &intervals[next];
      ++next;
    }
    if (!best || best->to < i)
      continue;
    forbidden[i] = true;
    if (reasons) {
      std::string text;
      llvm::raw_string_ostream os(text);
      os << "a value of type " << best->record->value.getType()
         << " cannot cross devices and is live across it";
      (*reasons)[i] = text;
    }
  }
  return forbidden;
}
