#!/usr/bin/env python3
"""Turns the JMH JSON files of one bench/run.sh run into the markdown tables of bench/RESULTS.md.

Ratios ours/peer carry the propagated relative error of both scores (JMH's 99.9% confidence half-widths).
"""
import json
import math
import pathlib
import sys


def load(path):
    return json.loads(path.read_text()) if path.exists() else []


def key(result):
    p = result["params"]
    return p.get("model"), int(p.get("batch", 0)), p.get("settings")


def score(result):
    m = result["primaryMetric"]
    error = m["scoreError"] if isinstance(m["scoreError"], (int, float)) and not math.isnan(m["scoreError"]) else 0.0
    return m["score"], error


def ratio(a, ea, b, eb):
    r = a / b
    rel = math.sqrt((ea / a) ** 2 + (eb / b) ** 2) if a and b else 0.0
    return r, r * rel


def peer_table(results, title, ours, peers):
    by = {}
    for r in results:
        by.setdefault(key(r), {})[r["params"]["impl"]] = score(r)
    print(f"\n### {title}\n")
    header = "| batch | " + " | ".join(f"{i} faces/s" for i in ours + peers) + " | " + \
        " | ".join(f"{o} / {p}" for o in ours for p in peers) + " |"
    print(header)
    print("|" + "---|" * (1 + len(ours) + len(peers) + len(ours) * len(peers)))
    for k in sorted(by, key=lambda k: k[1]):
        batch = k[1]
        row = by[k]
        cells = []
        for impl in ours + peers:
            if impl in row:
                s, e = row[impl]
                cells.append(f"{s * batch:.1f} ± {e * batch:.1f}")
            else:
                cells.append("-")
        for o in ours:
            for p in peers:
                if o in row and p in row:
                    r, e = ratio(*row[o], *row[p])
                    cells.append(f"{r:.2f} ± {e:.2f}")
                else:
                    cells.append("-")
        print(f"| {batch} | " + " | ".join(cells) + " |")


def main():
    out = pathlib.Path(sys.argv[1])
    print((out / "machine.txt").read_text().strip())
    for name, threads in (("peer-t1", 1), ("peer-t2", 2)):
        peer_table(load(out / f"{name}.json"), f"Default model, same settings, {threads} thread(s): faces/s",
                   ["faceembed-float32", "faceembed-uint8"], ["ortjava-direct", "ortjava-array"])
    overhead = load(out / "overhead.json")
    if overhead:
        print("\n### Per-call cost on a one-node model (calls/s, higher is better)\n")
        print("| batch | impl | calls/s | µs per call |")
        print("|---|---|---|---|")
        for r in sorted(overhead, key=lambda r: (int(r["params"]["batch"]), r["params"]["impl"])):
            s, e = score(r)
            print(f"| {r['params']['batch']} | {r['params']['impl']} | {s:.0f} ± {e:.0f} | {1e6 / s:.2f} |")
    peer_table(load(out / "defaults.json"), "Out of the box (each side's defaults), 1 thread: faces/s",
               ["faceembed-uint8"], ["ortjava-array"])
    alloc = load(out / "alloc.json")
    if alloc:
        print("\n### Java heap allocated per encodeInto call (-prof gc)\n")
        print("| model | batch | input | calls/s | B/op |")
        print("|---|---|---|---|---|")
        for r in alloc:
            p = r["params"]
            s, e = score(r)
            g = r["secondaryMetrics"]["gc.alloc.rate.norm"]
            print(f"| {p['model']} | {p['batch']} | {p['input']} | {s:.1f} ± {e:.1f} | "
                  f"{g['score']:.3f} ± {g['scoreError']:.3f} |")
    batching = load(out / "batching.json") + load(out / "batching-batched.json")
    if batching:
        print("\n### 16 threads with one face each: direct calls vs the batching embedder\n")
        print("| mode | faces/s | latency mean ms | p50 | p90 | p99 |")
        print("|---|---|---|---|---|---|")
        rows = {}
        for r in batching:
            p = r["params"]
            name = p["mode"] if p["mode"] == "direct" else f"batched, {p['workers']} worker(s)"
            rows.setdefault(name, {})[r["mode"]] = r["primaryMetric"]
        for mode, metrics in rows.items():
            thr = metrics.get("thrpt", {})
            sample = metrics.get("sample", {})
            pct = sample.get("scorePercentiles", {})
            print(f"| {mode} | {thr.get('score', float('nan')) * 1000:.1f} ± "
                  f"{thr.get('scoreError', float('nan')) * 1000:.1f} | {sample.get('score', float('nan')):.1f} | "
                  f"{pct.get('50.0', float('nan')):.1f} | {pct.get('90.0', float('nan')):.1f} | "
                  f"{pct.get('99.0', float('nan')):.1f} |")


if __name__ == "__main__":
    main()
