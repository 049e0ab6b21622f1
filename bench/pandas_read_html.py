"""pandas.read_html on the HTML files that bench_readers wrote (the same bytes it timed).

Usage: /usr/bin/python3 bench/pandas_read_html.py DIR [min_seconds]

For each of DIR/html and DIR/html_gbk it times, per report, ``pandas.read_html`` (lxml flavour,
tables only: no mapping to the template) and, in the same process, ``lxml.html`` parsing the same
bytes into a tree (libxml2 underneath), so that pandas can be related to libxml2 by a ratio
measured in one process. Prints lines "TSV<TAB>layout<TAB>measure<TAB>reports/s<TAB>MB/s".
Needs Debian's python3-pandas and python3-lxml (installed for /usr/bin/python3).
"""

import io
import os
import sys
import time
import warnings

import lxml.html
import pandas


def rate(files, min_seconds, f):
    """Reports/s and MB/s of f over every file, repeated for at least min_seconds."""
    for data in files:  # warm-up round, not timed
        f(data)
    done = size = 0
    start = time.perf_counter()
    while True:
        for data in files:
            f(data)
            size += len(data)
        done += len(files)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return done / elapsed, size / elapsed / 1e6


def main():
    root = sys.argv[1]
    min_seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    warnings.simplefilter("ignore")
    for layout in ("html", "html_gbk"):
        folder = os.path.join(root, layout)
        if not os.path.isdir(folder):
            continue
        files = []
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), "rb") as f:
                files.append(f.read())
        if not files:
            continue
        # Bytes in: pandas (through lxml) honours the page's <meta charset>.
        tables = rate(files, min_seconds, lambda b: pandas.read_html(io.BytesIO(b), flavor="lxml"))
        tree = rate(files, min_seconds, lambda b: lxml.html.document_fromstring(b))
        for measure, (per_s, mb_s) in (("pandas.read_html", tables), ("lxml.html tree (python)", tree)):
            print(f"TSV\t{layout}\t{measure}\t{per_s:.3f}\t{mb_s:.3f}")


if __name__ == "__main__":
    main()
