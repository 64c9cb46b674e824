//===- SplitChooserTest.cpp - Choice of dimensions and piece counts -------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// The chooser against hand-computed cost models and against exhaustive
// search over every grid of one or two dimensions.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Planner/SplitChooser.h"

#include <gtest/gtest.h>

#include <random>

using namespace cachepart;

namespace {
uint64_t ceilDiv(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

/// A matmul M x N x K (f32) on one card: weights K*N sliced by N, input
/// M*K sliced by M, result M*N sliced by both.
SplitQuery matmul(uint64_t m, uint64_t n, uint64_t k, uint64_t capacity) {
  SplitQuery query;
  query.extents = {m, n};
  query.capacity = capacity;
  query.cost = [k](const std::vector<uint64_t> &t) {
    uint64_t weights = 4 * k * t[1];
    uint64_t input = 4 * t[0] * k;
    uint64_t result = 4 * t[0] * t[1];
    return std::optional<PieceCost>(
        PieceCost{weights + input + result, input + result});
  };
  return query;
}
} // namespace

// Weight-heavy: 4 x 512 x 256 at 128 KiB. Cutting N (loop 1): a piece of
// t columns needs 1024 t (weights) + 4096 (input) + 16 t (result) bytes;
// 1040 t + 4096 <= 131072 gives t <= 122, so ceil(512 / 122) = 5 pieces of
// ceil(512 / 5) = 103 columns. Cutting M cannot help: weights stay 512 KiB.
TEST(SplitChooser, WeightHeavyMatmulCutsColumns) {
  SplitOutcome out = chooseSplit(matmul(4, 512, 256, 131072));
  ASSERT_TRUE(out.choice);
  EXPECT_EQ(out.choice->pieces, 5u);
  EXPECT_EQ(out.choice->counts, (std::vector<uint64_t>{1, 5}));
  EXPECT_EQ(out.choice->tiles, (std::vector<uint64_t>{4, 103}));
  // 1040 * 103 + 4096 = 111216.
  EXPECT_EQ(out.choice->piece.bytes, 111216u);
}

// Activation-heavy: 1024 x 8 x 8 at 8 KiB. Rows: 32 t (input) + 256
// (weights) + 32 t (result) <= 8192 gives t <= 124 -> 9 pieces. Columns: the
// 32 KiB input stays whole: no fit. So rows, 9 pieces of ceil(1024/9) = 114.
TEST(SplitChooser, ActivationHeavyCutsRows) {
  SplitOutcome out = chooseSplit(matmul(1024, 8, 8, 8192));
  ASSERT_TRUE(out.choice);
  EXPECT_EQ(out.choice->counts, (std::vector<uint64_t>{9, 1}));
  EXPECT_EQ(out.choice->tiles[0], 114u);
}

// Ties on the piece count go to fewer bytes moved. A 2-D op whose pieces
// cost the same along both loops but move more along loop 0.
TEST(SplitChooser, TiesGoToFewerMovedBytes) {
  SplitQuery query;
  query.extents = {8, 8};
  query.capacity = 400;
  query.cost = [](const std::vector<uint64_t> &t) {
    // bytes = 100 * (t0 * t1 / 8) (4 pieces either way); loop 0 moves 50
    // extra bytes per piece when cut.
    uint64_t bytes = 100 * t[0] * t[1] / 8;
    uint64_t moved = t[0] < 8 ? 150 : 100;
    return std::optional<PieceCost>(PieceCost{bytes, moved});
  };
  SplitOutcome out = chooseSplit(query);
  ASSERT_TRUE(out.choice);
  // t0 = 8, t1 = 4 -> 400 B: 2 pieces along loop 1, moving 2 * 100.
  EXPECT_EQ(out.choice->counts, (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(out.choice->movedBytes, 200u);
}

// Neither loop alone suffices: a convolution whose weights (by channels)
// and im2col buffer (by rows) are both larger than the card. Cost of a
// piece of r rows and c channels: 100 c (weights) + 100 r (im2col) + r c.
// Capacity 1200, 16 x 16: one loop alone leaves 1600 B; a grid fits.
TEST(SplitChooser, GridWhenNoSingleLoopFits) {
  SplitQuery query;
  query.extents = {16, 16};
  query.capacity = 1200;
  query.cost = [](const std::vector<uint64_t> &t) {
    return std::optional<PieceCost>(
        PieceCost{100 * t[1] + 100 * t[0] + t[0] * t[1], 0});
  };
  SplitOutcome out = chooseSplit(query);
  ASSERT_TRUE(out.choice);
  // Best grid by hand: 2 x 2 pieces of 8 x 8 cost 800 + 800 + 64 = 1664 >
  // 1200; 2 x 4 (8 rows, 4 channels): 400 + 800 + 32 = 1232 > 1200; 3 x 3
  // (6 x 6): 1236 > 1200; 2 x 5 (8 x 4, balanced from 16 / 5 -> 4):
  // 1232; 3 x 4 (6 x 4): 400 + 600 + 24 = 1024 <= 1200 -> 12 pieces; 2 x 6
  // (8 x 3): 300 + 800 + 24 = 1124 -> 12 pieces too. Nothing with 11 or
  // fewer pieces fits, so 12.
  EXPECT_EQ(out.choice->pieces, 12u);
  EXPECT_LE(out.choice->piece.bytes, 1200u);
}

// A piece of one iteration of every loop still too big: no choice, and the
// smallest piece is reported (100 + 100 + 1 = 201 B against 150 B).
TEST(SplitChooser, NothingFitsReportsSmallestPiece) {
  SplitQuery query;
  query.extents = {16, 16};
  query.capacity = 150;
  query.cost = [](const std::vector<uint64_t> &t) {
    return std::optional<PieceCost>(
        PieceCost{100 * t[1] + 100 * t[0] + t[0] * t[1], 0});
  };
  SplitOutcome out = chooseSplit(query);
  EXPECT_FALSE(out.choice);
  ASSERT_TRUE(out.smallestPiece);
  EXPECT_EQ(out.smallestPiece->bytes, 201u);
}

// No candidate loop, or pieces that cannot be sized: no choice, no crash.
TEST(SplitChooser, DegenerateInputs) {
  SplitQuery query;
  query.capacity = 10;
  EXPECT_FALSE(chooseSplit(query).choice);
  query.extents = {1, 0};
  query.cost = [](const std::vector<uint64_t> &) {
    return std::optional<PieceCost>();
  };
  EXPECT_FALSE(chooseSplit(query).choice);
  query.extents = {8};
  EXPECT_FALSE(chooseSplit(query).choice);
}

// Exhaustive check: random separable costs over 2 loops; the chooser's
// piece count equals the fewest pieces over every balanced grid (counts
// c0, c1) whose largest piece fits.
TEST(SplitChooser, MatchesExhaustiveSearchOnTwoLoops) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 2000; ++trial) {
    uint64_t e0 = 1 + rng() % 12, e1 = 1 + rng() % 12;
    uint64_t a = rng() % 50, b = rng() % 50, c = rng() % 5, base = rng() % 40;
    SplitQuery query;
    query.extents = {e0, e1};
    query.capacity = 20 + rng() % 400;
    query.cost = [=](const std::vector<uint64_t> &t) {
      return std::optional<PieceCost>(
          PieceCost{base + a * t[0] + b * t[1] + c * t[0] * t[1], 0});
    };
    uint64_t whole = query.cost({e0, e1})->bytes;
    uint64_t bestPieces = 0;
    for (uint64_t c0 = 1; c0 <= e0; ++c0)
      for (uint64_t c1 = 1; c1 <= e1; ++c1) {
        uint64_t t0 = ceilDiv(e0, c0), t1 = ceilDiv(e1, c1);
        // A balanced count is one that ceil(e / ceil(e / c)) reproduces.
        if (ceilDiv(e0, t0) != c0 || ceilDiv(e1, t1) != c1)
          continue;
        if (query.cost({t0, t1})->bytes > query.capacity || c0 * c1 < 2)
          continue;
        if (!bestPieces || c0 * c1 < bestPieces)
          bestPieces = c0 * c1;
      }
    SplitOutcome out = chooseSplit(query);
    if (whole <= query.capacity) {
      // Fits whole: one piece.
      ASSERT_TRUE(out.choice) << "trial " << trial;
      EXPECT_EQ(out.choice->pieces, 1u) << "trial " << trial;
      continue;
    }
    ASSERT_EQ(out.choice.has_value(), bestPieces != 0) << "trial " << trial;
    if (out.choice) {
      EXPECT_EQ(out.choice->pieces, bestPieces) << "trial " << trial;
      EXPECT_LE(out.choice->piece.bytes, query.capacity);
    }
  }
}

// A limit on the number of pieces: the weight-heavy matmul above needs 5
// pieces; with maxPieces = 4 there is no choice, and the outcome says how
// many pieces a split whose pieces fit needs (5), not a smallest piece.
// With maxPieces = 5 the choice is the same as without a limit.
TEST(SplitChooser, MaxPiecesRefusesLargerSplits) {
  SplitQuery query = matmul(4, 512, 256, 131072);
  query.maxPieces = 4;
  SplitOutcome out = chooseSplit(query);
  EXPECT_FALSE(out.choice);
  ASSERT_TRUE(out.fewestPieces);
  EXPECT_EQ(*out.fewestPieces, 5u);
  EXPECT_FALSE(out.smallestPiece);
  query.maxPieces = 5;
  out = chooseSplit(query);
  ASSERT_TRUE(out.choice);
  EXPECT_EQ(out.choice->pieces, 5u);
  EXPECT_FALSE(out.fewestPieces);
}
