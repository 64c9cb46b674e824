//===- PartitionPlanner.cpp - Contiguous cache-fitting partitions ---------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Vocabulary. An "atom" is a maximal run of layers with no allowed cut inside;
// the atom boundaries are 0, the allowed cuts, and n. Every plan is a sequence
// of groups made of whole consecutive atoms, so the planner works on atom
// indices 0..A. Group g = [a, b) goes on device g. It is valid when
//   cost(a, b) <= cap(g), or
//   the policy is Isolate and b == a + 1 (a single atom; it spills when its
//   cost exceeds cap(g)).
// "Extended devices": when computing the minimum number of groups the planner
// pretends that devices past capacities.size() exist with the last capacity;
// a limited plan is then an extended plan with at most capacities.size()
// groups.
//
// Reach. For a start atom a and a device, let R(a) be the furthest end b such
// that [a, b) is valid (R(a) == a when none is). With monotone costs the
// valid ends from a are exactly a+1..R(a) (a prefix, because cost(a, b) grows
// with b, plus the single atom), and R never decreases with a. So for an end b
// the valid starts are the contiguous range lo(b)..b-1. All DPs below slide a
// window over that range.
//
// Why greedy is optimal (exchange argument). Greedy sets e_0 = 0 and
// e_{g+1} = R_g(e_g), the furthest end valid on device g. Let f_0 = 0 < f_1
// < ... < f_k = A be any valid plan. Claim: e_g >= f_g while greedy runs.
// Assume e_g >= f_g. If f_{g+1} <= e_g, then e_{g+1} > e_g >= f_{g+1}.
// Otherwise f_g <= e_g < f_{g+1}, and e_g is an atom boundary inside the
// plan's group g = [f_g, f_{g+1}):
//  - if that group fits cap(g), so does [e_g, f_{g+1}), a subset of it
//    (monotone cost), and f_{g+1} is an allowed cut or n, so greedy's furthest
//    valid end satisfies e_{g+1} >= f_{g+1};
//  - if it is a spilling single atom, then e_g == f_g (no boundary inside an
//    atom), and a single atom is always valid under Isolate, so
//    e_{g+1} >= e_g + 1 = f_{g+1}.
// Hence e_k >= f_k = A: greedy needs no more groups than any valid plan.
// Forbidden cuts only shrink the set of candidate ends, which both sides
// share; per-group capacities enter only through "valid on device g", which
// both sides evaluate on the same device g. The one gap: greedy may find no
// valid group at e_g at all (policy Error, an atom larger than cap(g)). With
// identical capacities that atom fits no device, so no plan exists. With
// heterogeneous capacities a plan with more, smaller groups early on might
// move the atom onto a larger device, so the planner then falls back to an
// exact reachability DP over (groups, atoms).
//
// Balanced. Bounding every group by B is the same problem with capacities
// min(B, cap(g)) (and spilling atoms allowed up to B), so greedy gives the
// least count k(B), which is non-increasing in B. With identical devices any
// count between k(B) and A is reachable by splitting multi-atom groups at
// allowed cuts, which never makes a group larger; so the answer is the least
// B with k(B) <= target, found by bisection. Heterogeneous devices use the
// exact DP as the feasibility test (a split moves later groups onto other
// devices).
//
// Min-transfer. The objective is what the partitioned program sends: group
// [a, b) receives in(a, b), the bytes of the values made before atom a and
// read in [a, b) (once per group). in(a, b) is not a sum over cuts, but for a
// fixed end b it is a sum of indicator intervals over the start a: a value
// made in atom d and last read before b in atom p counts exactly for
// d < a <= p. Sweeping b upwards only extends those intervals (a read in atom
// b - 1 adds its bytes to the starts it was not counted for yet), so a
// segment tree over starts with range add and range minimum gives
// min over a in lo(b)..b-1 of best(a) + in(a, b) in O(log A) per read and per
// end: O((A + reads) log A) for a row. With identical devices and the minimum
// count one row over the pair (groups, bytes), compared lexicographically, is
// exact (adding bytes to both sides preserves that order); otherwise a
// layered DP over (group, end atom) runs one such row per group.
//
// Balanced time. Group time is a sum of non-negative layer times, so
// bounding it by T keeps the valid starts of an end b a range: starts
// a >= loT(b), the least with time(a, b) <= T (two pointers). A group is
// valid when it fits its device and a >= max(lo(b), loT(b)); that combined
// bound is still non-decreasing in b and the intervals still nested, so
// the fewest groups under T come from the same DPs, and k(T) is
// non-increasing in T. With identical devices a plan of k(T) <= k groups
// becomes one of exactly k by splitting groups (parts of a valid group are
// valid, their times smaller); heterogeneous devices use the layered DP
// for exactly k. The answer is the least T with a plan, by bisection over
// integer times between the largest atom's time and the greedy plan's.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Planner/PartitionPlanner.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <new>
#include <queue>
#include <tuple>
#include <utility>

using namespace cachepart;

namespace {

constexpr uint64_t kMaxU64 = std::numeric_limits<uint64_t>::max();
/// The layered DP keeps every row up to this many cells; past it only every
/// s-th row is kept and the others are recomputed while tracing back.
constexpr size_t kMaxStoredCells = size_t(1) << 22;

uint64_t addSat(uint64_t a, uint64_t b) {
  return a > kMaxU64 - b ? kMaxU64 : a + b;
}

std::string str(uint64_t v) { return std::to_string(v); }

std::string plural(uint64_t count, const char *noun) {
  return str(count) + " " + noun + (count == 1 ? "" : "s");
}

PlanResult failWith(PlanError::Kind kind, std::string message) {
  PlanError error;
  error.kind = kind;
  error.message = std::move(message);
  PlanResult result;
  result.error = std::move(error);
  return result;
}

PlanResult failWith(PlanError error) {
  PlanResult result;
  result.error = std::move(error);
  return result;
}

/// One greedy pass over atoms.
struct GreedyRun {
  std::vector<size_t> ends; ///< End atom of each group.
  bool stuck = false;       ///< No valid group starts at stuckAtom.
  bool tooMany = false;     ///< Stopped after the allowed number of groups.
  size_t stuckAtom = 0;
  size_t stuckDevice = 0;
};

/// One row of the layered DP: cells for end atoms g..g+width-1.
struct DPRow {
  std::vector<uint64_t> value;
  std::vector<char> reached;
};

/// Minimum over a range of keys (rank, bytes), with range add on bytes.
/// Ties prefer the larger index (the latest start: earlier groups come out
/// large, as in greedy). Tags are never pushed down: a node's key includes
/// its own tag, and a query adds the tags of the ancestors of the nodes it
/// uses. set() requires that no add has yet covered the position (the DP
/// sets a start before any read is charged to it).
class MinAddTree {
public:
  static constexpr uint64_t kUnreached = std::numeric_limits<uint64_t>::max();
  struct Key {
    uint64_t rank = kUnreached;
    uint64_t bytes = 0;
    size_t index = 0;
  };

