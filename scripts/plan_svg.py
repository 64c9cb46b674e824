#!/usr/bin/env python3
"""Draws a cache-partition plan from the pass's JSON report (report=FILE).

  scripts/plan_svg.py PLAN.json OUT.svg [--html OUT.html] [--function NAME]

The picture, per function: one bar per layer, stacked weights / activations /
workspace (bytes, as the plan saw the layers, after splits); the groups as
shaded bands, one shade per card; the card capacity as a dashed line; and a
mark at every cut with the bytes the next group receives. The HTML page
embeds the SVG and the table of groups. Python standard library only; it
reads the report, it computes nothing the pass has not reported.
"""
import argparse
import html
import json
import sys

COLORS = {"weights": "#4e79a7", "activations": "#f28e2b", "workspace": "#59a14f"}
CARD_SHADES = ["#e8eef6", "#fbeee2", "#e6f2e4", "#f6e6ee", "#eeeaf6", "#f4f1de"]


def human(n):
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return "%d %s" % (n, unit) if unit == "B" else "%.1f %s" % (n, unit)
        n /= 1024.0
    return str(n)


def draw(fn, devices):
    layers = fn.get("layers", [])
    groups = fn["groups"]
    n = max(len(layers), 1)
    bar = max(2, min(24, 1200 // n))
    left, top, height = 80, 40, 320
    width = left + n * bar + 40
    totals = [l["weights"] + l["activations"] + l["workspace"] for l in layers]
    caps = [g["capacity"] for g in groups]
    ymax = max(totals + caps + [1])
    y = lambda v: top + height - height * v / ymax
    card_index = {name: i for i, name in enumerate(devices)}
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="11">' % (width, top + height + 60)]
    out.append('<text x="%d" y="18" font-size="14">@%s: %d layers, k = %d groups '
               '(%s, %s model)</text>' % (left, html.escape(fn["name"]), len(layers),
                                          fn["k"], fn["strategy"], fn["memory_model"]))
    # Groups: a band per group, shaded by its card.
    for g in groups:
        x0 = left + g["first_layer"] * bar
        w = (g["last_layer"] - g["first_layer"] + 1) * bar
        shade = CARD_SHADES[card_index.get(g["device"], g["index"]) % len(CARD_SHADES)]
        out.append('<rect class="group" x="%d" y="%d" width="%d" height="%d" fill="%s">'
                   '<title>group %d on %s: %s of %s%s</title></rect>'
                   % (x0, top, w, height, shade, g["index"], html.escape(g["device"]),
                      human(g["total"]), human(g["capacity"]),
                      " (spilling)" if g["spilling"] else ""))
    # Layers: stacked bars.
    for i, l in enumerate(layers):
        base = 0
        for part in ("weights", "activations", "workspace"):
            v = l[part]
            if v:
                out.append('<rect class="%s" x="%d" y="%.1f" width="%d" height="%.1f" '
                           'fill="%s"><title>layer %d %s: %s %s</title></rect>'
                           % (part, left + i * bar, y(base + v), max(bar - 1, 1),
                              y(base) - y(base + v), COLORS[part], i,
                              html.escape(l["op"]), part, human(v)))
            base += v
    # Capacity line(s): one per distinct card capacity.
    for cap in sorted(set(caps)):
        out.append('<line class="capacity" x1="%d" x2="%d" y1="%.1f" y2="%.1f" '
                   'stroke="#e15759" stroke-dasharray="6,3"/>'
                   '<text x="%d" y="%.1f" fill="#e15759">capacity %s</text>'
                   % (left, width - 40, y(cap), y(cap), left + 4, y(cap) - 4, human(cap)))
    # Cuts: the bytes the next group receives (labels that would overlap the
    # previous one are left to the tooltip).
    labelled = -10 ** 9
    for g in groups[1:]:
        x = left + g["first_layer"] * bar
        received = human(g["transfer_in_bytes"])
        out.append('<line class="cut" x1="%d" x2="%d" y1="%d" y2="%d" stroke="#333">'
                   '<title>cut before layer %d: group %d receives %s</title></line>'
                   % (x, x, top, top + height, g["first_layer"], g["index"], received))
        if x - labelled >= 14:
            labelled = x
            out.append('<text class="cut-bytes" x="%d" y="%d" transform="rotate(60 %d %d)">'
                       '%s</text>' % (x, top + height + 12, x, top + height + 12, received))
    # Axis.
    out.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#000"/>'
               % (left, left, top, top + height))
    out.append('<text x="4" y="%d">%s</text>' % (top + 10, human(ymax)))
    out.append('<text x="4" y="%d">0 B</text>' % (top + height))
    for i, part in enumerate(("weights", "activations", "workspace")):
        out.append('<rect x="%d" y="24" width="10" height="10" fill="%s"/>'
                   '<text x="%d" y="33">%s</text>'
                   % (width - 260 + i * 85, COLORS[part], width - 246 + i * 85, part))
    out.append("</svg>")
    return "\n".join(out)


def table(fn):
    rows = ["<tr><th>group</th><th>card</th><th>layers</th><th>total</th>"
            "<th>capacity</th><th>received</th><th>spilling</th></tr>"]
    for g in fn["groups"]:
        rows.append("<tr><td>%d</td><td>%s</td><td>%d-%d</td><td>%s</td><td>%s</td>"
                    "<td>%s</td><td>%s</td></tr>"
                    % (g["index"], html.escape(g["device"]), g["first_layer"],
                       g["last_layer"], human(g["total"]), human(g["capacity"]),
                       human(g["transfer_in_bytes"]), "yes" if g["spilling"] else ""))
    return "<table border=\"1\" cellpadding=\"3\">%s</table>" % "\n".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report")
    ap.add_argument("svg")
    ap.add_argument("--html")
    ap.add_argument("--function", help="the function to draw (default: the first)")
    args = ap.parse_args()
    with open(args.report) as f:
        report = json.load(f)
    fns = report.get("functions", [])
    if args.function:
        fns = [f for f in fns if f["name"] == args.function]
    if not fns:
        sys.exit("plan_svg.py: no partitioned function in %s" % args.report)
    fn = fns[0]
    svg = draw(fn, report.get("devices", []))
    with open(args.svg, "w") as f:
        f.write(svg + "\n")
    if args.html:
        with open(args.html, "w") as f:
            f.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                    "<title>cachepart plan: @%s</title></head><body>\n%s\n"
                    "<h3>Groups</h3>\n%s\n</body></html>\n"
                    % (html.escape(fn["name"]), svg, table(fn)))


if __name__ == "__main__":
    main()
