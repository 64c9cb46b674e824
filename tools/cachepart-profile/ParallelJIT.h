//===- ParallelJIT.h - Compile an LLVM-dialect module on every core -------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// MLIR's ExecutionEngine compiles its module as one LLVM module on one
// thread; for a profiled DenseNet-201 (a 57,000-instruction model function
// and 350 layer functions) that is 4.6 s of the 8.4 s the tool takes. This
// compiles the same LLVM IR (translateModuleToLLVMIR, the host's target
// machine) in as many parts as there are cores, each part in its own
// LLVMContext and thread, and links the objects with ORC's LLJIT, the JIT
// the ExecutionEngine is built on.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_TOOLS_PROFILE_PARALLELJIT_H
#define CACHEPART_TOOLS_PROFILE_PARALLELJIT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

#include <functional>
#include <memory>

namespace cachepart {

struct ParallelJITOptions {
  /// Optimisation and code generation level (0-3).
  unsigned optLevel = 2;
  /// Parts compiled at once; 0: one per hardware thread.
  unsigned threads = 0;
  /// Run on each part's module, in its thread, before code generation (the
  /// part's own target machine given).
  std::function<llvm::Error(llvm::Module &, llvm::TargetMachine &)> optimize;
  /// Shared libraries whose exported functions the code may call.
  llvm::ArrayRef<llvm::StringRef> sharedLibPaths;
  /// Symbols the code references and the tool defines (functions, data).
  llvm::StringMap<void *> symbols;
};

class ParallelJIT {
public:
  /// Translates `module` (LLVM dialect) to LLVM IR and compiles it; an
  /// error when a step fails.
  static llvm::Expected<std::unique_ptr<ParallelJIT>>
  create(mlir::ModuleOp module, const ParallelJITOptions &options);

  /// The address of function `name` (C calling convention).
  llvm::Expected<void *> lookup(llvm::StringRef name);

private:
  std::unique_ptr<llvm::orc::LLJIT> jit;
};

} // namespace cachepart

#endif // CACHEPART_TOOLS_PROFILE_PARALLELJIT_H
