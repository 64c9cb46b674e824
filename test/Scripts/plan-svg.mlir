// scripts/plan_svg.py draws the plan of the report: one band per group, a
// cut mark per cut labelled with the bytes the next group receives, the
// capacity line, and stacked bars per layer; the SVG is well-formed XML and
// the HTML page embeds it with the table of groups.
// RUN: cachepart-opt %S/../Execution/mlp.mlir --cache-partition="capacity=300 report=%t.json" -o /dev/null
// RUN: python3 %src_root/scripts/plan_svg.py %t.json %t.svg --html %t.html
// RUN: python3 -c "import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])" %t.svg
// RUN: FileCheck %s < %t.svg
// RUN: FileCheck %s --check-prefix=HTML < %t.html
// RUN: grep -c 'class="group"' %t.svg | FileCheck %s --check-prefix=GROUPS
// RUN: grep -c 'class="cut"' %t.svg | FileCheck %s --check-prefix=CUTS

// The MLP at 300 B (test/Execution/mlp.mlir): greedy makes 4 groups of its
// 13 layers (0-2, 3-4, 5-8, 9-12). What each group after a cut receives:
// group 1 the 2x6xf32 activation (48 B), group 2 the 2x5xf32 one (40 B),
// group 3 three 2x4xf32 tensors (3 x 32 = 96 B).
// CHECK: @forward: 13 layers, k = 4 groups (greedy, sum model)
// CHECK: capacity 300 B
// CHECK: class="cut-bytes"{{.*}}>48 B</text>
// CHECK: class="cut-bytes"{{.*}}>40 B</text>
// CHECK: class="cut-bytes"{{.*}}>96 B</text>
// GROUPS: 4
// CUTS: 3
// HTML: <title>cachepart plan: @forward</title>
// HTML: <svg
// HTML: <tr><td>3</td><td>card3</td>
