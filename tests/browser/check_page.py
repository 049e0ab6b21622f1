#!/usr/bin/env python3
"""Browser test of the inspection page (`govdisclose check --html`), in headless Chromium.

Makes a folder of generated reports, breaks some cells in known ways, runs
`govdisclose check --format json --html page.html`, then lets Chromium load the page and
dump the DOM after its script ran (with the page's #gd-selftest, which clicks every
diagnostic and every marked cell and checks the links both ways and the status filter).
Checks that exactly the cells named by error diagnostics carry `gd-error`, exactly those
named by warnings only carry `gd-warning`, that every cell the test broke is among them
with the expected rule, and that the page loads nothing from the network. Keeps a
screenshot as an artifact.

Usage: check_page.py CLI CHROMIUM WORKDIR [SCREENSHOT]
Exit 0 on success, 1 on failure, 77 (CTest skip) when Chromium is missing.
"""
import json
import os
import sys

from chromium import Chromium, Page, begin, fail, run


class Dom(Page):
    """Collects report sections, table cells with data-path, and the self-test result."""

    def __init__(self):
        super().__init__("gd-selftest-result")
        self.section = None
        self.sections = {}  # file -> section id
        self.cells = []  # (file, path, classes, rules)

    def start(self, tag, a):
        if tag == "section" and "data-file" in a:
            self.section = a["data-file"]
            self.sections[a["data-file"]] = a.get("id", "")
        if tag == "td" and "data-path" in a:
            self.cells.append((self.section, a["data-path"], set(a.get("class", "").split()),
                               set(a.get("data-rule", "").split())))


def main():
    args, shot = begin(sys.argv, ["cli", "chromium", "work"], "inspection.png")
    cli, chromium, work = args["cli"], args["chromium"], args["work"]
    reports = os.path.join(work, "reports")
    os.makedirs(os.path.join(reports, "2019"))

    # Generated reports, some broken in known ways: file -> [(path, rule)].
    broken = {}
    for i in range(1, 9):
        args = [cli, "generate", "--seed", str(40 + i), "-o", os.path.join(reports, f"r{i}.json")]
        if i == 7:
            args[-1] = os.path.join(reports, "2019", "r7.json")
            args[2:2] = ["--template", "2019", "--blank-rate", "0.4"]
        r = run(args)
        if r.returncode != 0:
            fail(f"generate: {r.stderr.decode()}")

    def edit(name, fn, expect):
        p = os.path.join(reports, name)
        with open(p, encoding="utf-8") as f:
            d = json.load(f)
        fn(d)
        with open(p, "w", encoding="utf-8") as f:
            json.dump(d, f, ensure_ascii=False, indent=1)
        broken[p] = expect

    def set_text(d):
        d["applications"]["granted"]["natural_person"] = "若干"
        d["applications"]["withheld"]["state_secret"]["total"] = "见附件"

    edit("r2.json", set_text, [("applications.granted.natural_person", "cell.not_a_number"),
                               ("applications.withheld.state_secret.total", "cell.not_a_number")])

    def break_total(d):
        d["reviews"]["litigation_direct"]["total"] += 5

    edit("r4.json", break_total, [("reviews.litigation_direct.total", "reviews.block_total")])

    def negative(d):
        d["proactive"]["licensing"]["decisions"] = -3

    edit("r5.json", negative, [("proactive.licensing.decisions", "cell.negative")])
    with open(os.path.join(reports, "broken.json"), "w") as f:
        f.write("{ not json")

    page = os.path.join(work, "page.html")
    r = run([cli, "check", reports, "--format", "json", "--html", page, "-j", "2"])
    if r.returncode != 1:
        fail(f"check exit {r.returncode}, expected 1: {r.stderr.decode()}")
    outcome = json.loads(r.stdout)
    files = {f["file"]: f for f in outcome["files"]}
    for p in broken:
        if files[p]["status"] != "fail":
            fail(f"{p} should fail")
    if files[os.path.join(reports, "broken.json")]["status"] != "unreadable":
        fail("broken.json should be unreadable")

    with open(page, encoding="utf-8") as f:
        source = f.read()

    with Chromium(chromium) as browser:
        url = "file://" + os.path.abspath(page)
        # The page's script ran and its links work both ways.
        dom = browser.self_tested(url, Dom())
        for marker in ("<link", "<img", "<iframe", "@import", "url("):
            if marker in source:
                fail(f"page contains {marker}")

        # Exactly the cells that diagnostics name are marked, with their rules.
        cell_paths = {}
        for file, path, classes, rules in dom.cells:
            cell_paths.setdefault(file, set()).add(path)
        want_error, want_warn, want_rules = set(), set(), {}
        for f in outcome["files"]:
            for d in f["diagnostics"]:
                if d["path"] not in cell_paths.get(f["file"], ()):
                    continue
                key = (f["file"], d["path"])
                (want_error if d["level"] == "error" else want_warn).add(key)
                want_rules.setdefault(key, set()).add(d["rule"])
        want_warn -= want_error
        got_error = {(f, p) for f, p, c, _ in dom.cells if "gd-error" in c}
        got_warn = {(f, p) for f, p, c, _ in dom.cells if "gd-warning" in c}
        got_marked = {(f, p) for f, p, c, _ in dom.cells if "gd-marked" in c}
        if got_error != want_error:
            fail(f"error cells differ: extra {got_error - want_error}, missing {want_error - got_error}")
        if got_warn != want_warn:
            fail(f"warning cells differ: extra {got_warn - want_warn}, missing {want_warn - got_warn}")
        if got_marked != want_error | want_warn:
            fail("gd-marked is not exactly the error and warning cells")
        for f, p, c, rules in dom.cells:
            if (f, p) in want_rules and rules != want_rules[(f, p)]:
                fail(f"{f} {p}: data-rule {rules}, expected {want_rules[(f, p)]}")
        for file, expect in broken.items():
            for path, rule in expect:
                if (file, path) not in got_error:
                    fail(f"broken cell {file} {path} is not marked")
                if rule not in want_rules[(file, path)]:
                    fail(f"broken cell {file} {path} lacks rule {rule}")
        if not want_warn:
            fail("the test corpus should have warning cells (blank cells of r7)")

        # A screenshot of the first failing report, kept as an artifact.
        browser.screenshot(url + "#gd-only=" + dom.sections[os.path.join(reports, "r2.json")],
                           shot, "1400,1100")
    print(f"OK: {len(got_error)} error cells and {len(got_warn)} warning cells marked exactly; "
          f"self-test {dom.result.strip()}; screenshot {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
