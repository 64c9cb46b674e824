//===- WorkspaceRules.cpp - Workspace bytes of one op ---------------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// The scratch buffers an op needs while it runs beyond its operands and
// results, one rule per kind of op (docs/footprint-model.md): im2col of
// convolutions, padded inputs and wide accumulators of TOSA ops, the running
// max and sum of a softmax.
//
//===----------------------------------------------------------------------===//

#include "AnalysisDetail.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace cachepart;
using namespace cachepart::detail;

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
uint64_t computeWorkspaceWith(Operation *op, const ShapeSizer &sizer,
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

uint64_t cachepart::detail::computeWorkspace(Operation *op,
                                             const FootprintOptions &options,
                                             std::string &rule) {
  return computeWorkspaceWith(op, ShapeSizer{options}, rule);
}
