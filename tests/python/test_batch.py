"""The batch in Python: govdisclose.check() and export() give what the command-line tool gives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
import unittest
from pathlib import Path

import govdisclose
from _support import DATA_DIR, SEED_JSON, SEED_TEXT

CLI = os.environ.get("GOVDISCLOSE_CLI", "")


def make_folder(root: Path) -> Path:
    """A folder like an inspector's: one agency's three years (whose carry-over disagrees), the
    seed report as JSON and as published text (it breaks applications.row_total), another
    agency, and a file that cannot be read."""
    folder = root / "reports"
    (folder / "county").mkdir(parents=True)
    for k, year in enumerate((2021, 2022, 2023)):
        r = govdisclose.generate(100 + k)
        r.meta.agency = "某县自然资源局"
        r.meta.year = year
        (folder / "county" / f"zrzy-{year}.json").write_text(r.to_json(), encoding="utf-8")
    other = govdisclose.generate(7)
    other.meta.agency = "某市交通运输局"
    other.meta.year = 2023
    (folder / "traffic-2023.json").write_text(other.to_json(), encoding="utf-8")
    shutil.copy(SEED_JSON, folder / "seed.json")
    shutil.copy(SEED_TEXT, folder / "seed.txt")
    (folder / "broken.json").write_text('{"template": "2021", ', encoding="utf-8")
    return folder


def finding_key(file, d):
    return (file, d["rule"], d["level"], d["path"], d["position"]["file"],
            d["position"]["line"], d["position"]["column"], d["expected"], d["found"],
            d["message"])


class FolderTest(unittest.TestCase):
    """Tests over one make_folder() folder, made once for the class."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.tmp = tempfile.TemporaryDirectory()
        cls.folder = make_folder(Path(cls.tmp.name))

    @classmethod
    def tearDownClass(cls) -> None:
        cls.tmp.cleanup()


