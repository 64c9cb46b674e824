//===- cachepart-opt.cpp - cachepart optimizer driver ---------------------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// mlir-opt with every upstream dialect, extension and pass (a linalg/tosa
// user needs tosa-to-linalg, bufferization and the LLVM lowering) plus the
// cachepart dialect and passes.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Registration/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  // With --remarks-filter the partition pass reports every cut: thousands
  // on large models. Buffering stderr turns each into one write.
  llvm::errs().SetBuffered();
  mlir::registerAllPasses();
  cachepart::registerAllCachePartPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  cachepart::registerCachePartDialect(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "cachepart optimizer driver\n", registry));
}
