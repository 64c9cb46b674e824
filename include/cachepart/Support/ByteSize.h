//===- ByteSize.h - Byte quantities with units ------------------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// A byte count as written by users: "2097152", "2MB", "2 MiB", "1.5MB",
// "512kb". Units are case-insensitive; K/M/G/T (with or without "i", with or
// without "B") are powers of 1024, the convention of cache sizes. "B" or no
// unit means bytes. The value must be a whole number of bytes that fits in 64
// bits. This header is plain C++ so that the planner, fuzzers and unit tests
// can use it without MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_SUPPORT_BYTESIZE_H
#define CACHEPART_SUPPORT_BYTESIZE_H

#include <cstdint>
#include <string>
#include <string_view>

namespace cachepart {

class ByteSize {
public:
  constexpr ByteSize() = default;
  constexpr explicit ByteSize(uint64_t bytes) : bytes(bytes) {}

  constexpr uint64_t getBytes() const { return bytes; }
  constexpr bool operator==(const ByteSize &o) const {
    return bytes == o.bytes;
  }
  constexpr bool operator!=(const ByteSize &o) const {
    return bytes != o.bytes;
  }

  /// Parses `text`. On failure returns false and sets `error` to a sentence
  /// that says what is wrong (without the input itself).
  static bool parse(std::string_view text, ByteSize &result,
                    std::string &error);

  /// The canonical, lossless spelling: the largest unit among B, KB, MB, GB,
  /// TB that divides the value exactly ("2MB", "1536KB", "1000B", "0B").
  std::string str() const;

  /// How errors and --help name it (see StrOptionParser.h).
  static constexpr const char *kNoun = "byte size", *kValueName = "size";

private:
  uint64_t bytes = 0;
};

} // namespace cachepart

#endif // CACHEPART_SUPPORT_BYTESIZE_H
