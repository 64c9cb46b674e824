//===- GroupWindow.cpp - Sliding group queries of the sum model -----------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Analysis/GroupWindow.h"

#include "llvm/Support/MathExtras.h"

using namespace cachepart;

SumGroupWindow::SumGroupWindow(const FootprintAnalysis &analysis)
    : analysis(analysis), reads(analysis.values.size(), 0),
      weightUses(analysis.weights.size(), 0) {}

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
  for (uint32_t w : analysis.layerWeightUses[layer]) {
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
  auto clamp = [](unsigned __int128 v) -> uint64_t {
    return v > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(v);
  };
  const auto &prefixW = analysis.prefixPrivateWeights;
  const auto &prefixAW = analysis.prefixActWork;
  const auto &prefixIP = analysis.prefixInPlace;
  fp.weights = llvm::SaturatingAdd(prefixW[last] - prefixW[first],
                                   clamp(sharedWeights));
  fp.received = clamp(received);
  fp.activations = prefixAW[2 * last] - prefixAW[2 * first];
  if (last > first + 1)
    fp.activations -= prefixIP[last] - prefixIP[first + 1];
  fp.workspace = prefixAW[2 * last + 1] - prefixAW[2 * first + 1];
  return fp;
}
