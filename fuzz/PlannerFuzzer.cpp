//===- PlannerFuzzer.cpp - libFuzzer target for the partition planner -----===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Decodes a small planning problem from the input bytes, plans it with every
// strategy and traps when an invariant breaks:
//  - exactly one of plan / error; a plan covers 0..n with contiguous groups,
//    cuts only where allowed, fields consistent with the callback;
//  - a non-spilling group fits its device; a spilling one is a single run
//    under the Isolate policy; never more groups than devices when limited;
//  - all strategies agree on the outcome and on the number of groups;
//  - for n <= 10, brute force over all cut sets: errors exactly when no plan
//    with the target count exists, greedy's count is the least, balanced's
//    largest group and min-transfer's transfer are the optimal ones.
// Costs may be huge (saturating sums near UINT64_MAX) or, in one mode,
// not monotone at all; then only "no crash, well-formed answer" is checked.
//
//===----------------------------------------------------------------------===//

#include "../unittests/Planner/PlannerReference.h"
#include "cachepart/Planner/PartitionPlanner.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

using namespace cachepart;
using namespace cachepart::reference;

namespace {

constexpr uint64_t kMax = BruteForce::none;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond))                                                               \
      __builtin_trap();                                                        \
  } while (false)

/// Reads the input front to back; past the end it yields zeros.
class Reader {
public:
  Reader(const uint8_t *data, size_t size) : data(data), size(size) {}
  uint8_t byte() { return pos < size ? data[pos++] : 0; }
  uint64_t below(uint64_t bound) { return bound ? byte() % bound : 0; }
  /// Mostly small values, sometimes near UINT64_MAX.
  uint64_t bytesValue() {
    uint8_t tag = byte();
    if (tag >= 250)
      return kMax - (tag - 250) * uint64_t(byte());
    return tag % 32;
  }

private:
  const uint8_t *data;
  size_t size;
  size_t pos = 0;
};

enum class CostModel { Additive, SharedWeights, Peak, NonMonotone };

struct Costs {
  CostModel model = CostModel::Additive;
  std::vector<uint64_t> layer;
  std::vector<uint8_t> weightOf; ///< 0: none; else 1-based weight id.
  std::vector<uint64_t> weight;
  uint64_t salt = 0;

  uint64_t operator()(size_t begin, size_t end) const {
    uint64_t sum = 0;
    switch (model) {
    case CostModel::Additive:
      for (size_t i = begin; i < end; ++i)
        sum = addSaturated(sum, layer[i]);
      return sum;
    case CostModel::SharedWeights: {
      uint32_t seen = 0;
      for (size_t i = begin; i < end; ++i) {
        sum = addSaturated(sum, layer[i]);
        uint8_t w = weightOf[i];
        if (w && !(seen & (1u << w))) {
          seen |= 1u << w;
          sum = addSaturated(sum, weight[w - 1]);
        }
      }
      return sum;
    }
    case CostModel::Peak: {
      // Peak of a live set plus a fixed overhead per group: monotone.
      for (size_t i = begin; i < end; ++i)
        sum = std::max(sum, layer[i]);
      return addSaturated(sum, weight.empty() ? 0 : weight[0]);
    }
    case CostModel::NonMonotone:
      return (begin * 2654435761u + end * 40503u + salt) % 29;
    }
    return 0;
  }
};

