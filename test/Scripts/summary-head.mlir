// The demo's plan summary (scripts/summarize_plan.py) survives `| head`: the
// summary line comes first and nothing is printed on stderr when the reader
// stops early. The plan has hundreds of groups, so the summary is longer
// than a pipe's buffer and the reader really stops the writer.
// RUN: cachepart-opt %s --cache-partition="capacity=64 report=%t.json" -o /dev/null
// RUN: python3 %src_root/scripts/summarize_plan.py %t.json | wc -c | awk '{ exit !($1 > 65536) }'
// RUN: sh -c 'python3 %src_root/scripts/summarize_plan.py %t.json 2>%t.err | head -n 1' | FileCheck %s
// RUN: count 0 < %t.err
// CHECK: function @f: {{[0-9]+}} layers -> k =
func.func @f(%x: tensor<4096xf32>) -> tensor<4096xf32> {
  %e = tensor.empty() : tensor<4096xf32>
  %0 = linalg.add ins(%x, %x : tensor<4096xf32>, tensor<4096xf32>) outs(%e : tensor<4096xf32>) -> tensor<4096xf32>
  return %0 : tensor<4096xf32>
}
