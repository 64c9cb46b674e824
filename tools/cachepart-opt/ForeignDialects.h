//===- ForeignDialects.h - Hints for dialects cachepart cannot read -*- C++
//-*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//
//
// Models often arrive in a dialect that cachepart-opt does not load
// (StableHLO from JAX, torch-mlir's torch dialect, IREE's util/flow/hal).
// Upstream's parser then says only that the dialect or op is unknown. The
// placeholders registered here load under those names, accept no op, and add
// a note to the parser's error that says how to get linalg or TOSA instead.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_TOOLS_FOREIGNDIALECTS_H
#define CACHEPART_TOOLS_FOREIGNDIALECTS_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace cachepart {
/// Registers the placeholder dialects (stablehlo, chlo, mhlo, torch, util,
/// flow, hal, stream).
void registerForeignDialectHints(mlir::DialectRegistry &registry);
} // namespace cachepart

#endif // CACHEPART_TOOLS_FOREIGNDIALECTS_H
