//===- SplitChooser.cpp - How to split a layer larger than a card ---------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Planner/SplitChooser.h"

#include <algorithm>

using namespace cachepart;

namespace {
uint64_t mulSat(uint64_t a, uint64_t b) {
  return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}
uint64_t ceilDiv(uint64_t a, uint64_t b) { return a / b + (a % b != 0); }

class Chooser {
public:
  explicit Chooser(const SplitQuery &query) : query(query) {}

  SplitOutcome run() {
    SplitOutcome outcome;
    size_t n = query.extents.size();
    if (!query.cost || n == 0)
      return outcome;
    for (uint64_t extent : query.extents)
      if (extent == 0)
        return outcome;
    // A whole-size piece that fits: one piece (a layer whose piece reads
    // only the part of its input it needs, e.g. a strided convolution that
    // skips the last rows).
    if (std::optional<PieceCost> whole = fits(full())) {
      outcome.choice = SplitChoice{full(), std::vector<uint64_t>(n, 1), 1,
                                   *whole, whole->moved};
      return outcome;
    }
    for (size_t d = 0; d < n; ++d)
      trySingle(d);
    for (size_t a = 0; a < n; ++a)
      for (size_t b = a + 1; b < n; ++b)
        tryPair(a, b);
    if (!best)
      tryGrowth();
    outcome.choice = best;
    if (!best && fewestOverLimit)
      outcome.fewestPieces = fewestOverLimit;
    else if (!best)
      outcome.smallestPiece = query.cost(std::vector<uint64_t>(n, 1));
    return outcome;
  }

private:
  std::vector<uint64_t> full() const { return query.extents; }

  std::optional<PieceCost> fits(const std::vector<uint64_t> &tiles) const {
    std::optional<PieceCost> c = query.cost(tiles);
    if (c && c->bytes <= query.capacity)
      return c;
    return std::nullopt;
  }

  /// The largest tile of dimension `d` (others as in `tiles`) that fits, or
  /// 0 when even one iteration does not.
  uint64_t largestTile(std::vector<uint64_t> tiles, size_t d) const {
    tiles[d] = 1;
    if (!fits(tiles))
      return 0;
    uint64_t good = 1, bad = query.extents[d] + 1;
    while (bad - good > 1) {
      uint64_t probe = good + (bad - good) / 2;
      tiles[d] = probe;
      if (fits(tiles))
        good = probe;
      else
        bad = probe;
    }
    return good;
  }

  /// Balances `tiles` (each the largest that fits) into equal pieces and
  /// keeps the result when it beats the best so far.
  void consider(std::vector<uint64_t> tiles) {
    std::vector<uint64_t> counts(tiles.size(), 1);
    uint64_t pieces = 1;
    for (size_t d = 0; d < tiles.size(); ++d) {
      counts[d] = ceilDiv(query.extents[d], tiles[d]);
      tiles[d] = ceilDiv(query.extents[d], counts[d]);
      pieces = mulSat(pieces, counts[d]);
    }
    if (pieces < 2)
      return; // Handled first, in run().
    if (best && best->pieces < pieces)
      return;
    if (pieces > query.maxPieces) {
      if (fits(tiles) && (!fewestOverLimit || pieces < *fewestOverLimit))
        fewestOverLimit = pieces;
      return;
    }
    // Balanced tiles are no larger, so they fit if the cost is monotone;
    // a cost that is not is not trusted.
    std::optional<PieceCost> piece = fits(tiles);
    if (!piece)
      return;
    uint64_t moved = mulSat(piece->moved, pieces);
    if (best && best->pieces == pieces && best->movedBytes <= moved)
      return;
    best = SplitChoice{tiles, counts, pieces, *piece, moved};
  }

  void trySingle(size_t d) {
    if (query.extents[d] < 2)
      return;
    std::vector<uint64_t> tiles = full();
    tiles[d] = largestTile(tiles, d);
    if (tiles[d] != 0)
      consider(tiles);
  }

  /// Every balanced count along `a` (each distinct tile once, fewest pieces
  /// first), with the largest tile along `b` that fits beside it.
  void tryPair(size_t a, size_t b) {
    uint64_t ea = query.extents[a];
    if (ea < 2 || query.extents[b] < 2)
      return;
    uint64_t lastTile = 0;
    for (uint64_t countA = 2; countA <= ea; ++countA) {
      uint64_t ta = ceilDiv(ea, countA);
      if (ta == lastTile)
        continue;
      lastTile = ta;
      // More pieces along `a` alone than the best so far (or the fewest
      // over the limit): no better grid.
      std::optional<uint64_t> bound =
          best ? std::optional<uint64_t>(best->pieces) : fewestOverLimit;
      if (bound && mulSat(ceilDiv(ea, ta), 2) > *bound)
        return;
      std::vector<uint64_t> tiles = full();
      tiles[a] = ta;
      tiles[b] = largestTile(tiles, b);
      if (tiles[b] != 0)
        consider(tiles);
    }
  }

  /// More than two dimensions: from the piece of one iteration of every
  /// dimension, grow each dimension in turn as far as it fits, for every
  /// order of the dimensions (at most kMaxGrowthDims of them, the largest).
  void tryGrowth() {
    constexpr size_t kMaxGrowthDims = 5;
    std::vector<size_t> order;
    for (size_t d = 0; d < query.extents.size(); ++d)
      if (query.extents[d] > 1)
        order.push_back(d);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return query.extents[a] > query.extents[b];
    });
    if (order.size() > kMaxGrowthDims)
      order.resize(kMaxGrowthDims);
    std::sort(order.begin(), order.end());
    do {
      std::vector<uint64_t> tiles = full();
      for (size_t d : order)
        tiles[d] = 1;
      if (!fits(tiles))
        return;
      for (size_t d : order)
        tiles[d] = largestTile(tiles, d);
      consider(tiles);
    } while (std::next_permutation(order.begin(), order.end()));
  }

  const SplitQuery &query;
  std::optional<SplitChoice> best;
  std::optional<uint64_t> fewestOverLimit;
};
} // namespace

SplitOutcome cachepart::chooseSplit(const SplitQuery &query) {
  return Chooser(query).run();
}
