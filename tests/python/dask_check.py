"""The Dask example (examples/dask/check_folder.py) on a LocalCluster with two worker processes
gives the same findings as `govdisclose check` on the same folder.

Run by CTest (python_dask_example) with Debian's /usr/bin/python3, which has python3-dask,
python3-distributed and python3-pandas (scripts/setup installs them); GOVDISCLOSE_CLI names the
program. Exit 77 (skipped) when Dask is not installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unittest
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _support import SOURCE_DIR  # noqa: E402
from test_batch import make_folder  # noqa: E402

EXAMPLE_DIR = SOURCE_DIR / "examples" / "dask"
CLI = os.environ.get("GOVDISCLOSE_CLI", "")


class DaskExampleTest(unittest.TestCase):
    def test_the_dask_example_finds_what_govdisclose_check_finds(self) -> None:
        # The workers import the example's module by name (cloudpickle pickles its functions by
        # reference): they inherit this PYTHONPATH.
        os.environ["PYTHONPATH"] = os.pathsep.join(
            p for p in (os.environ.get("PYTHONPATH"), str(EXAMPLE_DIR)) if p)
        sys.path.insert(0, str(EXAMPLE_DIR))
        import check_folder
        from distributed import Client, LocalCluster

        with tempfile.TemporaryDirectory() as tmp:
            folder = make_folder(Path(tmp))
            run = subprocess.run([CLI, "check", "--format", "json", str(folder)],
                                 capture_output=True, check=False)
            self.assertEqual(run.returncode, 1, run.stderr.decode())
            cli = json.loads(run.stdout)
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                self.assertEqual(len(client.scheduler_info()["workers"]), 2)
                df = check_folder.check_folder(check_folder.list_files(str(folder)), partitions=4)

        key = ("file", "rule", "level", "path", "line", "column", "expected", "found", "message")
        want = Counter((f["file"], d["rule"], d["level"], d["path"], d["position"]["line"] or 0,
                        d["position"]["column"] or 0, d["expected"], d["found"], d["message"])
                       for f in cli["files"] for d in f["diagnostics"])
        got = Counter(tuple((row[k] or 0) if k in ("line", "column") else row[k] for k in key)
                      for row in df.to_dict("records"))
        self.assertEqual(got - want, Counter(), "found by Dask only")
        for k in sorted(want - got): print("CLI only:", k[:6], k[8][:150])
        for k in sorted(got - want): print("Dask only:", k[:6], k[8][:150])
        self.assertEqual(want - got, Counter(), "found by govdisclose check only")
        self.assertTrue(any(r.startswith("across_years.") for _, r, *_ in want))
        self.assertEqual(sum(want.values()), len(df))


if __name__ == "__main__":
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
        import pandas  # noqa: F401
    except ImportError as e:
        print("skipped:", e)
        sys.exit(77)
    if not CLI:
        print("skipped: GOVDISCLOSE_CLI is not set")
        sys.exit(77)
    unittest.main()
