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

CACHEPART_STR_OPTION_PARSER(cachepart::ByteSize)

#endif // CACHEPART_SUPPORT_BYTESIZEOPTION_H
