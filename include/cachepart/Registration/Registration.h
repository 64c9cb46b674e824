//===- Registration.h - Register cachepart dialects and passes --*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_REGISTRATION_REGISTRATION_H
#define CACHEPART_REGISTRATION_REGISTRATION_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace cachepart {
/// Adds the cachepart dialect and its transform dialect extension
/// (transform.cachepart.partition) to `registry`.
void registerCachePartDialect(mlir::DialectRegistry &registry);
/// Registers every cachepart pass with the global pass registry.
void registerAllCachePartPasses();
} // namespace cachepart

#endif // CACHEPART_REGISTRATION_REGISTRATION_H
