//===- Registration.cpp - Register cachepart dialects and passes ----------===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#include "cachepart/Registration/Registration.h"
#include "cachepart/Dialect/CachePart/IR/CachePart.h"
#include "cachepart/Dialect/CachePart/TransformOps/CachePartTransformOps.h"
#include "cachepart/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"

void cachepart::registerCachePartDialect(mlir::DialectRegistry &registry) {
  registry.insert<cachepart::CachePartDialect>();
  cachepart::registerTransformDialectExtension(registry);
}

void cachepart::registerAllCachePartPasses() { registerCachePartPasses(); }
