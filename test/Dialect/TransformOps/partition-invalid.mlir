// RUN: cachepart-opt %s --transform-interpreter --split-input-file -verify-diagnostics

// An option value the pass does not know: a silenceable failure at the op,
// with the pass's own message.
module attributes {transform.with_named_sequence} {
  func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
    %e = tensor.empty() : tensor<16xf32>
    %0 = linalg.add ins(%x, %x : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    return %0 : tensor<16xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %f = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @below {{invalid option: strategy=fastest: expected one of greedy, balanced, min-transfer}}
    %host, %parts = transform.cachepart.partition %f {capacity = 1024, strategy = "fastest"}
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// A size the pass cannot read.
module attributes {transform.with_named_sequence} {
  func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
    %e = tensor.empty() : tensor<16xf32>
    %0 = linalg.add ins(%x, %x : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    return %0 : tensor<16xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %f = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @below {{invalid option: capacity="2 parsecs": }}
    %host, %parts = transform.cachepart.partition %f {capacity = "2 parsecs"}
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// A handle to something other than a function.
module attributes {transform.with_named_sequence} {
  func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
    %e = tensor.empty() : tensor<16xf32>
    %0 = linalg.add ins(%x, %x : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    return %0 : tensor<16xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %add = transform.structured.match ops{["linalg.add"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @below {{expects handles to 'func.func' ops, got 'linalg.add'}}
    %host, %parts = transform.cachepart.partition %add {capacity = 1024}
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// The pass's own errors, at their ops: the layer needs 64 + 64 + 64 = 192 B
// (two inputs of 64 B received, one result) but the card holds 100 B.
module attributes {transform.with_named_sequence} {
  func.func @f(%x: tensor<16xf32>, %y: tensor<16xf32>) -> tensor<16xf32> {
    %e = tensor.empty() : tensor<16xf32>
    // expected-error @below {{layer 0 needs 192 B}}
    // expected-note @below {{split the op}}
    %0 = linalg.add ins(%x, %y : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    return %0 : tensor<16xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %f = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    %host, %parts = transform.cachepart.partition %f {capacity = 100, oversize = "error"}
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
