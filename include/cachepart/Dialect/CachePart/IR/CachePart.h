//===- CachePart.h - cachepart dialect --------------------------*- C++ -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_DIALECT_CACHEPART_IR_CACHEPART_H
#define CACHEPART_DIALECT_CACHEPART_IR_CACHEPART_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "cachepart/Dialect/CachePart/IR/CachePartDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "cachepart/Dialect/CachePart/IR/CachePartAttrs.h.inc"

#define GET_OP_CLASSES
#include "cachepart/Dialect/CachePart/IR/CachePartOps.h.inc"

namespace cachepart {
/// Returns the device list of `module` (its `cachepart.devices` attribute),
/// or an empty list when it has none. The dialect verifier guarantees every
/// entry is a DeviceAttr.
llvm::SmallVector<DeviceAttr> getModuleDevices(mlir::Operation *module);

/// The key of a DLTI device entry that gives a card's cache capacity.
inline constexpr llvm::StringLiteral kDltiCacheSizeKey = "cache_size_in_bytes";

/// Returns the cards of `module`'s `dlti.target_system_spec`, in spec order:
/// every device entry is a card named by its device ID, with the capacity
/// of its "cache_size_in_bytes" entry (a positive integer). Empty when the
/// module has no such spec; a located error (and failure) when an entry has
/// no such key or an ill-typed or non-positive value.
mlir::FailureOr<llvm::SmallVector<DeviceAttr>>
getDltiDevices(mlir::Operation *module);

/// Drops from `op` every discardable attribute, and (for a function) every
/// argument or result attribute, whose value is or holds an attribute of
/// this dialect, so tools that do not load it can read the IR.
void dropCachePartAttributes(mlir::Operation *op);
} // namespace cachepart

#endif // CACHEPART_DIALECT_CACHEPART_IR_CACHEPART_H
