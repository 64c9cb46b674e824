// RUN: cachepart-opt %s -split-input-file --cache-lower-transfers-to-mpi="rank=-1" -verify-diagnostics
// RUN: not cachepart-opt %s -split-input-file --cache-lower-transfers-to-mpi="rank=2 entry=" -o /dev/null 2>&1 | FileCheck %s --check-prefix=RANK

// Errors of --cache-lower-transfers-to-mpi, at the op or module they are
// about; the pass fails and prints nothing.

// RANK: error: rank=2 but the module lists 2 card(s) (ranks 0..1)

// expected-error@+1 {{entry function '@main' not found: pass entry='' when the program that embeds this module initializes MPI itself}}
module attributes {cachepart.devices = [#cachepart.device<"card0", cache = 1KB>, #cachepart.device<"card1", cache = 1KB>]} {
  func.func @forward(%x: tensor<4xf32>) -> tensor<4xf32> attributes {cachepart.partitioned} {
    return %x : tensor<4xf32>
  }
}

// -----

// A value that is not a static tensor of numbers cannot cross ranks: here
// an index, used on card1 but made on the host.
module attributes {cachepart.devices = [#cachepart.device<"card0", cache = 1KB>, #cachepart.device<"card1", cache = 1KB>]} {
  func.func @forward(%x: tensor<4xf32>, %i: index) -> tensor<4xf32> attributes {cachepart.partitioned} {
    // expected-error@+1 {{cannot send a value of type 'index' from rank 0 to rank 1: only static tensors of numbers cross ranks}}
    %0 = call @forward__part0(%x, %i) : (tensor<4xf32>, index) -> tensor<4xf32>
    return %0 : tensor<4xf32>
  }
  func.func private @forward__part0(%x: tensor<4xf32>, %i: index) -> tensor<4xf32> attributes {cachepart.device = #cachepart.device<"card1", cache = 1KB>} {
    return %x : tensor<4xf32>
  }
  func.func @main() {
    return
  }
}

// -----

// A device function on a card the module does not list.
module attributes {cachepart.devices = [#cachepart.device<"card0", cache = 1KB>]} {
  func.func @forward(%x: tensor<4xf32>) -> tensor<4xf32> attributes {cachepart.partitioned} {
    // expected-error@+1 {{device 'npu7' is not in the module's cachepart.devices list}}
    %0 = call @forward__part0(%x) : (tensor<4xf32>) -> tensor<4xf32>
    return %0 : tensor<4xf32>
  }
  func.func private @forward__part0(%x: tensor<4xf32>) -> tensor<4xf32> attributes {cachepart.device = #cachepart.device<"npu7", cache = 1KB>} {
    return %x : tensor<4xf32>
  }
  func.func @main() {
    return
  }
}

// -----

// A transfer outside a partitioned function: no rank runs it.
module attributes {cachepart.devices = [#cachepart.device<"card0", cache = 1KB>, #cachepart.device<"card1", cache = 1KB>]} {
  func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error@+1 {{transfer outside a partitioned function: nothing says which rank runs it}}
    %0 = cachepart.transfer %x from "card0" to "card1" : tensor<4xf32>
    return %0 : tensor<4xf32>
  }
  func.func @main() {
    return
  }
}
