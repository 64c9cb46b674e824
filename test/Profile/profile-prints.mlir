// RUN: cachepart-profile %s --repeat 1 --quiet -o - 2> %t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=PRINTED < %t.err

// A model that prints (printMemrefF32 of the MLIR runtime, as test drivers
// do) runs: the runtime is loaded, and what the model prints goes to
// stderr, so that the JSON on stdout stays whole.
// CHECK:      "name": "prints",
// CHECK-NEXT: "num_layers":
// CHECK:      "tool": "cachepart-profile"
// The inputs are 1/8 and exp(1/8) = 1.13315:
// PRINTED:      Unranked Memref base@ = {{.*}} rank = 1 offset = 0 sizes = [4] strides = [1] data =
// PRINTED-NEXT: [1.13315, 1.13315, 1.13315, 1.13315]
func.func private @printMemrefF32(memref<*xf32>)

func.func @prints(%x: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %0 = linalg.exp ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %m = bufferization.to_buffer %0 : tensor<4xf32> to memref<4xf32>
  %u = memref.cast %m : memref<4xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  return %0 : tensor<4xf32>
}
