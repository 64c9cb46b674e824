//===- BatchSize.h - batch= option: a number or "auto" ----------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_SUPPORT_BATCHSIZE_H
#define CACHEPART_SUPPORT_BATCHSIZE_H

#include "cachepart/Support/StrOptionParser.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace cachepart {

/// The size of dynamic leading (batch) dimensions: a number (0 = not
/// given), or "auto" (the partition pass picks the largest batch whose plan
/// fits the cards).
struct BatchSize {
  uint64_t value = 0; ///< 0 when not given or "auto".
  bool isAuto = false;

  std::string str() const { return isAuto ? "auto" : std::to_string(value); }
  /// As ByteSize::parse: "auto" or a number.
  static bool parse(std::string_view text, BatchSize &result,
                    std::string &error) {
    result = BatchSize{0, text == "auto"};
    if (result.isAuto || !llvm::StringRef(text).getAsInteger(0, result.value))
      return true;
    error = "expected a number or 'auto'";
    return false;
  }
  static constexpr const char *kNoun = "batch", *kValueName = "batch";
};

inline bool operator==(BatchSize a, BatchSize b) {
  return a.value == b.value && a.isAuto == b.isAuto;
}
inline bool operator!=(BatchSize a, BatchSize b) { return !(a == b); }
inline llvm::raw_ostream &operator<<(llvm::raw_ostream &os, BatchSize batch) {
  return os << batch.str();
}

} // namespace cachepart

CACHEPART_STR_OPTION_PARSER(cachepart::BatchSize)

#endif // CACHEPART_SUPPORT_BATCHSIZE_H
