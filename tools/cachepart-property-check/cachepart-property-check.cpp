//===- cachepart-property-check.cpp - Property campaign worker ------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Reads cases from stdin and checks each in-process (PropertyCheck.h), so a
// campaign pays for process start-up once, not per case. A case is
//
//   case <bytes> <execute: 0|1>\n<cache-partition options>\n<bytes of MLIR>
//
// and its answer one JSON line on stdout:
//
//   {"outcome": "planned", "executed": true, "problems": [], "message": ""}
//
// scripts/property_campaign.py generates the programs and drives this tool
// (and restarts it, naming the case, when it crashes or hangs).
//
//===----------------------------------------------------------------------===//

#include "cachepart/Testing/PropertyCheck.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <iostream>
#include <string>

using namespace cachepart::testing;

static llvm::cl::opt<std::string>
    reportPath("report-file", llvm::cl::desc("Scratch file for reports"),
               llvm::cl::init("/tmp/cachepart-property-report.json"));
static llvm::cl::opt<std::string> runtimeLibDir(
    "runtime-lib-dir",
    llvm::cl::desc("Directory of libmlir_c_runner_utils.so (for the JIT)"),
    llvm::cl::init(CACHEPART_MLIR_RUNTIME_DIR));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::cl::ParseCommandLineOptions(argc, argv,
                                    "cachepart property campaign worker\n");
  PropertyChecker checker(reportPath, runtimeLibDir);
  std::string header, options;
  while (std::getline(std::cin, header)) {
    size_t bytes = 0;
    int execute = 0;
    if (std::sscanf(header.c_str(), "case %zu %d", &bytes, &execute) != 2) {
      llvm::errs() << "bad case header: " << header << "\n";
      return 2;
    }
    std::getline(std::cin, options);
    std::string text(bytes, '\0');
    if (!std::cin.read(text.data(), bytes)) {
      llvm::errs() << "truncated case\n";
      return 2;
    }
    CaseResult result = checker.check(text, options, execute != 0);
    llvm::json::Array problems;
    for (const std::string &problem : result.problems)
      problems.push_back(problem);
    llvm::outs() << llvm::json::Value(llvm::json::Object{
                        {"outcome", stringifyOutcome(result.outcome)},
                        {"executed", result.executed},
                        {"problems", std::move(problems)},
                        {"message", result.message},
                    })
                 << "\n";
    llvm::outs().flush();
  }
  return 0;
}
