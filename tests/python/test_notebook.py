"""Reports and diagnostics in Jupyter: _repr_html_ shows the official tables with the failing
cells marked, and a list of diagnostics as a small table."""

from __future__ import annotations

import tempfile
import unittest
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Optional

import govdisclose
from _support import SEED_JSON, SEED_TEXT
from test_batch import make_folder


class Cells(HTMLParser):
    """Collects every <td> with a data-path (class, title, text) and the tags seen."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: Dict[str, dict] = {}
        self.tags: List[str] = []
        self.attrs_seen: List[Dict[str, Optional[str]]] = []
        self.rows: List[dict] = []
        self.items: List[Optional[str]] = []  # the report fragment's list of diagnostics
        self.statuses: List[tuple] = []  # a batch's file lines: (data-status, 结果 text)
        self.rule_rows: List[tuple] = []  # a batch's rule table: (rule, 出现次数)
        self._open: Optional[dict] = None
        self._table: List[str] = []  # classes of the open tables
        self._tr: Optional[dict] = None  # the open row: its status and cell texts
        self._td: Optional[List[str]] = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs_seen.append(a)
        if tag == "table":
            self._table.append(a.get("class") or "")
        if tag == "tr":
            self._tr = {"status": a.get("data-status"), "cells": []}
        if tag == "td" and self._tr is not None:
            self._td = []
        if tag == "td" and "data-path" in a:
            self._open = {"class": (a.get("class") or "").split(), "title": a.get("title") or "",
                          "rule": a.get("data-rule") or "", "text": ""}
            self.cells[a["data-path"]] = self._open
        if tag == "tr" and "gd-diag" in (a.get("class") or ""):
            self.rows.append({"class": a["class"].split(), "rule": a.get("data-rule")})
        if tag == "li" and "gd-diag" in (a.get("class") or ""):
            self.items.append(a.get("data-rule"))

    def handle_endtag(self, tag):
        if tag == "td":
            self._open = None
            if self._tr is not None and self._td is not None:
                self._tr["cells"].append("".join(self._td))
            self._td = None
        if tag == "tr" and self._tr is not None:
            cells = self._tr["cells"]
            if self._tr["status"] is not None and len(cells) > 1:
                self.statuses.append((self._tr["status"], cells[1]))
            if self._table and self._table[-1] == "gd-rules" and len(cells) > 2:
                self.rule_rows.append((cells[0], cells[2]))
            self._tr = None
        if tag == "table" and self._table:
            self._table.pop()

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data
        if self._td is not None:
            self._td.append(data)


def parse(html: str) -> Cells:
    p = Cells()
    p.feed(html)
    p.close()
    return p


class ReportHtmlTest(unittest.TestCase):
    def setUp(self) -> None:
        self.report, _ = govdisclose.read(SEED_JSON)
        self.diagnostics = self.report.validate()

    def test_the_failing_cells_are_marked_with_their_messages(self) -> None:
        page = parse(self.report._repr_html_())
        self.assertIn("table", page.tags)
        marked = {p for p, c in page.cells.items() if "gd-marked" in c["class"]}
        # Every diagnostic naming a laid-out cell marks that cell, and only those are marked.
        named = {d.path for d in self.diagnostics if d.path in page.cells}
        rows = {p for d in self.diagnostics for p in page.cells
                if p.startswith(d.path + ".") and p.count(".") == d.path.count(".") + 1}
        self.assertTrue(named | rows)
        self.assertEqual(marked, named | rows)
        for d in self.diagnostics:
            for p in ({d.path} & marked) or {p for p in rows if p.startswith(d.path + ".")}:
                cell = page.cells[p]
                self.assertIn(d.rule, cell["rule"].split())
                self.assertIn(d.message, cell["title"])  # shown on hover
                if str(d.level) == "error":
                    self.assertIn("gd-error", cell["class"])
        # The seed's row_total error: the 予以公开 row's total is filled, its parts are blank.
        self.assertTrue(any("gd-error" in page.cells[p]["class"] for p in marked))
        total = page.cells["applications.new_received.total"]
        self.assertEqual(total["text"].strip(), str(self.report.applications.new_received.total.value))

    def test_a_valid_report_has_its_tables_and_nothing_marked(self) -> None:
        page = parse(govdisclose.generate(3)._repr_html_())
        self.assertGreater(len(page.cells), 50)
        self.assertFalse([p for p, c in page.cells.items() if "gd-marked" in c["class"]])

    def test_the_html_is_self_contained(self) -> None:
        html = self.report._repr_html_()
        page = parse(html)
        self.assertNotIn("script", page.tags)
        for a in page.attrs_seen:
            for key in ("src", "href"):
                value = a.get(key)
                self.assertTrue(value is None or value.startswith("#"), value)
        self.assertNotIn("http://", html.replace("http://www.w3.org", ""))
        self.assertNotIn("https://", html)
        # Two reports in one notebook do not share element ids.
        ids = lambda h: {a["id"] for a in parse(h).attrs_seen if a.get("id")}
        self.assertFalse(ids(html) & ids(self.report._repr_html_()))

    def test_a_result_shows_the_report_with_reader_and_rule_findings(self) -> None:
        result = govdisclose.read(SEED_JSON)
        page = parse(result._repr_html_())
        self.assertTrue([p for p, c in page.cells.items() if "gd-marked" in c["class"]])
        # Its list holds the reader's findings, then the validation's, in order.
        for source in (SEED_JSON, SEED_TEXT):
            result = govdisclose.read(source)
            want = [d.rule for d in result.diagnostics] + [d.rule for d in result.report.validate()]
            self.assertTrue(want, source)
            self.assertEqual(parse(result._repr_html_()).items, want, source)
        self.assertEqual(parse(self.report._repr_html_()).items, [d.rule for d in self.diagnostics])


class DiagnosticsHtmlTest(unittest.TestCase):
    def test_diagnostics_are_a_sequence_shown_as_a_table(self) -> None:
        report, read_diagnostics = govdisclose.read(SEED_JSON)
        self.assertIsInstance(read_diagnostics, govdisclose.Diagnostics)
        ds = report.validate()
        self.assertIsInstance(ds, govdisclose.Diagnostics)
        self.assertIsInstance(ds, list)
        self.assertEqual(list(ds), list(govdisclose._core.validate(report)))
        self.assertEqual(ds[0], list(ds)[0])
        self.assertIsInstance(govdisclose.validate(report), govdisclose.Diagnostics)
        page = parse(ds._repr_html_())
        self.assertEqual([r["rule"] for r in page.rows], [d.rule for d in ds])
        self.assertEqual(["gd-" + str(d.level) in r["class"] for r, d in zip(page.rows, ds)],
                         [True] * len(ds))
        self.assertIn("table", page.tags)
        self.assertNotIn("script", page.tags)
        self.assertEqual(parse(govdisclose.Diagnostics()._repr_html_()).rows, [])
        # What was expected and found, as the CLI and the inspection page write it.
        html = ds._repr_html_()
        notes = [govdisclose._core.expected_found_note(d) for d in ds]
        self.assertTrue(any(notes))
        for note in notes:
            self.assertIn(escape(note), html)


class BatchHtmlTest(unittest.TestCase):
    def test_a_batch_shows_a_line_per_file_and_a_count_per_rule(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            batch = govdisclose.check(make_folder(Path(tmp)), jobs=2, progress=False)
            page = parse(batch._repr_html_())
        self.assertEqual(page.statuses, [(r.status, r.status_zh) for r in batch])
        self.assertEqual({r.status for r in batch}, {"pass", "fail", "unreadable"})
        self.assertEqual({r.status_zh for r in batch}, {"通过", "不通过", "无法读取"})
        self.assertEqual([r.status_zh for r in batch if r.status == "unreadable"], ["无法读取"])
        self.assertEqual(page.rule_rows, [(k, str(c.findings)) for k, c in batch.rules.items()])


if __name__ == "__main__":
    unittest.main()
