//===- CachePartTransformOps.td - transform.cachepart.* ----*- tablegen -*-===//
//
// Part of the cachepart project.
//
//===----------------------------------------------------------------------===//

#ifndef CACHEPART_TRANSFORMOPS_TD
#define CACHEPART_TRANSFORMOPS_TD

include "mlir/Dialect/Transform/IR/TransformDialect.td"
include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/OpBase.td"

def CachePartPartitionOp : Op<Transform_Dialect, "cachepart.partition",
    [FunctionalStyleTransformOpTrait, MemoryEffectsOpInterface,
     DeclareOpInterfaceMethods<TransformOpInterface>]> {
  let summary = "Partitions functions into cache-fitting device functions";
  let description = [{
    Runs `--cache-partition` on each `func.func` the target handle holds,
    with the pass's options as attributes (same names, `_` for `-`):
    `capacity` (bytes as an integer, or a size string such as `"2MB"`),
    `batch` (an integer, or `"auto"`),
    `strategy`, `memory_model`, `oversize`, `reuse` (the pass's enum
    spellings),
    `num_devices`, `num_partitions`, `dynamic_dim_bound`,
    `max_pieces`, `im2col`, `report`. Devices come from the module as with
    the pass (`cachepart.devices`, then `dlti.target_system_spec`, then
    `capacity`).

    #### Return modes

    Consumes the target handle (the functions' bodies are rewritten).
    Returns a handle to the rewritten functions, in target order, and a
    handle to the outlined device functions `@<name>__part<i>`, function
    by function, group by group, so that a schedule can go on to tile or
    vectorize each part. A function the pass leaves unchanged (a driver, no
    layer, already partitioned) contributes no device function.

    Produces a definite failure when partitioning fails (the pass's error
    is emitted at its op), and a silenceable failure when a target is not a
    `func.func` or an attribute has an unknown value.

    Example:

    ```mlir
    %f = transform.structured.match ops{["func.func"]} attributes {sym_name = "forward"} in %root
        : (!transform.any_op) -> !transform.any_op
    %host, %parts = transform.cachepart.partition %f
        {capacity = "2MB", strategy = "balanced"}
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    ```
  }];

  let arguments = (ins TransformHandleTypeInterface:$target,
                   OptionalAttr<AnyAttrOf<[I64Attr, StrAttr]>>:$capacity,
                   OptionalAttr<StrAttr>:$strategy,
                   OptionalAttr<StrAttr>:$memory_model,
                   OptionalAttr<StrAttr>:$oversize,
                   OptionalAttr<StrAttr>:$reuse,
                   OptionalAttr<I64Attr>:$num_devices,
                   OptionalAttr<I64Attr>:$num_partitions,
                   OptionalAttr<AnyAttrOf<[I64Attr, StrAttr]>>:$batch,
                   OptionalAttr<I64Attr>:$dynamic_dim_bound,
                   OptionalAttr<I64Attr>:$max_pieces,
                   OptionalAttr<BoolAttr>:$im2col,
                   OptionalAttr<StrAttr>:$report);
  let results = (outs TransformHandleTypeInterface:$functions,
                      TransformHandleTypeInterface:$parts);
  let assemblyFormat =
      "$target attr-dict `:` functional-type(operands, results)";
}

#endif // CACHEPART_TRANSFORMOPS_TD
