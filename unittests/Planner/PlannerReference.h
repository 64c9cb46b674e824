//===- PlannerReference.h - Exhaustive reference for the planner -*- C++ -*-=//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Enumerates every contiguous partition of a small problem (n <= ~12) and
// derives what the planner must return: shared by the unit tests and the
// planner fuzzer so that both check against one definition.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_UNITTESTS_PLANNER_PLANNERREFERENCE_H
#define CACHEPART_UNITTESTS_PLANNER_PLANNERREFERENCE_H

#include "cachepart/Planner/PartitionPlanner.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace cachepart {
namespace reference {

/// What brute force knows about plans with each number of groups.
struct BruteForce {
  static constexpr uint64_t none = std::numeric_limits<uint64_t>::max();
  std::vector<bool> feasible;    ///< Per count, with the real devices.
  std::vector<bool> feasibleExt; ///< Per count, extra devices like the last.
  std::vector<uint64_t> minMax;  ///< Per count.
  std::vector<uint64_t> minTransfer; ///< Per count.
  std::vector<uint64_t> minMaxTime;  ///< Per count (layerTimes summed).
};

inline uint64_t addSaturated(uint64_t a, uint64_t b) {
  return a > BruteForce::none - b ? BruteForce::none : a + b;
}

/// The definition in PlanValue: bytes of the values made before `begin`
/// (or before layer 0) and read in [begin, end), each once.
inline uint64_t transferIn(const PlanProblem &problem, size_t begin,
                           size_t end) {
  uint64_t bytes = 0;
  for (const PlanValue &value : problem.values) {
    if (value.producer != PlanValue::kBeforeFirst &&
        value.producer >= static_cast<int64_t>(begin))
      continue;
    bool read = std::any_of(value.users.begin(), value.users.end(),
                            [&](size_t u) { return u >= begin && u < end; });
    if (read)
      bytes = addSaturated(bytes, value.bytes);
  }
  return bytes;
}

inline bool allowedCut(const PlanProblem &problem, size_t i) {
  return i == 0 || i == problem.numLayers || problem.forbiddenCut.empty() ||
         !problem.forbiddenCut[i];
}

inline uint64_t capacityOf(const PlanProblem &problem, size_t g) {
  return problem.capacities[std::min(g, problem.capacities.size() - 1)];
}

inline BruteForce bruteForce(const PlanProblem &problem) {
  size_t n = problem.numLayers;
  BruteForce bf;
  bf.feasible.assign(n + 1, false);
  bf.feasibleExt.assign(n + 1, false);
  bf.minMax.assign(n + 1, BruteForce::none);
  bf.minTransfer.assign(n + 1, BruteForce::none);
  bf.minMaxTime.assign(n + 1, BruteForce::none);
  for (uint32_t mask = 0; mask < (1u << (n - 1)); ++mask) {
    std::vector<size_t> cuts{0};
    bool ok = true;
    for (size_t i = 1; i < n; ++i)
      if (mask & (1u << (i - 1))) {
        ok = ok && allowedCut(problem, i);
        cuts.push_back(i);
      }
    if (!ok)
      continue;
    cuts.push_back(n);
    size_t k = cuts.size() - 1;
    bool valid = true;
    uint64_t maxBytes = 0, cut = 0, maxTime = 0; // cut: bytes transferred
    for (size_t g = 0; g < k && valid; ++g) {
      size_t begin = cuts[g], end = cuts[g + 1];
      uint64_t bytes = problem.groupBytes(begin, end);
      // A group with no allowed cut inside may spill under Isolate.
      bool oneRun = true;
      for (size_t i = begin + 1; i < end; ++i)
        oneRun = oneRun && !allowedCut(problem, i);
      valid = bytes <= capacityOf(problem, g) ||
              (problem.oversize == OversizePolicy::Isolate && oneRun);
      maxBytes = std::max(maxBytes, bytes);
      cut = addSaturated(cut, transferIn(problem, begin, end));
      uint64_t time = 0;
      for (size_t l = begin; l < end && !problem.layerTimes.empty(); ++l)
        time = addSaturated(time, problem.layerTimes[l]);
      maxTime = std::max(maxTime, time);
    }
    if (!valid)
      continue;
    bf.feasibleExt[k] = true;
    if (!problem.unlimitedDevices && k > problem.capacities.size())
      continue;
    bf.feasible[k] = true;
    bf.minMax[k] = std::min(bf.minMax[k], maxBytes);
    bf.minTransfer[k] = std::min(bf.minTransfer[k], cut);
    bf.minMaxTime[k] = std::min(bf.minMaxTime[k], maxTime);
  }
  return bf;
}

/// The error the planner must give, following its documented precedence,
/// or nullopt when a plan must be returned (then `target` is its group
/// count).
inline std::optional<PlanError::Kind> expectedError(const PlanProblem &problem,
                                                    const BruteForce &bf,
                                                    size_t &target) {
  size_t n = problem.numLayers;
  size_t atoms = 1;
  for (size_t i = 1; i < n; ++i)
    atoms += allowedCut(problem, i);
  std::optional<size_t> p = problem.numPartitions;
  if (p && (*p == 0 || *p > n || *p > atoms))
    return PlanError::Kind::BadPartitionCount;
  size_t minExt = 0;
  while (minExt <= n && !bf.feasibleExt[minExt])
    ++minExt;
  if (minExt > n)
    return PlanError::Kind::Oversize;
  size_t devices = problem.capacities.size();
  if (!problem.unlimitedDevices && minExt > devices)
    return PlanError::Kind::TooFewDevices;
  target = minExt;
  if (p) {
    if (*p < minExt)
      return PlanError::Kind::BadPartitionCount;
    if (!problem.unlimitedDevices && *p > devices)
      return PlanError::Kind::TooFewDevices;
    target = *p;
  }
  if (!bf.feasible[target])
    return PlanError::Kind::BadPartitionCount;
  return std::nullopt;
}

} // namespace reference
} // namespace cachepart

#endif // CACHEPART_UNITTESTS_PLANNER_PLANNERREFERENCE_H
