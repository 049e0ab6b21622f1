"""Read and check a folder of annual reports on a Dask cluster; the findings as one DataFrame.

A national crawl is 10^5 to 10^6 documents a year, mostly PDF (some 10 ms each to read): more
than one machine wants. Dask spreads the work: a bag of paths is mapped through
``govdisclose.read`` and ``validate`` on the workers (reports pickle, so they travel between
processes), then one agency's reports of consecutive years are compared (``check_series``), as
``govdisclose check`` does. The findings come back as a pandas DataFrame, one row per finding.

    python3 check_folder.py REPORTS/                      # a LocalCluster on this machine
    python3 check_folder.py REPORTS/ tcp://scheduler:8786 # a real cluster (dask-scheduler)

On a real cluster every worker needs the govdisclose package and must see the files at the same
paths (a shared file system), or give the bag URLs and read bytes instead of paths.
Needs Debian's python3-dask, python3-distributed and python3-pandas.
"""

from __future__ import annotations

import os
import sys
import zlib
from typing import Dict, List, Sequence

import dask.bag as db
import pandas as pd

import govdisclose

SUFFIXES = (".json", ".html", ".htm", ".shtml", ".md", ".markdown", ".txt", ".tsv", ".docx",
            ".pdf")
COLUMNS = ["file", "rule", "level", "path", "line", "column", "expected", "found", "message"]


def list_files(folder: str) -> List[str]:
    """Supported files under a folder, in name order (as ``govdisclose check`` walks it)."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found += [os.path.join(root, f) for f in files if f.lower().endswith(SUFFIXES)]
    return sorted(found)


def rows(path: str, diagnostics) -> List[Dict]:
    return [{"file": path, "rule": d.rule, "level": str(d.level), "path": d.path,
             "line": d.position.line, "column": d.position.column, "expected": d.expected,
             "found": d.found, "message": d.message} for d in diagnostics]


def read_and_check(item) -> Dict:
    """On a worker: read one file and validate it (unless it cannot be read at all)."""
    index, path = item
    report, diagnostics = govdisclose.read(path)
    unreadable = any(govdisclose.is_unreadable(d) for d in diagnostics)
    if not unreadable:
        diagnostics = list(diagnostics) + list(report.validate())
    report.meta.source = path  # the comparisons' messages name the files
    return {"index": index, "path": path, "unreadable": unreadable, "report": report,
            "findings": rows(path, diagnostics)}


def agency_key(c: Dict) -> int:
    """A shuffle key that is the same in every worker process: a CRC of the normalised agency.

    (Python salts the hash of a str per process, so str keys would scatter one agency's reports
    over several groups; an int hashes to itself.)
    """
    return zlib.crc32(govdisclose.normalize_agency(c["report"].meta.agency).encode("utf-8"))


def series_findings(group) -> List[Dict]:
    """On a worker: the reports of one or more agencies (CRCs may collide), each compared with
    the same agency's report of the year before, as ``govdisclose check`` does.

    The pairs come from the library (``consecutive_pairs``: agencies normalised, the first
    report of a year in input order counts), so Dask pairs the years as the batch does.
    """
    _, checked = group
    checked = sorted(checked, key=lambda c: c["index"])
    reports = [c["report"] for c in checked]
    out = []
    for last, now in govdisclose.consecutive_pairs(reports):
        out += rows(checked[now]["path"], govdisclose.check_series(reports[last], reports[now]))
    return out


def check_folder(paths: Sequence[str], partitions: int = 8) -> pd.DataFrame:
    """The findings of every file, and of the comparisons across years, as a DataFrame.

    Runs on the current Dask scheduler (a ``distributed.Client`` once one is created).
    """
    bag = db.from_sequence(list(enumerate(paths)), npartitions=max(1, min(partitions, len(paths))))
    checked = bag.map(read_and_check)
    per_file = checked.map(lambda c: c["findings"]).flatten()
    across_years = (checked
                    .filter(lambda c: not c["unreadable"] and c["report"].meta.agency
                            and c["report"].meta.year)
                    .groupby(agency_key)
                    .map(series_findings).flatten())
    found = db.concat([per_file, across_years]).compute()
    return pd.DataFrame(found, columns=COLUMNS)


def main(argv: List[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    from distributed import Client, LocalCluster

    if len(argv) > 2:
        client = Client(argv[2])  # a running cluster: tcp://host:8786
    else:
        client = Client(LocalCluster(n_workers=2, threads_per_worker=1, processes=True))
    with client:
        df = check_folder(list_files(argv[1]))
    print(df.groupby(["rule", "level"]).size().to_string())
    print(len(df), "findings in", df.file.nunique(), "files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
