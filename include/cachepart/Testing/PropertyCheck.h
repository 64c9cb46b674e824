//===- PropertyCheck.h - Properties every pass run must have ----*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Runs one program through the cachepart passes in-process and checks what
// must hold for any input: a located error or a result that verifies and
// round-trips, report invariants (the planner's transfer count equal to what
// the outlined program moves), the same k from every strategy, the memory
// models' sliding group windows equal to their one-off group queries, and
// for a program with a driver `@main(memref<Nxf32>)` of at most a
// thousand ops once partitioned, bitwise-equal results before and after
// partitioning (JIT, ExecutionEngine). Shared by the property campaign's
// worker (tools/cachepart-property-check) and the IR fuzzer.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_TESTING_PROPERTYCHECK_H
#define CACHEPART_TESTING_PROPERTYCHECK_H

#include "mlir/IR/DialectRegistry.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace cachepart::testing {

/// How a case ended; `problems` lists the properties it broke.
struct CaseResult {
  enum class Outcome {
    /// The program does not parse or verify (the generator's fault).
    NotParsed,
    /// The pipeline string was rejected (an option value out of range).
    OptionsRejected,
    /// The pass failed with located errors only.
    LocatedError,
    /// The pass succeeded.
    Planned,
  };
  Outcome outcome = Outcome::NotParsed;
  std::vector<std::string> problems;
  /// The first error message, for NotParsed / OptionsRejected / LocatedError.
  std::string message;
  /// Whether the program ran before and after partitioning.
  bool executed = false;
};

llvm::StringRef stringifyOutcome(CaseResult::Outcome outcome);

/// Checks programs; one instance serves many cases (each in a fresh context).
class PropertyChecker {
public:
  /// `reportPath`: a scratch file for the pass's JSON report.
  /// `runtimeLibDir`: where libmlir_c_runner_utils.so lives (for the JIT).
  PropertyChecker(std::string reportPath, std::string runtimeLibDir);

  /// `passOptions`: the `cache-partition` options, space separated
  /// (`capacity=2MB strategy=balanced`). `execute`: run `@main` if present.
  CaseResult check(llvm::StringRef text, llvm::StringRef passOptions,
                   bool execute);

private:
  mlir::DialectRegistry registry;
  std::string reportPath;
  std::string runtimeLibDir;
};

} // namespace cachepart::testing

#endif // CACHEPART_TESTING_PROPERTYCHECK_H
