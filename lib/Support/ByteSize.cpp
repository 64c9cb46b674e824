//===- ByteSize.cpp - Byte quantities with units --------------------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Support/ByteSize.h"

#include <cctype>

using namespace cachepart;

namespace {
/// Lower-cases ASCII letters; the unit grammar is case-insensitive.
std::string toLower(std::string_view s) {
  std::string out(s);
  for (char &c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool isSpace(char c) { return c == ' ' || c == '\t'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Maps a unit spelling to its power of 1024; -1 if unknown.
int unitExponent(const std::string &unit) {
  if (unit.empty() || unit == "b")
    return 0;
  static const char *const prefixes = "kmgt";
  for (int e = 0; e < 4; ++e) {
    char p = prefixes[e];
    std::string s1(1, p);
    if (unit == s1 || unit == s1 + "b" || unit == s1 + "i" || unit == s1 + "ib")
      return e + 1;
  }
  return -1;
}
} // namespace

bool ByteSize::parse(std::string_view text, ByteSize &result,
                     std::string &error) {
  size_t pos = 0, n = text.size();
  while (pos < n && isSpace(text[pos]))
    ++pos;
  if (pos == n) {
    error = "expected a byte size such as 2MB, 512KB or 1048576";
    return false;
  }
  if (text[pos] == '-') {
    error = "a byte size cannot be negative";
    return false;
  }
  if (text[pos] == '+')
    ++pos;
  // Integer part, then an optional fraction, kept exact as digits.
  std::string intDigits, fracDigits;
  while (pos < n && isDigit(text[pos]))
    intDigits += text[pos++];
  if (pos < n && text[pos] == '.') {
    ++pos;
    while (pos < n && isDigit(text[pos]))
      fracDigits += text[pos++];
  }
  if (intDigits.empty() && fracDigits.empty()) {
    error = "expected a number at the start of the byte size";
    return false;
  }
  while (pos < n && isSpace(text[pos]))
    ++pos;
  size_t unitStart = pos;
  while (pos < n && isAlpha(text[pos]))
    ++pos;
  std::string unit = toLower(text.substr(unitStart, pos - unitStart));
  while (pos < n && isSpace(text[pos]))
    ++pos;
  if (pos != n) {
    error = "unexpected trailing characters after the byte size";
    return false;
  }
  int exponent = unitExponent(unit);
  if (exponent < 0) {
    error = "unknown unit '" + unit +
            "' (expected B, KB, MB, GB or TB, optionally KiB/MiB/GiB/TiB; "
            "K/M/G/T are powers of 1024)";
    return false;
  }
  // Drop trailing zeros of the fraction: "1.50MB" == "1.5MB".
  while (!fracDigits.empty() && fracDigits.back() == '0')
    fracDigits.pop_back();
  // value = (int * 10^f + frac) * 1024^e / 10^f, computed exactly in 128 bits.
  while (intDigits.size() > 1 && intDigits.front() == '0')
    intDigits.erase(intDigits.begin());
  // 25 digits < 2^84; times 1024^4 stays below 2^128.
  if (intDigits.size() + fracDigits.size() > 25) {
    error = "the byte size does not fit in 64 bits";
    return false;
  }
  unsigned __int128 mantissa = 0;
  for (char c : intDigits + fracDigits)
    mantissa = mantissa * 10 + static_cast<unsigned>(c - '0');
  unsigned __int128 scale = 1;
  for (size_t i = 0; i < fracDigits.size(); ++i)
    scale *= 10;
  unsigned __int128 value = mantissa;
  for (int e = 0; e < exponent; ++e)
    value *= 1024;
  if (value % scale != 0) {
    error = "the byte size is not a whole number of bytes";
    return false;
  }
  value /= scale;
  if (value > static_cast<unsigned __int128>(UINT64_MAX)) {
    error = "the byte size does not fit in 64 bits";
    return false;
  }
  result = ByteSize(static_cast<uint64_t>(value));
  return true;
}

std::string ByteSize::str() const {
  static const char *const units[] = {"B", "KB", "MB", "GB", "TB"};
  uint64_t v = bytes;
  int u = 0;
  while (u < 4 && v != 0 && v % 1024 == 0) {
    v /= 1024;
    ++u;
  }
  return std::to_string(v) + units[u];
}
