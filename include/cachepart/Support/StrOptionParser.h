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

#include <string>
#include <string_view>

namespace cachepart {
namespace detail {

/// Base of `llvm::cl::parser<T>` for a value type T with `std::string
/// str() const`, `static bool parse(std::string_view, T &, std::string
/// &error)` (true on success) and the words `kNoun` (in errors) and
/// `kValueName` (in --help).
template <typename T> class StrOptionParser : public llvm::cl::basic_parser<T> {
public:
  using llvm::cl::basic_parser<T>::basic_parser;

  /// Returns true on error, as llvm::cl expects.
  bool parse(llvm::cl::Option &o, llvm::StringRef argName, llvm::StringRef arg,
             T &value) {
    std::string error;
    if (T::parse(std::string_view(arg.data(), arg.size()), value, error))
      return false;
    return o.error(llvm::Twine("invalid ") + T::kNoun + " '" + arg +
                   "': " + error);
  }
  llvm::StringRef getValueName() const override { return T::kValueName; }
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

/// The llvm::cl parser of TYPE (at global scope).
#define CACHEPART_STR_OPTION_PARSER(TYPE)                                      \
  template <>                                                                  \
  class llvm::cl::parser<TYPE> final                                           \
      : public cachepart::detail::StrOptionParser<TYPE> {                      \
  public:                                                                      \
    using StrOptionParser::StrOptionParser;                                    \
  };

#endif // CACHEPART_SUPPORT_STROPTIONPARSER_H
