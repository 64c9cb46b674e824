//===- GroupWindow.h - Sliding group queries ----------------------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// FootprintAnalysis::getGroupFootprint answers one group at a time in
// O(uses in the group). A sweep whose group [begin, end) only moves forward
// (two pointers over the layers) would pay that again for every step; this
// window keeps the group's shared weights and received values counted as
// layers enter and leave, so each step costs O(uses of that layer) and a
// whole sweep O(layers + uses), however long the groups and however many
// layers share a weight.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_ANALYSIS_GROUPWINDOW_H
#define CACHEPART_ANALYSIS_GROUPWINDOW_H

#include "cachepart/Analysis/FootprintAnalysis.h"

#include <cstdint>
#include <vector>

namespace cachepart {

/// Weights of a window: private ones by prefix sums, shared ones counted
/// once while any layer of the window uses them.
class WindowWeights {
public:
  explicit WindowWeights(const FootprintAnalysis &analysis);
  void count(size_t layer, int delta);
  uint64_t bytes(size_t begin, size_t end) const;

private:
  const FootprintAnalysis &analysis;
  std::vector<uint32_t> uses;
  unsigned __int128 shared = 0;
};

/// The sum model's footprint of layers [begin, end), updated one layer at a
/// time; equal to analysis.getGroupFootprint(begin, end, MemoryModel::Sum).
class SumGroupWindow {
public:
  /// `analysis` must be computed and outlive the window.
  explicit SumGroupWindow(const FootprintAnalysis &analysis);

  /// Makes the window empty at `begin`.
  void reset(size_t begin);
  /// end += 1 (end < number of layers).
  void pushBack();
  /// end -= 1 (end > begin).
  void popBack();
  /// begin += 1 (begin < end).
  void popFront();

  size_t begin() const { return first; }
  size_t end() const { return last; }
  Footprint footprint() const;
  uint64_t total() const { return footprint().total(); }

private:
  /// Adds (+1) or removes (-1) the reads and weights of `layer`.
  void count(size_t layer, int delta);

  const FootprintAnalysis &analysis;
  size_t first = 0, last = 0;
  /// Per value: layers of the window that read it.
  std::vector<uint32_t> reads;
  WindowWeights weights;
  /// 128 bits: the sum goes up and down and must never wrap.
  unsigned __int128 received = 0;
};

/// The liveness model's footprint of layers [begin, end): the weights plus
/// the peak over the window's positions of live bytes + workspace, equal to
/// analysis.getGroupFootprint(begin, end, MemoryModel::Liveness).total().
/// Each position's live bytes are kept in a segment tree (range add, range
/// maximum); a step changes O(reads of the layer that moves) ranges, so a
/// step costs O(reads x log layers).
///
/// Position t of the window holds, besides its workspace,
///  - the values made in [begin, t] still needed at t: A(t) - K, where A(t)
///    counts every layer's values alive at t over the whole function and K
///    those made before `begin` (a Fenwick tree over their last use);
///  - the values made before `begin` (or outside any layer) read in
///    [t, end): a live-in lives from the window's start to its last read.
/// Growing the window adds position `end` and extends the live-ins the new
/// layer reads; moving `begin` turns the leaving layer's values into
/// live-ins, which then live only to their last read in the window.
class LivenessGroupWindow {
public:
  explicit LivenessGroupWindow(const FootprintAnalysis &analysis);

  void reset(size_t begin);
  void pushBack();
  void popBack();
  void popFront();

  size_t begin() const { return first; }
  size_t end() const { return last; }
  uint64_t total() const;

private:
  using Wide = __int128;
  /// Last position a value made by a layer is alive at over the whole
  /// function (the last layer for a value the host takes).
  size_t lastAlive(uint32_t value) const;
  /// The last read of `value` in [from, to), or -1.
  int64_t lastReadIn(uint32_t value, size_t from, size_t to) const;
  void extendLiveIns(size_t layer, int delta);
  void enterBefore(size_t layer); ///< The values of `layer` join K.

  // Segment tree over positions: max of (stored + tags on the path).
  void set(size_t pos, Wide value);
  void add(size_t lo, size_t hi, Wide delta);
  Wide max(size_t lo, size_t hi) const;
  void set(size_t node, size_t l, size_t r, size_t pos, Wide value);
  void add(size_t node, size_t l, size_t r, size_t lo, size_t hi, Wide delta);
  Wide max(size_t node, size_t l, size_t r, size_t lo, size_t hi) const;

  const FootprintAnalysis &analysis;
  size_t n = 0;
  size_t first = 0, last = 0;
  /// Layers whose values are in K: [0, madeBefore).
  size_t madeBefore = 0;
  std::vector<uint64_t> aliveAll; ///< A(t).
  std::vector<Wide> tree, tag;
  std::vector<unsigned __int128> fenwick; ///< Bytes by last alive position.
  unsigned __int128 fenwickTotal = 0;
  WindowWeights weights;
};

} // namespace cachepart

#endif // CACHEPART_ANALYSIS_GROUPWINDOW_H
