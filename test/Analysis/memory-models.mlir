// RUN: cachepart-opt %s --remarks-filter="cache-.*" -cache-footprint="memory-model=sum" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SUM
// RUN: cachepart-opt %s --remarks-filter="cache-.*" -cache-footprint="memory-model=liveness" -o /dev/null 2>&1 | FileCheck %s --check-prefix=LIVE
// RUN: cachepart-opt %s --cache-partition="capacity=256 memory-model=liveness" 2>/dev/null | FileCheck %s --check-prefix=PART-LIVE
// RUN: cachepart-opt %s --cache-partition="capacity=256 memory-model=sum" 2>/dev/null | FileCheck %s --check-prefix=PART-SUM
// RUN: cachepart-opt %s -cache-footprint="report=-" -o /dev/null 2>/dev/null | FileCheck %s --check-prefix=JSON

// A hoisted constant shared by two layers, and a chain where each tensor dies
// right after its next use. Every tensor is 16xf32 = 64 B.
// Per layer: L0 = w 64 + out 64 = 128; L1 = 64; L2 = w 64 + 64 = 128; L3 = 64.
// sum model over the function: the shared weight counts once: 64 weights +
// 4 * 64 activations + received: the argument %x 64 B = 384 B.
// liveness model: 64 weights + the peak of live tensors: at every layer its
// input and its output are live (x+%0, %0+%1, %1+%2, %2+%3) = 128 B -> 192 B
// (received stays 0: %x is a live-in, counted in the activations).
func.func @net(%x: tensor<16xf32>) -> tensor<16xf32> {
  %w = arith.constant dense<0.5> : tensor<16xf32>
  %e = tensor.empty() : tensor<16xf32>
  // SUM: remark: {{.*}}layer 0 'linalg.add': weights 64 B, activations 64 B, workspace 0 B, total 128 B
  %0 = linalg.add ins(%x, %w : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  // SUM: remark: {{.*}}layer 1 'linalg.add': weights 0 B, activations 64 B, workspace 0 B, total 64 B
  %1 = linalg.add ins(%0, %0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  // SUM: remark: {{.*}}layer 2 'linalg.add': weights 64 B, activations 64 B, workspace 0 B, total 128 B
  %2 = linalg.add ins(%1, %w : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  // SUM: remark: {{.*}}layer 3 'linalg.add': weights 0 B, activations 64 B, workspace 0 B, total 64 B
  %3 = linalg.add ins(%2, %2 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %3 : tensor<16xf32>
}
// SUM: remark: {{.*}}function 'net': 4 layers; sum model: weights 64 B, activations 256 B, workspace 0 B, received 64 B, total 384 B
// LIVE: remark: {{.*}}function 'net': 4 layers; liveness model: weights 64 B, activations 128 B, workspace 0 B, received 0 B, total 192 B

// At 256 B the liveness model fits the whole function (192 B) on one card;
// the sum model needs two: L0 + L1 = 64 + 128 + received %x 64 = 256, then
// L2 + L3 = 64 + 128 + received %1 64 = 256 (all four: 384 > 256). (The
// capacity was 192 before received bytes counted; at 192 the sum model now
// needs four groups, L0 = 192 alone, so 256 keeps the two-group contrast.)
// PART-LIVE: call @net__part0
// PART-LIVE-NOT: call @net__part1
// PART-LIVE: cachepart.footprint = {activations = 128 : i64, received = 0 : i64, total = 192 : i64, weights = 64 : i64, workspace = 0 : i64}
// PART-SUM: call @net__part0
// PART-SUM: call @net__part1
// Group 0: w 64 + %0, %1 (128) + received %x 64 = 256. Group 1 clones the
// shared constant: its card holds its own copy: w 64 + %2, %3 (128) +
// received %1 64 = 256.
// PART-SUM: func.func private @net__part0({{.*}}cachepart.footprint = {activations = 128 : i64, received = 64 : i64, total = 256 : i64, weights = 64 : i64, workspace = 0 : i64}}
// PART-SUM: arith.constant dense<5.000000e-01>
// PART-SUM: func.func private @net__part1({{.*}}cachepart.footprint = {activations = 128 : i64, received = 64 : i64, total = 256 : i64, weights = 64 : i64, workspace = 0 : i64}}
// PART-SUM: arith.constant dense<5.000000e-01>

// The JSON report: per layer, and per function totals. function_total
// includes the received %x: 64 + 256 + 0 + 64 = 384.
// JSON:      "functions": [
// JSON:          "function_total": {
// JSON-NEXT:       "activations": 256,
// JSON-NEXT:       "received": 64,
// JSON-NEXT:       "total": 384,
// JSON-NEXT:       "weights": 64,
// JSON-NEXT:       "workspace": 0
// JSON:          "layers": [
// JSON-NEXT:       {
// JSON-NEXT:         "activations": 64,
// JSON-NEXT:         "estimated_activations_and_workspace": 64,
// JSON-NEXT:         "index": 0,
// JSON-NEXT:         "location": "{{.*}}memory-models.mlir:{{[0-9]+}}:{{[0-9]+}}",
// JSON-NEXT:         "op": "linalg.add",
// JSON-NEXT:         "source": "estimate",
// JSON-NEXT:         "total": 128,
// JSON-NEXT:         "weights": 64,
// JSON-NEXT:         "workspace": 0
// sum_of_layers adds the per-layer remarks: 128 + 64 + 128 + 64 = 384, the
// shared weight once per layer (64 + 64 = 128), no received bytes.
// JSON:          "memory_model": "sum",
// JSON-NEXT:     "name": "net",
// JSON-NEXT:     "num_layers": 4,
// JSON-NEXT:     "sum_of_layers": {
// JSON-NEXT:       "activations": 256,
// JSON-NEXT:       "total": 384,
// JSON-NEXT:       "weights": 128,

