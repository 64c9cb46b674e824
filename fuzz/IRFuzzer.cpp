//===- IRFuzzer.cpp - libFuzzer target: MLIR modules through the passes ---===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// The input is one byte of options followed by MLIR text (seeds: the lit
// tests and bundled models; libFuzzer mutates them). A module that parses
// goes through --cache-footprint and --cache-partition in-process and must
// keep every property of PropertyCheck.h: located errors only, an output
// that verifies and parses back, a second run that does not break it, the
// report's invariants, one k for every strategy. A broken property traps.
// Programs are not executed here (the property campaign does that).
//
//===----------------------------------------------------------------------===//

#include "cachepart/Testing/PropertyCheck.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string>
#include <unistd.h>

using namespace cachepart::testing;

namespace {

/// The option sets the first byte selects: capacities from "everything
/// fits" to "every layer is split", both memory models, every oversize
/// policy, limited cards, cards used in turns, batch=auto and fixed group
/// counts.
std::string options(uint8_t selector) {
  static const char *const capacities[] = {"capacity=64", "capacity=4KB",
                                           "capacity=256KB", "capacity=16MB"};
  static const char *const extras[] = {
      "oversize=split",
      "oversize=isolate",
      "oversize=error",
      "oversize=split num-devices=3",
      "oversize=isolate num-partitions=2",
      "oversize=split max-pieces=4 im2col=false",
      "oversize=isolate num-devices=1 batch=2",
      "oversize=split num-devices=2 reuse=round-robin",
      "oversize=error num-devices=2 batch=auto",
      "oversize=split dynamic-dim-bound=8"};
  std::string text = capacities[selector & 3];
  text += (selector & 4) ? " memory-model=liveness" : " memory-model=sum";
  text += " ";
  text += extras[(selector >> 3) % std::size(extras)];
  return text;
}

PropertyChecker &checker() {
  static PropertyChecker instance(
      "/tmp/cachepart-fuzz-ir-" + std::to_string(getpid()) + ".json", "");
  return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2)
    return 0;
  llvm::StringRef text(reinterpret_cast<const char *>(data + 1), size - 1);
  CaseResult result = checker().check(text, options(data[0]),
                                      /*execute=*/false);
  if (result.problems.empty())
    return 0;
  for (const std::string &problem : result.problems)
    llvm::errs() << "property broken [" << options(data[0]) << "]: " << problem
                 << "\n";
  llvm::errs().flush();
  std::abort();
}
