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

#include "ForeignDialects.h"

#include "cachepart/Registration/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

/// Whether a pass option says report=- (JSON on stdout) while the IR also
/// goes to stdout (no -o, or -o -): the two would be mixed.
static bool reportsToStdoutWithIR(int argc, char **argv) {
  static const llvm::Regex reportToStdout("(^|[ {\"'=])report=-($|[ }\"'])");
  bool report = false;
  llvm::StringRef output = "-";
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    if (reportToStdout.match(arg))
      report = true;
    if ((arg == "-o" || arg == "--o") && i + 1 < argc)
      output = argv[i + 1];
    else if (arg.consume_front("-o=") || arg.consume_front("--o="))
      output = arg;
  }
  return report && output == "-";
}

int main(int argc, char **argv) {
  // Errors are located in the user's file: no generic-form dump of the op
  // under each (upstream's default), unless asked for.
  std::vector<char *> args(argv, argv + argc);
  bool printOpChosen = llvm::any_of(args, [](const char *arg) {
    return llvm::StringRef(arg).ltrim('-').starts_with(
        "mlir-print-op-on-diagnostic");
  });
  static char noOpDump[] = "--mlir-print-op-on-diagnostic=false";
  if (!printOpChosen)
    args.insert(args.begin() + 1, noOpDump);
  args.push_back(nullptr);
  if (reportsToStdoutWithIR(argc, argv)) {
    llvm::errs() << "cachepart-opt: error: report=- writes the JSON report to "
                    "stdout, where the IR goes too: pass -o FILE (or -o "
                    "/dev/null) for the IR, or report=FILE for the JSON\n";
    return 1;
  }

  // With --remarks-filter the partition pass reports every cut: thousands
  // on large models. Buffering stderr turns each into one write.
  llvm::errs().SetBuffered();
  mlir::registerAllPasses();
  cachepart::registerAllCachePartPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  cachepart::registerCachePartDialect(registry);
  cachepart::registerForeignDialectHints(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(static_cast<int>(args.size()) - 1, args.data(),
                        "cachepart optimizer driver\n", registry));
}