  void reset(size_t size) {
    n = std::max<size_t>(size, 1);
    node.assign(4 * n, Key());
    tag.assign(4 * n, 0);
  }
  void set(size_t i, uint64_t rank, uint64_t bytes) {
    set(1, 0, n - 1, i, Key{rank, bytes, i});
  }
  void add(size_t lo, size_t hi, uint64_t bytes) {
    if (lo <= hi && bytes)
      add(1, 0, n - 1, lo, hi, bytes);
  }
  Key min(size_t lo, size_t hi) const {
    Key best;
    if (lo <= hi)
      min(1, 0, n - 1, lo, hi, 0, best);
    return best;
  }

private:
  static bool less(const Key &x, const Key &y) {
    if (x.rank != y.rank)
      return x.rank < y.rank;
    if (x.bytes != y.bytes)
      return x.bytes < y.bytes;
    return x.index > y.index;
  }
  static Key plus(Key key, uint64_t bytes) {
    key.bytes = addSat(key.bytes, bytes);
    return key;
  }
  void pull(size_t v) {
    const Key &l = node[2 * v], &r = node[2 * v + 1];
    node[v] = plus(less(r, l) ? r : l, tag[v]);
  }
  void set(size_t v, size_t l, size_t r, size_t i, Key key) {
    if (l == r) {
      node[v] = key;
      tag[v] = 0;
      return;
    }
    size_t m = l + (r - l) / 2;
    if (i <= m)
      set(2 * v, l, m, i, key);
    else
      set(2 * v + 1, m + 1, r, i, key);
    pull(v);
  }
  void add(size_t v, size_t l, size_t r, size_t lo, size_t hi, uint64_t bytes) {
    if (hi < l || r < lo)
      return;
    if (lo <= l && r <= hi) {
      tag[v] = addSat(tag[v], bytes);
      node[v] = plus(node[v], bytes);
      return;
    }
    size_t m = l + (r - l) / 2;
    add(2 * v, l, m, lo, hi, bytes);
    add(2 * v + 1, m + 1, r, lo, hi, bytes);
    pull(v);
  }
  void min(size_t v, size_t l, size_t r, size_t lo, size_t hi, uint64_t above,
           Key &best) const {
    if (hi < l || r < lo)
      return;
    if (lo <= l && r <= hi) {
      Key here = plus(node[v], above);
      if (less(here, best))
        best = here;
      return;
    }
    size_t m = l + (r - l) / 2;
    above = addSat(above, tag[v]);
    min(2 * v, l, m, lo, hi, above, best);
    min(2 * v + 1, m + 1, r, lo, hi, above, best);
  }

  size_t n = 1;
  std::vector<Key> node;
  std::vector<uint64_t> tag;
};

class Planner {
public:
  explicit Planner(const PlanProblem &problem) : problem(problem) {}
  PlanResult run();

private:
  std::optional<std::string> validate() const;
  void buildAtoms();

  uint64_t cost(size_t a, size_t b) const {
    return problem.groupBytes(bounds[a], bounds[b]);
  }
  /// Capacity of device g in the extended model.
  uint64_t capOf(size_t g) const {
    const std::vector<uint64_t> &caps = problem.capacities;
    return g < caps.size() ? caps[g] : caps.back();
  }
  /// in(a, b): bytes group [a, b) receives from earlier groups. O(reads in
  /// the group).
  uint64_t transferIn(size_t a, size_t b) const;
  /// in(a, b) for every start a from b - 1 down to `stop`, in that order:
  /// visit(a, in(a, b)) until it returns true. O(reads in [stop, b)).
  template <typename Visit>
  void forEachStart(size_t b, size_t stop, Visit visit) const;
  /// Time of atoms [a, b) (saturated prefix sums: exact below 2^64).
  uint64_t timeOf(size_t a, size_t b) const {
    return timePrefix[b] - timePrefix[a];
  }
  /// The least valid start of a group ending at b: lo(b), raised to loT(b)
  /// while a time bound applies (see "Balanced time").
  size_t startOf(const std::vector<size_t> &lo, size_t b) const {
    return timeLo ? std::max(lo[b], (*timeLo)[b]) : lo[b];
  }
  /// loT(b) for b in 0..A under time bound `limit` (>= every atom's time).
  std::vector<size_t> startsWithinTime(uint64_t limit) const;
  bool spillAllowed(size_t a, uint64_t bound) const {
    return isolate && atomCost[a] <= bound;
  }

  size_t furthestEnd(size_t a, uint64_t cap, uint64_t bound) const;
  /// The furthest end e >= good with cost(a, e) <= limit, given that `good`
  /// is one: steps 1, 2, 4, ... then bisects, O(log) queries.
  size_t gallop(size_t a, size_t good, uint64_t limit) const;
  GreedyRun greedyFrom(size_t startAtom, size_t firstDevice, uint64_t bound,
                       size_t maxGroups) const;
  const std::vector<size_t> &startsFor(size_t device, uint64_t bound);
  /// R(a) for every start under `limit`: by galloping (O(A log) cost
  /// queries) or, when the problem has a window, by one sweep.
  void reachByGallop(uint64_t limit, uint64_t bound,
                     std::vector<size_t> &reach) const;
  void reachBySweep(uint64_t limit, uint64_t bound,
                    std::vector<size_t> &reach) const;
  std::vector<size_t> splitLargest(std::vector<size_t> ends, size_t k) const;
  uint64_t maxBytes(const std::vector<size_t> &ends) const;
  uint64_t maxTime(const std::vector<size_t> &ends) const;
  /// Splits the longest multi-atom groups, each where it best halves the
  /// time, until there are k groups (identical devices).
  std::vector<size_t> splitLongest(std::vector<size_t> ends, size_t k) const;

  struct MinGroups {
    size_t groups;
    size_t firstHomeless; ///< Start atom of group capacities.size().
  };
  std::optional<MinGroups> minGroupsHeterogeneous();

  void nextRow(size_t g, size_t width, const DPRow &cur, DPRow &next,
               const std::vector<size_t> &lo, bool weighted);
  /// Charges the reads of atom b - 1 to the starts they count for.
  void chargeReads(size_t b);
  std::optional<std::vector<size_t>> layered(size_t k, uint64_t bound,
                                             bool weighted, bool wantPlan);
  std::optional<std::vector<size_t>> minTransferOneDim();
  /// Identical devices: a plan with the fewest groups, by DP over the same
  /// feasible starts as the other DPs (greedy is only optimal when no group
  /// costs less than a group inside it). Nullopt when no plan exists.
  std::optional<std::vector<size_t>> fewestGroups();

  std::optional<std::vector<size_t>> planGreedy(const GreedyRun &first,
                                                size_t k);
  std::optional<std::vector<size_t>> planBalanced(const GreedyRun &first,
                                                  size_t k);
  std::optional<std::vector<size_t>> planMinTransfer(size_t k, bool atMin);
  std::optional<std::vector<size_t>> planBalancedTime(const GreedyRun &first,
                                                      size_t k);

  PlanError oversizeError(size_t atom, size_t device) const;
  PlanError tooFewDevices(size_t needed, size_t firstHomeless,
                          bool requested) const;
  PlanResult finish(const std::vector<size_t> &ends, size_t k) const;

  const PlanProblem &problem;
  bool isolate = false;
  bool uniform = true;
  size_t numDevices = 0;
  size_t numAtoms = 0;
  std::vector<size_t> bounds;     ///< Layer index of each atom boundary.
  std::vector<uint64_t> atomCost; ///< cost(a, a + 1).
  uint64_t maxAtomCost = 0;
  /// timePrefix[a]: time of atoms [0, a) (all 0 without layerTimes).
  std::vector<uint64_t> timePrefix;
  uint64_t maxAtomTime = 0;
  /// While balanced-time tests a bound: loT(b) (see startOf).
  const std::vector<size_t> *timeLo = nullptr;

  /// Transfers by atom: readValues[readBegin[a]..readBegin[a+1]) are the
  /// values read in atom a and made in an earlier atom (or before layer 0),
  /// madeValues[madeBegin[a]..) those made in atom a that a later atom reads.
  std::vector<size_t> readBegin, readValues, madeBegin, madeValues;
  /// Per value: 1 + its producer's atom (0: made before layer 0).
  std::vector<size_t> firstStart;
  /// Sweep state: the first start a value is not charged to yet.
  std::vector<size_t> uncharged;
  /// Scratch marks for transferIn / forEachStart.
  mutable std::vector<size_t> seenStamp;
  mutable size_t stamp = 0;
  MinAddTree tree;
  /// One window for every sweep (built once: it may cost O(layers)).
  mutable std::unique_ptr<GroupWindow> sweepWindow;

