//===- partition-tool.cpp - cachepart from a downstream C++ tool ----------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Parses a model, runs the cachepart pipeline from C++ (the cache partition
// pass with the given capacity, then the lowering of transfers) and prints
// the partitioned module. Built against the installed package only.
//
//   partition-tool MODEL.mlir 2MB
//
//===----------------------------------------------------------------------===//

#include "cachepart/Registration/Registration.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

int main(int argc, char **argv) {
  if (argc != 3) {
    llvm::errs() << "usage: partition-tool MODEL.mlir CAPACITY\n";
    return 2;
  }
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  cachepart::registerCachePartDialect(registry);
  cachepart::registerAllCachePartPasses();
  mlir::MLIRContext context(registry);

  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(argv[1], &context);
  if (!module)
    return 1;

  // The passes a user gives cachepart-opt, on the module.
  std::string pipeline = std::string("cache-partition{capacity=") + argv[2] +
                         "},cache-lower-transfers";
  auto pm = mlir::PassManager::on<mlir::ModuleOp>(&context);
  if (mlir::failed(mlir::parsePassPipeline(pipeline, pm, llvm::errs())))
    return 1;
  if (mlir::failed(pm.run(*module)))
    return 1;
  module->print(llvm::outs());
  llvm::outs() << "\n";
  return 0;
}
