//===- SplitOversize.h - Intra-op partitioning of large layers --*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// oversize=split (methodology.md §6): a layer whose footprint exceeds the
// card is cut along one parallel iteration dimension into pieces that each
// fit, with the op's own TilingInterface (TOSA ops are first converted to
// linalg, that op alone). Each piece is an ordinary layer. Its input slices
// are cut and its result slices assembled on the host (ops marked
// `cachepart.host`), so no card ever holds the whole tensor; weight slices
// of dense constants are folded into their own smaller constants. An
// oversize op that only moves data (tensor slice, pad, concat) or calls an
// external function (printing) runs on the host whole.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_TRANSFORMS_SPLITOVERSIZE_H
#define CACHEPART_TRANSFORMS_SPLITOVERSIZE_H

#include "cachepart/Analysis/FootprintAnalysis.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace cachepart {

struct SplitOversizeOptions {
  /// Every piece must fit this many bytes (the smallest card).
  uint64_t capacity = 0;
  MemoryModel model = MemoryModel::Sum;
  FootprintOptions footprint;
  /// A layer that needs more pieces is an error.
  uint64_t maxPieces = UINT64_MAX;
  /// When the cards are limited: their number and the bytes they hold
  /// together. Every piece's result stays on its card until the host takes
  /// it, so split layers whose results exceed that cannot be placed: an
  /// error before any piece is built.
  std::optional<uint64_t> numCards;
  uint64_t cardBytes = UINT64_MAX;
};

/// One layer that was split.
struct SplitLayerRecord {
  mlir::Location loc;
  std::string opName;
  /// The layer's op before the split (it may be erased since: a key only,
  /// never dereferenced).
  const void *original = nullptr;
  /// Footprint of the layer as a group of its own, before the split.
  uint64_t bytes = 0;
  /// Pure data movement (a slice, pad or concatenation) or a call of an
  /// external function: moved to the host whole instead of split; the
  /// fields below are then unused.
  bool toHost = false;
  /// Iteration dimensions cut (one, or two for a grid) and the number of
  /// pieces along each.
  std::vector<unsigned> dims;
  std::vector<uint64_t> counts;
  uint64_t pieces = 0;
  /// Bytes of every piece, in order.
  std::vector<uint64_t> pieceBytes;
  /// Bytes all pieces receive and send together, counted as `pieces` times
  /// the largest piece's (an upper bound; it only breaks ties).
  uint64_t movedBytes = 0;
};

/// Splits every layer of `func` larger than `options.capacity` until all
/// fit. Emits a located error for each layer that cannot be split (with why
/// and what would help) and fails then.
struct SplitResult {
  std::vector<SplitLayerRecord> records;
  /// The function was rewritten: analyses of it are stale.
  bool changed = false;
  /// Every piece made (and not split again), in the order made.
  struct Piece {
    mlir::Operation *op;
    /// The op it is a piece of (erased: a key only).
    const void *original;
    /// Its share of the original's iterations.
    double share;
    /// Its share of what the original was measured (profile=) above its
    /// estimate: bytes to add to the piece's estimate.
    uint64_t excess;
  };
  std::vector<Piece> pieces;
  /// Ops split, converted (TOSA to linalg) or given to the host: erased or
  /// about to be; keys only, never dereferenced.
  std::vector<const void *> replaced;
};

/// Splits (or gives to the host) every layer of `func` that does not fit
/// options.capacity alone. `current` is an analysis of `func` as it is,
/// computed with options.footprint (the caller's, reused for the first
/// round: a function with nothing to split costs no second analysis).
mlir::FailureOr<SplitResult>
splitOversizeLayers(mlir::func::FuncOp func,
                    const SplitOversizeOptions &options,
                    const FootprintAnalysis &current);

} // namespace cachepart

#endif // CACHEPART_TRANSFORMS_SPLITOVERSIZE_H
