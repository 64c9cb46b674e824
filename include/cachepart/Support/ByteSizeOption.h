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
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

namespace cachepart {
inline llvm::raw_ostream &operator<<(llvm::raw_ostream &os, ByteSize size) {
  return os << size.str();
}
} // namespace cachepart

namespace llvm {
namespace cl {
template <>
class parser<cachepart::ByteSize> final
    : public basic_parser<cachepart::ByteSize> {
public:
  parser(Option &o) : basic_parser(o) {}

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
  static void print(raw_ostream &os, const cachepart::ByteSize &value) {
    os << value.str();
  }
  void printOptionDiff(const Option &o, const cachepart::ByteSize &v,
                       const OptionValue<cachepart::ByteSize> &,
                       size_t globalWidth) const {
    printOptionName(o, globalWidth);
    outs() << "= " << v.str() << "\n";
  }
};
} // namespace cl
} // namespace llvm

#endif // CACHEPART_SUPPORT_BYTESIZEOPTION_H
