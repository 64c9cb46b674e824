//===- ForeignDialects.cpp - Hints for dialects cachepart cannot read -----===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "ForeignDialects.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/TypeID.h"

using namespace mlir;

namespace {
/// What to do with a model in each foreign dialect.
constexpr llvm::StringLiteral kStableHLOHint =
    "cachepart reads linalg and TOSA: lower StableHLO first, e.g. "
    "'stablehlo-opt --stablehlo-legalize-to-linalg' (or "
    "'--stablehlo-legalize-to-tosa'), then run cachepart-opt on the result";
constexpr llvm::StringLiteral kTorchHint =
    "cachepart reads linalg and TOSA: lower the torch dialect first with "
    "torch-mlir, e.g. 'torch-mlir-opt "
    "--torch-backend-to-linalg-on-tensors-backend-pipeline' (or "
    "'--torch-backend-to-tosa-backend-pipeline')";
constexpr llvm::StringLiteral kIREEHint =
    "cachepart reads linalg and TOSA in func.func functions: IREE's "
    "util/flow/hal/stream ops appear after IREE's own pipeline starts; take "
    "the model before it (the linalg or TOSA that the framework exported, "
    "e.g. from torch-mlir or 'stablehlo-opt --stablehlo-legalize-to-linalg')";

/// A dialect that loads under a foreign name, accepts no op, and adds
/// `Hint` as a note to the parser's errors about its ops.
template <const llvm::StringLiteral &Name, const llvm::StringLiteral &Hint>
class ForeignDialect : public Dialect {
public:
  explicit ForeignDialect(MLIRContext *ctx)
      : Dialect(getDialectNamespace(), ctx, TypeID::get<ForeignDialect>()) {
    std::string opPrefix = ("'" + Name + ".").str();
    std::string dialectTag = ("('" + Name + "')").str();
    // Called before the tool's own handler, which then prints the error
    // with the note attached.
    ctx->getDiagEngine().registerHandler(
        [opPrefix, dialectTag](Diagnostic &diag) -> LogicalResult {
          if (diag.getSeverity() != DiagnosticSeverity::Error)
            return failure();
          std::string text = diag.str();
          if (StringRef(text).contains(opPrefix) ||
              StringRef(text).contains(dialectTag))
            diag.attachNote() << Hint;
          return failure(); // Not handled: the next handler prints it.
        });
  }
  static constexpr llvm::StringLiteral getDialectNamespace() { return Name; }
};

constexpr llvm::StringLiteral kStableHLO = "stablehlo";
constexpr llvm::StringLiteral kCHLO = "chlo";
constexpr llvm::StringLiteral kMHLO = "mhlo";
constexpr llvm::StringLiteral kTorch = "torch";
constexpr llvm::StringLiteral kUtil = "util";
constexpr llvm::StringLiteral kFlow = "flow";
constexpr llvm::StringLiteral kHAL = "hal";
constexpr llvm::StringLiteral kStream = "stream";
} // namespace

void cachepart::registerForeignDialectHints(DialectRegistry &registry) {
  registry.insert<
      ForeignDialect<kStableHLO, kStableHLOHint>,
      ForeignDialect<kCHLO, kStableHLOHint>,
      ForeignDialect<kMHLO, kStableHLOHint>, ForeignDialect<kTorch, kTorchHint>,
      ForeignDialect<kUtil, kIREEHint>, ForeignDialect<kFlow, kIREEHint>,
      ForeignDialect<kHAL, kIREEHint>, ForeignDialect<kStream, kIREEHint>>();
}
