"""Reports and diagnostics in Jupyter: _repr_html_ shows the official tables with the failing
cells marked, and a list of diagnostics as a small table."""

from __future__ import annotations

import unittest
from html.parser import HTMLParser
from typing import Dict, List, Optional

import govdisclose
from _support import SEED_JSON


class Cells(HTMLParser):
    """Collects every <td> with a data-path (class, title, text) and the tags seen."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: Dict[str, dict] = {}
        self.tags: List[str] = []
        self.attrs_seen: List[Dict[str, Optional[str]]] = []
        self.rows: List[dict] = []
        self._open: Optional[dict] = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs_seen.append(a)
        if tag == "td" and "data-path" in a:
            self._open = {"class": (a.get("class") or "").split(), "title": a.get("title") or "",
                          "rule": a.get("data-rule") or "", "text": ""}
            self.cells[a["data-path"]] = self._open
        if tag == "tr" and "gd-diag" in (a.get("class") or ""):
            self.rows.append({"class": a["class"].split(), "rule": a.get("data-rule")})

    def handle_endtag(self, tag):
        if tag == "td":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data


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


if __name__ == "__main__":
    unittest.main()