/// Structural checks that hold for any callback.
void checkShape(const PlanProblem &problem, const PlanResult &result) {
  CHECK(result.plan.has_value() != result.error.has_value());
  if (!result.plan) {
    CHECK(!result.error->message.empty());
    return;
  }
  const PartitionPlan &plan = *result.plan;
  CHECK(!plan.groups.empty());
  if (problem.numPartitions)
    CHECK(plan.groups.size() == *problem.numPartitions);
  if (!problem.unlimitedDevices)
    CHECK(plan.groups.size() <= problem.capacities.size());
  size_t begin = 0;
  uint64_t maxBytes = 0, transfer = 0;
  for (size_t g = 0; g < plan.groups.size(); ++g) {
    const PlanGroup &group = plan.groups[g];
    CHECK(group.begin == begin && group.begin < group.end);
    CHECK(allowedCut(problem, group.begin));
    CHECK(group.capacity == capacityOf(problem, g));
    CHECK(group.spilling == (group.bytes > group.capacity));
    if (group.spilling) {
      CHECK(problem.oversize == OversizePolicy::Isolate);
      for (size_t i = group.begin + 1; i < group.end; ++i)
        CHECK(!allowedCut(problem, i));
    }
    maxBytes = std::max(maxBytes, group.bytes);
    uint64_t in = reference::transferIn(problem, group.begin, group.end);
    CHECK(group.transferInBytes == in);
    transfer = addSaturated(transfer, in);
    begin = group.end;
  }
  CHECK(begin == problem.numLayers);
  CHECK(plan.maxGroupBytes == maxBytes);
  CHECK(plan.transferBytes == transfer);
  CHECK(!verifyPlan(problem, plan));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Reader in(data, size);
  uint8_t flags = in.byte();
  bool large = flags & 1;
  size_t n = large ? 1 + in.below(64) : 1 + in.below(10);

  auto costs = std::make_shared<Costs>();
  costs->model = CostModel(in.below(4));
  costs->salt = in.byte();
  for (size_t i = 0; i < n; ++i) {
    costs->layer.push_back(in.bytesValue());
    costs->weightOf.push_back(in.below(4));
  }
  for (int w = 0; w < 3; ++w)
    costs->weight.push_back(in.bytesValue());

  PlanProblem problem;
  problem.numLayers = n;
  problem.groupBytes = [costs](size_t b, size_t e) { return (*costs)(b, e); };
  size_t numDevices = 1 + in.below(4);
  bool identical = flags & 2;
  uint64_t first = in.bytesValue() * 2;
  for (size_t d = 0; d < numDevices; ++d)
    problem.capacities.push_back(identical ? first : in.bytesValue() * 2);
  problem.unlimitedDevices = flags & 4;
  problem.oversize =
      flags & 8 ? OversizePolicy::Isolate : OversizePolicy::Error;
  if (flags & 16) {
    problem.forbiddenCut.resize(n);
    for (size_t i = 0; i < n; ++i)
      problem.forbiddenCut[i] = in.below(4) == 0;
  }
  if (flags & 32) {
    // Values made by a layer (or before layer 0), read by any later layers.
    size_t numValues = in.below(2 * n + 1);
    for (size_t v = 0; v < numValues; ++v) {
      PlanValue value;
      value.producer = int64_t(in.below(n + 1)) - 1;
      value.bytes = in.bytesValue();
      for (size_t u = size_t(value.producer + 1); u < n; ++u)
        if (in.below(3) == 0)
          value.users.push_back(u);
      problem.values.push_back(std::move(value));
    }
  }
  if (flags & 64)
    problem.numPartitions = in.below(n + 2);
  // Layer times for balanced-time (the other strategies only report them).
  for (size_t i = 0; i < n; ++i)
    problem.layerTimes.push_back(in.below(4) == 0 ? in.byte() * 97
                                                  : in.below(10));

  bool monotone = costs->model != CostModel::NonMonotone;
  bool brute = monotone && n <= 10;
  BruteForce bf;
  PlanError::Kind kind = PlanError::Kind::InvalidInput;
  size_t target = 0;
  bool mustFail = false;
  if (brute) {
    bf = bruteForce(problem);
    std::optional<PlanError::Kind> expected =
        expectedError(problem, bf, target);
    mustFail = expected.has_value();
    if (expected)
      kind = *expected;
  }

  std::optional<PlanResult> previous;
  for (PlanStrategy strategy :
       {PlanStrategy::Greedy, PlanStrategy::Balanced, PlanStrategy::MinTransfer,
        PlanStrategy::BalancedTime}) {
    problem.strategy = strategy;
    PlanResult result = planPartition(problem);
    checkShape(problem, result);
    if (monotone && previous) {
      // The outcome and the count are decided before the strategy is.
      CHECK(result.plan.has_value() == previous->plan.has_value());
      if (result.plan)
        CHECK(result.plan->groups.size() == previous->plan->groups.size());
      else
        CHECK(result.error->kind == previous->error->kind);
    }
    if (!previous)
      previous = result;
    if (!brute)
      continue;
    if (mustFail) {
      CHECK(result.error && result.error->kind == kind);
      continue;
    }
    CHECK(result.plan && result.plan->groups.size() == target);
    if (strategy == PlanStrategy::Balanced)
      CHECK(result.plan->maxGroupBytes == bf.minMax[target]);
    if (strategy == PlanStrategy::MinTransfer)
      CHECK(result.plan->transferBytes == bf.minTransfer[target]);
    if (strategy == PlanStrategy::BalancedTime)
      CHECK(result.plan->maxGroupTime == bf.minMaxTime[target]);
  }
  return 0;
}
