"""Read several reports on a thread pool and tabulate them as one tidy table.

The reports are random valid ones written to a temporary directory; point read_many() at real
files the same way. With pandas installed the table is a DataFrame, otherwise a list of dicts.
"""

import tempfile
from collections import defaultdict
from pathlib import Path

import govdisclose

with tempfile.TemporaryDirectory() as tmp:
    paths = []
    for seed in range(6):
        path = Path(tmp) / f"report-{seed}.json"
        path.write_text(govdisclose.generate(seed).to_json(), encoding="utf-8")
        paths.append(path)

    results = govdisclose.read_many(paths, threads=2)
    reports = [r.report for r in results if r.ok]

try:
    import pandas as pd
except ImportError:
    pd = None

if pd is not None:
    df = govdisclose.to_dataframe(reports)
    received = df[(df.table == "applications") & (df.row == "new_received")]
    table = received.pivot_table(index="agency", columns="column", values="value",
                                 aggfunc="sum")
    print(table[["natural_person", "total"]])
    print(len(df), "cells from", len(reports), "reports")
else:
    sums = defaultdict(int)
    for row in govdisclose.to_records(reports):
        if row["table"] == "applications" and row["row"] == "new_received" \
                and row["column"] == "total":
            sums[row["agency"]] += row["value"]
    for agency, total in sorted(sums.items()):
        print(agency, total)
assert len(reports) == 6
