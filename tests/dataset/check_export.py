#!/usr/bin/env python3
"""`govdisclose export` read back by standard Python: csv, json and zipfile + ElementTree.

Makes a folder of generated reports (both templates, blanks, local additions, a marker and
a text cell with a comma and quotes, one unreadable file), exports it in every format and
checks each dataset against the JSON files the reports were made from.

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
    with open(os.path.join(src, "zz-broken.json"), "w") as f:
        f.write("[1, 2")
    reports = {p: load(p) for p in files}
    # Exports list folders in name order: "old" (2019) before r0.json…
    order = sorted(files, key=lambda p: (os.path.dirname(p) == src, p))

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
    for row in rows:
        rep = reports[row["source"]]
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
    sources = []
    for row in rows:
        if not sources or sources[-1] != row["source"]:
            sources.append(row["source"])
    if sources != order:
        fail(f"reports out of order: {sources}")

    # ---- wide CSV ------------------------------------------------------------------------
    code, stdout, err = run(cli, "export", *files, "--to", "csv-wide")
    if code != 0:
        fail(f"export csv-wide: {code} {err}")
    table = list(csv.reader(io.StringIO(stdout.decode("utf-8"), newline="")))
    header, body = table[0], table[1:]
    if header[:4] != ["source", "agency", "year", "template"] or len(body) != len(files):
        fail("wide CSV shape")
    if len(set(header)) != len(header):
        fail("wide CSV has duplicate columns")
    for line in body:
        rep = reports[line[0]]
        want = cells(rep)
        for k, path in enumerate(header[4:], start=4):
            if path in want:
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
