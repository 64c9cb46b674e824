// RUN: cachepart-profile %s -o %t.json --repeat 2 --quiet
// RUN: FileCheck %s < %t.json
// Progress goes to stderr unless --quiet.
// RUN: cachepart-profile %s -o /dev/null --repeat 1 2>&1 | FileCheck %s --check-prefix=PROGRESS

// Three adds on 16xf32 (64 B). Each layer writes a new 64 B buffer: its
// tensor.empty is materialised as one memref.alloc (exact size)
// right after its layer's mark. The weights are constants (memref.global,
// no allocation) and the input is allocated by the entry, before the
// function starts (not counted). Nothing is freed before layer 2 has run
// (%0 and %1 are last read by layer 2, %2 is the result), so the live
// bytes grow 0 -> 64 -> 128 -> 192.

// The function as one group: weights w0 + w1 = 128 B and the received x
// (64 B) are exact; its layers allocated 3 x 64 = 192 B, as estimated:
// 128 + 64 + 192 = 384 B both ways.
// CHECK:      "functions": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "allocated_bytes": 192,
// CHECK-NEXT:     "compile_seconds": {{[0-9.e+-]+}},
// CHECK-NEXT:     "estimated_total_bytes": 384,
// CHECK-NEXT:     "layers": [
// CHECK-NEXT:       {
// CHECK-NEXT:         "estimate": {
// CHECK-NEXT:           "activations": 64,
// CHECK-NEXT:           "activations_and_workspace": 64,
// CHECK-NEXT:           "weights": 64,
// CHECK-NEXT:           "workspace": 0
// CHECK-NEXT:         },
// CHECK-NEXT:         "index": 0,
// CHECK-NEXT:         "location": "loc(\"{{.*}}profile-chain.mlir\":[[#@LINE+44]]:8)",
// CHECK-NEXT:         "measured": {
// CHECK-NEXT:           "allocated_bytes": 64,
// CHECK-NEXT:           "allocations": 1,
// CHECK-NEXT:           "live_at_start_bytes": 0,
// CHECK-NEXT:           "peak_live_bytes": 64,
// CHECK-NEXT:           "time_ns": {{[0-9]+}}
// CHECK-NEXT:         },
// CHECK-NEXT:         "op": "linalg.add"
// CHECK-NEXT:       },
// CHECK:              "index": 1,
// CHECK:                "allocated_bytes": 64,
// CHECK-NEXT:           "allocations": 1,
// CHECK-NEXT:           "live_at_start_bytes": 64,
// CHECK-NEXT:           "peak_live_bytes": 128,
// CHECK:              "index": 2,
// CHECK:                "allocated_bytes": 64,
// CHECK-NEXT:           "allocations": 1,
// CHECK-NEXT:           "live_at_start_bytes": 128,
// CHECK-NEXT:           "peak_live_bytes": 192,
// CHECK:          "lowering_seconds": {{[0-9.e+-]+}},
// CHECK-NEXT:     "measured_total_bytes": 384,
// CHECK-NEXT:     "name": "chain",
// CHECK-NEXT:     "num_layers": 3,
// CHECK-NEXT:     "peak_live_bytes": 192,
// CHECK-NEXT:     "received_bytes": 64,
// CHECK-NEXT:     "time_ns": {{[0-9]+}},
// CHECK-NEXT:     "weight_bytes": 128
// CHECK:        "options": {
// CHECK-NEXT:     "batch": 1,
// CHECK-NEXT:     "dynamic_dim_bound": 0,
// CHECK-NEXT:     "im2col": false,
// CHECK-NEXT:     "opt_level": 2,
// CHECK-NEXT:     "repeat": 2
// CHECK-NEXT:   },
// CHECK-NEXT:   "pipeline": "func.func(tosa-to-linalg-named,{{.*}}one-shot-bufferize{{.*}}finalize-memref-to-llvm{use-generic-functions=true}{{.*}}",
// CHECK-NEXT:   "tool": "cachepart-profile"

// PROGRESS: cachepart-profile: [1/1] @chain: lowered in {{[0-9.]+}} s, compiled (O2) in {{[0-9.]+}} s
// PROGRESS: cachepart-profile: [1/1] @chain: 3 layers, {{[0-9.]+}} s
func.func @chain(%x: tensor<16xf32>) -> tensor<16xf32> {
  %w0 = arith.constant dense<1.0> : tensor<16xf32>
  %w1 = arith.constant dense<2.0> : tensor<16xf32>
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.add ins(%0, %w1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.add ins(%1, %0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %2 : tensor<16xf32>
}
