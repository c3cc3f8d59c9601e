#!/usr/bin/env python3
"""Tabulate latency reports side by side, with medians over repeated runs.

  latency_table.py LABEL=FILE [LABEL=FILE ...]

Each FILE holds the `engine=... p50_us=... ...` lines that search_latency and
search_baselines print, one per run (several runs of the same engine give
the median of each figure). LABEL names the site. The ratios compare each
engine with topichub: above 1 means topichub is faster or smaller.
Standard library only.
"""
import statistics, sys

COLUMNS = [  # key, heading, scale, format
    ("p50_us", "p50 µs", 1, "{:.0f}"),
    ("p99_us", "p99 µs", 1, "{:.0f}"),
    ("qps", "QPS", 1, "{:.0f}"),
    ("build_ms", "build s", 1e-3, "{:.2f}"),
    ("build_cpu_ms", "build CPU s", 1e-3, "{:.2f}"),
    ("index_mib", "index MiB", 1, "{:.0f}"),
    ("index_disk_mib", "disk MiB", 1, "{:.0f}"),
    ("peak_rss_mib", "peak RSS MiB", 1, "{:.0f}"),
]


def read_reports(path):
    by_engine = {}
    with open(path) as f:
        for line in f:
            fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
            if "engine" in fields:
                by_engine.setdefault(fields["engine"], []).append(fields)
    return by_engine


def median(reports, key):
    values = [float(r[key]) for r in reports if key in r]
    return statistics.median(values) if values else float("nan")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    headings = ["site", "engine", "docs", "runs"] + [h for _, h, _, _ in COLUMNS] + ["p50 ×", "p99 ×", "QPS ×"]
    rows = []
    for spec in sys.argv[1:]:
        label, path = spec.split("=", 1)
        by_engine = read_reports(path)
        reference = by_engine.get("topichub")
        for engine, reports in by_engine.items():
            row = [label, engine, reports[0].get("documents", "?"), str(len(reports))]
            row += [fmt.format(median(reports, key) * scale) for key, _, scale, fmt in COLUMNS]
            if reference:
                ratio = lambda key: median(reports, key) / median(reference, key)
                row += [f"{ratio('p50_us'):.2f}", f"{ratio('p99_us'):.2f}", f"{1 / ratio('qps'):.2f}"]
            else:
                row += ["", "", ""]
            rows.append(row)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headings)]
    print("  ".join(h.rjust(w) if i > 1 else h.ljust(w) for i, (h, w) in enumerate(zip(headings, widths))))
    for row in rows:
        print("  ".join(c.rjust(w) if i > 1 else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
    print("× columns: the engine's figure over topichub's (p50, p99) and topichub's QPS over the engine's;"
          " above 1 means topichub is faster.")


if __name__ == "__main__":
    main()
