#!/usr/bin/env python3
"""Real published PDFs: govdisclose (read, extract, write JSON) beside `pdftotext -layout` on the
same files, in one script, on one machine (docs/benchmarks.md).

  python3 bench/real_pdf.py [--cli build/default/govdisclose] [--seconds 3] [PDF ...]

Without PDFs it takes every .pdf of ../shared/corpus/real. Each tool runs each file in a loop
for at least --seconds; the figure is pages and reports per second of wall time, and the ratio
of govdisclose's time to pdftotext's (a process per file for both: what a user runs). pdftotext
only prints text; govdisclose also rebuilds the tables, reads the report and writes JSON.
Standard library only.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def rate(cmd, seconds):
    """Runs of `cmd` per second of wall time, at least `seconds` long."""
    runs, start = 0, time.monotonic()
    while True:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        runs += 1
        elapsed = time.monotonic() - start
        if elapsed >= seconds and runs >= 3:
            return runs / elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*")
    ap.add_argument("--cli", default=os.path.join(HERE, "..", "build", "default", "govdisclose"))
    ap.add_argument("--seconds", type=float, default=3.0)
    a = ap.parse_args()
    pdfs = a.pdfs or sorted(glob.glob(os.path.join(HERE, "..", "..", "shared", "corpus", "real", "*.pdf")))
    if not pdfs:
        print("real_pdf: no PDF given and none in ../shared/corpus/real", file=sys.stderr)
        return 2
    print("| file | pages | govdisclose reports/s | pages/s | pdftotext -layout reports/s | pages/s | time ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for pdf in pdfs:
        n = pages(pdf)
        ours = rate([a.cli, "convert", pdf, "--to", "json"], a.seconds)
        theirs = rate(["pdftotext", "-layout", pdf, "-"], a.seconds)
        print("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.2f |"
              % (os.path.basename(pdf), n, ours, ours * n, theirs, theirs * n, theirs / ours))
    return 0


if __name__ == "__main__":
    sys.exit(main())
