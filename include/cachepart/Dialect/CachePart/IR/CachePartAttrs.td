//===- CachePartAttrs.td - cachepart attributes ------------*- tablegen -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_ATTRS_TD
#define CACHEPART_ATTRS_TD

include "cachepart/Dialect/CachePart/IR/CachePartDialect.td"
include "mlir/IR/AttrTypeBase.td"

def CachePart_DeviceAttr : AttrDef<CachePart_Dialect, "Device"> {
  let mnemonic = "device";
  let summary = "An accelerator card and the capacity of its cache";
  let description = [{
    One card: its name and the bytes of on-chip cache (SRAM or L2) that a
    partition may use. The capacity is stored in bytes and printed back in
    the largest unit that divides it exactly (lossless). An optional link
    bandwidth (bytes per second) feeds cost models.

    ```mlir
    #cachepart.device<"npu0", cache = 2MB>
    #cachepart.device<"npu1", cache = 1536KB, bandwidth = 16GB>
    #cachepart.device<"npu2", cache = 1000>   // printed as 1000B
    ```

    Units: `B`, `KB`/`KiB`, `MB`/`MiB`, `GB`/`GiB`, `TB`/`TiB`, all
    case-insensitive and powers of 1024. A unit-less integer is bytes.
  }];
  let parameters = (ins
    StringRefParameter<"device name">:$name,
    "uint64_t":$capacity,
    DefaultValuedParameter<"uint64_t", "0",
                           "link bandwidth in bytes per second, 0 = unknown">:$bandwidth
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

#endif // CACHEPART_ATTRS_TD
