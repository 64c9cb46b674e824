//===- ByteSizeOption.h - llvm::cl parser for ByteSize ----------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Lets `ByteSize` be the type of an llvm::cl option or an MLIR pass option:
// the value is checked when the option is parsed, not later by the pass.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_SUPPORT_BYTESIZEOPTION_H
#define CACHEPART_SUPPORT_BYTESIZEOPTION_H

#include "cachepart/Support/ByteSize.h"
#include "cachepart/Support/StrOptionParser.h"

namespace cachepart {
inline llvm::raw_ostream &operator<<(llvm::raw_ostream &os, ByteSize size) {
  return os << size.str();
}
} // namespace cachepart

namespace llvm {
namespace cl {
template <>
class parser<cachepart::ByteSize> final
    : public cachepart::detail::StrOptionParser<cachepart::ByteSize> {
public:
  parser(Option &o) : StrOptionParser(o) {}

  /// Returns true on error, as llvm::cl expects.
  bool parse(Option &o, StringRef argName, StringRef arg,
             cachepart::ByteSize &value) {
    std::string error;
    if (cachepart::ByteSize::parse(std::string_view(arg.data(), arg.size()),
                                   value, error))
      return false;
    return o.error("invalid byte size '" + arg + "': " + error);
  }
  StringRef getValueName() const override { return "size"; }
};
} // namespace cl
} // namespace llvm

#endif // CACHEPART_SUPPORT_BYTESIZEOPTION_H
