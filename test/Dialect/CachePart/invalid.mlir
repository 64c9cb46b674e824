// RUN: cachepart-opt %s -split-input-file -verify-diagnostics

// expected-error@+1 {{device name must not be empty}}
module attributes {cachepart.devices = [#cachepart.device<"", cache = 2MB>]} {}

// -----

// expected-error@+1 {{device 'npu0' must have a non-zero cache capacity}}
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 0>]} {}

// -----

// expected-error@+1 {{invalid byte size '2XB': unknown unit 'xb'}}
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 2XB>]} {}

// -----

// expected-error@+1 {{a byte size cannot be negative}}
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = -2MB>]} {}

// -----

// 2^64 B does not fit in 64 bits.
// expected-error@+1 {{the byte size does not fit in 64 bits}}
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 18446744073709551616>]} {}

// -----

// 16777216 TB = 2^24 * 2^40 = 2^64 B.
// expected-error@+1 {{invalid byte size '16777216TB': the byte size does not fit in 64 bits}}
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 16777216TB>]} {}

// -----

// 1.3 B is not a whole number of bytes.
// expected-error@+1 {{the byte size is not a whole number of bytes}}
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 1.3>]} {}

// -----

// expected-error@+2 {{expected floating point literal}}
// expected-error@+1 {{expected a byte size such as 2MB, 512KB or 1048576}}
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = "2MB">]} {}

// -----

// expected-error@+1 {{expected 'cache'}}
module attributes {cachepart.devices = [#cachepart.device<"npu0", capacity = 2MB>]} {}

// -----

// expected-error@+1 {{'cachepart.devices' names device 'npu0' more than once}}
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 2MB>, #cachepart.device<"npu0", cache = 1MB>]} {}

// -----

// expected-error@+1 {{'cachepart.devices' entry #1 is not a #cachepart.device: "npu1"}}
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 2MB>, "npu1"]} {}

// -----

// expected-error@+1 {{'cachepart.devices' must be an array of #cachepart.device}}
module attributes {cachepart.devices = #cachepart.device<"npu0", cache = 2MB>} {}

// -----

// expected-error@+1 {{'cachepart.devices' must list at least one device}}
module attributes {cachepart.devices = []} {}

// -----

module {
  // expected-error@+1 {{'cachepart.devices' must be attached to a builtin.module}}
  func.func @f() attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 2MB>]} {
    return
  }
}

// -----

// expected-error@+1 {{'cachepart.device' must be a #cachepart.device}}
func.func private @f() attributes {cachepart.device = "npu0"}

// -----

// expected-error@+1 {{unknown cachepart attribute 'cachepart.bogus'}}
func.func private @f() attributes {cachepart.bogus}

// -----

func.func @same_device(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'cachepart.transfer' op transfers from device 'npu0' to itself; a transfer needs two devices}}
  %0 = cachepart.transfer %arg0 from "npu0" to "npu0" : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @empty_endpoint(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'cachepart.transfer' op endpoints must be non-empty device names}}
  %0 = cachepart.transfer %arg0 from "" to "npu0" : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = 2MB>, #cachepart.device<"npu1", cache = 2MB>]} {
  func.func @unknown_device(%arg0: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error@+1 {{'cachepart.transfer' op names device 'npu7', which is not in the module's 'cachepart.devices' list}}
    %0 = cachepart.transfer %arg0 from "npu0" to "npu7" : tensor<4xf32>
    return %0 : tensor<4xf32>
  }
}

// -----

func.func @type_mismatch(%arg0: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error@+1 {{'cachepart.transfer' op requires the same type for all operands and results}}
  %0 = "cachepart.transfer"(%arg0) {from = "npu0", to = "npu1"} : (tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// An empty size.
// expected-error@+2 {{expected floating point literal}}
// expected-error@+1 {{expected a byte size such as 2MB, 512KB or 1048576}}
module attributes {cachepart.devices = [#cachepart.device<"npu0", cache = >]} {}
