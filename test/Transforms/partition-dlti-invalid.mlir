// Bad DLTI device descriptions and disagreeing options: located errors.
// RUN: not cachepart-opt %s --split-input-file --cache-partition --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s
// RUN: not cachepart-opt %s --split-input-file --cache-partition="capacity=320B" 2>&1 | FileCheck %s --check-prefix=PARTIAL
// RUN: not cachepart-opt %s --split-input-file --cache-partition="capacity=1MB" 2>&1 | FileCheck %s --check-prefix=DISAGREE
// RUN: not cachepart-opt %s --split-input-file --cache-partition="num-devices=3" 2>&1 | FileCheck %s --check-prefix=NUMDEV

// PARTIAL: error: capacity=320B disagrees with device 'npu1' (192B) of the module's 'dlti.target_system_spec'; drop capacity= or make them agree
// DISAGREE: error: capacity=1MB disagrees with device 'npu0' (320B) of the module's 'dlti.target_system_spec'; drop capacity= or make them agree
// NUMDEV: error: num-devices=3 but the module lists only 2 devices in 'dlti.target_system_spec'
module attributes {dlti.target_system_spec = #dlti.target_system_spec<
    "npu0" = #dlti.target_device_spec<"cache_size_in_bytes" = 320 : i64>,
    "npu1" = #dlti.target_device_spec<"cache_size_in_bytes" = 192 : i64>>} {
  func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
    return %x : tensor<16xf32>
  }
}

// -----

// CHECK: partition-dlti-invalid.mlir:[[@LINE+1]]:1: error: device 'npu1' of the module's 'dlti.target_system_spec' has no "cache_size_in_bytes" entry: give each device its cache capacity, e.g. "cache_size_in_bytes" = 2097152 : i64
module attributes {dlti.target_system_spec = #dlti.target_system_spec<
    "npu0" = #dlti.target_device_spec<"cache_size_in_bytes" = 320 : i64>,
    "npu1" = #dlti.target_device_spec<"L1_cache_size_in_bytes" = 192 : i64>>} {
  func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
    return %x : tensor<16xf32>
  }
}

// -----

// CHECK: partition-dlti-invalid.mlir:[[@LINE+1]]:1: error: device 'npu0' of the module's 'dlti.target_system_spec': "cache_size_in_bytes" must be an integer number of bytes (e.g. 2097152 : i64), not "2MB"
module attributes {dlti.target_system_spec = #dlti.target_system_spec<
    "npu0" = #dlti.target_device_spec<"cache_size_in_bytes" = "2MB">>} {
  func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
    return %x : tensor<16xf32>
  }
}

// -----

// CHECK: partition-dlti-invalid.mlir:[[@LINE+1]]:1: error: device 'npu0' of the module's 'dlti.target_system_spec': "cache_size_in_bytes" must be positive, not 0 : i64
module attributes {dlti.target_system_spec = #dlti.target_system_spec<
    "npu0" = #dlti.target_device_spec<"cache_size_in_bytes" = 0 : i64>>} {
  func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
    return %x : tensor<16xf32>
  }
}
