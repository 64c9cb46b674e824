//===- StrOptionParser.h - llvm::cl parsers for str() values ----*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// What the llvm::cl parsers of cachepart's option value types (ByteSize,
// BatchSize) share: they print as their str(), in --help, in option diffs
// and when a pass prints its options.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_SUPPORT_STROPTIONPARSER_H
#define CACHEPART_SUPPORT_STROPTIONPARSER_H

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

namespace cachepart {
namespace detail {

/// Base of `llvm::cl::parser<T>` for a value type T with `std::string
/// str() const`; the derived parser only parses.
template <typename T> class StrOptionParser : public llvm::cl::basic_parser<T> {
public:
  using llvm::cl::basic_parser<T>::basic_parser;
  static void print(llvm::raw_ostream &os, const T &value) {
    os << value.str();
  }
  void printOptionDiff(const llvm::cl::Option &o, const T &value,
                       const llvm::cl::OptionValue<T> &,
                       size_t globalWidth) const {
    this->printOptionName(o, globalWidth);
    llvm::outs() << "= " << value.str() << "\n";
  }
};

} // namespace detail
} // namespace cachepart

#endif // CACHEPART_SUPPORT_STROPTIONPARSER_H
