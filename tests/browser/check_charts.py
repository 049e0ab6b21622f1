#!/usr/bin/env python3
"""Browser test of the inspection page's charts (inline SVG), in headless Chromium.

Makes a folder with one agency's three years (2021, 2022, 2023; 2022 carries over exactly what
2021 carried forward, 2023 does not), another agency's single year and a few other reports,
runs `govdisclose check --format json --html page.html`, lets Chromium load the page with its
self-test (which clicks every bar of the rule chart and checks the filter), and reads the
numbers back from the SVG in the DOM:

- the rule chart has one bar per rule with its count of findings (as `check --format json`
  says), bar lengths in proportion;
- the three-year agency has a trend (新收申请, 办理总计, 公开率) whose points carry the figures of
  `govdisclose export --to jsonl` (cells and derived disclosure rate), and exactly 2023 is
  marked as failing its carry-over; the one-year agency has no trend.

Keeps a screenshot of the charts (docs/images/inspection-charts.png is a copy of one).

Usage: check_charts.py CLI CHROMIUM WORKDIR [SCREENSHOT]
Exit 0 on success, 1 on failure, 77 (CTest skip) when Chromium is missing.
"""
import json
import math
import os
import sys

from chromium import Chromium, Page, begin, fail, run

AGENCY = "某县自然资源局"


class Svg(Page):
    """Bars of the rule chart, trend figures and their points, and the self-test result."""

    def __init__(self):
        super().__init__("gd-selftest-result")
        self.bars = {}  # rule -> (findings, rect width)
        self._bar = None
        self.trends = {}  # agency -> {series: {year: (value, carry_fail)}}
        self._agency = None
        self._series = None

    def start(self, tag, a):
        classes = (a.get("class") or "").split()
        if tag == "g" and "gd-bar" in classes:
            self._bar = a["data-rule"]
            self.bars[self._bar] = (int(a["data-findings"]), None)
        if tag == "rect" and self._bar:
            self.bars[self._bar] = (self.bars[self._bar][0], float(a["width"]))
        if tag == "figure" and "gd-trend" in classes:
            self._agency = a["data-agency"]
            self.trends[self._agency] = {}
        if tag == "svg" and "gd-spark" in classes and self._agency:
            self._series = a["data-series"]
            self.trends[self._agency][self._series] = {}
        if tag == "circle" and "gd-point" in classes and self._series:
            self.trends[self._agency][self._series][int(a["data-year"])] = (
                float(a["data-value"]), "gd-carry-fail" in classes)

    def end(self, tag):
        if tag == "g":
            self._bar = None
        if tag == "figure":
            self._agency = None
        if tag == "svg":
            self._series = None


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-9)


def main():
    args, shot = begin(sys.argv, ["cli", "chromium", "work"], "inspection-charts.png")
    cli, chromium, work = args["cli"], args["chromium"], args["work"]
    reports = os.path.join(work, "reports")
    os.makedirs(reports)

    def generate(seed, name):
        path = os.path.join(reports, name)
        r = run([cli, "generate", "--seed", str(seed), "-o", path])
        if r.returncode != 0:
            fail(f"generate: {r.stderr.decode()}")
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    def save(name, d):
        with open(os.path.join(reports, name), "w", encoding="utf-8") as f:
            json.dump(d, f, ensure_ascii=False, indent=1)

    def set_meta(d, agency, year):
        d.setdefault("meta", {})["agency"] = agency
        d["meta"]["year"] = year

    y2021 = generate(61, "a-2021.json")
    set_meta(y2021, AGENCY, 2021)
    save("a-2021.json", y2021)
    # 2022 carries over exactly what 2021 carried forward (its own sums break: errors, fine).
    y2022 = json.loads(json.dumps(y2021))
    set_meta(y2022, AGENCY, 2022)
    apps = y2022["applications"]
    apps["carried_over"] = json.loads(json.dumps(y2021["applications"]["carried_forward"]))
    apps["new_received"]["total"] = apps["new_received"]["total"] + 5
    save("a-2022.json", y2022)
    y2023 = generate(63, "a-2023.json")
    set_meta(y2023, AGENCY, 2023)
    if y2023["applications"]["carried_over"] == y2022["applications"]["carried_forward"]:
        y2023["applications"]["carried_over"]["natural_person"] += 1
    save("a-2023.json", y2023)
    lone = generate(64, "b-2023.json")
    set_meta(lone, "某市交通运输局", 2023)
    save("b-2023.json", lone)
    broken = generate(65, "c-broken.json")
    broken["reviews"]["litigation_direct"]["total"] += 5
    save("c-broken.json", broken)

    page = os.path.join(work, "page.html")
    r = run([cli, "check", reports, "--format", "json", "--html", page, "-j", "2"])
    if r.returncode != 1:
        fail(f"check exit {r.returncode}, expected 1: {r.stderr.decode()}")
    outcome = json.loads(r.stdout)
    r = run([cli, "export", reports, "--to", "jsonl"])
    if r.returncode != 0:
        fail(f"export exit {r.returncode}: {r.stderr.decode()}")
    exported = [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]

    with Chromium(chromium) as browser:
        url = "file://" + os.path.abspath(page)
        svg = browser.self_tested(url, Svg())  # its self-test clicks the bars: they filter the list

        # The rule chart: a bar per rule, its number of findings, lengths in proportion.
        want = {x["rule"]: x["findings"] for x in outcome["rules"]}
        got = {rule: n for rule, (n, _) in svg.bars.items()}
        if got != want:
            fail(f"bars {got}, expected {want}")
        top = max(want.values())
        longest = max(w for _, w in svg.bars.values())
        for rule, (n, width) in svg.bars.items():
            if not close(width, max(n * longest / top, 1.0)):
                fail(f"bar {rule}: width {width} for {n} findings (longest {longest} for {top})")

        # The trends: only the agency with several years; its points carry the figures.
        if set(svg.trends) != {AGENCY}:
            fail(f"trends for {set(svg.trends)}, expected only {AGENCY}")
        trend = svg.trends[AGENCY]
        if set(trend) != {"new_received", "total_processed", "disclosure_rate"}:
            fail(f"series {set(trend)}")
        by_year = {e["meta"]["year"]: e for e in exported if e["meta"].get("agency") == AGENCY}
        carry_fail = {f["file"] for f in outcome["files"]
                      if any(d["rule"] == "across_years.carry_over" for d in f["diagnostics"])}
        for year, e in by_year.items():
            expect = {
                "new_received": e["applications"]["new_received"]["total"],
                "total_processed": e["applications"]["total_processed"]["total"],
                "disclosure_rate": e["derived"]["disclosure_rate"],
            }
            for series, value in expect.items():
                point = trend[series].get(year)
                if point is None:
                    fail(f"no {series} point for {year}")
                if not close(point[0], float(value)):
                    fail(f"{series} {year}: {point[0]} in the chart, {value} in the export")
                failing = os.path.join(reports, f"a-{year}.json") in carry_fail
                if point[1] != failing:
                    fail(f"{series} {year}: carry-over mark {point[1]}, expected {failing}")
        marked = {y for y, (_, f) in trend["new_received"].items() if f}
        if marked != {2023}:
            fail(f"carry-over marked in {marked}, expected 2023 only")

        # A screenshot of the summary with its charts.
        browser.screenshot(url + "#gd-summary", shot, "1200,1000")
    print(f"OK: {len(svg.bars)} bars, trend of {AGENCY} over {sorted(by_year)} read back from "
          f"the SVG; self-test {svg.result.strip()}; screenshot {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
