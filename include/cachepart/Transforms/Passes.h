//===- Passes.h - cachepart passes ------------------------------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_TRANSFORMS_PASSES_H
#define CACHEPART_TRANSFORMS_PASSES_H

#include "cachepart/Support/ByteSizeOption.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace cachepart {
class CachePartDialect;

#define GEN_PASS_DECL
#include "cachepart/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "cachepart/Transforms/Passes.h.inc"
} // namespace cachepart

#endif // CACHEPART_TRANSFORMS_PASSES_H
