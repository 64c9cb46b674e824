//===- ByteSizeFuzzer.cpp - libFuzzer target for the byte size parser -----===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Any input either parses or yields an error message; a parsed value prints
// back (str()) to a spelling that parses to the same value.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Support/ByteSize.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view text(reinterpret_cast<const char *>(data), size);
  cachepart::ByteSize value;
  std::string error;
  if (!cachepart::ByteSize::parse(text, value, error)) {
    if (error.empty())
      __builtin_trap(); // Every rejection says why.
    return 0;
  }
  cachepart::ByteSize back;
  std::string error2;
  if (!cachepart::ByteSize::parse(value.str(), back, error2) || back != value)
    __builtin_trap();
  return 0;
}
