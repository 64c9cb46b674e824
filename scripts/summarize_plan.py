#!/usr/bin/env python3
"""Prints a readable summary of a cache-partition JSON report."""
import json
import signal
import sys

# `scripts/demo.sh | head`: stop quietly when the reader has seen enough.
signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def human(n):
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.2f} {unit}"
        n /= 1024.0
    return str(n)


def main(path):
    with open(path) as f:
        report = json.load(f)
    for fn in report["functions"]:
        groups = fn["groups"]
        spilling = sum(1 for g in groups if g["spilling"])
        print(f"function @{fn['name']}: {fn['num_layers']} layers -> k = {fn['k']} groups "
              f"(strategy {fn['strategy']}, memory model {fn['memory_model']})")
        bound = ("ceil(total/C)" if not spilling else
                 "spilling groups + ceil((total - their bytes)/C)")
        print(f"  total footprint {human(fn['total_bytes'])}; lower bound {bound} = "
              f"{fn['lower_bound']} groups; largest group {human(fn['max_group_bytes'])}; "
              f"bytes moved between cards {human(fn['transfer_bytes'])}")
        splits = fn.get("splits", [])
        if splits:
            on_host = [s for s in splits if s["on_host"]]
            cut = [s for s in splits if not s["on_host"]]
            print(f"  {len(cut)} layer(s) larger than a card split into "
                  f"{sum(s['pieces'] for s in cut)} pieces; {len(on_host)} data-movement "
                  f"op(s) run on the host")
            print(f"  {'op':<36} {'bytes':>11} {'loops (pieces)':>16} {'largest piece':>14}")
            for s in cut[:8]:
                loops = " x ".join(f"{l} ({c})" for l, c in zip(s["loops"], s["counts"]))
                print(f"  {s['op']:<36} {human(s['bytes']):>11} {loops:>16} "
                      f"{human(max(s['piece_bytes'])):>14}")
            if len(cut) > 8:
                print(f"  ... {len(cut) - 8} more in the JSON report (\"splits\")")
        fitting = sum(1 for g in groups if g["total"] <= g["capacity"])
        print(f"  {fitting} of {len(groups)} groups fit their card; {spilling} spilling")
        if spilling:
            print(f"  {spilling} group(s) hold a single layer larger than its card "
                  f"(oversize=isolate): marked spilling")
        print(f"  {'grp':>3} {'device':<8} {'layers':>9} {'ops':>4} {'weights':>11} "
              f"{'activ.':>11} {'workspace':>11} {'received':>11} {'total':>11} "
              f"{'capacity':>10} {'util':>6} {'xfer in':>10} {'xfer out':>10}")
        for g in groups:
            layers = f"{g['first_layer']}-{g['last_layer']}"
            flag = " SPILL" if g["spilling"] else ""
            print(f"  {g['index']:>3} {g['device']:<8} {layers:>9} {g['op_count']:>4} "
                  f"{human(g['weights']):>11} {human(g['activations']):>11} "
                  f"{human(g['workspace']):>11} {human(g.get('received', 0)):>11} "
                  f"{human(g['total']):>11} "
                  f"{human(g['capacity']):>10} {100 * g['utilisation']:>5.0f}% "
                  f"{human(g['transfer_in_bytes']):>10} {human(g['transfer_out_bytes']):>10}{flag}")


if __name__ == "__main__":
    main(sys.argv[1])
