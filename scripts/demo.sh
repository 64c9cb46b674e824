#!/usr/bin/env bash
# The main job: installs and builds what is missing, then partitions the
# bundled ResNet-50 (TOSA, 224x224, fp32) for cards with 2 MB of cache and
# prints the plan. Writes the outlined IR and the JSON report to out/.
#   scripts/demo.sh [model.mlir] [capacity]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" >/dev/null
BUILD="${CACHEPART_BUILD_DIR:-$ROOT/build}"
MODEL="${1:-$ROOT/examples/resnet50_tosa_f32.mlir}"
CAPACITY="${2:-2MB}"
OUT="$ROOT/out"
mkdir -p "$OUT"
name="$(basename "$MODEL" .mlir)"
IR="$OUT/$name.partitioned.mlir"
REPORT="$OUT/$name.plan.json"
echo "== cachepart-opt --cache-partition=\"capacity=$CAPACITY\" $MODEL"
"$BUILD/bin/cachepart-opt" "$MODEL" \
  --cache-partition="capacity=$CAPACITY report=$REPORT" \
  --remarks-filter=cache-partition -o "$IR" 2>"$OUT/$name.remarks.txt"
python3 "$ROOT/scripts/plan_svg.py" "$REPORT" "$OUT/$name.plan.svg" --html "$OUT/$name.plan.html"
python3 "$ROOT/scripts/summarize_plan.py" "$REPORT"
echo
echo "outlined IR:  $IR"
echo "JSON report:  $REPORT"
echo "picture:      $OUT/$name.plan.svg, $OUT/$name.plan.html"
echo "remarks:      $OUT/$name.remarks.txt (splits and cuts)"
