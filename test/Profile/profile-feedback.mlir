// RUN: cachepart-opt %S/profile-chain.mlir --cache-footprint="profile=%S/Inputs/chain-measured.json" --remarks-filter=cache-footprint -o /dev/null 2>&1 | FileCheck %s --check-prefix=FOOT
// RUN: cachepart-opt %S/profile-chain.mlir --cache-partition="capacity=256 oversize=isolate profile=%S/Inputs/chain-measured.json report=%t.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=PART < %t.json
// RUN: cachepart-opt %S/profile-chain.mlir --cache-partition="capacity=256 oversize=isolate report=%t.est.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=EST < %t.est.json
// oversize=split cuts a layer that only its measurement makes too large:
// each piece is estimated plus its share of what was measured above the
// estimate.
// RUN: cachepart-opt %S/profile-chain.mlir --cache-partition="capacity=256 profile=%S/Inputs/chain-measured.json report=%t.split.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=SPLIT < %t.split.json
// A profile that does not describe the module is refused, at the function
// or at the op.
// RUN: not cachepart-opt %S/profile-chain.mlir --cache-footprint="profile=%S/Inputs/chain-two-layers.json" 2>&1 | FileCheck %s --check-prefix=COUNT
// RUN: not cachepart-opt %S/profile-chain.mlir --cache-partition="capacity=1KB profile=%S/Inputs/chain-other-op.json" 2>&1 | FileCheck %s --check-prefix=OP
// RUN: not cachepart-opt %S/profile-chain.mlir --cache-partition="capacity=1KB profile=%S/Inputs/chain-other-function.json" 2>&1 | FileCheck %s --check-prefix=FUNC
// RUN: not cachepart-opt %S/profile-chain.mlir --cache-footprint="profile=%S/Inputs/not-a-profile.json" 2>&1 | FileCheck %s --check-prefix=NOTPROFILE
// RUN: not cachepart-opt %S/profile-chain.mlir --cache-footprint="profile=%S/Inputs/missing.json" 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not cachepart-opt %S/../Transforms/partition-batch-auto.mlir --cache-partition="capacity=4KB num-devices=1 batch=auto profile=%S/Inputs/chain-measured.json" 2>&1 | FileCheck %s --check-prefix=AUTO

// A hand-made profile of profile-chain.mlir's three adds (64 B results):
// layer 1 measured 256 B (64 B result + 192 B scratch), layer 2 measured
// 0 B (as if written in place), layer 0 as estimated.
// FOOT: Remark="layer 0 'linalg.add': weights 64 B, activations 64 B, workspace 0 B, total 128 B (measured; estimated activations + workspace 64 B)"
// FOOT: Remark="layer 1 'linalg.add': weights 64 B, activations 64 B, workspace 192 B, total 320 B (measured; estimated activations + workspace 64 B)"
// FOOT: Remark="layer 2 'linalg.add': weights 0 B, activations 0 B, workspace 0 B, total 0 B (measured; estimated activations + workspace 64 B)"

// The plan follows the measurement (256 B cards). Estimated: L0 alone is
// 64 weights + 64 result + 64 received = 192 B; L0 L1 would be 128 + 128 +
// 64 = 320 B; L1 L2 is 64 + 128 + 64 received (%0) = 256 B: two groups.
// Measured: L1 alone is 64 + 256 + 64 received = 384 B, a group of its own
// (spilling, oversize=isolate), and L2 is 0 + 128 B received: three groups.
// EST: "k": 2,
// PART: "k": 3,
// PART: "estimated_activations_and_workspace": 64,
// PART-NEXT: "op": "linalg.add",
// PART-NEXT: "source": "measured",

// L1 measured: 64 weights + 256 + 64 received = 384 B > 256 B, its estimate
// 64 + 64 + 64 = 192 B: the excess is 256 - 64 = 192 B. Two pieces of 8 of
// the 16 elements: each 32 B of w1 + 32 B result + 32 B received of %0 +
// 192 * 8/16 = 96 B of the excess (as workspace) = 192 B; both in one group
// would be 384 B, so each has a group: L0 | piece | piece | L2, k = 4.
// SPLIT:      "first_layer": 1,
// SPLIT:      "received": 32,
// SPLIT:      "total": 192,
// SPLIT:      "weights": 32,
// SPLIT-NEXT: "workspace": 96
// SPLIT:      "first_layer": 2,
// SPLIT:      "total": 192,
// SPLIT:      "workspace": 96
// SPLIT:      "k": 4,
// COUNT: profile-chain.mlir:[[#]]:1: error: profile '{{.*}}chain-two-layers.json' has 2 layers for function 'chain' but it has 3; the profile is of another version of the model
// OP: profile-chain.mlir:[[#]]:8: error: profile '{{.*}}chain-other-op.json' has 'linalg.matmul' as layer 1 of function 'chain', but this layer is 'linalg.add'
// FUNC: error: profile '{{.*}}chain-other-function.json' has no entry for function 'chain'; profile this module with cachepart-profile
// NOTPROFILE: error: profile '{{.*}}not-a-profile.json' is not a cachepart-profile file: no "tool": "cachepart-profile"
// MISSING: error: cannot read profile '{{.*}}missing.json': No such file or directory
// AUTO: error: batch=auto cannot use profile=: a profile measures one batch; give that batch (batch=N)