  /// Cached lo(b) arrays for the current bound, keyed by min(cap, bound). A
  /// deque, so that references handed out stay valid as entries are added.
  uint64_t cachedBound = 0;
  std::deque<std::pair<uint64_t, std::vector<size_t>>> startsCache;
};

std::optional<std::string> Planner::validate() const {
  size_t n = problem.numLayers;
  if (n == 0)
    return std::string("the problem has no layers to partition");
  if (!problem.groupBytes)
    return std::string("the groupBytes callback is missing");
  if (problem.capacities.empty())
    return std::string("no device capacities were given");
  for (size_t v = 0; v < problem.values.size(); ++v) {
    int64_t producer = problem.values[v].producer;
    if (producer != PlanValue::kBeforeFirst &&
        (producer < 0 || static_cast<uint64_t>(producer) >= n))
      return "value " + str(v) + " has producer " + std::to_string(producer) +
             " but there are " + plural(n, "layer");
  }
  if (!problem.layerTimes.empty() && problem.layerTimes.size() != n)
    return "layerTimes has " + str(problem.layerTimes.size()) +
           " entries but there are " + plural(n, "layer") + "; give one " +
           "entry per layer or none";
  if (problem.strategy == PlanStrategy::BalancedTime &&
      problem.layerTimes.empty())
    return std::string("strategy balanced-time needs layerTimes");
  if (!problem.forbiddenCut.empty() && problem.forbiddenCut.size() != n)
    return "forbiddenCut has " + str(problem.forbiddenCut.size()) +
           " entries but there are " + plural(n, "layer") + "; give one " +
           "entry per layer or none";
  return std::nullopt;
}

void Planner::buildAtoms() {
  size_t n = problem.numLayers;
  isolate = problem.oversize == OversizePolicy::Isolate;
  numDevices = problem.capacities.size();
  uniform =
      std::all_of(problem.capacities.begin(), problem.capacities.end(),
                  [&](uint64_t c) { return c == problem.capacities.front(); });
  bounds.push_back(0);
  for (size_t i = 1; i < n; ++i)
    if (problem.forbiddenCut.empty() || !problem.forbiddenCut[i])
      bounds.push_back(i);
  bounds.push_back(n);
  numAtoms = bounds.size() - 1;
  atomCost.resize(numAtoms);
  for (size_t a = 0; a < numAtoms; ++a) {
    atomCost[a] = cost(a, a + 1);
    maxAtomCost = std::max(maxAtomCost, atomCost[a]);
  }
  timePrefix.assign(numAtoms + 1, 0);
  if (!problem.layerTimes.empty())
    for (size_t a = 0; a < numAtoms; ++a) {
      uint64_t t = 0;
      for (size_t l = bounds[a]; l < bounds[a + 1]; ++l)
        t = addSat(t, problem.layerTimes[l]);
      timePrefix[a + 1] = addSat(timePrefix[a], t);
      maxAtomTime = std::max(maxAtomTime, t);
    }

  // Transfers by atom (counting sort into CSR arrays).
  std::vector<size_t> atomOf(n);
  for (size_t a = 0; a < numAtoms; ++a)
    for (size_t l = bounds[a]; l < bounds[a + 1]; ++l)
      atomOf[l] = a;
  size_t numValues = problem.values.size();
  firstStart.assign(numValues, 0);
  std::vector<std::pair<size_t, size_t>> reads; // (atom, value)
  for (size_t v = 0; v < numValues; ++v) {
    const PlanValue &value = problem.values[v];
    if (value.producer != PlanValue::kBeforeFirst)
      firstStart[v] = atomOf[value.producer] + 1;
    for (size_t user : value.users) {
      if (user >= n || (value.producer != PlanValue::kBeforeFirst &&
                        user <= static_cast<size_t>(value.producer)))
        continue;
      if (atomOf[user] + 1 > firstStart[v])
        reads.emplace_back(atomOf[user], v);
    }
  }
  std::sort(reads.begin(), reads.end());
  reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
  readBegin.assign(numAtoms + 1, 0);
  madeBegin.assign(numAtoms + 1, 0);
  std::vector<char> isRead(numValues, 0);
  for (auto [atom, v] : reads) {
    ++readBegin[atom + 1];
    if (!isRead[v] && firstStart[v] > 0) {
      isRead[v] = 1;
      ++madeBegin[firstStart[v]];
    }
  }
  for (size_t a = 0; a < numAtoms; ++a) {
    readBegin[a + 1] += readBegin[a];
    madeBegin[a + 1] += madeBegin[a];
  }
  readValues.resize(reads.size());
  for (size_t i = 0; i < reads.size(); ++i)
    readValues[i] = reads[i].second;
  madeValues.resize(madeBegin[numAtoms]);
  std::vector<size_t> fill(madeBegin.begin(), madeBegin.end() - 1);
  for (size_t v = 0; v < numValues; ++v)
    if (isRead[v])
      madeValues[fill[firstStart[v] - 1]++] = v;
  seenStamp.assign(numValues, 0);
}

uint64_t Planner::transferIn(size_t a, size_t b) const {
  ++stamp;
  uint64_t bytes = 0;
  for (size_t i = readBegin[a]; i < readBegin[b]; ++i) {
    size_t v = readValues[i];
    if (firstStart[v] > a || seenStamp[v] == stamp)
      continue;
    seenStamp[v] = stamp;
    bytes = addSat(bytes, problem.values[v].bytes);
  }
  return bytes;
}

template <typename Visit>
void Planner::forEachStart(size_t b, size_t stop, Visit visit) const {
  // Going down from b - 1: a value read in [a, b) counts until a reaches
  // its producer's atom.
  // 128 bits: the running sum goes up and down and must not wrap.
  ++stamp;
  unsigned __int128 bytes = 0;
  for (size_t a = b; a-- > stop;) {
    for (size_t i = madeBegin[a]; i < madeBegin[a + 1]; ++i) {
      size_t v = madeValues[i];
      if (seenStamp[v] == stamp) {
        seenStamp[v] = 0;
        bytes -= problem.values[v].bytes;
      }
    }
    for (size_t i = readBegin[a]; i < readBegin[a + 1]; ++i) {
      size_t v = readValues[i];
      if (seenStamp[v] == stamp || firstStart[v] > a)
        continue;
      seenStamp[v] = stamp;
      bytes += problem.values[v].bytes;
    }
    if (visit(a, bytes > kMaxU64 ? kMaxU64 : static_cast<uint64_t>(bytes)))
      return;
  }
}

void Planner::chargeReads(size_t b) {
  size_t atom = b - 1;
  for (size_t i = readBegin[atom]; i < readBegin[atom + 1]; ++i) {
    size_t v = readValues[i];
    if (uncharged[v] > atom)
      continue;
    tree.add(uncharged[v], atom, problem.values[v].bytes);
    uncharged[v] = atom + 1;
  }
}

/// R(a) for one start by galloping then bisecting: O(log length) calls.
size_t Planner::furthestEnd(size_t a, uint64_t cap, uint64_t bound) const {
  uint64_t limit = std::min(cap, bound);
  if (atomCost[a] > limit)
    return spillAllowed(a, bound) ? a + 1 : a;
  return gallop(a, a + 1, limit);
}

size_t Planner::gallop(size_t a, size_t good, uint64_t limit) const {
  size_t bad = numAtoms + 1, step = 1;
  while (good < numAtoms) {
    size_t probe = std::min(good + step, numAtoms);
    if (cost(a, probe) <= limit) {
      good = probe;
      step *= 2;
    } else {
      bad = probe;
      break;
    }
  }
  while (bad - good > 1) {
    size_t mid = good + (bad - good) / 2;
    if (cost(a, mid) <= limit)
      good = mid;
    else
      bad = mid;
  }
  return good;
}

GreedyRun Planner::greedyFrom(size_t startAtom, size_t firstDevice,
                              uint64_t bound, size_t maxGroups) const {
  GreedyRun run;
  size_t a = startAtom;
  while (a < numAtoms) {
    if (run.ends.size() >= maxGroups) {
      run.tooMany = true;
      return run;
    }
    size_t device = firstDevice + run.ends.size();
    size_t end = furthestEnd(a, capOf(device), bound);
    if (end == a) {
      run.stuck = true;
      run.stuckAtom = a;
      run.stuckDevice = device;
      return run;
    }
    run.ends.push_back(end);
    a = end;
  }
  return run;
}

/// lo(b) for b in 1..A on `device` under `bound`: the least valid start of a
/// group ending at b (lo(b) == b when none). Two pointers: O(A) calls.
const std::vector<size_t> &Planner::startsFor(size_t device, uint64_t bound) {
  if (bound != cachedBound) {
    startsCache.clear();
    cachedBound = bound;
  }
  uint64_t limit = std::min(capOf(device), bound);
  for (const auto &entry : startsCache)
    if (entry.first == limit)
      return entry.second;

  // R(a); the pointer only moves forward, and R stays non-decreasing by
  // construction even if the callback is not monotone. It gallops (steps
  // 1, 2, 4, ... then bisects): a query may cost O(group length) (the
  // liveness model), and a card that holds long runs would otherwise pay
  // O(n) queries of length up to n for one advance, O(n^2) per distinct
  // capacity (quadratic in layers, cubic with many heterogeneous cards).
  std::vector<size_t> reach(numAtoms);
  if (problem.makeWindow)
    reachBySweep(limit, bound, reach);
  else
    reachByGallop(limit, bound, reach);
  // lo(b) = 1 + the last start a < b whose group cannot reach b: every start
  // in [lo(b), b) then reaches b (and, since dropping the last atom never
  // adds bytes, holds [start, b)). With monotone costs reach is
  // non-decreasing and this is the first start that reaches b; otherwise
  // starts before a bump are given up, so that every DP (and the count of
  // fewest groups, see fewestGroups) sees the same nested, feasible
  // intervals.
  // Start a blocks every b > max(a, reach[a]): record the last blocking
  // start per first blocked end, then carry the maximum forward.
  std::vector<size_t> lo(numAtoms + 1, 0);
  for (size_t a = 0; a < numAtoms; ++a) {
    size_t firstBlocked = std::max(a, reach[a]) + 1;
    if (firstBlocked <= numAtoms)
      lo[firstBlocked] = std::max(lo[firstBlocked], a + 1);
  }
  for (size_t b = 1; b <= numAtoms; ++b)
    lo[b] = std::max(lo[b], lo[b - 1]);
  startsCache.emplace_back(limit, std::move(lo));
  return startsCache.back().second;
}

void Planner::reachByGallop(uint64_t limit, uint64_t bound,
                            std::vector<size_t> &reach) const {
  size_t r = 0;
  for (size_t a = 0; a < numAtoms; ++a) {
    r = std::max(r, a);
    if (r == a && atomCost[a] <= limit)
      r = a + 1;
    if (r > a) {
      r = gallop(a, r, limit);
      reach[a] = r;
    } else {
      reach[a] = spillAllowed(a, bound) ? a + 1 : a;
    }
  }
}

void Planner::reachBySweep(uint64_t limit, uint64_t bound,
                           std::vector<size_t> &reach) const {
  // Two pointers over atoms with the window holding [a, r): each atom
  // enters and leaves once, plus one failed trial per start.
  if (!sweepWindow)
    sweepWindow = problem.makeWindow();
  GroupWindow *window = sweepWindow.get();
  window->reset(0);
  size_t r = 0;
  for (size_t a = 0; a < numAtoms; ++a) {
    if (r <= a) {
      window->reset(bounds[a]);
      r = a;
      if (atomCost[a] > limit) {
        reach[a] = spillAllowed(a, bound) ? a + 1 : a;
        continue;
      }
    }
    // No shortcut on atomCost[r] > limit: with a callback that is not
    // monotone a group may cost less than its last atom alone.
    while (r < numAtoms) {
      for (size_t l = bounds[r]; l < bounds[r + 1]; ++l)
        window->pushBack();
      if (window->bytes() > limit) {
        for (size_t l = bounds[r]; l < bounds[r + 1]; ++l)
          window->popBack();
        break;
      }
      ++r;
    }
    if (r > a) {
      reach[a] = r;
      for (size_t l = bounds[a]; l < bounds[a + 1]; ++l)
        window->popFront();
      // With a callback that is not monotone, dropping the first atom can
      // make the rest cost more: shrink from the back until it fits again.
      while (r > a + 1 && window->bytes() > limit) {
        --r;
        for (size_t l = bounds[r]; l < bounds[r + 1]; ++l)
          window->popBack();
      }
    } else {
      reach[a] = spillAllowed(a, bound) ? a + 1 : a;
    }
  }
}

/// The largest of `measure` over the groups ending at `ends`.
template <typename Measure>
static uint64_t maxOverGroups(const std::vector<size_t> &ends,
                              Measure measure) {
  uint64_t best = 0;
  size_t begin = 0;
  for (size_t end : ends) {
    best = std::max(best, measure(begin, end));
    begin = end;
  }
  return best;
}

uint64_t Planner::maxBytes(const std::vector<size_t> &ends) const {
  return maxOverGroups(ends, [&](size_t a, size_t b) { return cost(a, b); });
}

uint64_t Planner::maxTime(const std::vector<size_t> &ends) const {
  return maxOverGroups(ends, [&](size_t a, size_t b) { return timeOf(a, b); });
}

std::vector<size_t> Planner::startsWithinTime(uint64_t limit) const {
  std::vector<size_t> lo(numAtoms + 1, 0);
  size_t a = 0;
  for (size_t b = 1; b <= numAtoms; ++b) {
    while (timeOf(a, b) > limit)
      ++a;
    lo[b] = a;
  }
  return lo;
}

std::vector<size_t> Planner::splitLongest(std::vector<size_t> ends,
                                          size_t k) const {
  // (time, begin, end), longest first; single atoms cannot be split.
  std::priority_queue<std::tuple<uint64_t, size_t, size_t>> heap;
  size_t begin = 0;
  for (size_t end : ends) {
    if (end - begin > 1)
      heap.emplace(timeOf(begin, end), begin, end);
    begin = end;
  }
  while (ends.size() < k && !heap.empty()) {
    auto [time, b, e] = heap.top();
    heap.pop();
    // The first split point whose left part takes at least half the time;
    // it or the one before it halves best.
    size_t m =
        std::upper_bound(timePrefix.begin() + b + 1, timePrefix.begin() + e,
                         timePrefix[b] + time / 2) -
        timePrefix.begin();
    m = std::min(m, e - 1);
    if (m > b + 1 && std::max(timeOf(b, m - 1), timeOf(m - 1, e)) <
                         std::max(timeOf(b, m), timeOf(m, e)))
      --m;
    ends.insert(std::lower_bound(ends.begin(), ends.end(), m), m);
    if (m - b > 1)
      heap.emplace(timeOf(b, m), b, m);
    if (e - m > 1)
      heap.emplace(timeOf(m, e), m, e);
  }
  return ends;
}

/// Splits the largest multi-atom groups, each at the allowed cut that best
/// halves it, until there are k groups. Only for identical devices: parts of
/// a fitting group fit, and no group moves to a different kind of device.
std::vector<size_t> Planner::splitLargest(std::vector<size_t> ends,
                                          size_t k) const {
  struct Seg {
    uint64_t bytes;
    size_t begin, end;
    bool operator<(const Seg &o) const {
      if (bytes != o.bytes)
        return bytes < o.bytes;
      return end - begin < o.end - o.begin;
    }
  };
  std::priority_queue<Seg> heap;
  std::vector<Seg> done;
  size_t begin = 0;
  for (size_t end : ends) {
    heap.push({cost(begin, end), begin, end});
    begin = end;
  }
  size_t count = ends.size();
  while (count < k && !heap.empty()) {
    Seg top = heap.top();
    heap.pop();
    if (top.end - top.begin < 2) {
      done.push_back(top);
      continue;
    }
    // Least m with cost(begin, m) >= cost(m, end); m or m - 1 is best.
    size_t lo = top.begin + 1, hi = top.end - 1;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (cost(top.begin, mid) >= cost(mid, top.end))
        hi = mid;
      else
        lo = mid + 1;
    }
    size_t m = lo;
    uint64_t left = cost(top.begin, m), right = cost(m, top.end);
    if (m > top.begin + 1) {
      uint64_t left2 = cost(top.begin, m - 1), right2 = cost(m - 1, top.end);
      if (std::max(left2, right2) < std::max(left, right)) {
        --m;
        left = left2;
        right = right2;
      }
    }
    heap.push({left, top.begin, m});
    heap.push({right, m, top.end});
    ++count;
  }
  while (!heap.empty()) {
    done.push_back(heap.top());
    heap.pop();
  }
  std::sort(done.begin(), done.end(),
            [](const Seg &x, const Seg &y) { return x.begin < y.begin; });
  std::vector<size_t> result;
  for (const Seg &s : done)
    result.push_back(s.end);
  return result;
}

