//===- GroupWindow.cpp - Sliding group queries ----------------------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Analysis/GroupWindow.h"

#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <limits>

using namespace cachepart;

static uint64_t clampWide(unsigned __int128 v) {
  return v > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(v);
}

//===----------------------------------------------------------------------===//
// WindowWeights
//===----------------------------------------------------------------------===//

WindowWeights::WindowWeights(const FootprintAnalysis &analysis)
    : analysis(analysis), uses(analysis.weights.size(), 0) {}

void WindowWeights::count(size_t layer, int delta) {
  for (uint32_t w : analysis.layerWeightUses[layer]) {
    const auto &weight = analysis.weights[w];
    if (weight.users.size() < 2)
      continue; // Private: in the prefix sums.
    uint32_t before = uses[w];
    uses[w] += delta;
    if ((before == 0) != (uses[w] == 0))
      shared += delta > 0 ? weight.bytes : -(unsigned __int128)weight.bytes;
  }
}

uint64_t WindowWeights::bytes(size_t begin, size_t end) const {
  const auto &prefix = analysis.prefixPrivateWeights;
  return llvm::SaturatingAdd(prefix[end] - prefix[begin], clampWide(shared));
}

//===----------------------------------------------------------------------===//
// SumGroupWindow
//===----------------------------------------------------------------------===//

SumGroupWindow::SumGroupWindow(const FootprintAnalysis &analysis)
    : analysis(analysis), reads(analysis.values.size(), 0), weights(analysis) {
}

void SumGroupWindow::reset(size_t begin) {
  while (last > first)
    popBack();
  first = last = begin;
}

void SumGroupWindow::count(size_t layer, int delta) {
  for (uint32_t v : analysis.layerValueUses[layer]) {
    const auto &record = analysis.values[v];
    uint32_t before = reads[v];
    reads[v] += delta;
    // Received: made before the window and read in it, once.
    if (record.defLayer < static_cast<int64_t>(first) &&
        (before == 0) != (reads[v] == 0))
      received += delta > 0 ? record.bytes : -(unsigned __int128)record.bytes;
  }
  weights.count(layer, delta);
}

void SumGroupWindow::pushBack() { count(last++, +1); }

void SumGroupWindow::popBack() { count(--last, -1); }

void SumGroupWindow::popFront() {
  size_t layer = first;
  count(layer, -1);
  ++first;
  // The leaving layer's results are now made before the window.
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
  const auto &prefixIP = analysis.prefixInPlace;
  fp.weights = weights.bytes(first, last);
  fp.received = clampWide(received);
  fp.activations = prefixAW[2 * last] - prefixAW[2 * first];
  if (last > first + 1)
    fp.activations -= prefixIP[last] - prefixIP[first + 1];
  fp.workspace = prefixAW[2 * last + 1] - prefixAW[2 * first + 1];
  return fp;
}

//===----------------------------------------------------------------------===//
// LivenessGroupWindow
//===----------------------------------------------------------------------===//

LivenessGroupWindow::LivenessGroupWindow(const FootprintAnalysis &analysis)
    : analysis(analysis), n(analysis.layers.size()), weights(analysis) {
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

void LivenessGroupWindow::reset(size_t begin) {
  while (last > first)
    popBack();
  if (begin < madeBefore) {
    std::fill(fenwick.begin(), fenwick.end(), 0);
    fenwickTotal = 0;
    madeBefore = 0;
  }
  for (; madeBefore < begin; ++madeBefore)
    enterBefore(madeBefore);
  first = last = begin;
}

/// The live-ins `layer` reads now (also) live up to it: they reach back to
/// their previous read in the window, or to its start.
void LivenessGroupWindow::extendLiveIns(size_t layer, int delta) {
  for (uint32_t v : analysis.layerValueUses[layer]) {
    const auto &record = analysis.values[v];
    if (record.defLayer >= static_cast<int64_t>(first))
      continue;
    int64_t previous = lastReadIn(v, first, layer);
    size_t from = previous < 0 ? first : static_cast<size_t>(previous) + 1;
    if (from < layer)
      add(from, layer - 1, delta > 0 ? Wide(record.bytes) : -Wide(record.bytes));
  }
}

void LivenessGroupWindow::pushBack() {
  size_t t = last++;
  extendLiveIns(t, +1);
  weights.count(t, +1);
  // Values made in [first, t] alive at t: A(t) minus those made before.
  unsigned __int128 before = fenwickTotal;
  for (size_t i = t; i > 0; i -= i & (~i + 1))
    before -= fenwick[i];
  Wide value = Wide(aliveAll[t]) - Wide(before) +
               Wide(analysis.layers[t].footprint.workspace);
  // Live-ins read at t.
  for (uint32_t v : analysis.layerValueUses[t])
    if (analysis.values[v].defLayer < static_cast<int64_t>(first))
      value += analysis.values[v].bytes;
  set(t, value);
}

void LivenessGroupWindow::popBack() {
  size_t t = --last;
  extendLiveIns(t, -1);
  weights.count(t, -1);
}

void LivenessGroupWindow::popFront() {
  size_t layer = first;
  weights.count(layer, -1);
  ++first;
  // Its values become live-ins: alive only up to their last read in the
  // window, no longer to the window's end (they leave another card's
  // cache, they are not sent from this one).
  for (uint32_t v = analysis.layerValueBegin[layer];
       v < analysis.layerValueBegin[layer + 1]; ++v) {
    int64_t read = lastReadIn(v, first, last);
    size_t from = read < 0 ? first : static_cast<size_t>(read) + 1;
    size_t to = std::min(lastAlive(v), last - 1);
    if (last > first && from <= to)
      add(from, to, -Wide(analysis.values[v].bytes));
  }
  if (madeBefore == layer)
    enterBefore(madeBefore++);
}

uint64_t LivenessGroupWindow::total() const {
  if (first >= last)
    return 0;
  Wide peak = max(first, last - 1);
  uint64_t live = peak < 0 ? 0 : clampWide(static_cast<unsigned __int128>(peak));
  return llvm::SaturatingAdd(weights.bytes(first, last), live);
}

void LivenessGroupWindow::set(size_t pos, Wide value) {
  set(1, 0, n - 1, pos, value);
}
void LivenessGroupWindow::add(size_t lo, size_t hi, Wide delta) {
  add(1, 0, n - 1, lo, hi, delta);
}
LivenessGroupWindow::Wide LivenessGroupWindow::max(size_t lo,
                                                   size_t hi) const {
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
