//===- SplitOversize.cpp - Intra-op partitioning of large layers ----------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Rounds of: analyse -> find layers larger than the card -> convert a TOSA
// one to linalg, or choose a split (SplitChooser, pieces sized by building
// one in a scratch function and asking FootprintAnalysis) and apply it with
// TilingInterface::getTiledImplementation. The pieces' input slices and the
// assembly of their results are host ops (`cachepart.host`).
//
//===----------------------------------------------------------------------===//

#include "cachepart/Transforms/SplitOversize.h"
#include "cachepart/Dialect/CachePart/IR/CachePart.h"
#include "cachepart/Planner/SplitChooser.h"

#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Conversion/TosaToTensor/TosaToTensor.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Tosa/Transforms/Passes.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Rewrite/PatternApplicator.h"
#include "mlir/Transforms/DialectConversion.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SetVector.h"

#include <cmath>
#include <map>
#include <memory>

using namespace mlir;
using namespace cachepart;

namespace {

void markHost(Operation *op) {
  op->setAttr(CachePartDialect::getHostAttrName(),
              UnitAttr::get(op->getContext()));
}

/// Replaces a slice made by tiling by what a piece should really read: the
/// source itself when the slice is whole, a smaller constant for a dense
/// weight (when `foldDense`; splats always), a fresh buffer for an
/// initializer; anything else is cut on the host. Returns the slice when
/// the host cuts it.
Operation *simplifySlice(tensor::ExtractSliceOp slice, bool foldDense) {
  OpBuilder b(slice);
  Location loc = slice.getLoc();
  RankedTensorType type = slice.getType();
  Value source = slice.getSource();
  auto replace = [&](Value v) {
    slice.getResult().replaceAllUsesWith(v);
    slice.erase();
  };
  if (source.getType() == type &&
      llvm::all_of(slice.getMixedOffsets(),
                   [](OpFoldResult o) { return isZeroInteger(o); })) {
    replace(source);
    return nullptr;
  }
  Operation *def = source.getDefiningOp();
  if (def && def->hasTrait<OpTrait::ConstantLike>()) {
    DenseElementsAttr dense;
    if (matchPattern(source, m_Constant(&dense)) && dense.isSplat()) {
      replace(arith::ConstantOp::create(b, loc, dense.resizeSplat(type)));
      return nullptr;
    }
    if (foldDense && dense) {
      // Applied to this slice alone: a greedy driver would also erase the
      // piece, which has no user until the host assembles all pieces.
      RewritePatternSet patterns(slice.getContext());
      tensor::populateFoldConstantExtractSlicePatterns(
          patterns, [](tensor::ExtractSliceOp) { return true; });
      FrozenRewritePatternSet frozen(std::move(patterns));
      PatternApplicator applicator(frozen);
      applicator.applyDefaultCostModel();
      PatternRewriter rewriter(slice.getContext());
      rewriter.setInsertionPoint(slice);
      (void)applicator.matchAndRewrite(slice, rewriter);
    }
    // Not folded (dense_resource): a free constant slice, counted at its
    // own size.
    return nullptr;
  }
  if (type.hasStaticShape()) {
    if (isa_and_nonnull<tensor::EmptyOp>(def)) {
      replace(tensor::EmptyOp::create(b, loc, type.getShape(),
                                      type.getElementType()));
      return nullptr;
    }
    auto fill = dyn_cast_or_null<linalg::FillOp>(def);
    if (fill && fill.getOutputs()[0].getDefiningOp<tensor::EmptyOp>()) {
      Value empty = tensor::EmptyOp::create(b, loc, type.getShape(),
                                            type.getElementType());
      replace(linalg::FillOp::create(b, loc, fill.getInputs()[0], empty)
                  .getResult(0));
      return nullptr;
    }
  }
  markHost(slice);
  return slice;
}

/// Static iteration domain sizes, or nothing.
std::optional<SmallVector<int64_t>> staticDomain(TilingInterface op) {
  OpBuilder b(op);
  SmallVector<int64_t> sizes;
  for (Range range : op.getIterationDomain(b)) {
    std::optional<int64_t> offset = getConstantIntValue(range.offset);
    std::optional<int64_t> size = getConstantIntValue(range.size);
    if (!offset || !size || *offset != 0)
      return std::nullopt;
    sizes.push_back(*size);
  }
  return sizes;
}

/// One result tile of a piece: its value and where it goes in the result.
struct PieceTile {
  Value value;
  SmallVector<OpFoldResult> offsets, sizes;
};

/// Builds the piece of `op` covering [offsets[d], offsets[d] + sizes[d])
/// of every loop d at `b`'s insertion point; appends the tile of result i
/// to `tiles[i]` (the host assembles them afterwards).
LogicalResult buildPiece(OpBuilder &b, TilingInterface op,
                         ArrayRef<int64_t> pieceOffsets,
                         ArrayRef<int64_t> pieceSizes,
                         MutableArrayRef<SmallVector<PieceTile>> tiles,
                         bool foldDense) {
  SmallVector<OpFoldResult> offsets, sizes;
  for (auto [offset, size] : llvm::zip(pieceOffsets, pieceSizes)) {
    offsets.push_back(b.getIndexAttr(offset));
    sizes.push_back(b.getIndexAttr(size));
  }
  FailureOr<TilingResult> tiled = op.getTiledImplementation(b, offsets, sizes);
  if (failed(tiled) || tiled->tiledValues.size() != tiles.size())
    return failure();
  // "No cut before this layer" holds for the first piece only: the pieces
  // themselves may go to different cards.
  if (llvm::any_of(pieceOffsets, [](int64_t o) { return o != 0; }))
    for (Operation *tiledOp : tiled->tiledOps) {
      tiledOp->removeAttr(CachePartDialect::getNoCutAttrName());
      tiledOp->removeAttr(CachePartDialect::getCutAttrName());
    }
  for (auto [index, value] : llvm::enumerate(tiled->tiledValues)) {
    PieceTile tile{value, {}, {}};
    if (failed(op.getResultTilePosition(b, index, offsets, sizes, tile.offsets,
                                        tile.sizes)))
      return failure();
    tiles[index].push_back(std::move(tile));
  }
  SmallVector<Operation *> hostSlices;
  for (Operation *slice : tiled->generatedSlices)
    if (auto extract = dyn_cast<tensor::ExtractSliceOp>(slice))
      if (Operation *host = simplifySlice(extract, foldDense))
        hostSlices.push_back(host);
  // An operand read twice (linalg.add %m, %m) is sent once.
  for (size_t i = 0; i < hostSlices.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (hostSlices[j] && OperationEquivalence::isEquivalentTo(
                               hostSlices[i], hostSlices[j],
                               OperationEquivalence::IgnoreLocations)) {
        hostSlices[i]->replaceAllUsesWith(hostSlices[j]);
        hostSlices[i]->erase();
        hostSlices[i] = nullptr;
        break;
      }
  return success();
}

/// Inserts `tiles` one after the other into `dest` on the host.
Value insertTiles(OpBuilder &b, Location loc, Value dest,
                  ArrayRef<PieceTile> tiles) {
  for (const PieceTile &tile : tiles) {
    SmallVector<OpFoldResult> strides(tile.offsets.size(), b.getIndexAttr(1));
    auto insert = tensor::InsertSliceOp::create(
        b, loc, tile.value, dest, tile.offsets, tile.sizes, strides);
    markHost(insert);
    dest = insert.getResult();
  }
  return dest;
}

/// Assembles the tiles that exactly cover the box at `boxOffsets` of shape
/// `boxShape` with nested tensor.concat on the host, or returns null when
/// they do not form a grid. One concat per grid row keeps bufferization
/// linear: a chain of N insert_slices costs upstream one-shot-bufferize
/// about N^4 (250 pieces: 53 s).
Value concatTiles(OpBuilder &b, Location loc, ArrayRef<const PieceTile *> tiles,
                  ArrayRef<int64_t> boxOffsets, ArrayRef<int64_t> boxShape) {
  auto offsetOf = [](const PieceTile *tile, size_t d) {
    return getConstantIntValue(tile->offsets[d]);
  };
  auto sizeOf = [](const PieceTile *tile, size_t d) {
    return getConstantIntValue(tile->sizes[d]);
  };
  size_t rank = boxShape.size();
  if (tiles.size() == 1) {
    auto type = dyn_cast<RankedTensorType>(tiles[0]->value.getType());
    for (size_t d = 0; d < rank; ++d)
      if (offsetOf(tiles[0], d) != boxOffsets[d] ||
          sizeOf(tiles[0], d) != boxShape[d])
        return nullptr;
    if (!type || type.getShape() != boxShape)
      return nullptr;
    return tiles[0]->value;
  }
  // The first dimension along which the tiles start at different offsets.
  for (size_t d = 0; d < rank; ++d) {
    std::map<int64_t, SmallVector<const PieceTile *>> rows;
    for (const PieceTile *tile : tiles) {
      std::optional<int64_t> offset = offsetOf(tile, d);
      if (!offset)
        return nullptr;
      rows[*offset].push_back(tile);
    }
    if (rows.size() < 2)
      continue;
    SmallVector<Value> parts;
    int64_t next = boxOffsets[d];
    for (auto &[offset, row] : rows) {
      std::optional<int64_t> size = sizeOf(row.front(), d);
      if (offset != next || !size || llvm::any_of(row, [&](const PieceTile *t) {
            return sizeOf(t, d) != size;
          }))
        return nullptr;
      SmallVector<int64_t> subOffsets(boxOffsets), subShape(boxShape);
      subOffsets[d] = offset;
      subShape[d] = *size;
      Value part = concatTiles(b, loc, row, subOffsets, subShape);
      if (!part)
        return nullptr;
      parts.push_back(part);
      next = offset + *size;
    }
    if (next != boxOffsets[d] + boxShape[d])
      return nullptr;
    auto concat = tensor::ConcatOp::create(b, loc, d, parts);
    markHost(concat);
    return concat.getResult();
  }
  return nullptr; // Overlapping tiles: not a grid.
}

/// The host's assembly of `tiles` into a value of `type`: nested concats
/// when the tiles form a grid, else insert_slices into an empty tensor.
Value assembleTiles(OpBuilder &b, Location loc, RankedTensorType type,
                    ArrayRef<PieceTile> tiles) {
  SmallVector<const PieceTile *> pointers;
  for (const PieceTile &tile : tiles)
    pointers.push_back(&tile);
  SmallVector<int64_t> origin(type.getRank(), 0);
  if (type.getRank() > 0)
    if (Value v = concatTiles(b, loc, pointers, origin, type.getShape()))
      return v;
  Value empty =
      tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
  return insertTiles(b, loc, empty, tiles);
}

/// Static tensor result types of `op`, or failure.
FailureOr<SmallVector<RankedTensorType>> staticResultTypes(Operation *op) {
  SmallVector<RankedTensorType> types;
  for (Type t : op->getResultTypes()) {
    auto type = dyn_cast<RankedTensorType>(t);
    if (!type || !type.hasStaticShape())
      return failure();
    types.push_back(type);
  }
  return types;
}

/// Converts one elementwise op on tensors (arith, math) to a linalg.generic
/// with the upstream convert-elementwise-to-linalg patterns.
LogicalResult convertElementwiseOp(Operation *op) {
  if (!op->hasTrait<OpTrait::Elementwise>() ||
      !llvm::all_of(op->getResultTypes(), llvm::IsaPred<RankedTensorType>))
    return failure();
  MLIRContext *ctx = op->getContext();
  RewritePatternSet patterns(ctx);
  linalg::populateElementwiseToLinalgConversionPatterns(patterns);
  ConversionTarget target(*ctx);
  target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect>();
  // The same op on scalars is the generic's body.
  target.addDynamicallyLegalOp(op->getName(), [](Operation *scalar) {
    return llvm::none_of(scalar->getResultTypes(),
                         llvm::IsaPred<RankedTensorType>);
  });
  ScopedDiagnosticHandler silence(ctx, [](Diagnostic &) { return success(); });
  return applyPartialConversion(ArrayRef<Operation *>{op}, target,
                                std::move(patterns));
}

/// Erases what made `roots` when nothing uses it any more, transitively.
void eraseDeadProducers(ArrayRef<Value> roots) {
  llvm::SetVector<Operation *> worklist;
  for (Value v : roots)
    if (Operation *def = v.getDefiningOp())
      worklist.insert(def);
  while (!worklist.empty()) {
    Operation *op = worklist.pop_back_val();
    if (!op->use_empty() || !isMemoryEffectFree(op))
      continue;
    for (Value operand : op->getOperands())
      if (Operation *def = operand.getDefiningOp())
        worklist.insert(def);
    op->erase();
  }
}

/// Cost of the piece of `op` with the first `sizes[d]` iterations of every
/// loop d: the piece is built in a scratch function (its operands as
/// arguments, the free ops that make its weights cloned) and measured by
/// FootprintAnalysis, exactly as the pass will measure it.
std::optional<PieceCost> measurePiece(TilingInterface op,
                                      ArrayRef<int64_t> sizes,
                                      const SplitOversizeOptions &options) {
  MLIRContext *ctx = op->getContext();
  auto scratch = func::FuncOp::create(op.getLoc(), "__cachepart_piece",
                                      FunctionType::get(ctx, {}, {}));
  llvm::scope_exit cleanup([&] { scratch->erase(); });
  Block *body = scratch.addEntryBlock();
  OpBuilder b = OpBuilder::atBlockEnd(body);
  IRMapping mapping;
  std::function<void(Value)> bring = [&](Value v) {
    if (mapping.contains(v))
      return;
    Operation *def = v.getDefiningOp();
    if (def && FootprintAnalysis::isFreeOp(def) &&
        def->getBlock() == op->getBlock()) {
      for (Value operand : def->getOperands())
        bring(operand);
      b.clone(*def, mapping);
      return;
    }
    mapping.map(v, body->addArgument(v.getType(), v.getLoc()));
  };
  for (Value operand : op->getOperands())
    bring(operand);
  llvm::SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  for (Value v : captured)
    bring(v);
  auto clone = cast<TilingInterface>(b.clone(*op, mapping));
  FailureOr<SmallVector<RankedTensorType>> types = staticResultTypes(clone);
  SmallVector<SmallVector<PieceTile>> tiles(clone->getNumResults());
  SmallVector<int64_t> offsets(sizes.size(), 0);
  if (failed(types) || failed(buildPiece(b, clone, offsets, sizes, tiles,
                                         /*foldDense=*/false)))
    return std::nullopt;
  // The piece's results reach the host, which inserts them into the whole.
  SmallVector<Value> results;
  for (auto [type, resultTiles] : llvm::zip(*types, tiles))
    results.push_back(
        insertTiles(b, op.getLoc(),
                    tensor::EmptyOp::create(b, op.getLoc(), type.getShape(),
                                            type.getElementType()),
                    resultTiles));
  func::ReturnOp::create(b, op.getLoc(), results);
  scratch.setType(FunctionType::get(ctx, body->getArgumentTypes(),
                                    ValueRange(results).getTypes()));
  SmallVector<Value> cloneOperands(clone->getOperands());
  clone->erase();
  eraseDeadProducers(cloneOperands);

  FootprintAnalysis analysis(scratch);
  // Diagnostics from sizing a scratch piece are not the user's business.
  ScopedDiagnosticHandler silence(ctx, [](Diagnostic &) { return success(); });
  // A piece is estimated (an erased measured op's address may be a clone's).
  FootprintOptions estimate = options.footprint;
  estimate.measured = nullptr;
  if (failed(analysis.compute(estimate)) || analysis.getNumLayers() == 0)
    return std::nullopt;
  size_t n = analysis.getNumLayers();
  Footprint sum = analysis.getGroupFootprint(0, n, MemoryModel::Sum);
  PieceCost cost;
  cost.bytes = analysis.getGroupBytes(0, n, options.model);
  cost.moved = llvm::SaturatingAdd(sum.received, sum.activations);
  return cost;
}

/// Converts one TOSA op to linalg (and tensor), with the upstream patterns.
LogicalResult convertTosaOp(Operation *op) {
  MLIRContext *ctx = op->getContext();
  TypeConverter converter;
  tosa::populateTosaTypeConversion(converter);
  RewritePatternSet patterns(ctx);
  tosa::populateTosaToLinalgNamedConversionPatterns(converter, &patterns, {});
  tosa::populateTosaToLinalgConversionPatterns(converter, &patterns);
  tosa::populateTosaToTensorConversionPatterns(converter, &patterns);
  ConversionTarget target(*ctx);
  target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                         arith::ArithDialect, math::MathDialect>();
  target.addIllegalOp(op->getName());
  // A failure is explained by the caller, at the op, once.
  ScopedDiagnosticHandler silence(ctx, [](Diagnostic &) { return success(); });
  return applyPartialConversion(ArrayRef<Operation *>{op}, target,
                                std::move(patterns));
}

/// A call of a function that has no body in the module.
bool isExternalCall(Operation *op) {
  auto call = dyn_cast<CallOpInterface>(op);
  if (!call)
    return false;
  auto callee = dyn_cast_or_null<FunctionOpInterface>(call.resolveCallable());
  return callee && callee.isExternal();
}

/// Element bits of the largest constant tensor `op` reads (its weights),
/// or 0 when it reads none.
unsigned weightElementBits(Operation *op) {
  unsigned bits = 0;
  int64_t largest = -1;
  for (Value operand : op->getOperands()) {
    auto type = dyn_cast<ShapedType>(operand.getType());
    if (!type || !type.hasStaticShape() ||
        !type.getElementType().isIntOrFloat() ||
        !matchPattern(operand, m_Constant()))
      continue;
    int64_t size = type.getNumElements() * type.getElementTypeBitWidth();
    if (size > largest) {
      largest = size;
      bits = type.getElementTypeBitWidth();
    }
  }
  return bits;
}

/// Error at a layer that cannot be split: why, and what would help.
void reportUnsplittable(Operation *op, size_t layer, const Footprint &fp,
                        uint64_t capacity, StringRef why,
                        std::optional<uint64_t> smallestPiece,
                        const std::string &advice = "") {
  InFlightDiagnostic diag = op->emitError();
  diag << "layer " << layer << " needs " << fp.total()
       << " B but its card holds " << capacity
       << " B, and it cannot be split (oversize=split): " << why;
  Diagnostic &note = diag.attachNote();
  note << "what would help: ";
  if (!advice.empty())
    note << advice << "; ";
  note << "a card of at least " << (smallestPiece ? *smallestPiece : fp.total())
       << " B";
  unsigned bits = weightElementBits(op);
  if (fp.weights && bits > 8) {
    uint64_t saved = fp.weights - fp.weights / (bits / 8);
    note << "; quantising its weights (" << fp.weights << " B of " << bits
         << "-bit elements) to i8 would save " << saved << " B";
  }
  note << "; or oversize=isolate to give it a group of its own marked "
          "spilling";
}

/// Sizes of the pieces of one layer, measured once per piece shape (pieces
/// of the same shape cost the same wherever they sit). A piece is
/// estimated; when the whole layer was measured (profile=) above its
/// estimate, each piece also carries its share of that excess, by its share
/// of the layer's iterations (the pieces were never run).
struct PieceSizer {
  PieceSizer(TilingInterface op, ArrayRef<int64_t> domain,
             ArrayRef<unsigned> dims, uint64_t excess,
             const SplitOversizeOptions &options)
      : op(op), domain(domain), dims(dims), excess(excess), options(options) {}
  std::optional<PieceCost> cost(const std::vector<uint64_t> &tiles) {
    auto [it, inserted] = costs.try_emplace(tiles);
    if (inserted) {
      SmallVector<int64_t> sizes(domain);
      for (auto [i, d] : llvm::enumerate(dims))
        sizes[d] = static_cast<int64_t>(tiles[i]);
      it->second = measurePiece(op, sizes, options);
      if (it->second)
        it->second->bytes =
            llvm::SaturatingAdd(it->second->bytes, excessShare(tiles));
    }
    return it->second;
  }
  /// The piece's share of the layer's iterations.
  double share(const std::vector<uint64_t> &tiles) const {
    long double share = 1;
    for (auto [i, d] : llvm::enumerate(dims))
      share *= static_cast<long double>(tiles[i]) / domain[d];
    return static_cast<double>(share);
  }
  /// The piece's share of the measured excess.
  uint64_t excessShare(const std::vector<uint64_t> &tiles) const {
    return static_cast<uint64_t>(
        std::ceil(static_cast<long double>(excess) * share(tiles)));
  }
  TilingInterface op;
  SmallVector<int64_t> domain;
  SmallVector<unsigned> dims;
  uint64_t excess;
  const SplitOversizeOptions &options;
  std::map<std::vector<uint64_t>, std::optional<PieceCost>> costs;
};

/// What prepare() did with an oversize layer.
enum class Prepared { AsIs, Rewritten, Failed };

/// Makes an oversize op splittable or gives it to the host, before any
/// split: a TOSA op becomes linalg, an elementwise op on tensors a
/// linalg.generic, a splat a fill (each that op alone, split in the next
/// round); pure data movement and calls of external functions (printing,
/// timers) run on the host whole (recorded in `records`).
Prepared prepare(Operation *op, size_t layer, const Footprint &fp,
                 uint64_t capacity, std::vector<SplitLayerRecord> &records) {
  if (isa_and_nonnull<tosa::TosaDialect>(op->getDialect())) {
    if (succeeded(convertTosaOp(op)))
      return Prepared::Rewritten;
    reportUnsplittable(op, layer, fp, capacity,
                       "no conversion to linalg exists for it", std::nullopt);
    return Prepared::Failed;
  }
  if (isa<tensor::ExtractSliceOp, tensor::InsertSliceOp, tensor::ConcatOp,
          tensor::PadOp>(op) ||
      isExternalCall(op)) {
    markHost(op);
    SplitLayerRecord record{op->getLoc(), op->getName().getStringRef().str()};
    record.original = op;
    record.bytes = fp.total();
    record.toHost = true;
    records.push_back(std::move(record));
    return Prepared::Rewritten;
  }
  if (!isa<TilingInterface>(op) && succeeded(convertElementwiseOp(op)))
    return Prepared::Rewritten;
  if (auto splat = dyn_cast<tensor::SplatOp>(op);
      splat && splat.getType().hasStaticShape()) {
    // A fill of an empty tensor: tileable, and free when it only
    // initializes a destination.
    OpBuilder b(splat);
    RankedTensorType type = splat.getType();
    Value empty = tensor::EmptyOp::create(b, splat.getLoc(), type.getShape(),
                                          type.getElementType());
    splat.replaceAllUsesWith(
        linalg::FillOp::create(b, splat.getLoc(), splat.getInput(), empty)
            .getResult(0));
    splat.erase();
    return Prepared::Rewritten;
  }
  return Prepared::AsIs;
}

} // namespace

FailureOr<SplitResult>
cachepart::splitOversizeLayers(func::FuncOp func,
                               const SplitOversizeOptions &options,
                               const FootprintAnalysis &current) {
  SplitResult result;
  std::vector<SplitLayerRecord> &records = result.records;
  // Each round splits or converts every oversize layer; a TOSA op needs two
  // rounds (convert, then split), a piece that still does not fit is split
  // again. The bound only guards against a cost that is not monotone.
  constexpr unsigned kMaxRounds = 6;
  // Measurements of ops that a round replaces are dropped (their addresses
  // may be reused by new ops).
  FootprintOptions footprint = options.footprint;
  for (unsigned round = 0; round < kMaxRounds; ++round) {
    // The caller's analysis describes the function until the first change.
    std::optional<FootprintAnalysis> fresh;
    if (round > 0) {
      fresh.emplace(func);
      if (failed(fresh->compute(footprint)))
        return failure(); // Located error emitted.
    }
    const FootprintAnalysis &analysis = round > 0 ? *fresh : current;
    struct Oversize {
      Operation *op;
      size_t layer;
      Footprint fp;
      /// Measured activations + workspace above the estimate (profile=).
      uint64_t excess;
    };
    struct Planned {
      Oversize item;
      TilingInterface tileable;
      std::vector<uint64_t> extents;
      SplitChoice choice;
      std::shared_ptr<PieceSizer> sizer;
    };
    // A layer that no cut may separate from its neighbours (a memref lives
    // across it) cannot be split: its pieces would have to share one group
    // with the host's assembly.
    size_t n = analysis.getNumLayers();
    std::vector<bool> forbidden = analysis.getForbiddenCuts();
    std::vector<Oversize> oversize;
    bool failedAny = false;
    for (size_t l = 0; l < n; ++l) {
      Footprint fp = analysis.getGroupFootprint(l, l + 1, options.model);
      if (fp.total() <= options.capacity)
        continue;
      Operation *op = analysis.getLayers()[l].op;
      if ((l > 0 && forbidden[l]) || (l + 1 < n && forbidden[l + 1])) {
        reportUnsplittable(op, l, fp, options.capacity,
                           "a value that cannot cross cards (a memref) is "
                           "live across it, so its pieces could not go to "
                           "different cards",
                           std::nullopt,
                           "keep memrefs out of the partitioned function "
                           "(partition before bufferization)");
        failedAny = true;
        continue;
      }
      const LayerInfo &info = analysis.getLayers()[l];
      uint64_t counted = info.footprint.activations + info.footprint.workspace;
      oversize.push_back({op, l, fp,
                          info.measured && counted > info.estimatedActWork
                              ? counted - info.estimatedActWork
                              : 0});
    }
    if (failedAny)
      return failure();
    if (oversize.empty())
      return result;
    result.changed = true;
    std::vector<Planned> planned;
    for (const Oversize &item : oversize) {
      Operation *op = item.op;
      if (item.excess && isa_and_nonnull<tosa::TosaDialect>(op->getDialect())) {
        reportUnsplittable(
            op, item.layer, item.fp, options.capacity,
            "it was measured above its estimate, and a TOSA layer is split "
            "as the several linalg ops it lowers to, which were not measured",
            std::nullopt,
            "profile the model after tosa-to-linalg, so that its layers are "
            "the ones split");
        failedAny = true;
        continue;
      }
      result.replaced.push_back(op);
      llvm::erase_if(result.pieces, [&](const SplitResult::Piece &piece) {
        return piece.op == op;
      });
      if (footprint.measured && footprint.measured->count(op)) {
        auto kept = std::make_shared<llvm::DenseMap<Operation *, uint64_t>>(
            *footprint.measured);
        kept->erase(op);
        footprint.measured = std::move(kept);
      }
      switch (prepare(op, item.layer, item.fp, options.capacity, records)) {
      case Prepared::Rewritten:
        continue; // Measured and split in the next round.
      case Prepared::Failed:
        failedAny = true;
        continue;
      case Prepared::AsIs:
        break;
      }
      auto tileable = dyn_cast<TilingInterface>(op);
      if (!tileable || round + 1 == kMaxRounds) {
        reportUnsplittable(op, item.layer, item.fp, options.capacity,
                           tileable ? "its pieces still do not fit after "
                                      "repeated splits"
                                    : "the op has no tiling implementation",
                           std::nullopt);
        failedAny = true;
        continue;
      }
      std::optional<SmallVector<int64_t>> domain = staticDomain(tileable);
      if (!domain) {
        reportUnsplittable(op, item.layer, item.fp, options.capacity,
                           "its iteration domain is not static", std::nullopt);
        failedAny = true;
        continue;
      }
      // A zero-size loop: the op computes nothing, so its bytes are what it
      // reads and writes whole (and upstream tiling does not accept such a
      // domain).
      if (llvm::is_contained(*domain, 0)) {
        reportUnsplittable(op, item.layer, item.fp, options.capacity,
                           "its iteration domain is empty (a zero-size "
                           "dimension), which the tiling interface cannot "
                           "cut",
                           std::nullopt);
        failedAny = true;
        continue;
      }
      // Parallel dimensions only: results stay bitwise identical. A softmax
      // reports all its loops parallel but normalises along its dimension.
      SmallVector<unsigned> dims;
      for (auto [d, kind] : llvm::enumerate(tileable.getLoopIteratorTypes())) {
        if (kind != utils::IteratorType::parallel || (*domain)[d] < 2)
          continue;
        if (auto softmax = dyn_cast<linalg::SoftmaxOp>(op))
          if (d == softmax.getDimension())
            continue;
        dims.push_back(d);
      }
      auto sizer = std::make_shared<PieceSizer>(tileable, *domain, dims,
                                                item.excess, options);
      SplitQuery query;
      query.capacity = options.capacity;
      query.maxPieces = options.maxPieces;
      for (unsigned d : dims)
        query.extents.push_back((*domain)[d]);
      query.cost = [sizer](const std::vector<uint64_t> &tiles) {
        return sizer->cost(tiles);
      };
      SplitOutcome outcome = chooseSplit(query);
      if (!outcome.choice) {
        std::string why =
            dims.empty() ? "it has no parallel dimension to split along"
            : outcome.fewestPieces
                ? "its pieces fit only when there are at least " +
                      std::to_string(*outcome.fewestPieces) +
                      ", more than max-pieces=" +
                      std::to_string(options.maxPieces)
            : outcome.smallestPiece
                ? "a piece of one iteration of every parallel loop still "
                  "needs " +
                      std::to_string(outcome.smallestPiece->bytes) + " B"
                : "no piece of it could be built or sized";
        reportUnsplittable(
            op, item.layer, item.fp, options.capacity, why,
            outcome.smallestPiece
                ? std::optional<uint64_t>(outcome.smallestPiece->bytes)
                : std::nullopt,
            outcome.fewestPieces
                ? "max-pieces=" + std::to_string(*outcome.fewestPieces) +
                      " or more"
                : "");
        failedAny = true;
        continue;
      }
      if (outcome.choice->pieces <= 1) {
        // The pieces are sized otherwise than the layer (estimated, plus a
        // share of a measured excess) and the whole layer sized so fits.
        reportUnsplittable(
            op, item.layer, item.fp, options.capacity,
            "its bytes as counted exceed the card but, sized as its pieces "
            "are (estimated, plus a share of what was measured above the "
            "estimate), the whole layer fits",
            std::nullopt);
        failedAny = true;
        continue;
      }
      planned.push_back({item, tileable, std::move(query.extents),
                         *outcome.choice, std::move(sizer)});
    }
    // Nothing is built when a layer of this round cannot be split: the
    // errors come in seconds, not after thousands of pieces.
    if (failedAny)
      return failure();
    // Nor when the pieces' results alone exceed all the cards: each stays on
    // its card until the host assembles it (both memory models count it).
    if (options.numCards && !planned.empty()) {
      uint64_t resultBytes = 0;
      for (const Planned &plan : planned)
        for (Type type : plan.item.op->getResultTypes()) {
          uint64_t bytes = 0;
          std::string ignored;
          if (FootprintAnalysis::getTypeBytes(type, options.footprint, bytes,
                                              ignored))
            resultBytes = llvm::SaturatingAdd(resultBytes, bytes);
        }
      if (resultBytes > options.cardBytes) {
        InFlightDiagnostic diag =
            func.emitError()
            << "the results of the " << planned.size() << " layer"
            << (planned.size() > 1 ? "s" : "") << " to split need "
            << resultBytes << " B on the cards, more than the "
            << *options.numCards << " card"
            << (*options.numCards > 1 ? "s" : "") << " hold together ("
            << options.cardBytes << " B)";
        diag.attachNote(planned.front().item.op->getLoc())
            << "the first layer to split";
        diag.attachNote() << "every piece's result stays on its card until "
                             "the host assembles it; raise num-devices or "
                             "list more devices in 'cachepart.devices'";
        return failure();
      }
    }
    for (Planned &plan : planned) {
      Operation *op = plan.item.op;
      TilingInterface tileable = plan.tileable;
      const SplitChoice &choice = plan.choice;
      ArrayRef<unsigned> dims = plan.sizer->dims;
      ArrayRef<int64_t> domain = plan.sizer->domain;
      OpBuilder b(op);
      FailureOr<SmallVector<RankedTensorType>> types = staticResultTypes(op);
      if (failed(types))
        return op->emitError("internal error: a split layer lost its "
                             "static result type");
      SmallVector<SmallVector<PieceTile>> resultTiles(op->getNumResults());
      SplitLayerRecord record{op->getLoc(), op->getName().getStringRef().str()};
      record.original = op;
      record.bytes = plan.item.fp.total();
      for (auto [i, d] : llvm::enumerate(dims))
        if (choice.counts[i] > 1) {
          record.dims.push_back(d);
          record.counts.push_back(choice.counts[i]);
        }
      record.pieces = choice.pieces;
      record.movedBytes = choice.movedBytes;
      // The grid of pieces, row-major over the candidate dimensions.
      std::vector<uint64_t> index(dims.size(), 0);
      for (uint64_t p = 0; p < choice.pieces; ++p) {
        SmallVector<int64_t> offsets(domain.size(), 0);
        SmallVector<int64_t> sizes(domain);
        std::vector<uint64_t> tiles(dims.size());
        for (auto [i, d] : llvm::enumerate(dims)) {
          uint64_t offset = index[i] * choice.tiles[i];
          tiles[i] =
              std::min<uint64_t>(choice.tiles[i], plan.extents[i] - offset);
          offsets[d] = static_cast<int64_t>(offset);
          sizes[d] = static_cast<int64_t>(tiles[i]);
        }
        std::optional<PieceCost> cost = plan.sizer->cost(tiles);
        record.pieceBytes.push_back(cost ? cost->bytes : 0);
        if (failed(buildPiece(b, tileable, offsets, sizes, resultTiles,
                              /*foldDense=*/true)))
          return op->emitError("internal error: tiling failed after a "
                               "successful trial");
        if (!resultTiles.empty())
          if (Operation *piece = resultTiles[0].back().value.getDefiningOp())
            result.pieces.push_back({piece, op, plan.sizer->share(tiles),
                                     plan.sizer->excessShare(tiles)});
        for (size_t i = dims.size(); i-- > 0;) {
          if (++index[i] < choice.counts[i])
            break;
          index[i] = 0;
        }
      }
      records.push_back(std::move(record));
      SmallVector<Value> assembled;
      for (auto [type, pieces] : llvm::zip(*types, resultTiles))
        assembled.push_back(assembleTiles(b, op->getLoc(), type, pieces));
      SmallVector<Value> operands(op->getOperands());
      op->replaceAllUsesWith(assembled);
      op->erase();
      eraseDeadProducers(operands);
    }
  }
  return result;
}
