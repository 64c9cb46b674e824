//===- CachePartTransformOps.h - transform.cachepart.* ----------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_DIALECT_CACHEPART_TRANSFORMOPS_H
#define CACHEPART_DIALECT_CACHEPART_TRANSFORMOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.h"
#include "mlir/IR/OpImplementation.h"

#define GET_OP_CLASSES
#include "cachepart/Dialect/CachePart/TransformOps/CachePartTransformOps.h.inc"

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace cachepart {
/// Registers transform.cachepart.* with the transform dialect.
void registerTransformDialectExtension(mlir::DialectRegistry &registry);
} // namespace cachepart

#endif // CACHEPART_DIALECT_CACHEPART_TRANSFORMOPS_H
