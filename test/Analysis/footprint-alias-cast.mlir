// RUN: cachepart-opt %s --remarks-filter="cache-.*" --cache-footprint -verify-diagnostics -o /dev/null

// memref.cast only aliases: a layer that reads an unranked cast (as a print
// of a result does) reads the ranked source, which can be sized. Without
// that, sizing memref<*xf32> fails ("unranked type").
func.func private @printMemrefF32(memref<*xf32>)

// Layer 0, the call: no result, no weight, no workspace: 0 B. The function
// as one group receives %m: 4 x 4 B = 16 B.
// expected-remark@+1 {{function 'print': 1 layers; sum model: weights 0 B, activations 0 B, workspace 0 B, received 16 B, total 16 B}}
func.func @print(%m: memref<4xf32>) {
  %cast = memref.cast %m : memref<4xf32> to memref<*xf32>
  // expected-remark@+1 {{layer 0 'func.call': weights 0 B, activations 0 B, workspace 0 B, total 0 B}}
  call @printMemrefF32(%cast) : (memref<*xf32>) -> ()
  return
}