/// Least number of groups when greedy got stuck on heterogeneous devices:
/// reachability rows over the listed devices, then (the extra devices being
/// identical, and finishing from further on never needing more groups)
/// greedy from the furthest atom reached with all listed devices used.
std::optional<Planner::MinGroups> Planner::minGroupsHeterogeneous() {
  std::vector<char> cur(numAtoms + 1, 0), next(numAtoms + 1, 0);
  std::vector<size_t> prefix(numAtoms + 2, 0);
  cur[0] = 1;
  for (size_t g = 0; g < numDevices; ++g) {
    const std::vector<size_t> &lo = startsFor(g, kMaxU64);
    for (size_t a = 0; a <= numAtoms; ++a)
      prefix[a + 1] = prefix[a] + (cur[a] ? 1 : 0);
    bool any = false;
    next[0] = 0;
    for (size_t b = 1; b <= numAtoms; ++b) {
      // Reached starts in lo(b)..b-1.
      next[b] = lo[b] < b && prefix[b] > prefix[lo[b]];
      any = any || next[b];
    }
    if (next[numAtoms])
      return MinGroups{g + 1, numAtoms};
    if (!any)
      return std::nullopt;
    std::swap(cur, next);
  }
  size_t furthest = numAtoms;
  for (size_t a = numAtoms; a-- > 0;)
    if (cur[a]) {
      furthest = a;
      break;
    }
  if (furthest == numAtoms)
    return std::nullopt;
  GreedyRun rest = greedyFrom(furthest, numDevices, kMaxU64,
                              std::numeric_limits<size_t>::max());
  if (rest.stuck)
    return std::nullopt;
  return MinGroups{numDevices + rest.ends.size(), furthest};
}

