"""Merge the TSV lines of bench_readers and pandas_read_html.py (stdin) into one table.

Ratios are of times per report. "vs libxml2" compares with libxml2's tree parse of the same bytes
timed in the same (C++) process. "pandas / this" is pandas.read_html's time over this row's,
measured directly (two processes) and chained through in-process ratios (pandas over lxml's tree
parse in Python, times libxml2's tree parse over this row in C++), which the machine's load
disturbs less.
"""

import sys

rows = {}
order = []
for line in sys.stdin:
    _, layout, measure, per_s, mb_s = line.rstrip("\n").split("\t")
    rows[(layout, measure)] = (float(per_s), float(mb_s))
    if layout not in order:
        order.append(layout)

head = f"{'layout':9} {'measure':30} {'reports/s':>10} {'MB/s':>8} {'vs libxml2':>10} {'pandas/this':>12} {'(chained)':>10}"
print(head)
print("-" * len(head))
for layout in order:
    tree = rows.get((layout, "libxml2 tree (htmlReadMemory)"), (0, 0))[0]
    pandas = rows.get((layout, "pandas.read_html"), (0, 0))[0]
    lxml_py = rows.get((layout, "lxml.html tree (python)"), (0, 0))[0]
    for (lay, measure), (per_s, mb_s) in rows.items():
        if lay != layout:
            continue
        vs = f"{tree / per_s:.2f}x" if tree and measure != "lxml.html tree (python)" and not measure.startswith("pandas") else ""
        direct = chained = ""
        if pandas and not measure.startswith("pandas") and measure != "lxml.html tree (python)":
            direct = f"{per_s / pandas:.1f}x"
            if tree and lxml_py:
                chained = f"{(lxml_py / pandas) * (per_s / tree):.1f}x"
        print(f"{layout:9} {measure:30} {per_s:10.0f} {mb_s:8.1f} {vs:>10} {direct:>12} {chained:>10}")
    print()
