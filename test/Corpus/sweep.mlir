// Robustness sweep over the shared real-IR corpus (issue "no crash on any
// input"): every chunk of every corpus file through --cache-partition at 2MB
// with each strategy (sum model, oversize=isolate); each output must re-parse
// and verify and each non-spilling group must fit its card. The full matrix
// (3 capacities x 3 strategies x 2 memory models, oversize=error, dynamic
// bounds, --cache-footprint) is `scripts/corpus_sweep.py` without --quick;
// see docs/corpus-sweep.md. Runs only when ../shared/corpus exists.
//
// REQUIRES: corpus
// RUN: python3 %src_root/scripts/corpus_sweep.py --quick --tool cachepart-opt | FileCheck %s

// CHECK:      cachepart corpus sweep (quick matrix)
// CHECK:      {{^}}ok: {{[1-9][0-9]*$}}
// CHECK:      {{^}}crashes: 0{{$}}
// CHECK-NEXT: {{^}}bad outputs: 0{{$}}
// CHECK-NEXT: {{^}}timeouts: 0{{$}}
// CHECK-NOT:  failures
