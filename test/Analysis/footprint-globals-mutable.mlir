// A global whose value can change is state, not a weight: reading a mutable
// ml_program.global or a memref.global without `constant` stays a layer of
// its own whose result is an activation; only immutable globals are weights
// (test/Execution/globals.mlir).
// RUN: cachepart-opt %s --cache-footprint --remarks-filter=cache-footprint -verify-diagnostics -o /dev/null
// Every value is 4 x f32 = 16 B; four layers of one 16 B result each and no
// weight: the function is 4 x 16 = 64 B of activations, nothing received
// (layer 3 reads layers 0 and 2).
module {
  ml_program.global private mutable @state(dense<0.0> : tensor<4xf32>) : tensor<4xf32>
  memref.global "private" @buf : memref<4xf32> = dense<1.0>
  // expected-remark@+1 {{function 'f': 4 layers; sum model: weights 0 B, activations 64 B, workspace 0 B, received 0 B, total 64 B}}
  func.func @f() -> tensor<4xf32> {
    // expected-remark@+1 {{layer 0 'ml_program.global_load': weights 0 B, activations 16 B, workspace 0 B, total 16 B}}
    %s = ml_program.global_load @state : tensor<4xf32>
    // expected-remark@+1 {{layer 1 'memref.get_global': weights 0 B, activations 16 B, workspace 0 B, total 16 B}}
    %m = memref.get_global @buf : memref<4xf32>
    // expected-remark@+1 {{layer 2 'bufferization.to_tensor': weights 0 B, activations 16 B, workspace 0 B, total 16 B}}
    %t = bufferization.to_tensor %m restrict : memref<4xf32> to tensor<4xf32>
    %e = tensor.empty() : tensor<4xf32>
    // expected-remark@+1 {{layer 3 'linalg.add': weights 0 B, activations 16 B, workspace 0 B, total 16 B}}
    %0 = linalg.add ins(%s, %t : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    return %0 : tensor<4xf32>
  }
}
