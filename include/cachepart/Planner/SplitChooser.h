//===- SplitChooser.h - How to split a layer larger than a card -*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Intra-op partitioning (methodology.md §6): a layer whose footprint exceeds
// its card is cut along its parallel iteration dimensions into pieces that
// each fit. This file chooses the dimensions and the number of pieces; it is
// pure C++ and knows nothing of MLIR: the bytes of a piece reach it through a
// callback (the pass builds the piece and asks the footprint analysis).
//
// Single dimensions (output channels slice the weights, output rows the
// activations) and pairs of dimensions (a grid, for a convolution whose
// weights and im2col buffer are both too large) are searched exactly; more
// dimensions only when no pair fits.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_PLANNER_SPLITCHOOSER_H
#define CACHEPART_PLANNER_SPLITCHOOSER_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace cachepart {

/// Bytes of one piece.
struct PieceCost {
  /// Footprint of the piece as a group of its own (received slices
  /// included).
  uint64_t bytes = 0;
  /// Bytes the piece receives and sends (its input slices, halo included,
  /// and its result slice).
  uint64_t moved = 0;
};

struct SplitQuery {
  /// Iterations of each candidate (parallel) dimension, >= 1.
  std::vector<uint64_t> extents;
  uint64_t capacity = 0;
  /// Cost of a piece covering tiles[d] iterations of candidate d (1 <=
  /// tiles[d] <= extents[d]; extents[d] = not cut); nullopt when such a
  /// piece cannot be built or sized. Must be monotone: a larger tile never
  /// costs fewer bytes.
  std::function<std::optional<PieceCost>(const std::vector<uint64_t> &tiles)>
      cost;
  /// A split into more pieces than this is not a choice.
  uint64_t maxPieces = UINT64_MAX;
};

struct SplitChoice {
  /// Iterations per piece along each candidate dimension (extent = not
  /// cut); the last piece along a dimension has the rest.
  std::vector<uint64_t> tiles;
  /// Number of pieces along each candidate dimension.
  std::vector<uint64_t> counts;
  uint64_t pieces = 0; ///< Product of counts.
  PieceCost piece;     ///< Of the first (largest) piece.
  /// All pieces together, counted as `pieces` times the largest.
  uint64_t movedBytes = 0;
};

struct SplitOutcome {
  std::optional<SplitChoice> choice;
  /// When there is no choice: the piece of one iteration of every
  /// candidate dimension (the smallest that can be made), if it could be
  /// sized.
  std::optional<PieceCost> smallestPiece;
  /// When there is no choice but pieces that fit exist: the fewest pieces
  /// of a split whose pieces fit (more than maxPieces).
  std::optional<uint64_t> fewestPieces;
};

/// The fewest pieces that each fit `capacity`, over single dimensions and
/// pairs (exact for grids of at most two dimensions), and only when
/// neither fits, over larger grids grown greedily. One piece when the
/// whole-size piece fits (it may read less than the layer: a strided
/// convolution skips input rows it never uses). Ties go to fewer bytes moved,
/// then to the earlier dimension. Pieces are balanced: ceil(extent / count)
/// iterations each, the last one the rest.
SplitOutcome chooseSplit(const SplitQuery &query);

} // namespace cachepart

#endif // CACHEPART_PLANNER_SPLITCHOOSER_H