class CheckTest(FolderTest):
    def test_check_returns_a_result_per_file_in_name_order(self) -> None:
        batch = govdisclose.check(self.folder, jobs=2, progress=False)
        names = [Path(r.path).relative_to(self.folder).as_posix() for r in batch]
        self.assertEqual(names, ["broken.json", "county/zrzy-2021.json", "county/zrzy-2022.json",
                                 "county/zrzy-2023.json", "seed.json", "seed.txt",
                                 "traffic-2023.json"])
        status = {Path(r.path).name: r.status for r in batch}
        self.assertEqual(status["broken.json"], "unreadable")
        self.assertEqual(status["seed.json"], "fail")
        self.assertTrue(batch[0].reason)
        self.assertEqual(batch.summary.files, 7)
        self.assertEqual(batch.summary.unreadable, 1)
        self.assertFalse(batch.ok)
        self.assertIn("applications.row_total", batch.rules)
        self.assertEqual(batch.rules["applications.row_total"].level, "error")

    def test_the_series_is_compared_and_its_findings_are_cross_report(self) -> None:
        batch = govdisclose.check([self.folder / "county"], progress=False)
        kinds = [(c.kind, c.year) for c in batch.comparisons]
        self.assertEqual(kinds, [("series", 2022), ("series", 2023)])
        cross = batch.cross_report
        self.assertTrue(cross)
        self.assertTrue(all(d.rule.startswith("across_years.") for _, d in cross))
        self.assertEqual({Path(f).name for f, _ in cross}, {"zrzy-2022.json", "zrzy-2023.json"})

    @unittest.skipUnless(CLI, "GOVDISCLOSE_CLI is not set (run through CTest)")
    def test_check_gives_the_same_findings_as_the_command_line(self) -> None:
        for args, kwargs in (([], {}), (["--no-warnings"], {"warnings": False}),
                             (["--skip", "cell"], {"skip": ["cell"]})):
            with self.subTest(args=args):
                run = subprocess.run([CLI, "check", "--format", "json", "-j", "2", *args,
                                      str(self.folder)], capture_output=True, check=False)
                self.assertEqual(run.returncode, 1, run.stderr.decode())
                cli = json.loads(run.stdout)
                batch = govdisclose.check(str(self.folder), jobs=2, progress=False, **kwargs)
                self.assertEqual([f["file"] for f in cli["files"]], [r.path for r in batch])
                self.assertEqual([f["status"] for f in cli["files"]], [r.status for r in batch])
                want = [finding_key(f["file"], d) for f in cli["files"] for d in f["diagnostics"]]
                got = [(row["file"], row["rule"], row["level"], row["path"],
                        row["position_file"], row["line"] or 0, row["column"] or 0,
                        row["expected"], row["found"], row["message"])
                       for row in batch.findings()]
                self.assertEqual(got, want)
                self.assertEqual(len(cli["comparisons"]), len(batch.comparisons))
                for c, p in zip(cli["comparisons"], batch.comparisons):
                    self.assertEqual((c["kind"], c["agency"], c["year"], c["files"],
                                      c["errors"], c["warnings"]),
                                     (p.kind, p.agency, p.year, p.files, p.errors, p.warnings))
                self.assertEqual({r["rule"]: r["findings"] for r in cli["rules"]},
                                 {k: c.findings for k, c in batch.rules.items()})
                self.assertEqual(cli["summary"]["errors"], batch.summary.errors)
                self.assertEqual(cli["summary"]["warnings"], batch.summary.warnings)

    def test_a_manifest_gives_agency_and_year(self) -> None:
        manifest = Path(self.tmp.name) / "manifest.csv"
        manifest.write_text("file,agency,year\n"
                            "reports/county/zrzy-2023.json,某县自然资源局,2023\n"
                            "reports/traffic-2023.json,某县自然资源局,2022\n", encoding="utf-8")
        batch = govdisclose.check(manifest=manifest, progress=False)
        self.assertEqual(len(batch), 2)
        self.assertEqual([(c.kind, c.year) for c in batch.comparisons], [("series", 2023)])
        bad = Path(self.tmp.name) / "bad.csv"
        bad.write_text("file,agency\nx.json,某局\n", encoding="utf-8")
        with self.assertRaises(govdisclose.InputError) as e:
            govdisclose.check(manifest=bad, progress=False)
        self.assertTrue(e.exception.diagnostics)
        with self.assertRaises(ValueError):
            govdisclose.check(self.folder, manifest=manifest)

    def test_progress_is_reported_per_file_and_the_gil_is_released(self) -> None:
        calls = []
        ticks = []
        stop = threading.Event()

        def tick() -> None:  # runs only while the batch does not hold the GIL
            while not stop.is_set():
                ticks.append(1)
                stop.wait(0.001)

        t = threading.Thread(target=tick)
        t.start()
        try:
            govdisclose.check(self.folder, jobs=1, progress=lambda d, n: calls.append((d, n)))
        finally:
            stop.set()
            t.join()
        self.assertEqual(calls, [(k, 7) for k in range(1, 8)])
        self.assertTrue(ticks)

    def test_progress_true_draws_a_tqdm_bar_when_tqdm_is_importable(self) -> None:
        try:
            import tqdm  # noqa: F401  (optional: Debian python3-tqdm)
        except ImportError:
            self.skipTest("tqdm is not installed (optional)")
        import contextlib
        import io
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            batch = govdisclose.check(self.folder, progress=True)
        self.assertEqual(len(batch), 7)
        self.assertIn("7/7", err.getvalue())

    def test_findings_dataframe_has_a_row_per_finding(self) -> None:
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas is not installed (optional)")
        batch = govdisclose.check(self.folder, progress=False)
        df = govdisclose.findings_dataframe(batch)
        self.assertEqual(list(df.columns), list(govdisclose.FINDING_COLUMNS))
        self.assertEqual(len(df), sum(len(r.diagnostics) for r in batch))
        self.assertEqual(len(batch.to_dataframe()), len(df))


