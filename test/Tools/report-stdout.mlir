// report=- puts the JSON report on stdout; cachepart-opt refuses to mix it
// with the IR there: the IR needs -o.
// RUN: not cachepart-opt %s --cache-footprint="report=-" 2>&1 | FileCheck %s --check-prefix=MIXED
// RUN: not cachepart-opt %s --pass-pipeline="builtin.module(cache-partition{capacity=1MB report=-})" -o - 2>&1 | FileCheck %s --check-prefix=MIXED
// RUN: cachepart-opt %s --cache-footprint="report=-" -o %t.mlir | FileCheck %s --check-prefix=JSON
// RUN: FileCheck %s --check-prefix=IR < %t.mlir
// MIXED: cachepart-opt: error: report=- writes the JSON report to stdout, where the IR goes too: pass -o FILE (or -o /dev/null) for the IR, or report=FILE for the JSON
// MIXED-NOT: func.func
// JSON: "functions": [
// JSON-NOT: func.func
// IR: func.func @f(
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}
