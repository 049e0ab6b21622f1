#!/usr/bin/env python3
"""A report as a notebook shows it, in headless Chromium.

Jupyter puts an object's `_repr_html_()` into the page as is. This test does the same with the
seed report (which breaks applications.row_total) and its `Diagnostics`, loads the page in
Chromium and reads back, after layout: the cells the findings name carry `gd-marked gd-error`
and are painted red (yellow for warnings only: their computed background), their `title` (shown on hover) holds the
messages, the other cells are not painted, and the diagnostics table has one row per finding.
Keeps a screenshot (docs/images/python-report-html.png is a copy of one).

Usage: check_notebook.py CHROMIUM WORKDIR [SCREENSHOT]   (govdisclose importable)
Exit 0 on success, 1 on failure, 77 (CTest skip) when Chromium is missing.
"""
import json
import os
import sys

import govdisclose
from chromium import Chromium, Page, begin, fail

SOURCE_DIR = os.environ.get("GOVDISCLOSE_SOURCE_DIR") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..")
SEED = os.path.join(SOURCE_DIR, "tests", "data", "zhengzhou-bigdata-2022.json")

# The test's own probe (not part of the fragment): computed backgrounds after layout.
PROBE = """<script>
window.addEventListener('load', function () {
  var out = {};
  document.querySelectorAll('td[data-path]').forEach(function (td) {
    out[td.getAttribute('data-path')] = getComputedStyle(td).backgroundColor;
  });
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


class Dom(Page):
    """Cells with data-path (classes, title), the diagnostics table's rows, the probe's output."""

    def __init__(self):
        super().__init__("probe")
        self.cells = {}
        self.diag_rows = []

    def start(self, tag, a):
        if tag == "td" and "data-path" in a:
            self.cells[a["data-path"]] = (set((a.get("class") or "").split()), a.get("title") or "")
        if tag == "tr" and "gd-diag" in (a.get("class") or ""):
            self.diag_rows.append(a.get("data-rule"))


def main():
    args, shot = begin(sys.argv, ["chromium", "work"], "python-report-html.png")
    chromium, work = args["chromium"], args["work"]
    report, _ = govdisclose.read(SEED)
    diagnostics = report.validate()
    page = os.path.join(work, "notebook.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>notebook</title></head>'
                '<body><div class="output">' + report._repr_html_() + '</div>'
                '<div class="output">' + diagnostics._repr_html_() + "</div>" + PROBE +
                "</body></html>")

    with Chromium(chromium) as browser:
        url = "file://" + os.path.abspath(page)
        dom = Dom()
        dom.feed(browser.dump_dom(url))
        if not dom.result:
            fail("the probe did not run")
        colours = json.loads(dom.result)
        named = {d.path for d in diagnostics if d.path in dom.cells}
        rows = {p for d in diagnostics for p in dom.cells
                if p.startswith(d.path + ".") and p.count(".") == d.path.count(".") + 1}
        marked = {p for p, (c, _) in dom.cells.items() if "gd-marked" in c}
        if not marked or marked != named | rows:
            fail(f"marked {sorted(marked)}, expected {sorted(named | rows)}")
        red, yellow = "rgb(255, 214, 214)", "rgb(255, 242, 194)"
        errors = 0
        for p in marked:
            classes, title = dom.cells[p]
            about = [d for d in diagnostics if d.path == p or p.startswith(d.path + ".")]
            error = any(str(d.level) == "error" for d in about)
            errors += error
            want = ("gd-error", red) if error else ("gd-warning", yellow)
            if want[0] not in classes or colours.get(p) != want[1]:
                fail(f"{p}: classes {classes}, background {colours.get(p)}, expected {want}")
            msgs = [d.message for d in about]
            if not all(m in title for m in msgs):
                fail(f"{p}: title {title!r} lacks {msgs}")
        painted = {p for p, c in colours.items() if c not in ("rgba(0, 0, 0, 0)", "transparent")}
        if painted != marked:
            fail(f"painted cells {sorted(painted - marked)} are not marked")
        if dom.diag_rows != [d.rule for d in diagnostics]:
            fail(f"diagnostics table rows {dom.diag_rows}")
        browser.screenshot(url, shot, "1300,1500")
    if not errors:
        fail("the seed's row_total error marks no cell")
    print(f"OK: {len(marked)} cells marked ({errors} red for errors) with their messages; {len(dom.diag_rows)} "
          f"diagnostics in the table; screenshot {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
