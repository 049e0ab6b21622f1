#!/usr/bin/env python3
"""`govdisclose export` read back by standard Python: csv, json and zipfile + ElementTree.

Makes a folder of generated reports (both templates, blanks, local additions, a marker and
a text cell with a comma and quotes, one unreadable file, and one agency's reports of two
consecutive years where this year's comes first and has zero denominators), exports it in
every format and checks each dataset against the JSON files the reports were made from:
the cells, and the derived figures computed here from the cells.

Usage: check_export.py CLI WORKDIR
"""
import csv
import decimal
import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

TABLES = ("proactive", "applications", "reviews")
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=decimal.Decimal)


def leaves(obj, prefix=""):
    """Every cell of a report's JSON tables: (path, JSON value)."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from leaves(v, f"{prefix}.{k}" if prefix else k)
    else:
        yield prefix, obj


def cells(report):
    out = {}
    for t in TABLES:
        out.update(dict(leaves(report.get(t, {}), t)))
    return out


def state_of(v):
    if v is None:
        return "blank"
    if isinstance(v, (int, decimal.Decimal)):
        return "number"
    return "marker" if v in ("/", "-", "—", "——", "无", "－") else "text"


def same_value(csv_value, json_value):
    if json_value is None:
        return csv_value == ""
    if isinstance(json_value, (int, decimal.Decimal)):
        return decimal.Decimal(csv_value) == decimal.Decimal(json_value)
    return csv_value == json_value


FIGURES = ("disclosure_rate", "review_correction_rate", "litigation_correction_rate",
           "new_received_change", "new_received_growth")


def figure_value(report, table, row, column):
    """A cell for a figure: numbers, blanks and markers (as 0); None for text or no cell."""
    v = report.get(table, {})
    for key in row.split(".") + [column]:
        if not isinstance(v, dict) or key not in v:
            return None
        v = v[key]
    if v is None:
        return decimal.Decimal(0)
    if isinstance(v, (int, decimal.Decimal)):
        return decimal.Decimal(v)
    return decimal.Decimal(0) if state_of(v) == "marker" else None


def ratio(num, den):
    if num is None or den is None or den == 0:
        return None
    return float(num) / float(den)


def add(*vs):
    return None if any(v is None for v in vs) else sum(vs)


def figures(report, last):
    """The derived figures of docs/compare.md, from the report (and last year's, or None)."""
    def f(table, row, column, r=report):
        return figure_value(r, table, row, column)
    out = {
        "disclosure_rate": ratio(add(f("applications", "granted", "total"),
                                     f("applications", "partially_granted", "total")),
                                 f("applications", "total_processed", "total")),
        "review_correction_rate": ratio(f("reviews", "administrative_review", "corrected"),
                                        f("reviews", "administrative_review", "total")),
        "litigation_correction_rate": ratio(
            add(f("reviews", "litigation_direct", "corrected"),
                f("reviews", "litigation_after_review", "corrected")),
            add(f("reviews", "litigation_direct", "total"),
                f("reviews", "litigation_after_review", "total"))),
        "new_received_change": None,
        "new_received_growth": None,
    }
    if last is not None:
        now = f("applications", "new_received", "total")
        before = f("applications", "new_received", "total", last)
        if now is not None and before is not None:
            out["new_received_change"] = float(now - before)
            out["new_received_growth"] = ratio(now - before, before)
    return out


def last_years(reports, order):
    """Each report's previous-year report of the same agency in the run (the first one)."""
    key = {p: ("".join(r["meta"]["agency"].split()), r["meta"]["year"]) for p, r in reports.items()}
    first = {}
    for p in order:
        first.setdefault(key[p], p)
    return {p: reports.get(first.get((key[p][0], key[p][1] - 1))) for p in reports}


def same_figure(text, want, where):
    if want is None:
        if text not in ("", None):
            fail(f"{where}: {text!r} for a figure that has no value (empty expected)")
        return
    if text in ("", None) or abs(float(text) - want) > 1e-12 * max(1.0, abs(want)):
        fail(f"{where}: {text!r}, expected {want!r}")


def run(cli, *args):
    r = subprocess.run([cli, *args], capture_output=True, timeout=300)
    return r.returncode, r.stdout, r.stderr.decode("utf-8", "replace")


def main():
    cli, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    src = os.path.join(work, "reports")
    os.makedirs(os.path.join(src, "old"))
    files = []
    for i, extra in enumerate([[], ["--blank-rate", "0.3"], ["--local-additions"],
                               ["--template", "2019"], ["--template", "2019", "--blank-rate", "0.5"]]):
        name = os.path.join(src, "old" if "2019" in extra else "", f"r{i}.json")
        code, _, err = run(cli, "generate", "--seed", str(300 + i), *extra, "-o", name)
        if code:
            fail(f"generate: {err}")
        files.append(name)
    d = load(files[0])
    d["applications"]["granted"]["natural_person"] = "—"
    d["applications"]["carried_over"]["total"] = '见说明, "附表"'
    d["meta"]["agency"] = '某市"示范",局'
    with open(files[0], "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False, default=str)
    # One agency in 2022 and 2023; this year's file comes first in name order, and its
    # denominators are zero (total_processed, and a blank administrative review total).
    pair = []
    for name, seed, year in (("p-2023.json", 401, 2023), ("s-2022.json", 402, 2022)):
        path = os.path.join(src, name)
        code, _, err = run(cli, "generate", "--seed", str(seed), "-o", path)
        if code:
            fail(f"generate: {err}")
        d = load(path)
        d["meta"]["agency"] = "某县 试点局" if year == 2023 else "某县试点局"
        d["meta"]["year"] = year
        if year == 2023:
            d["applications"]["total_processed"]["total"] = 0
            d["reviews"]["administrative_review"]["total"] = None
        with open(path, "w", encoding="utf-8") as f:
            json.dump(d, f, ensure_ascii=False, default=str)
        pair.append(path)
    files += pair
    with open(os.path.join(src, "zz-broken.json"), "w") as f:
        f.write("[1, 2")
    reports = {p: load(p) for p in files}
    # Exports list folders in name order: "old" (2019) before p-2023.json, r0.json…
    order = sorted(files, key=lambda p: (os.path.dirname(p) == src, p))
    def expected(in_order):
        lasts = last_years(reports, in_order)  # the first of a year counts: order matters
        return {p: figures(reports[p], lasts[p]) for p in files}
    want_figures = expected(order)
    if want_figures[pair[0]]["new_received_change"] is None or \
            want_figures[pair[0]]["disclosure_rate"] is not None or \
            want_figures[pair[0]]["review_correction_rate"] is not None:
        fail("the test's pair does not exercise year-over-year figures and zero denominators")

    # ---- long CSV ------------------------------------------------------------------------
    out = os.path.join(work, "cells.csv")
    code, _, err = run(cli, "export", src, "--to", "csv", "-o", out, "-j", "2")
    if code != 1 or "zz-broken.json" not in err:
        fail(f"export csv: exit {code} (1 expected: one unreadable file), {err}")
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(out, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    if header != ["source", "agency", "year", "template", "table", "row", "column", "value", "state"]:
        fail(f"header {header}")
    seen = {p: set() for p in files}
    figures_seen = {p: set() for p in files}
    for row in rows:
        rep = reports[row["source"]]
        if row["table"] == "derived":
            want = want_figures[row["source"]][row["row"]]
            same_figure(row["value"], want, f"{row['source']} {row['row']}")
            if row["state"] != ("absent" if want is None else "number") or row["column"] != "":
                fail(f"{row['source']} {row['row']}: state {row['state']!r}, column {row['column']!r}")
            figures_seen[row["source"]].add(row["row"])
            continue
        path = f'{row["table"]}.{row["row"]}.{row["column"]}'
        want = cells(rep)
        if path not in want:
            fail(f"{row['source']}: {path} is not a cell of the report")
        if not same_value(row["value"], want[path]) or row["state"] != state_of(want[path]):
            fail(f"{row['source']} {path}: {row['value']!r}/{row['state']} vs {want[path]!r}")
        if row["agency"] != rep["meta"]["agency"] or row["year"] != str(rep["meta"]["year"]):
            fail(f"meta of {row['source']}")
        if row["template"] != rep["template"]:
            fail(f"template of {row['source']}")
        seen[row["source"]].add(path)
    for p in files:
        if seen[p] != set(cells(reports[p])):
            fail(f"{p}: cells missing from the CSV: {set(cells(reports[p])) - seen[p]}")
        if figures_seen[p] != set(FIGURES):
            fail(f"{p}: derived figures in the CSV: {figures_seen[p]}")
    sources = []
    for row in rows:
        if not sources or sources[-1] != row["source"]:
            sources.append(row["source"])
    if sources != order:
        fail(f"reports out of order: {sources}")

    # ---- wide CSV ------------------------------------------------------------------------
    want_figures = expected(files)  # from here on the files are given in this order
    code, stdout, err = run(cli, "export", *files, "--to", "csv-wide")
    if code != 0:
        fail(f"export csv-wide: {code} {err}")
    table = list(csv.reader(io.StringIO(stdout.decode("utf-8"), newline="")))
    header, body = table[0], table[1:]
    if header[:4] != ["source", "agency", "year", "template"] or len(body) != len(files):
        fail("wide CSV shape")
    if header[-len(FIGURES):] != [f"derived.{f}" for f in FIGURES]:
        fail(f"wide CSV ends with {header[-len(FIGURES):]}")
    if len(set(header)) != len(header):
        fail("wide CSV has duplicate columns")
    for line in body:
        rep = reports[line[0]]
        want = cells(rep)
        for k, path in enumerate(header[4:], start=4):
            if path.startswith("derived."):
                same_figure(line[k], want_figures[line[0]][path[len("derived."):]],
                            f"wide {line[0]} {path}")
            elif path in want:
                if not same_value(line[k], want[path]):
                    fail(f"wide {line[0]} {path}: {line[k]!r} vs {want[path]!r}")
            elif line[k] != "":
                fail(f"wide {line[0]} {path}: {line[k]!r} for a cell the report does not have")
        missing = set(want) - set(header)
        if missing:
            fail(f"wide CSV lacks columns {missing}")

    # ---- JSON Lines ----------------------------------------------------------------------
    code, stdout, err = run(cli, "export", *files, "--to", "jsonl")
    if code != 0:
        fail(f"export jsonl: {code} {err}")
    lines = stdout.decode("utf-8").splitlines()
    if len(lines) != len(files):
        fail(f"{len(lines)} JSON lines for {len(files)} reports")
    for p, line in zip(files, lines):
        got = json.loads(line, parse_float=decimal.Decimal)
        if got["meta"].pop("source", None) != p:
            fail(f"jsonl source of {p}")
        want = dict(reports[p])
        want["meta"] = {k: v for k, v in want["meta"].items() if k != "source"}
        if cells(got) != cells(want) or got["meta"] != want["meta"]:
            fail(f"jsonl line for {p} differs")
        if sorted(got["derived"]) != sorted(FIGURES):
            fail(f"jsonl derived members of {p}: {sorted(got['derived'])}")
        for name in FIGURES:
            v = got["derived"][name]
            same_figure(None if v is None else str(v), want_figures[p][name], f"jsonl {p} {name}")

    # ---- XLSX ----------------------------------------------------------------------------
    out = os.path.join(work, "reports.xlsx")
    code, _, err = run(cli, "export", *files, "--to", "xlsx", "-o", out)
    if code == 3 and "libxlsxwriter" in err:
        print("XLSX not built in: skipped that part")
    else:
        if code != 0:
            fail(f"export xlsx: {code} {err}")
        with zipfile.ZipFile(out) as z:
            wb = ET.fromstring(z.read("xl/workbook.xml"))
            names = [s.get("name") for s in wb.find("m:sheets", NS)]
            if names != ["reports", "proactive", "applications", "reviews"]:
                fail(f"sheets {names}")
            for n, name in enumerate(names, start=1):
                sheet = ET.fromstring(z.read(f"xl/worksheets/sheet{n}.xml"))
                grid = []
                for r in sheet.find("m:sheetData", NS):
                    vals = {}
                    for c in r:
                        col = "".join(ch for ch in c.get("r") if ch.isalpha())
                        t = c.find("m:is/m:t", NS)
                        v = c.find("m:v", NS)
                        vals[col] = t.text if t is not None else (v.text if v is not None else "")
                    grid.append(vals)
                head = grid[0]
                cols = [head[k] for k in sorted(head, key=lambda s: (len(s), s))]
                body = [[g.get(k, "") for k in sorted(head, key=lambda s: (len(s), s))] for g in grid[1:]]
                if name == "reports":
                    if [b[0] for b in body] != files:
                        fail("reports sheet lists the wrong files")
                    if cols[5:] != [f"derived.{f}" for f in FIGURES]:
                        fail(f"reports sheet columns {cols}")
                    for b in body:
                        for k, fig in enumerate(FIGURES, start=5):
                            same_figure(b[k], want_figures[b[0]][fig], f"xlsx {b[0]} {fig}")
                    continue
                checked = 0
                for b in body:
                    rep = cells(reports[b[0]])
                    for k, code_ in enumerate(cols[6:], start=6):
                        path = f"{name}.{b[4]}.{code_}"
                        if path not in rep:
                            if b[k] != "":
                                fail(f"xlsx {path} has {b[k]!r}")
                            continue
                        want = rep[path]
                        if isinstance(want, (int, decimal.Decimal)):
                            ok = abs(decimal.Decimal(b[k]) - decimal.Decimal(want)) < decimal.Decimal("0.00001")
                        else:
                            ok = b[k] == ("" if want is None else want)
                        if not ok:
                            fail(f"xlsx {b[0]} {path}: {b[k]!r} vs {want!r}")
                        checked += 1
                want_cells = sum(1 for p in files for k in cells(reports[p]) if k.startswith(name + "."))
                if checked != want_cells:
                    fail(f"xlsx sheet {name}: {checked} cells checked, {want_cells} in the reports")

    print(f"OK: {len(rows)} long CSV rows, {len(body)} rows in the last sheet, {len(files)} reports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
