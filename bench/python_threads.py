"""How well reading scales on a thread pool: read many generated report files on 1 and on N
threads and print the speed-up (reading and parsing run without the GIL).

Usage: python3 bench/python_threads.py [--files 400] [--threads 2] [--repeat 3] [--format json]

Timings are noisy on shared machines: compare the ratio, measured in one run, not the times.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import govdisclose


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=400, help="how many report files")
    parser.add_argument("--threads", type=int, default=2, help="threads of the second run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting (best is kept)")
    parser.add_argument("--format", default="json", choices=["json", "html", "markdown", "text"],
                        help="the files' format (non-JSON formats need their reader)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for seed in range(args.files):
            report = govdisclose.generate(seed, "2021" if seed % 4 else "2019",
                                          blank_zero_rate=0.2)
            if args.format == "json":
                text = report.to_json()
            else:
                text = report.render(args.format)
            path = Path(tmp) / f"report-{seed}.{ {'markdown': 'md', 'text': 'txt'}.get(args.format, args.format)}"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        size = sum(p.stat().st_size for p in paths)

        def run(threads: int):
            return lambda: govdisclose.read_many(paths, threads=threads)

        check = govdisclose.read_many(paths[:8], threads=1)
        bad = [d for r in check for d in r.diagnostics if d.level == "error"]
        if bad:
            print("cannot read the generated files:", bad[0], file=sys.stderr)
            return 1
        run(args.threads)()  # warm up
        one = best_of(args.repeat, run(1))
        many = best_of(args.repeat, run(args.threads))

    # The same pool over hashlib (which releases the GIL) shows what the machine allows now.
    blobs = [os.urandom(1 << 20) for _ in range(32)]

    def hash_all(threads: int):
        def go():
            with ThreadPoolExecutor(max_workers=threads) as pool:
                list(pool.map(lambda chunk: [hashlib.sha256(b).digest() for b in chunk],
                              [blobs[k::threads] for k in range(threads)]))
        return go

    base = best_of(args.repeat, hash_all(1)) / best_of(args.repeat, hash_all(args.threads))

    print(f"{args.files} {args.format} files, {size / 1e6:.1f} MB, {os.cpu_count()} CPUs")
    print(f"1 thread : {one:.3f} s ({args.files / one:.0f} files/s)")
    print(f"{args.threads} threads: {many:.3f} s ({args.files / many:.0f} files/s)")
    print(f"speed-up (1 thread time / {args.threads} threads time): {one / many:.2f}")
    print(f"machine baseline (hashlib.sha256, GIL released) speed-up: {base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
