//===- GroupQueries.cpp - Bytes of groups of consecutive layers -----------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Analysis/GroupWindow.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"

#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <limits>

using namespace mlir;
using namespace cachepart;

static uint64_t clampWide(unsigned __int128 v) {
  return v > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(v);
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
  // Each once, from the group's own uses: the shared weights it reads, and
  // the values made before it and read inside it (received, or live-ins).
  // O(uses in the group), whatever the number of shared weights in the
  // function (a scan of all of them made the plan quadratic after cse).
  SmallVector<uint32_t, 16> shared, liveIns;
  for (size_t l = begin; l < end; ++l) {
    for (uint32_t w : layerWeightUses(l))
      if (weights[w].users.size() > 1)
        shared.push_back(w);
    for (uint32_t v : layerValueUses(l))
      if (values[v].defLayer < static_cast<int64_t>(begin))
        liveIns.push_back(v);
  }
  sortUnique(shared);
  sortUnique(liveIns);
  for (uint32_t w : shared)
    fp.weights = llvm::SaturatingAdd(fp.weights, weights[w].bytes);
  if (model == MemoryModel::Sum) {
    for (uint32_t v : liveIns)
      fp.received = llvm::SaturatingAdd(fp.received, values[v].bytes);
    fp.activations = prefixActWork[2 * end] - prefixActWork[2 * begin];
    fp.workspace = prefixActWork[2 * end + 1] - prefixActWork[2 * begin + 1];
    return fp;
  }

  // Liveness: a difference array over the group's positions. A value made
  // inside the group lives from its producer to its last use in the group,
  // or to the group's end when it is used later (it leaves the card then).
  // A live-in lives from the group's start to its last use in the group.
  size_t len = end - begin;
  SmallVector<uint64_t, 64> delta(len + 1, 0);
  auto addInterval = [&](size_t from, size_t to, uint64_t bytes) {
    delta[from - begin] += bytes;
    delta[to - begin + 1] -= bytes;
  };
  for (uint32_t v : liveIns) {
    // Its last read in the group: the last user before `end`.
    ArrayRef<uint32_t> users = values[v].users;
    addInterval(begin, *(std::lower_bound(users.begin(), users.end(), end) - 1),
                values[v].bytes);
  }
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

//===----------------------------------------------------------------------===//
// LayerWindow
//===----------------------------------------------------------------------===//

LayerWindow::LayerWindow(const FootprintAnalysis &analysis)
    : analysis(analysis), weightUses(analysis.weights.size(), 0) {}

void LayerWindow::reset(size_t begin) {
  while (last > first)
    popBack();
  moved(Move::EmptiedAt, begin);
  first = last = begin;
}

void LayerWindow::pushBack() {
  size_t layer = last++;
  countWeights(layer, +1);
  moved(Move::EnteredBack, layer);
}

void LayerWindow::popBack() {
  size_t layer = --last;
  countWeights(layer, -1);
  moved(Move::LeftBack, layer);
}

void LayerWindow::popFront() {
  size_t layer = first;
  countWeights(layer, -1);
  moved(Move::LeavingFront, layer);
  ++first;
}

void LayerWindow::countWeights(size_t layer, int delta) {
  for (uint32_t w : analysis.layerWeightUses(layer)) {
    const auto &weight = analysis.weights[w];
    if (weight.users.size() < 2)
      continue; // Private: in the prefix sums.
    uint32_t before = weightUses[w];
    weightUses[w] += delta;
    if ((before == 0) != (weightUses[w] == 0))
      sharedWeights +=
          delta > 0 ? weight.bytes : -(unsigned __int128)weight.bytes;
  }
}

uint64_t LayerWindow::weightBytes() const {
  const auto &prefix = analysis.prefixPrivateWeights;
  return llvm::SaturatingAdd(prefix[last] - prefix[first],
                             clampWide(sharedWeights));
}

//===----------------------------------------------------------------------===//
// SumGroupWindow
//===----------------------------------------------------------------------===//

SumGroupWindow::SumGroupWindow(const FootprintAnalysis &analysis)
    : LayerWindow(analysis), reads(analysis.values.size(), 0) {}

void SumGroupWindow::countReads(size_t layer, int delta) {
  for (uint32_t v : analysis.layerValueUses(layer)) {
    const auto &record = analysis.values[v];
    uint32_t before = reads[v];
    reads[v] += delta;
    // Received: made before the window and read in it, once.
    if (record.defLayer < static_cast<int64_t>(first) &&
        (before == 0) != (reads[v] == 0))
      received += delta > 0 ? record.bytes : -(unsigned __int128)record.bytes;
  }
}

void SumGroupWindow::moved(Move move, size_t layer) {
  switch (move) {
  case Move::EnteredBack:
    return countReads(layer, +1);
  case Move::LeftBack:
    return countReads(layer, -1);
  case Move::LeavingFront:
    return dropFront(layer);
  case Move::EmptiedAt:
    return;
  }
}

void SumGroupWindow::dropFront(size_t layer) {
  countReads(layer, -1);
  // The leaving layer's results are made before the window from now on.
  for (uint32_t v = analysis.layerValueBegin[layer];
       v < analysis.layerValueBegin[layer + 1]; ++v)
    if (reads[v])
      received += analysis.values[v].bytes;
}

Footprint SumGroupWindow::footprint() const {
  Footprint fp;
  if (first >= last)
    return fp;
  const auto &prefixAW = analysis.prefixActWork;
  fp.weights = weightBytes();
  fp.received = clampWide(received);
  fp.activations = prefixAW[2 * last] - prefixAW[2 * first];
  fp.workspace = prefixAW[2 * last + 1] - prefixAW[2 * first + 1];
  return fp;
}

//===----------------------------------------------------------------------===//
// LivenessGroupWindow
//===----------------------------------------------------------------------===//

LivenessGroupWindow::LivenessGroupWindow(const FootprintAnalysis &analysis)
    : LayerWindow(analysis), n(analysis.layers.size()) {
  // A(t): every layer's values over their whole life (as in a group that
  // held the whole function).
  std::vector<Wide> delta(n + 1, 0);
  for (uint32_t v = 0; v < analysis.values.size(); ++v) {
    const auto &record = analysis.values[v];
    if (record.defLayer < 0)
      continue;
    size_t from = record.defLayer + (record.inPlace ? 1 : 0);
    size_t to = lastAlive(v);
    if (from > to)
      continue;
    delta[from] += record.bytes;
    delta[to + 1] -= record.bytes;
  }
  aliveAll.assign(n, 0);
  Wide running = 0;
  for (size_t t = 0; t < n; ++t) {
    running += delta[t];
    aliveAll[t] = clampWide(running);
  }
  tree.assign(4 * std::max<size_t>(n, 1), 0);
  tag.assign(tree.size(), 0);
  fenwick.assign(n + 1, 0);
}

size_t LivenessGroupWindow::lastAlive(uint32_t value) const {
  const auto &record = analysis.values[value];
  if (record.usedByHost)
    return n - 1;
  size_t def = static_cast<size_t>(record.defLayer);
  return record.users.empty() ? def
                              : std::max<size_t>(def, record.users.back());
}

int64_t LivenessGroupWindow::lastReadIn(uint32_t value, size_t from,
                                        size_t to) const {
  const auto &users = analysis.values[value].users;
  auto it = std::lower_bound(users.begin(), users.end(), to);
  if (it == users.begin() || *(it - 1) < from)
    return -1;
  return *(it - 1);
}

void LivenessGroupWindow::enterBefore(size_t layer) {
  for (uint32_t v = analysis.layerValueBegin[layer];
       v < analysis.layerValueBegin[layer + 1]; ++v) {
    uint64_t bytes = analysis.values[v].bytes;
    for (size_t i = lastAlive(v) + 1; i <= n; i += i & (~i + 1))
      fenwick[i] += bytes;
    fenwickTotal += bytes;
  }
}

void LivenessGroupWindow::moved(Move move, size_t layer) {
  switch (move) {
  case Move::EnteredBack:
    return enter(layer);
  case Move::LeftBack:
    return extendLiveIns(layer, -1);
  case Move::LeavingFront:
    return dropFront(layer);
  case Move::EmptiedAt:
    return startAt(layer);
  }
}

void LivenessGroupWindow::startAt(size_t begin) {
  if (begin < madeBefore) {
    std::fill(fenwick.begin(), fenwick.end(), 0);
    fenwickTotal = 0;
    madeBefore = 0;
  }
  for (; madeBefore < begin; ++madeBefore)
    enterBefore(madeBefore);
}

/// The live-ins `layer` reads now (also) live up to it: they reach back to
/// their previous read in the window, or to its start.
void LivenessGroupWindow::extendLiveIns(size_t layer, int delta) {
  for (uint32_t v : analysis.layerValueUses(layer)) {
    const auto &record = analysis.values[v];
    if (record.defLayer >= static_cast<int64_t>(first))
      continue;
    int64_t previous = lastReadIn(v, first, layer);
    size_t from = previous < 0 ? first : static_cast<size_t>(previous) + 1;
    if (from < layer)
      add(from, layer - 1,
          delta > 0 ? Wide(record.bytes) : -Wide(record.bytes));
  }
}

void LivenessGroupWindow::enter(size_t t) {
  extendLiveIns(t, +1);
  // Values made in [first, t] alive at t: A(t) minus those made before.
  unsigned __int128 before = fenwickTotal;
  for (size_t i = t; i > 0; i -= i & (~i + 1))
    before -= fenwick[i];
  Wide value = Wide(aliveAll[t]) - Wide(before) +
               Wide(analysis.layers[t].footprint.workspace);
  // Live-ins read at t.
  for (uint32_t v : analysis.layerValueUses(t))
    if (analysis.values[v].defLayer < static_cast<int64_t>(first))
      value += analysis.values[v].bytes;
  set(t, value);
}

void LivenessGroupWindow::dropFront(size_t layer) {
  // Its values become live-ins of the window [layer + 1, end): alive only up
  // to their last read there, no longer to the window's end (they leave
  // another card's cache, they are not sent from this one).
  size_t next = layer + 1;
  for (uint32_t v = analysis.layerValueBegin[layer];
       v < analysis.layerValueBegin[layer + 1]; ++v) {
    int64_t read = lastReadIn(v, next, last);
    size_t from = read < 0 ? next : static_cast<size_t>(read) + 1;
    size_t to = std::min(lastAlive(v), last - 1);
    if (last > next && from <= to)
      add(from, to, -Wide(analysis.values[v].bytes));
  }
  if (madeBefore == layer)
    enterBefore(madeBefore++);
}

uint64_t LivenessGroupWindow::total() const {
  if (first >= last)
    return 0;
  Wide peak = max(first, last - 1);
  uint64_t live =
      peak < 0 ? 0 : clampWide(static_cast<unsigned __int128>(peak));
  return llvm::SaturatingAdd(weightBytes(), live);
}

void LivenessGroupWindow::set(size_t pos, Wide value) {
  set(1, 0, n - 1, pos, value);
}
void LivenessGroupWindow::add(size_t lo, size_t hi, Wide delta) {
  add(1, 0, n - 1, lo, hi, delta);
}
LivenessGroupWindow::Wide LivenessGroupWindow::max(size_t lo, size_t hi) const {
  return max(1, 0, n - 1, lo, hi);
}

void LivenessGroupWindow::set(size_t node, size_t l, size_t r, size_t pos,
                              Wide value) {
  if (l == r) {
    tree[node] = value;
    tag[node] = 0;
    return;
  }
  // Stored values are relative to the tags above them.
  value -= tag[node];
  size_t m = l + (r - l) / 2;
  if (pos <= m)
    set(2 * node, l, m, pos, value);
  else
    set(2 * node + 1, m + 1, r, pos, value);
  tree[node] = std::max(tree[2 * node], tree[2 * node + 1]) + tag[node];
}

void LivenessGroupWindow::add(size_t node, size_t l, size_t r, size_t lo,
                              size_t hi, Wide delta) {
  if (hi < l || r < lo)
    return;
  if (lo <= l && r <= hi) {
    tag[node] += delta;
    tree[node] += delta;
    return;
  }
  size_t m = l + (r - l) / 2;
  add(2 * node, l, m, lo, hi, delta);
  add(2 * node + 1, m + 1, r, lo, hi, delta);
  tree[node] = std::max(tree[2 * node], tree[2 * node + 1]) + tag[node];
}

LivenessGroupWindow::Wide LivenessGroupWindow::max(size_t node, size_t l,
                                                   size_t r, size_t lo,
                                                   size_t hi) const {
  if (lo <= l && r <= hi)
    return tree[node];
  size_t m = l + (r - l) / 2;
  Wide best = std::numeric_limits<int64_t>::min();
  bool any = false;
  if (lo <= m) {
    best = max(2 * node, l, m, lo, hi);
    any = true;
  }
  if (hi > m) {
    Wide right = max(2 * node + 1, m + 1, r, lo, hi);
    best = any ? std::max(best, right) : right;
  }
  return best + tag[node];
}
