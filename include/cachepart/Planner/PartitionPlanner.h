//===- PartitionPlanner.h - Contiguous cache-fitting partitions -*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// The planner splits a sequence of n layers into contiguous groups
// [b0, e0), [e0, e1), ... so that group g fits the capacity of device g.
// It is pure C++: it knows nothing of MLIR. Costs reach it through a callback
// "bytes of layers [begin, end)", so any memory model can be plugged in.
//
// All strategies assume the cost is monotone under interval inclusion:
//   [i, j) subset of [i', j')  =>  cost(i, j) <= cost(i', j').
// The footprint models of cachepart satisfy this (sums of non-negative
// terms; peaks of a superset of live values).
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_PLANNER_PARTITIONPLANNER_H
#define CACHEPART_PLANNER_PARTITIONPLANNER_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cachepart {

enum class PlanStrategy {
  /// The method's greedy aggregation: the minimum number of groups.
  Greedy,
  /// Minimum number of groups (or the requested number), and among those the
  /// smallest largest group.
  Balanced,
  /// Minimum number of groups (or the requested number), and among those the
  /// least bytes transferred between groups (sum of transferIn, see
  /// PlanValue).
  MinTransfer,
  /// Minimum number of groups (or the requested number), and among those the
  /// smallest largest group time (PlanProblem::layerTimes): in a pipeline
  /// the slowest stage bounds the throughput.
  BalancedTime,
};

/// Parses "greedy" | "balanced" | "min-transfer" | "balanced-time".
std::optional<PlanStrategy> parsePlanStrategy(const std::string &name);
const char *stringifyPlanStrategy(PlanStrategy strategy);

/// What to do with a layer that alone exceeds its device's capacity.
enum class OversizePolicy {
  Error,
  /// Give the layer a group of its own, marked as spilling.
  Isolate,
};

/// A value that crosses devices when its readers are not all in its
/// producer's group: the partitioned program sends it once to every other
/// group that reads it, so a group [begin, end) receives
///   transferIn(begin, end) = sum of `bytes` over the values with
///                            producer < begin and a user in [begin, end).
struct PlanValue {
  /// Producing layer, or kBeforeFirst for a value made before layer 0 that
  /// must still be sent to every group that reads it (e.g. by the groups of
  /// an earlier segment).
  int64_t producer = 0;
  uint64_t bytes = 0;
  /// Reading layers (any order, repeats allowed); those at or before the
  /// producer and those >= numLayers are ignored.
  std::vector<size_t> users;
  static constexpr int64_t kBeforeFirst = -1;
};

/// groupBytes over a window [begin, end) of layers that moves one layer at a
/// time, for sweeps: a memory model whose group query costs O(group length)
/// answers a whole two-pointer sweep in O(layers) this way instead of
/// O(layers x group length). Must agree with groupBytes exactly.
class GroupWindow {
public:
  virtual ~GroupWindow() = default;
  /// Makes the window empty at `begin`.
  virtual void reset(size_t begin) = 0;
  virtual void pushBack() = 0; ///< end += 1.
  virtual void popBack() = 0;  ///< end -= 1 (end > begin).
  virtual void popFront() = 0; ///< begin += 1 (begin < end).
  /// groupBytes(begin, end) of the current window (end > begin).
  virtual uint64_t bytes() const = 0;
};

/// The planner's input: plain data and a cost callback.
struct PlanProblem {
  /// Number of layers, n >= 1.
  size_t numLayers = 0;
  /// Bytes of the group holding layers [begin, end), 0 <= begin < end <= n.
  std::function<uint64_t(size_t begin, size_t end)> groupBytes;
  /// Optional: a fresh window over the same costs (see GroupWindow).
  std::function<std::unique_ptr<GroupWindow>()> makeWindow;
  /// The values layers pass to each other, for the transfer objective (may
  /// be empty: nothing is ever transferred).
  std::vector<PlanValue> values;
  /// forbiddenCut[i] (size n, or empty for none): no cut may be placed just
  /// before layer i. forbiddenCut[0] is ignored.
  std::vector<bool> forbiddenCut;
  /// forcedCut[i] (size n, or empty for none): a cut must be placed just
  /// before layer i (the user's `cachepart.cut`). The layers between forced
  /// cuts are planned one segment after the other, on the next devices.
  /// forcedCut[0] is ignored.
  std::vector<bool> forcedCut;
  /// Capacity of device g, in order. Group g goes on device g.
  std::vector<uint64_t> capacities;
  /// When true, devices beyond capacities.size() exist with the capacity of
  /// the last entry (identical cards, as many as needed). When false, at most
  /// capacities.size() groups may be made.
  bool unlimitedDevices = false;
  /// Time of each layer (any unit, e.g. measured nanoseconds): size n, or
  /// empty. A group's time is the sum over its layers. BalancedTime needs
  /// it; the other strategies only report group times with it.
  std::vector<uint64_t> layerTimes;
  PlanStrategy strategy = PlanStrategy::Greedy;
  /// When set, exactly this many groups (balanced / min-transfer / greedy
  /// all honour it; greedy then splits its groups further to reach it).
  std::optional<size_t> numPartitions;
  OversizePolicy oversize = OversizePolicy::Error;
};

