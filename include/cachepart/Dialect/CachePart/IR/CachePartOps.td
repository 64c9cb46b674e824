//===- CachePartOps.td - cachepart operations --------------*- tablegen -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_OPS_TD
#define CACHEPART_OPS_TD

include "cachepart/Dialect/CachePart/IR/CachePartDialect.td"
include "cachepart/Dialect/CachePart/IR/CachePartAttrs.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

def CachePart_TransferOp : CachePart_Op<"transfer",
    [Pure, SameOperandsAndResultType]> {
  let summary = "Moves a value from one device to another";
  let description = [{
    Copies `input`, produced on device `from`, to device `to`. The result has
    the type of the operand. The op has no side effect beyond its result, so
    a transfer whose result is unused folds away.

    The endpoints must differ. When the module lists its devices
    (`cachepart.devices`), both endpoints must name devices of that list.

    ```mlir
    %1 = cachepart.transfer %0 from "npu0" to "npu1" : tensor<1x64xf32>
    ```

    `--cache-lower-transfers` replaces each transfer by its operand, for
    execution on a single host.
  }];
  let arguments = (ins AnyType:$input, StrAttr:$from, StrAttr:$to);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $input `from` $from `to` $to attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

#endif // CACHEPART_OPS_TD
