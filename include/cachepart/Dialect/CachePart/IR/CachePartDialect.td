//===- CachePartDialect.td - cachepart dialect -------------*- tablegen -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_DIALECT_TD
#define CACHEPART_DIALECT_TD

include "mlir/IR/OpBase.td"

def CachePart_Dialect : Dialect {
  let name = "cachepart";
  let summary = "Devices with a cache capacity, and transfers between them";
  let description = [{
    The `cachepart` dialect describes the accelerator cards a model is split
    across and the tensors that move between them.

    * `#cachepart.device<"npu0", cache = 2MB>` is one card and the capacity of
      its on-chip cache (SRAM/L2), in bytes. Sizes use units that are powers
      of 1024 (KB = KiB = 1024 B), the convention of cache sizes.
    * `module attributes {cachepart.devices = [...]}` lists the cards in the
      order partitions are placed on them. Names must be unique.
    * `cachepart.transfer` moves a tensor from one card to another.

    The partition pass (`--cache-partition`) attaches `cachepart.device`,
    `cachepart.footprint` and `cachepart.spilling` to the per-device
    functions it outlines, and `cachepart.partitioned` to the functions it
    rewrote.
  }];
  let cppNamespace = "::cachepart";
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Name of the module attribute that lists the devices.
    static constexpr ::llvm::StringLiteral getDevicesAttrName() {
      return ::llvm::StringLiteral("cachepart.devices");
    }
    /// Function attribute: the device an outlined function runs on.
    static constexpr ::llvm::StringLiteral getDeviceAttrName() {
      return ::llvm::StringLiteral("cachepart.device");
    }
    /// Function attribute: bytes of the outlined group.
    static constexpr ::llvm::StringLiteral getFootprintAttrName() {
      return ::llvm::StringLiteral("cachepart.footprint");
    }
    /// Function attribute: the group exceeds its device's capacity.
    static constexpr ::llvm::StringLiteral getSpillingAttrName() {
      return ::llvm::StringLiteral("cachepart.spilling");
    }
    /// Function attribute: the function was partitioned already.
    static constexpr ::llvm::StringLiteral getPartitionedAttrName() {
      return ::llvm::StringLiteral("cachepart.partitioned");
    }
    /// Op attribute: the op runs on the host, not on a card (the slicing and
    /// assembling around a layer split by oversize=split). Its results reach
    /// the cards like function arguments.
    static constexpr ::llvm::StringLiteral getHostAttrName() {
      return ::llvm::StringLiteral("cachepart.host");
    }
    /// Op attribute (unit) on a layer: no cut may fall right before it, so
    /// it stays in the group of the layer before it.
    static constexpr ::llvm::StringLiteral getNoCutAttrName() {
      return ::llvm::StringLiteral("cachepart.no_cut");
    }
    /// Op attribute (unit) on a layer: a group must start at it (PiPPy's
    /// pipe_split; Coral's manual segments).
    static constexpr ::llvm::StringLiteral getCutAttrName() {
      return ::llvm::StringLiteral("cachepart.cut");
    }
    /// Function attribute (integer): the batch that batch=auto chose for the
    /// function's plan.
    static constexpr ::llvm::StringLiteral getBatchAttrName() {
      return ::llvm::StringLiteral("cachepart.batch");
    }
    /// Argument attribute: the argument holds weights, not activations.
    static constexpr ::llvm::StringLiteral getWeightAttrName() {
      return ::llvm::StringLiteral("cachepart.weight");
    }
  }];
}

class CachePart_Op<string mnemonic, list<Trait> traits = []>
    : Op<CachePart_Dialect, mnemonic, traits>;

#endif // CACHEPART_DIALECT_TD
