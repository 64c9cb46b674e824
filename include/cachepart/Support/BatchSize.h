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

namespace cachepart {

/// The size of dynamic leading (batch) dimensions: a number (0 = not
/// given), or "auto" (the partition pass picks the largest batch whose plan
/// fits the cards).
class BatchSize {
public:
  constexpr BatchSize() = default;
  constexpr explicit BatchSize(uint64_t value) : value(value) {}
  static constexpr BatchSize automatic() {
    BatchSize batch;
    batch.isAutomatic = true;
    return batch;
  }

  constexpr uint64_t getValue() const { return isAutomatic ? 0 : value; }
  constexpr bool isAuto() const { return isAutomatic; }
  std::string str() const {
    return isAutomatic ? "auto" : std::to_string(value);
  }
  constexpr bool operator==(const BatchSize &o) const {
    return value == o.value && isAutomatic == o.isAutomatic;
  }
  constexpr bool operator!=(const BatchSize &o) const { return !(*this == o); }

private:
  uint64_t value = 0;
  bool isAutomatic = false;
};

inline llvm::raw_ostream &operator<<(llvm::raw_ostream &os, BatchSize batch) {
  return os << batch.str();
}

} // namespace cachepart

namespace llvm {
namespace cl {
template <>
class parser<cachepart::BatchSize> final
    : public cachepart::detail::StrOptionParser<cachepart::BatchSize> {
public:
  parser(Option &o) : StrOptionParser(o) {}

  /// Returns true on error, as llvm::cl expects.
  bool parse(Option &o, StringRef argName, StringRef arg,
             cachepart::BatchSize &value) {
    if (arg == "auto") {
      value = cachepart::BatchSize::automatic();
      return false;
    }
    uint64_t number = 0;
    if (arg.getAsInteger(0, number))
      return o.error("invalid batch '" + arg +
                     "': expected a number or 'auto'");
    value = cachepart::BatchSize(number);
    return false;
  }
  StringRef getValueName() const override { return "batch"; }
};
} // namespace cl
} // namespace llvm

#endif // CACHEPART_SUPPORT_BATCHSIZE_H