/// Row g + 1 from row g. Cells of row g are end atoms g..g+width-1; a group
/// [a, b) on device g needs lo(b) <= a. Unweighted (reachability): a prefix
/// count of reached starts. Weighted: the segment tree over starts, charged
/// with the reads of each new end (see "Min-transfer" above).
void Planner::nextRow(size_t g, size_t width, const DPRow &cur, DPRow &next,
                      const std::vector<size_t> &lo, bool weighted) {
  next.value.assign(width, 0);
  next.reached.assign(width, 0);
  if (!weighted) {
    std::vector<size_t> prefix(width + 1, 0);
    for (size_t t = 0; t < width; ++t)
      prefix[t + 1] = prefix[t] + (cur.reached[t] ? 1 : 0);
    for (size_t t = 0; t < width; ++t) {
      // Starts a in max(lo(b), g)..b-1, cells a - g; b - 1 - g = t.
      size_t b = g + 1 + t;
      size_t from = std::max(startOf(lo, b), g) - g;
      next.reached[t] = from <= t && prefix[t + 1] > prefix[from];
    }
    return;
  }
  // Reads before atom g are not charged: they only count for starts below
  // g, which row g does not have.
  tree.reset(numAtoms);
  uncharged = firstStart;
  for (size_t t = 0; t < width; ++t) {
    size_t b = g + 1 + t;
    if (cur.reached[t])
      tree.set(b - 1, 0, cur.value[t]);
    chargeReads(b);
    MinAddTree::Key best = tree.min(std::max(lo[b], g), b - 1);
    if (best.rank != MinAddTree::kUnreached) {
      next.reached[t] = 1;
      next.value[t] = best.bytes;
    }
  }
}

/// Exactly k groups on devices 0..k-1 under `bound`, least total cut weight
/// (or any plan when !weighted). Returns the ends, or an empty vector when
/// feasible but !wantPlan; nullopt when infeasible.
std::optional<std::vector<size_t>>
Planner::layered(size_t k, uint64_t bound, bool weighted, bool wantPlan) {
  if (k == 0 || k > numAtoms)
    return std::nullopt;
  size_t width = numAtoms - k + 1;
  DPRow first;
  first.value.assign(width, 0);
  first.reached.assign(width, 0);
  first.reached[0] = 1;

  if (!wantPlan) {
    DPRow cur = std::move(first), next;
    for (size_t g = 0; g < k; ++g) {
      nextRow(g, width, cur, next, startsFor(g, bound), weighted);
      std::swap(cur, next);
    }
    if (!cur.reached[width - 1])
      return std::nullopt;
    return std::vector<size_t>();
  }

  // Keep every `stride`-th row; recompute a segment when tracing back into it.
  size_t stride = 1;
  if ((k + 1) > kMaxStoredCells / width) {
    while (stride * stride < k + 1)
      ++stride;
  }
  std::vector<DPRow> saved;
  saved.push_back(first);
  {
    DPRow cur = std::move(first), next;
    for (size_t g = 0; g < k; ++g) {
      nextRow(g, width, cur, next, startsFor(g, bound), weighted);
      std::swap(cur, next);
      if ((g + 1) % stride == 0 || g + 1 == k)
        saved.push_back(cur);
    }
  }
  // saved[i] is row i * stride, except the last entry, which is row k.
  const DPRow &last = saved.back();
  if (!last.reached[width - 1])
    return std::nullopt;

  size_t segFirst = std::numeric_limits<size_t>::max();
  std::vector<DPRow> segment;
  auto rowAt = [&](size_t g) -> const DPRow & {
    if (stride == 1)
      return saved[g];
    size_t first = g / stride * stride;
    if (first != segFirst) {
      segment.clear();
      segment.push_back(saved[g / stride]);
      for (size_t r = first; r < g; ++r) {
        segment.emplace_back();
        nextRow(r, width, segment[segment.size() - 2], segment.back(),
                startsFor(r, bound), weighted);
      }
      segFirst = first;
    }
    // Rows above g in this segment are not needed any more (we go down).
    return segment[g - first];
  };

  std::vector<size_t> ends(k);
  size_t b = numAtoms;
  uint64_t target = last.value[width - 1];
  for (size_t g = k; g-- > 0;) {
    ends[g] = b;
    const DPRow &row = rowAt(g);
    const std::vector<size_t> &lo = startsFor(g, bound);
    // Prefer the latest start: earlier groups come out large, as in greedy.
    size_t found = b;
    auto match = [&](size_t a, uint64_t in) {
      if (!row.reached[a - g] || addSat(row.value[a - g], in) != target)
        return false;
      found = a;
      target = row.value[a - g];
      return true;
    };
    size_t stop = std::max(startOf(lo, b), g);
    if (weighted)
      forEachStart(b, stop, match);
    else
      for (size_t a = b; a-- > stop;)
        if (match(a, 0))
          break;
    if (found == b)
      return std::nullopt; // Only reachable with an inconsistent callback.
    b = found;
  }
  if (b != 0)
    return std::nullopt;
  return ends;
}

/// Identical devices, minimum count: lexicographic (groups, transfer) DP.
/// The group ends of a plan whose group ending at b starts at parent[b],
/// read back from the last atom.
static std::vector<size_t> endsFromParents(const std::vector<size_t> &parent,
                                           size_t numAtoms) {
  std::vector<size_t> ends;
  for (size_t b = numAtoms; b != 0; b = parent[b])
    ends.push_back(b);
  std::reverse(ends.begin(), ends.end());
  return ends;
}

