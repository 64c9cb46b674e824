// RUN: not cachepart-opt %s --cache-partition="capacity=4KB batch=auto" 2>&1 | FileCheck %s --check-prefix=NOCARDS
// RUN: not cachepart-opt %s --cache-partition="capacity=4KB num-devices=2 reuse=round-robin batch=auto" 2>&1 | FileCheck %s --check-prefix=REUSE
// RUN: not cachepart-opt %s --cache-partition="capacity=1KB num-devices=2 batch=auto" 2>&1 | FileCheck %s --check-prefix=TOOBIG
// RUN: not cachepart-opt %s --cache-partition="capacity=2KB num-devices=1 batch=auto" 2>&1 | FileCheck %s --check-prefix=TOOMANY
// RUN: not cachepart-opt %s --cache-footprint="batch=auto" 2>&1 | FileCheck %s --check-prefix=FOOTPRINT
// RUN: not cachepart-opt %s --cache-partition="capacity=4KB batch=many" 2>&1 | FileCheck %s --check-prefix=BADVALUE
// RUN: not cachepart-opt %S/partition-reuse.mlir --cache-partition="capacity=4KB num-devices=2 batch=auto" 2>&1 | FileCheck %s --check-prefix=STATIC

// The model of partition-batch-auto.mlir: a layer alone needs 1024 + 128b B,
// both layers 2048 + 192b B.

// NOCARDS: [[@LINE+6]]:1: error: batch=auto needs a fixed number of cards: pass num-devices=<D> or list the cards{{$}}
// REUSE: error: batch=auto needs a fixed number of cards: pass num-devices=<D> or list the cards, without reuse=round-robin (with reuse, every batch fits by reloading)
// 1 KB: a layer alone needs 1152 B at b = 1.
// TOOBIG: error: batch=auto: even batch 1 does not fit 2 cards (a layer alone exceeds a card); add cards, use cards with more cache, or pass reuse=round-robin with a fixed batch
// 2 KB, one card: both layers need 2240 B at b = 1, so two groups.
// TOOMANY: error: batch=auto: even batch 1 does not fit 1 card (it needs 2 groups); add cards
func.func @mlp(%x: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x16xf32>
  %w0 = arith.constant dense<1.0> : tensor<16x16xf32>
  %w1 = arith.constant dense<2.0> : tensor<16x16xf32>
  %e = tensor.empty(%n) : tensor<?x16xf32>
  %0 = linalg.matmul ins(%x, %w0 : tensor<?x16xf32>, tensor<16x16xf32>) outs(%e : tensor<?x16xf32>) -> tensor<?x16xf32>
  %1 = linalg.matmul ins(%0, %w1 : tensor<?x16xf32>, tensor<16x16xf32>) outs(%e : tensor<?x16xf32>) -> tensor<?x16xf32>
  return %1 : tensor<?x16xf32>
}

// FOOTPRINT: error: batch=auto is for --cache-partition (it picks the largest batch whose plan fits the cards); give the analysis a number, e.g. batch=8
// BADVALUE: invalid batch 'many': expected a number or 'auto'
// STATIC: error: batch=auto: the function has no dynamic leading (batch) dimension, so the batch does not change its footprint; drop batch=auto