struct PlanGroup {
  size_t begin = 0; ///< First layer.
  size_t end = 0;   ///< One past the last layer.
  uint64_t bytes = 0;
  /// transferIn(begin, end): bytes the group receives from earlier groups.
  uint64_t transferInBytes = 0;
  uint64_t capacity = 0;
  /// Sum of layerTimes over the group (0 when no times were given).
  uint64_t time = 0;
  /// The group exceeds its capacity (an oversize layer under Isolate, or a
  /// run of layers with no allowed cut inside).
  bool spilling = false;
};

struct PartitionPlan {
  std::vector<PlanGroup> groups;
  /// Bytes the groups receive from each other: the sum over groups of
  /// transferIn (see PlanValue).
  uint64_t transferBytes = 0;
  /// Largest group bytes.
  uint64_t maxGroupBytes = 0;
  /// Largest group time (0 when no times were given).
  uint64_t maxGroupTime = 0;
};

struct PlanError {
  enum class Kind {
    /// A layer alone exceeds its device's capacity (policy Error).
    Oversize,
    /// More groups are needed than devices exist.
    TooFewDevices,
    /// numPartitions cannot be met (more than n, fewer than the minimum, or
    /// not enough allowed cut points).
    BadPartitionCount,
    /// The cost callback or the inputs are malformed.
    InvalidInput,
  };
  /// Why a requested number of groups cannot be made (BadPartitionCount).
  enum class CountProblem {
    /// Zero groups were requested.
    Zero,
    /// More groups than layers (`limit` = layers).
    MoreThanLayers,
    /// More groups than the allowed cut points permit (`limit` = the most
    /// groups they allow).
    MoreThanCuts,
    /// Fewer groups than the capacities need (`limit` = the fewest).
    FewerThanNeeded,
    /// No split into exactly `requested` groups fits the capacities.
    NoFit,
    /// A count was requested together with required cuts.
    WithForcedCuts,
  };
  Kind kind = Kind::InvalidInput;
  /// For Oversize: the layer; for TooFewDevices: the first layer that found
  /// no device.
  size_t layer = 0;
  uint64_t bytes = 0;    ///< Oversize: the layer's bytes.
  uint64_t capacity = 0; ///< Oversize: the capacity it was checked against.
  size_t groupsNeeded = 0;
  size_t devicesAvailable = 0;
  /// BadPartitionCount: what is wrong, the count requested and the bound it
  /// breaks (see CountProblem).
  CountProblem countProblem = CountProblem::Zero;
  size_t requested = 0;
  size_t limit = 0;
  /// The same in words, for logs and tests (diagnostic style: lower-case,
  /// no final period); clients word errors from the fields above.
  std::string message;
};

/// The outcome: a plan, or an error.
struct PlanResult {
  std::optional<PartitionPlan> plan;
  std::optional<PlanError> error;
  explicit operator bool() const { return plan.has_value(); }
};

/// Computes a plan. Never throws, never aborts on any input.
PlanResult planPartition(const PlanProblem &problem);

/// Checks a plan against its problem: groups contiguous and covering every
/// layer, cuts only where allowed (and wherever forced), no more groups than
/// devices when they are limited, each group's bytes, capacity and
/// transferInBytes as the problem defines them, spilling exactly when over
/// capacity and then only as one run of layers under Isolate, and the
/// plan's totals. Returns the first violation, or nullopt.
std::optional<std::string> verifyPlan(const PlanProblem &problem,
                                      const PartitionPlan &plan);

/// A lower bound on the number of groups of any plan of the same layers:
/// the plan's spilling groups (each holds more than a device), plus the
/// fewest devices, largest first, whose capacities add up to what the other
/// groups must hold together (`wholeBytes` minus the spilling groups'
/// bytes). With `unlimitedDevices` the last capacity repeats.
size_t lowerBoundOnGroups(uint64_t wholeBytes, const PartitionPlan &plan,
                          std::vector<uint64_t> capacities,
                          bool unlimitedDevices);

} // namespace cachepart

#endif // CACHEPART_PLANNER_PARTITIONPLANNER_H