std::optional<std::vector<size_t>> Planner::minTransferOneDim() {
  const std::vector<size_t> &lo = startsFor(0, kMaxU64);
  std::vector<size_t> parent(numAtoms + 1, 0);
  std::vector<char> reached(numAtoms + 1, 0);
  reached[0] = 1;
  tree.reset(numAtoms);
  uncharged = firstStart;
  MinAddTree::Key best{0, 0, 0};
  for (size_t b = 1; b <= numAtoms; ++b) {
    if (reached[b - 1])
      tree.set(b - 1, best.rank, best.bytes);
    chargeReads(b);
    MinAddTree::Key found = tree.min(lo[b], b - 1);
    best = MinAddTree::Key{MinAddTree::kUnreached, 0, 0};
    if (found.rank != MinAddTree::kUnreached) {
      reached[b] = 1;
      parent[b] = found.index;
      best = MinAddTree::Key{found.rank + 1, found.bytes, b};
    }
  }
  if (!reached[numAtoms])
    return std::nullopt;
  return endsFromParents(parent, numAtoms);
}

std::optional<std::vector<size_t>> Planner::fewestGroups() {
  // groups[b] = 1 + min over starts a in [lo[b], b) of groups[a]; lo is
  // non-decreasing, so a deque of starts by increasing count gives each
  // minimum in O(1) amortised.
  const std::vector<size_t> &lo = startsFor(0, kMaxU64);
  constexpr size_t kNone = std::numeric_limits<size_t>::max();
  std::vector<size_t> groups(numAtoms + 1, kNone), parent(numAtoms + 1, 0);
  groups[0] = 0;
  std::deque<size_t> window; // Starts, groups[] increasing front to back.
  for (size_t b = 1; b <= numAtoms; ++b) {
    size_t a = b - 1;
    if (groups[a] != kNone) {
      while (!window.empty() && groups[window.back()] >= groups[a])
        window.pop_back();
      window.push_back(a);
    }
    size_t from = startOf(lo, b);
    while (!window.empty() && window.front() < from)
      window.pop_front();
    if (!window.empty() && from < b) {
      groups[b] = groups[window.front()] + 1;
      parent[b] = window.front();
    }
  }
  if (groups[numAtoms] == kNone)
    return std::nullopt;
  return endsFromParents(parent, numAtoms);
}

std::optional<std::vector<size_t>> Planner::planGreedy(const GreedyRun &first,
                                                       size_t k) {
  if (!first.stuck && first.ends.size() == k)
    return first.ends;
  if (uniform && !first.stuck)
    return splitLargest(first.ends, k);
  // Heterogeneous: a split moves later groups onto other devices.
  return layered(k, kMaxU64, /*weighted=*/false, /*wantPlan=*/true);
}

std::optional<std::vector<size_t>> Planner::planBalanced(const GreedyRun &first,
                                                         size_t k) {
  std::optional<std::vector<size_t>> base = planGreedy(first, k);
  if (!base)
    return std::nullopt;
  uint64_t lo = maxAtomCost, hi = maxBytes(*base);
  if (lo >= hi)
    return base;
  if (uniform) {
    std::optional<std::vector<size_t>> bestRun;
    while (lo < hi) {
      uint64_t mid = lo + (hi - lo) / 2;
      GreedyRun run = greedyFrom(0, 0, mid, k);
      if (!run.stuck && !run.tooMany) {
        hi = mid;
        bestRun = std::move(run.ends);
      } else {
        lo = mid + 1;
      }
    }
    if (!bestRun)
      return base;
    return splitLargest(std::move(*bestRun), k);
  }
  uint64_t baseMax = hi;
  while (lo < hi) {
    uint64_t mid = lo + (hi - lo) / 2;
    if (layered(k, mid, /*weighted=*/false, /*wantPlan=*/false))
      hi = mid;
    else
      lo = mid + 1;
  }
  if (hi < baseMax)
    if (auto plan = layered(k, hi, /*weighted=*/false, /*wantPlan=*/true))
      return plan;
  return base;
}

std::optional<std::vector<size_t>> Planner::planMinTransfer(size_t k,
                                                            bool atMin) {
  if (uniform && atMin)
    return minTransferOneDim();
  return layered(k, kMaxU64, /*weighted=*/true, /*wantPlan=*/true);
}

std::optional<std::vector<size_t>>
Planner::planBalancedTime(const GreedyRun &first, size_t k) {
  std::optional<std::vector<size_t>> best = planGreedy(first, k);
  if (!best)
    return std::nullopt;
  uint64_t lo = maxAtomTime, hi = maxTime(*best);
  while (lo < hi) {
    uint64_t mid = lo + (hi - lo) / 2;
    std::vector<size_t> limit = startsWithinTime(mid);
    timeLo = &limit;
    std::optional<std::vector<size_t>> plan;
    if (uniform) {
      plan = fewestGroups();
      if (plan && plan->size() > k)
        plan.reset();
      else if (plan)
        plan = splitLongest(std::move(*plan), k);
    } else {
      plan = layered(k, kMaxU64, /*weighted=*/false, /*wantPlan=*/true);
    }
    timeLo = nullptr;
    if (plan) {
      hi = mid;
      best = std::move(plan);
    } else {
      lo = mid + 1;
    }
  }
  return best;
}

PlanError Planner::oversizeError(size_t atom, size_t device) const {
  PlanError error;
  error.kind = PlanError::Kind::Oversize;
  uint64_t cap = capOf(device);
  error.capacity = cap;
  size_t begin = bounds[atom], end = bounds[atom + 1];
  std::string where =
      "device " + str(device) + " holds only " + plural(cap, "byte");
  // A single layer too large on its own is the clearer culprit.
  for (size_t layer = begin; layer < end; ++layer) {
    uint64_t bytes = end - begin == 1 ? atomCost[atom]
                                      : problem.groupBytes(layer, layer + 1);
    if (bytes > cap) {
      error.layer = layer;
      error.bytes = bytes;
      error.message = "layer " + str(layer) + " alone needs " +
                      plural(bytes, "byte") + " but " + where;
      return error;
    }
  }
  error.layer = begin;
  error.bytes = atomCost[atom];
  error.message = "layers " + str(begin) + " to " + str(end - 1) +
                  " must stay together because cuts between them are " +
                  "forbidden, and together they need " +
                  plural(atomCost[atom], "byte") + " but " + where;
  return error;
}

PlanError Planner::tooFewDevices(size_t needed, size_t firstHomeless,
                                 bool requested) const {
  PlanError error;
  error.kind = PlanError::Kind::TooFewDevices;
  error.groupsNeeded = needed;
  error.devicesAvailable = numDevices;
  error.layer = bounds[std::min(firstHomeless, numAtoms - 1)];
  if (requested)
    error.message = plural(needed, "group") + " were requested but only " +
                    plural(numDevices, "device") + " are available";
  else
    error.message = "the layers need at least " + plural(needed, "group") +
                    " but only " + plural(numDevices, "device") +
                    " are available; layer " + str(error.layer) +
                    " is the first that found no device";
  return error;
}

PlanResult Planner::finish(const std::vector<size_t> &ends, size_t k) const {
  auto broken = [](std::string what) {
    return failWith(PlanError::Kind::InvalidInput,
                    "the groupBytes callback does not behave as a monotone "
                    "cost (" +
                        what + "), so no plan can be trusted");
  };
  if (ends.size() != k || ends.empty() || ends.back() != numAtoms)
    return broken("the plan came out with the wrong number of groups");
  PartitionPlan plan;
  size_t begin = 0;
  for (size_t g = 0; g < ends.size(); ++g) {
    size_t end = ends[g];
    if (end <= begin || end > numAtoms)
      return broken("the plan came out malformed");
    PlanGroup group;
    group.begin = bounds[begin];
    group.end = bounds[end];
    group.bytes = problem.groupBytes(group.begin, group.end);
    group.capacity = capOf(g);
    group.spilling = group.bytes > group.capacity;
    if (group.spilling && !(isolate && end == begin + 1))
      return broken("layers " + str(group.begin) + " to " + str(group.end - 1) +
                    " need " + plural(group.bytes, "byte") +
                    " but were planned on a " + plural(group.capacity, "byte") +
                    " device");
    group.transferInBytes = transferIn(begin, end);
    group.time = timeOf(begin, end);
    plan.transferBytes = addSat(plan.transferBytes, group.transferInBytes);
    plan.maxGroupBytes = std::max(plan.maxGroupBytes, group.bytes);
    plan.maxGroupTime = std::max(plan.maxGroupTime, group.time);
    plan.groups.push_back(group);
    begin = end;
  }
  PlanResult result;
  result.plan = std::move(plan);
  return result;
}