class ExportTest(FolderTest):
    @unittest.skipUnless(CLI, "GOVDISCLOSE_CLI is not set (run through CTest)")
    def test_export_writes_what_the_command_line_writes(self) -> None:
        for to in ("csv", "csv-wide", "jsonl"):
            with self.subTest(to=to):
                run = subprocess.run([CLI, "export", "--to", to, str(self.folder)],
                                     capture_output=True, check=False)
                self.assertEqual(run.returncode, 1)
                out = govdisclose.export(self.folder, to=to, jobs=2, progress=False)
                self.assertEqual(out.text, run.stdout.decode("utf-8"))
                self.assertEqual(out.written, 6)
                self.assertEqual([Path(f).name for f, _ in out.skipped], ["broken.json"])

    def test_export_to_a_file(self) -> None:
        target = Path(self.tmp.name) / "cells.jsonl"
        calls = []
        out = govdisclose.export([self.folder / "county"], to="jsonl", output=target,
                                 progress=lambda d, n: calls.append((d, n)))
        self.assertIsNone(out.text)
        lines = target.read_text(encoding="utf-8").splitlines()
        self.assertEqual(len(lines), 3)
        self.assertEqual(json.loads(lines[2])["derived"]["new_received_change"] is None, False)
        self.assertEqual(calls[-1], (3, 3))
        self.assertEqual(calls, [(1, 3), (2, 3), (3, 3)])
        # The derived figures are the library's derive(), year over year against last year's
        # report of the same agency (the first line, 2021, has none).
        rows = [json.loads(line) for line in lines]
        self.assertEqual([r["meta"]["year"] for r in rows], [2021, 2022, 2023])
        reports = [govdisclose.read(self.folder / "county" / f"zrzy-{y}.json").report
                   for y in (2021, 2022, 2023)]
        for k, (row, report) in enumerate(zip(rows, reports)):
            want = govdisclose.derive(report, reports[k - 1] if k else None)
            for name in ("disclosure_rate", "new_received_change", "new_received_growth"):
                got = row["derived"].get(name)
                if getattr(want, name) is None:
                    self.assertIsNone(got, (k, name))
                else:
                    self.assertAlmostEqual(got, getattr(want, name), places=9, msg=(k, name))
        self.assertIsNone(rows[0]["derived"].get("new_received_change"))
        self.assertEqual(rows[2]["derived"]["new_received_change"],
                         reports[2].applications.new_received.total.value -
                         reports[1].applications.new_received.total.value)
        with self.assertRaises(ValueError):
            govdisclose.export(self.folder, to="parquet")


class ExportProgressTest(unittest.TestCase):
    @unittest.skipUnless(CLI, "GOVDISCLOSE_CLI is not set (run through CTest)")
    def test_export_on_a_terminal_shows_progress_in_both_passes(self) -> None:
        import pty
        with tempfile.TemporaryDirectory() as tmp:
            folder = make_folder(Path(tmp))
            master, slave = pty.openpty()
            try:
                run = subprocess.run([CLI, "export", str(folder), "--to", "csv", "-o",
                                      str(Path(tmp) / "cells.csv")],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=slave, check=False, timeout=120)
                os.close(slave)
                shown = b""
                while True:
                    try:
                        chunk = os.read(master, 65536)
                    except OSError:
                        break
                    if not chunk:
                        break
                    shown += chunk
            finally:
                os.close(master)
            self.assertEqual(run.returncode, 1)
            text = shown.decode("utf-8", errors="replace")
            # The first pass reads every file ahead (to find last year's reports), the second
            # exports them: each draws its bar to the end.
            self.assertIn("读取（第 1 遍）", text)
            self.assertIn("导出（第 2 遍）", text)
            self.assertRegex(text, r"读取（第 1 遍）\[#+\] 7/7")
            self.assertRegex(text, r"导出（第 2 遍）\[#+\] 7/7")
            # On a pipe nothing is drawn.
            piped = subprocess.run([CLI, "export", str(folder), "--to", "csv"],
                                   capture_output=True, check=False)
            self.assertNotIn("遍", piped.stderr.decode("utf-8"))


if __name__ == "__main__":
    unittest.main()
