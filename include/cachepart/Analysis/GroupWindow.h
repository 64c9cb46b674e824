//===- GroupWindow.h - Sliding group queries of the sum model ---*- C++ -*-===//
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

private:
  /// Adds (+1) or removes (-1) the reads and weights of `layer`.
  void count(size_t layer, int delta);

  const FootprintAnalysis &analysis;
  size_t first = 0, last = 0;
  /// Per value: layers of the window that read it; per weight: layers of
  /// the window that use it (shared weights only).
  std::vector<uint32_t> reads, weightUses;
  /// 128 bits: the sums go up and down and must never wrap.
  unsigned __int128 received = 0, sharedWeights = 0;
};

} // namespace cachepart

#endif // CACHEPART_ANALYSIS_GROUPWINDOW_H