PlanResult Planner::run() {
  if (std::optional<std::string> message = validate())
    return failWith(PlanError::Kind::InvalidInput, *message);
  buildAtoms();
  size_t n = problem.numLayers;
  const std::optional<size_t> &requested = problem.numPartitions;
  auto badCount = [](PlanError::CountProblem why, size_t requested,
                     size_t limit, std::string message) {
    PlanResult result =
        failWith(PlanError::Kind::BadPartitionCount, std::move(message));
    result.error->countProblem = why;
    result.error->requested = requested;
    result.error->limit = limit;
    return result;
  };
  using CountProblem = PlanError::CountProblem;
  if (requested) {
    size_t p = *requested;
    if (p == 0)
      return badCount(CountProblem::Zero, 0, 0,
                      "numPartitions must be at least 1");
    if (p > n)
      return badCount(CountProblem::MoreThanLayers, p, n,
                      "cannot make " + plural(p, "group") + " from " +
                          plural(n, "layer"));
    if (p > numAtoms)
      return badCount(
          CountProblem::MoreThanCuts, p, numAtoms,
          "cannot make " + plural(p, "group") + ": only " + str(numAtoms - 1) +
              " of the " + str(n - 1) +
              " cut points between layers are allowed, so at most " +
              plural(numAtoms, "group") + " can be made");
  }

  // Least number of groups, with extra devices like the last one.
  constexpr size_t noLimit = std::numeric_limits<size_t>::max();
  GreedyRun first = greedyFrom(0, 0, kMaxU64, noLimit);
  if (uniform) {
    // With a callback that is not monotone (a group cheaper than a group
    // inside it) greedy can miss the fewest groups; the DP over the same
    // feasible starts finds them, and its plan stands in for greedy's.
    std::optional<std::vector<size_t>> fewest = fewestGroups();
    if (fewest && (first.stuck || fewest->size() != first.ends.size())) {
      first.ends = std::move(*fewest);
      first.stuck = false;
    }
  }
  size_t minGroups, firstHomeless = numAtoms;
  if (!first.stuck) {
    minGroups = first.ends.size();
    if (minGroups > numDevices)
      firstHomeless = first.ends[numDevices - 1];
  } else {
    std::optional<MinGroups> found;
    if (!uniform)
      found = minGroupsHeterogeneous();
    if (!found)
      return failWith(oversizeError(first.stuckAtom, first.stuckDevice));
    minGroups = found->groups;
    firstHomeless = found->firstHomeless;
  }
  if (!problem.unlimitedDevices && minGroups > numDevices)
    return failWith(tooFewDevices(minGroups, firstHomeless, false));

  size_t k = minGroups;
  if (requested) {
    size_t p = *requested;
    if (p < minGroups)
      return badCount(CountProblem::FewerThanNeeded, p, minGroups,
                      "cannot make " + plural(p, "group") + ": at least " +
                          plural(minGroups, "group") +
                          " are needed to fit the device capacities");
    if (!problem.unlimitedDevices && p > numDevices) {
      // Where group numDevices would start after splitting greedy's plan.
      size_t homeless = std::min(numDevices, numAtoms - 1);
      if (!first.stuck)
        homeless = splitLargest(first.ends, p)[numDevices - 1];
      return failWith(tooFewDevices(p, homeless, true));
    }
    k = p;
  }

  std::optional<std::vector<size_t>> ends;
  switch (problem.strategy) {
  case PlanStrategy::Greedy:
    ends = planGreedy(first, k);
    break;
  case PlanStrategy::Balanced:
    ends = planBalanced(first, k);
    break;
  case PlanStrategy::MinTransfer:
    ends = planMinTransfer(k, k == minGroups);
    break;
  case PlanStrategy::BalancedTime:
    ends = planBalancedTime(first, k);
    break;
  }
  if (!ends) {
    if (requested)
      return badCount(CountProblem::NoFit, k, 0,
                      "no split into exactly " + plural(k, "group") +
                          " fits the device capacities");
    return failWith(PlanError::Kind::InvalidInput,
                    "the groupBytes callback does not behave as a monotone "
                    "cost, so no plan could be built");
  }
  return finish(*ends, k);
}

} // namespace

std::optional<PlanStrategy>
cachepart::parsePlanStrategy(const std::string &name) {
  if (name == "greedy")
    return PlanStrategy::Greedy;
  if (name == "balanced")
    return PlanStrategy::Balanced;
  if (name == "min-transfer")
    return PlanStrategy::MinTransfer;
  if (name == "balanced-time")
    return PlanStrategy::BalancedTime;
  return std::nullopt;
}

const char *cachepart::stringifyPlanStrategy(PlanStrategy strategy) {
  switch (strategy) {
  case PlanStrategy::Greedy:
    return "greedy";
  case PlanStrategy::Balanced:
    return "balanced";
  case PlanStrategy::MinTransfer:
    return "min-transfer";
  case PlanStrategy::BalancedTime:
    return "balanced-time";
  }
  return "unknown";
}

namespace {
/// A window of the whole problem seen from a segment starting at `offset`.
class OffsetWindow : public GroupWindow {
public:
  OffsetWindow(std::unique_ptr<GroupWindow> inner, size_t offset)
      : inner(std::move(inner)), offset(offset) {}
  void reset(size_t begin) override { inner->reset(offset + begin); }
  void pushBack() override { inner->pushBack(); }
  void popBack() override { inner->popBack(); }
  void popFront() override { inner->popFront(); }
  uint64_t bytes() const override { return inner->bytes(); }

private:
  std::unique_ptr<GroupWindow> inner;
  size_t offset;
};
} // namespace

/// Plans the segments between forced cuts one after the other: segment s
/// uses the devices after those of segments 0..s-1. Errors name layers of
/// the whole problem.
static PlanResult planSegments(const PlanProblem &problem) {
  size_t n = problem.numLayers;
  std::vector<size_t> starts = {0};
  for (size_t i = 1; i < n && i < problem.forcedCut.size(); ++i) {
    if (!problem.forcedCut[i])
      continue;
    if (i < problem.forbiddenCut.size() && problem.forbiddenCut[i]) {
      PlanResult result =
          failWith(PlanError::Kind::InvalidInput,
                   "a cut is required before layer " + std::to_string(i) +
                       " but no cut is allowed there");
      result.error->layer = i;
      return result;
    }
    starts.push_back(i);
  }
  if (problem.numPartitions) {
    PlanResult result =
        failWith(PlanError::Kind::BadPartitionCount,
                 "a number of groups cannot be asked for together with "
                 "required cuts");
    result.error->countProblem = PlanError::CountProblem::WithForcedCuts;
    result.error->requested = *problem.numPartitions;
    return result;
  }
  starts.push_back(n);
  PartitionPlan whole;
  size_t devicesUsed = 0;
  for (size_t s = 0; s + 1 < starts.size(); ++s) {
    size_t begin = starts[s], end = starts[s + 1];
    PlanProblem part;
    part.numLayers = end - begin;
    part.unlimitedDevices = problem.unlimitedDevices;
    part.strategy = problem.strategy;
    part.oversize = problem.oversize;
    part.groupBytes = [&problem, begin](size_t a, size_t b) {
      return problem.groupBytes(begin + a, begin + b);
    };
    if (problem.makeWindow)
      part.makeWindow = [&problem, begin]() -> std::unique_ptr<GroupWindow> {
        return std::make_unique<OffsetWindow>(problem.makeWindow(), begin);
      };
    // Values made in an earlier segment are sent to every group of this
    // one that reads them; reads in later segments do not matter here.
    for (const PlanValue &value : problem.values) {
      if (value.producer >= static_cast<int64_t>(end))
        continue;
      PlanValue local;
      local.bytes = value.bytes;
      local.producer = value.producer >= static_cast<int64_t>(begin)
                           ? value.producer - static_cast<int64_t>(begin)
                           : PlanValue::kBeforeFirst;
      for (size_t user : value.users)
        if (user >= begin &&
            user<end &&static_cast<int64_t>(user)> value.producer)
          local.users.push_back(user - begin);
      if (!local.users.empty())
        part.values.push_back(std::move(local));
    }
    if (!problem.layerTimes.empty())
      part.layerTimes.assign(problem.layerTimes.begin() + begin,
                             problem.layerTimes.begin() + end);
    if (!problem.forbiddenCut.empty())
      part.forbiddenCut.assign(problem.forbiddenCut.begin() + begin,
                               problem.forbiddenCut.begin() + end);
    // The devices after those already used.
    const std::vector<uint64_t> &caps = problem.capacities;
    if (devicesUsed < caps.size())
      part.capacities.assign(caps.begin() + devicesUsed, caps.end());
    else if (problem.unlimitedDevices && !caps.empty())
      part.capacities = {caps.back()};
    else {
      PlanResult result =
          failWith(PlanError::Kind::TooFewDevices,
                   "the required cuts make more groups than there are devices");
      result.error->layer = begin;
      result.error->groupsNeeded = devicesUsed + 1;
      result.error->devicesAvailable = caps.size();
      return result;
    }
    PlanResult result = planPartition(part);
    if (!result.plan) {
      result.error->layer += begin;
      result.error->groupsNeeded += devicesUsed;
      if (!problem.unlimitedDevices)
        result.error->devicesAvailable = caps.size();
      return result;
    }
    for (PlanGroup group : result.plan->groups) {
      group.begin += begin;
      group.end += begin;
      whole.groups.push_back(group);
      whole.maxGroupBytes = std::max(whole.maxGroupBytes, group.bytes);
      whole.maxGroupTime = std::max(whole.maxGroupTime, group.time);
    }
    whole.transferBytes =
        addSat(whole.transferBytes, result.plan->transferBytes);
    devicesUsed += result.plan->groups.size();
  }
  PlanResult result;
  result.plan = std::move(whole);
  return result;
}

