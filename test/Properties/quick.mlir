// The seeded quick run of the property campaign (scripts/property_campaign.py):
// random linalg/TOSA programs and options through --cache-partition and
// --cache-footprint, checked in-process by cachepart-property-check: no crash
// or hang, located errors only, outputs that verify and parse back, report
// invariants (lower_bound <= k, non-spilling groups within their card,
// transfers sent = received), the same k from every strategy, and small
// programs compute bitwise the same before and after (JIT). The long runs
// are in docs/robustness.md.
// RUN: python3 %src_root/scripts/property_campaign.py --seed 7 --cases 15 --tool cachepart-property-check | FileCheck %s
// CHECK-NOT: case {{[0-9]+}} (seed
// CHECK: 15 cases ({{[0-9]+}} planned, {{[0-9]+}} located errors, 0 rejected options, {{[0-9]+}} run before and after), 0 failures
