// A second run leaves partitioned functions and device functions unchanged,
// says so in a 'missed' remark each when asked (--remarks-filter), and
// prints nothing by default.
// RUN: cachepart-opt %s --pass-pipeline="builtin.module(cache-partition{capacity=192},cache-partition{capacity=192})" --remarks-filter=cache-partition -o /dev/null 2>&1 | FileCheck %s
// RUN: cachepart-opt %s --pass-pipeline="builtin.module(cache-partition{capacity=192},cache-partition{capacity=192})" -o /dev/null 2>&1 | count 0

// First run: one cut (layer 0: 64 B weights + 64 B out + 64 B %x = 192 B).
// CHECK: remark: [Analysis] cut | Category:cache-partition | Function=f
// Second run.
// CHECK: remark: [Missed] partitioned | Category:cache-partition | Function=f | Remark="function is already partitioned ('cachepart.partitioned'); left unchanged"
// CHECK: remark: [Missed] partitioned | Category:cache-partition | Function=f__part0 | Remark="function is a device function of an earlier run ('cachepart.device'); left unchanged"
// CHECK: remark: [Missed] partitioned | Category:cache-partition | Function=f__part1 | Remark="function is a device function of an earlier run ('cachepart.device'); left unchanged"
func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
  %w0 = arith.constant dense<1.0> : tensor<16xf32>
  %w1 = arith.constant dense<2.0> : tensor<16xf32>
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.add ins(%x, %w0 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.add ins(%0, %w1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %1 : tensor<16xf32>
}