PlanResult cachepart::planPartition(const PlanProblem &problem) {
  for (size_t i = 1; i < problem.forcedCut.size() && i < problem.numLayers; ++i)
    if (problem.forcedCut[i])
      return planSegments(problem);
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  try {
    return Planner(problem).run();
  } catch (const std::bad_alloc &) {
    return failWith(PlanError::Kind::InvalidInput,
                    "the planner ran out of memory");
  } catch (...) {
    return failWith(PlanError::Kind::InvalidInput,
                    "the groupBytes callback threw an exception");
  }
#else
  return Planner(problem).run();
#endif
}

std::optional<std::string> cachepart::verifyPlan(const PlanProblem &problem,
                                                 const PartitionPlan &plan) {
  size_t n = problem.numLayers;
  auto cutAllowed = [&](size_t i) {
    return problem.forbiddenCut.empty() || !problem.forbiddenCut[i];
  };
  auto capOf = [&](size_t g) {
    const std::vector<uint64_t> &caps = problem.capacities;
    return g < caps.size() ? caps[g] : caps.back();
  };
  if (plan.groups.empty() || problem.capacities.empty())
    return std::string("the plan has no groups or the problem no devices");
  if (!problem.unlimitedDevices &&
      plan.groups.size() > problem.capacities.size())
    return "the plan has " + plural(plan.groups.size(), "group") +
           " but there are only " + plural(problem.capacities.size(), "device");
  // Reads per layer, for transferIn.
  std::vector<std::vector<size_t>> reads(n);
  for (size_t v = 0; v < problem.values.size(); ++v)
    for (size_t user : problem.values[v].users)
      if (user<n &&static_cast<int64_t>(user)> problem.values[v].producer)
        reads[user].push_back(v);
  std::vector<size_t> seenIn(problem.values.size(), SIZE_MAX);
  std::vector<bool> cutAt(n + 1, false);
  size_t begin = 0;
  uint64_t transfer = 0, maxBytes = 0, maxTime = 0;
  for (size_t g = 0; g < plan.groups.size(); ++g) {
    const PlanGroup &group = plan.groups[g];
    std::string name = "group " + str(g) + " (layers " + str(group.begin) +
                       " to " + str(group.end) + ")";
    if (group.begin != begin || group.end <= group.begin || group.end > n)
      return name + " does not continue the groups before it";
    if (g > 0 && !cutAllowed(group.begin))
      return name + " starts where no cut is allowed";
    cutAt[group.begin] = true;
    if (group.bytes != problem.groupBytes(group.begin, group.end))
      return name + " reports " + plural(group.bytes, "byte") +
             " but its layers need another number";
    if (group.capacity != capOf(g))
      return name + " is on a device of another capacity";
    if (group.spilling != (group.bytes > group.capacity))
      return name + " is marked spilling wrongly";
    if (group.spilling) {
      bool oneRun = problem.oversize == OversizePolicy::Isolate;
      for (size_t i = group.begin + 1; i < group.end && oneRun; ++i)
        oneRun = !cutAllowed(i);
      if (!oneRun)
        return name + " exceeds its device but is not a single run of "
                      "layers isolated on purpose";
    }
    uint64_t in = 0;
    for (size_t l = group.begin; l < group.end; ++l)
      for (size_t v : reads[l]) {
        const PlanValue &value = problem.values[v];
        if (seenIn[v] == g || (value.producer != PlanValue::kBeforeFirst &&
                               value.producer >= int64_t(group.begin)))
          continue;
        seenIn[v] = g;
        in = addSat(in, value.bytes);
      }
    if (group.transferInBytes != in)
      return name + " reports receiving " +
             plural(group.transferInBytes, "byte") +
             " but its reads add up to " + plural(in, "byte");
    uint64_t time = 0;
    if (!problem.layerTimes.empty())
      for (size_t l = group.begin; l < group.end; ++l)
        time = addSat(time, problem.layerTimes[l]);
    if (group.time != time)
      return name + " reports a time of " + str(group.time) +
             " but its layers add up to " + str(time);
    transfer = addSat(transfer, in);
    maxBytes = std::max(maxBytes, group.bytes);
    maxTime = std::max(maxTime, time);
    begin = group.end;
  }
  if (begin != n)
    return "the groups end at layer " + str(begin) + " but there are " +
           plural(n, "layer");
  for (size_t i = 1; i < n && i < problem.forcedCut.size(); ++i)
    if (problem.forcedCut[i] && !cutAt[i])
      return "a cut is required before layer " + str(i) +
             " but the plan has none there";
  if (plan.transferBytes != transfer || plan.maxGroupBytes != maxBytes ||
      plan.maxGroupTime != maxTime)
    return std::string("the plan's totals do not add up over its groups");
  return std::nullopt;
}

size_t cachepart::lowerBoundOnGroups(uint64_t wholeBytes,
                                     const PartitionPlan &plan,
                                     std::vector<uint64_t> capacities,
                                     bool unlimitedDevices) {
  size_t bound = 0;
  uint64_t spilled = 0;
  for (const PlanGroup &group : plan.groups)
    if (group.spilling) {
      ++bound;
      spilled = addSat(spilled, group.bytes);
    }
  uint64_t rest = wholeBytes > spilled ? wholeBytes - spilled : 0;
  // The capacity that repeats is the last in device order.
  uint64_t repeat = capacities.empty() ? 0 : capacities.back();
  std::sort(capacities.begin(), capacities.end(), std::greater<uint64_t>());
  uint64_t covered = 0;
  for (size_t d = 0; d < capacities.size() && covered < rest; ++d) {
    // Endless devices of `repeat` bytes beat any smaller listed one.
    if (unlimitedDevices && capacities[d] <= repeat)
      break;
    covered = addSat(covered, capacities[d]);
    ++bound;
  }
  // More devices like the last one: how many, computed (not counted).
  if (covered < rest && unlimitedDevices && repeat > 0) {
    uint64_t left = rest - covered;
    bound += left / repeat + (left % repeat != 0);
  }
  return bound;
}
