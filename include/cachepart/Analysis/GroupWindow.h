//===- GroupWindow.h - Sliding group queries -------------------*- C++ -*-===//
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

/// A group [begin, end) of consecutive layers that moves one layer at a
/// time, keeping its bytes under one memory model up to date. The weights
/// are the same in both models: private ones by prefix sums, shared ones
/// counted once while a layer of the window uses them.
class LayerWindow {
public:
  virtual ~LayerWindow() = default;

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
  /// analysis.getGroupBytes(begin, end, model) of the window's model.
  virtual uint64_t total() const = 0;

protected:
  /// `analysis` must be computed and outlive the window.
  explicit LayerWindow(const FootprintAnalysis &analysis);

  enum class Move {
    EnteredBack,  ///< `layer` has entered at the end (end == layer + 1).
    LeftBack,     ///< `layer` has left at the end (end == layer).
    LeavingFront, ///< `layer` is leaving at the front (begin == layer still).
    EmptiedAt,    ///< The window is empty and moves to begin == `layer`.
  };
  /// Keeps the derived model's counts up to date.
  virtual void moved(Move move, size_t layer) = 0;

  uint64_t weightBytes() const;

  const FootprintAnalysis &analysis;
  size_t first = 0, last = 0;

private:
  void countWeights(size_t layer, int delta);

  /// Per shared weight, the layers of the window that use it, and the bytes
  /// of those used (128 bits: the sum goes up and down, it must not wrap).
  std::vector<uint32_t> weightUses;
  unsigned __int128 sharedWeights = 0;
};

/// The sum model; equal to analysis.getGroupFootprint(begin, end,
/// MemoryModel::Sum).
class SumGroupWindow : public LayerWindow {
public:
  explicit SumGroupWindow(const FootprintAnalysis &analysis);
  uint64_t total() const override { return footprint().total(); }
  /// The parts of total(), as getGroupFootprint gives them.
  Footprint footprint() const;

private:
  void moved(Move move, size_t layer) override;
  /// Adds (+1) or removes (-1) the values `layer` reads.
  void countReads(size_t layer, int delta);
  /// The front layer leaves: its results are now received.
  void dropFront(size_t layer);

  /// Per value: layers of the window that read it.
  std::vector<uint32_t> reads;
  unsigned __int128 received = 0;
};

/// The liveness model: the weights plus the peak over the window's
/// positions of live bytes + workspace, equal to
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
class LivenessGroupWindow : public LayerWindow {
public:
  explicit LivenessGroupWindow(const FootprintAnalysis &analysis);
  uint64_t total() const override;

private:
  using Wide = __int128;
  void moved(Move move, size_t layer) override;
  void enter(size_t layer);     ///< Position `layer` joins at the end.
  void dropFront(size_t layer); ///< Its values become live-ins.
  void startAt(size_t begin);   ///< K: the layers before `begin`.

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

  size_t n = 0;
  /// Layers whose values are in K: [0, madeBefore).
  size_t madeBefore = 0;
  std::vector<uint64_t> aliveAll; ///< A(t).
  std::vector<Wide> tree, tag;
  std::vector<unsigned __int128> fenwick; ///< Bytes by last alive position.
  unsigned __int128 fenwickTotal = 0;
};

} // namespace cachepart

#endif // CACHEPART_ANALYSIS_GROUPWINDOW_H
