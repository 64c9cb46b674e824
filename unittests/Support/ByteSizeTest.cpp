//===- ByteSizeTest.cpp - Tests of the byte size parser -------------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Support/ByteSize.h"

#include "gtest/gtest.h"

#include <vector>

using cachepart::ByteSize;

namespace {
uint64_t parseOk(std::string_view text) {
  ByteSize size;
  std::string error;
  EXPECT_TRUE(ByteSize::parse(text, size, error)) << text << ": " << error;
  return size.getBytes();
}

std::string parseError(std::string_view text) {
  ByteSize size;
  std::string error;
  EXPECT_FALSE(ByteSize::parse(text, size, error)) << text;
  return error;
}
} // namespace

TEST(ByteSizeTest, PlainBytes) {
  EXPECT_EQ(parseOk("2097152"), 2097152u);
  EXPECT_EQ(parseOk("0"), 0u);
  EXPECT_EQ(parseOk("17B"), 17u);
  EXPECT_EQ(parseOk("18446744073709551615"), UINT64_MAX);
  EXPECT_EQ(parseOk("  42  "), 42u);
  EXPECT_EQ(parseOk("+8"), 8u);
}

TEST(ByteSizeTest, UnitsArePowersOf1024) {
  EXPECT_EQ(parseOk("2MB"), 2u * 1024 * 1024);   // 2097152
  EXPECT_EQ(parseOk("2 MiB"), 2u * 1024 * 1024); // 2097152
  EXPECT_EQ(parseOk("512KB"), 512u * 1024);      // 524288
  EXPECT_EQ(parseOk("512k"), 512u * 1024);       // 524288
  EXPECT_EQ(parseOk("4GiB"), 4ull * 1024 * 1024 * 1024);
  EXPECT_EQ(parseOk("1TB"), 1ull << 40);
  EXPECT_EQ(parseOk("3m"), 3u * 1024 * 1024);
}

TEST(ByteSizeTest, CaseInsensitive) {
  EXPECT_EQ(parseOk("2mb"), parseOk("2MB"));
  EXPECT_EQ(parseOk("2mIb"), parseOk("2MB"));
  EXPECT_EQ(parseOk("7b"), 7u);
}

TEST(ByteSizeTest, Fractions) {
  EXPECT_EQ(parseOk("1.5MB"), 1572864u); // 1.5 * 1048576
  EXPECT_EQ(parseOk("0.5KB"), 512u);
  EXPECT_EQ(parseOk("1.50MB"), 1572864u);
  EXPECT_EQ(parseOk(".5KB"), 512u);
  EXPECT_EQ(parseOk("2.0"), 2u);
}

TEST(ByteSizeTest, RejectsEmpty) {
  EXPECT_NE(parseError("").find("expected a byte size"), std::string::npos);
  EXPECT_NE(parseError("   ").find("expected a byte size"), std::string::npos);
}

TEST(ByteSizeTest, RejectsNegative) {
  EXPECT_NE(parseError("-1").find("cannot be negative"), std::string::npos);
  EXPECT_NE(parseError("-2MB").find("cannot be negative"), std::string::npos);
}

TEST(ByteSizeTest, RejectsUnknownUnit) {
  EXPECT_NE(parseError("2XB").find("unknown unit 'xb'"), std::string::npos);
  EXPECT_NE(parseError("2 bytes").find("unknown unit"), std::string::npos);
  EXPECT_NE(parseError("2PB").find("unknown unit"), std::string::npos);
}

TEST(ByteSizeTest, RejectsFractionalBytes) {
  EXPECT_NE(parseError("1.5").find("not a whole number of bytes"),
            std::string::npos);
  EXPECT_NE(parseError("0.3KB").find("not a whole number of bytes"),
            std::string::npos); // 307.2 bytes
}

TEST(ByteSizeTest, RejectsOverflow) {
  EXPECT_NE(parseError("18446744073709551616").find("does not fit in 64 bits"),
            std::string::npos); // 2^64
  EXPECT_NE(parseError("16777216TB").find("does not fit in 64 bits"),
            std::string::npos); // 2^24 * 2^40 = 2^64
  EXPECT_NE(parseError("99999999999999999999999999999999").find("64 bits"),
            std::string::npos);
}

TEST(ByteSizeTest, RejectsTrailingGarbage) {
  EXPECT_NE(parseError("2MB!").find("trailing"), std::string::npos);
  EXPECT_NE(parseError("2 MB 3").find("trailing"), std::string::npos);
  EXPECT_NE(parseError("1.2.3").find("trailing"), std::string::npos);
}

TEST(ByteSizeTest, RejectsMissingNumber) {
  EXPECT_NE(parseError("MB").find("expected a number"), std::string::npos);
  EXPECT_NE(parseError(".").find("expected a number"), std::string::npos);
}

TEST(ByteSizeTest, CanonicalSpellingIsLossless) {
  EXPECT_EQ(ByteSize(2097152).str(), "2MB");
  EXPECT_EQ(ByteSize(1572864).str(), "1536KB");
  EXPECT_EQ(ByteSize(1000).str(), "1000B");
  EXPECT_EQ(ByteSize(0).str(), "0B");
  EXPECT_EQ(ByteSize(1ull << 40).str(), "1TB");
  EXPECT_EQ(ByteSize(1ull << 50).str(), "1024TB");
  // Round trip: str() parses back to the same value.
  for (uint64_t v :
       std::vector<uint64_t>{1, 1023, 1024, 1536, 3ull << 30, UINT64_MAX}) {
    ByteSize back;
    std::string error;
    ASSERT_TRUE(ByteSize::parse(ByteSize(v).str(), back, error)) << error;
    EXPECT_EQ(back.getBytes(), v);
  }
}
