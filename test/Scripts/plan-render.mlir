// The plan's HTML page renders in headless Chromium: the screenshot is a PNG
// of the requested size that is not blank (the bars, bands and lines make
// it far larger than an empty page: 2,290 B blank, 14,281 B here).
// REQUIRES: chromium
// RUN: rm -rf %t && mkdir -p %t
// RUN: cachepart-opt %S/../Execution/mlp.mlir --cache-partition="capacity=300 report=%t/plan.json" -o /dev/null
// RUN: python3 %src_root/scripts/plan_svg.py %t/plan.json %t/plan.svg --html %t/plan.html
// RUN: chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=%t/profile --screenshot=%t/plan.png --window-size=800,500 file://%t/plan.html 2>/dev/null
// RUN: python3 -c "import struct, sys; d = open(sys.argv[1], 'rb').read(); w, h = struct.unpack('>II', d[16:24]); print('png', d[:8] == b'\x89PNG\r\n\x1a\n', w, h, len(d) > 5000)" %t/plan.png | FileCheck %s
// CHECK: png True 800 500 True
