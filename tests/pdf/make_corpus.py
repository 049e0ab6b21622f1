#!/usr/bin/env python3
"""Make the PDF reader's test corpus: generated reports printed to PDF in two layouts.

For COUNT seeds it writes, under OUTDIR:

  json/NAME.json        the generated report (`govdisclose generate`), the expected answer
  html/NAME.html        `govdisclose convert --to html`, with `@page { size: A4 }` injected
                        when the writer sets no page size (this copy only)
  docx/NAME.docx        `govdisclose convert --to docx` (the writer sets A4 itself)
  chromium/NAME.pdf     headless Chromium's print of the HTML, with Chromium's default header
                        and footer (date, title, file URL, page x/y) that the reader must drop;
                        one browser prints every file over the DevTools protocol, which gives
                        what `chromium --headless --print-to-pdf=NAME.pdf file://…` gives
  libreoffice/NAME.pdf  LibreOffice's export of the DOCX (one soffice call for all files)
  docx/NAME@FONT.wps.docx, libreoffice/NAME@FONT.wps.pdf, wps/NAME@FONT.json
                        with --wps-template, for each 2021 report: the real blank template
                        made with WPS (merged cells, vertical group labels) filled with the
                        report's cells, its fonts renamed, printed by LibreOffice; the JSON is
                        what the DOCX reader reads of it (checked to hold the report's cells:
                        the title and text are the template's own), layout "wps"
  corpus.tsv            one line per PDF: layout, PDF path, JSON path (relative to OUTDIR),
                        page count (empty without pdfinfo) and font, tab-separated

Every report is printed in each of the named fonts (--fonts, default the three CJK fonts that
scripts/setup installs: two sans, one serif), each with a type size and a label-column width
of its own, so that labels wrap at different characters; the script refuses a font that
fontconfig does not have (a fallback font would make the PDFs depend on the machine). Names of
the copies: NAME@FONTKEY.

Seeds alternate the 2021 and 2019 templates (every third report is 2019) and every other report
publishes some zeros blank (--blank-rate 0.05), so blank cells, which a PDF cannot show, must be
placed by their columns. Both layouts break the big table across A4 pages; the script checks that
every PDF is A4 and that each report's PDF has more than one page.

Usage: make_corpus.py OUTDIR COUNT [--first-seed N] [--cli PATH] [--chromium PATH] [--soffice PATH]
Exit 0 when every PDF was made, 1 when some were not, 2 on usage errors, 77 (CTest skip) when
Chromium or LibreOffice is missing. Python standard library only.
"""
import argparse
import base64
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile

# (key, fontconfig family): the fonts the PDFs are printed in, installed by scripts/setup.
FONTS = [("microhei", "WenQuanYi Micro Hei"), ("zenhei", "WenQuanYi Zen Hei"),
         ("uming", "AR PL UMing CN")]
# Type sizes (points) and label-column width factors, picked per report and font so that the
# same label breaks at different characters across the corpus.
SIZES = [10.5, 12, 11, 13]
LABEL_WIDTHS = [1.0, 1.15, 1.3, 0.95, 1.2]

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-extensions"]


def plan(count, first_seed):
    """(name, seed, template, blank rate) for each report."""
    out = []
    for i in range(1, count + 1):
        seed = first_seed + i - 1
        template = "2019" if i % 3 == 0 else "2021"
        blank = "0.05" if i % 2 == 0 else None
        name = "r%d-%s%s" % (seed, template, "-blank" if blank else "")
        out.append((name, seed, template, blank))
    return out


W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def template_cells(cli, template):
    """path -> (line, column) of every data cell of the blank template: the positions of the
    cell.blank findings `govdisclose validate` gives for it (line: body paragraphs and table rows
    counted in reading order; column: the 1-based grid column)."""
    r = run([cli, "validate", "--format", "json", template])
    found = json.loads(r.stdout.decode("utf-8"))[0]["diagnostics"]
    return {d["path"]: (d["position"]["line"], d["position"]["column"])
            for d in found if d["rule"] == "cell.blank"}


def fill_template(template, out, values, family, cells):
    """The blank WPS template with `values` (path -> text, None for a blank) written into its
    data cells, every font set to `family`. The XML is edited as text: only runs are added and
    fonts renamed, so WPS's own markup (namespaces, merged cells, vertical labels) stays."""
    with zipfile.ZipFile(template) as z:
        parts = {i.filename: (i, z.read(i.filename)) for i in z.infolist()}
    xml = parts["word/document.xml"][1].decode("utf-8")
    # Which row (its ordinal among all <w:tr> in document order) and which of its cells each
    # (line, column) is, counting as the reader does.
    body = ET.fromstring(xml).find(W_NS + "body")
    where, line, ordinal = {}, 0, 0
    for child in body:
        if child.tag == W_NS + "p":
            line += 1
        elif child.tag == W_NS + "tbl":
            for tr in child.iter(W_NS + "tr"):
                line += 1
                col = 1
                pr = tr.find(W_NS + "trPr")
                before = pr.find(W_NS + "gridBefore") if pr is not None else None
                if before is not None:
                    col += int(before.get(W_NS + "val"))
                for k, tc in enumerate(tr.findall(W_NS + "tc")):
                    span = tc.find(W_NS + "tcPr/" + W_NS + "gridSpan")
                    where[(line, col)] = (ordinal, k)
                    col += int(span.get(W_NS + "val")) if span is not None else 1
                ordinal += 1
    edits = {}
    for path, pos in cells.items():
        text = values.get(path)
        if text is not None:
            edits.setdefault(where[pos][0], {})[where[pos][1]] = text
    rows = list(re.finditer(r"<w:tr[ >].*?</w:tr>", xml, flags=re.S))
    out_xml, last = [], 0
    for ordinal, m in enumerate(rows):
        if ordinal not in edits:
            continue
        row = m.group(0)
        cells_in_row = list(re.finditer(r"<w:tc>.*?</w:tc>", row, flags=re.S))
        new_row, at = [], 0
        for k, c in enumerate(cells_in_row):
            if k not in edits[ordinal]:
                continue
            run_xml = "<w:r><w:t>%s</w:t></w:r>" % edits[ordinal][k]
            cell = c.group(0)
            if "</w:p>" in cell:
                cell = cell.replace("</w:p>", run_xml + "</w:p>", 1)
            else:
                cell = re.sub(r"<w:p(\s[^>]*)?/>", lambda pm: "<w:p%s>%s</w:p>" % (pm.group(1) or "", run_xml),
                              cell, count=1)
            new_row += [row[at:c.start()], cell]
            at = c.end()
        new_row.append(row[at:])
        out_xml += [xml[last:m.start()], "".join(new_row)]
        last = m.end()
    out_xml.append(xml[last:])
    xml = "".join(out_xml)
    fonts = '<w:rFonts w:ascii="%s" w:hAnsi="%s" w:eastAsia="%s" w:cs="%s"/>' % ((family,) * 4)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, (info, data) in parts.items():
            if name == "word/document.xml":
                data = xml.encode("utf-8")
            if name in ("word/document.xml", "word/styles.xml"):
                data = re.sub(r"<w:rFonts\b[^>]*/>", fonts, data.decode("utf-8")).encode("utf-8")
            z.writestr(info, data)


def report_values(json_path):
    """path -> the cell's published text (numbers as written in the JSON), None for a blank."""
    with open(json_path, encoding="utf-8") as f:
        d = json.load(f, parse_float=str, parse_int=str)
    out = {}

    def walk(o, p):
        if isinstance(o, dict):
            for k, v in o.items():
                walk(v, p + "." + k if p else k)
        else:
            out[p] = o
    for part in ("proactive", "applications", "reviews"):
        walk(d[part], part)
    return out


def font_check(families):
    """The families fontconfig does not have (exactly, not by fallback)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return list(families)
    have = set()
    for line in run([fc_list, ":", "family"]).stdout.decode("utf-8", "replace").splitlines():
        have.update(n.strip() for n in line.split(","))
    return [f for f in families if f not in have]


def styled_html(html, family, size, label_width):
    """The HTML printed in `family` at `size` points, its label cells `label_width` times as
    wide as Chromium would make them (a fixed share of the table's width)."""
    css = ("body, table, th, td, h1, h2, h3, p { font-family: \"%s\" !important; }\n"
           "body { font-size: %.1fpt; }\n"
           "td:first-child, th:first-child { width: %dem; }\n" % (family, size, round(6 * label_width)))
    return html.replace("</style>", css + "</style>", 1)


def styled_docx(src, dst, family, size, label_width):
    """Copy the DOCX with its default font `family` at `size` points, and its tables' label
    columns `label_width` times as wide (the data columns absorb the difference)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                xml = data.decode("utf-8")
                xml = re.sub(r'<w:rFonts [^>]*/>', '<w:rFonts w:ascii="%s" w:hAnsi="%s" '
                             'w:eastAsia="%s" w:cs="%s"/>' % ((family,) * 4), xml)
                half = int(round(size * 2))
                xml = re.sub(r'(<w:rPrDefault><w:rPr>.*?<w:sz w:val=")\d+(")',
                             lambda m: m.group(1) + str(half) + m.group(2), xml, count=1, flags=re.S)
                xml = re.sub(r'(<w:rPrDefault><w:rPr>.*?<w:szCs w:val=")\d+(")',
                             lambda m: m.group(1) + str(half) + m.group(2), xml, count=1, flags=re.S)
                data = xml.encode("utf-8")
            elif item.filename == "word/document.xml":
                data = widen_labels(data.decode("utf-8"), label_width).encode("utf-8")
            zout.writestr(item, data)


def label_columns(tbl):
    """How many grid columns hold the labels: those left of the first number in the last row."""
    rows = re.findall(r'<w:tr>.*?</w:tr>', tbl, flags=re.S)
    if not rows:
        return 0
    pos = 0
    for cell in re.findall(r'<w:tc>.*?</w:tc>', rows[-1], flags=re.S):
        text = "".join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>', cell)).strip()
        if re.fullmatch(r'-?[0-9.]+', text):
            return pos
        span = re.search(r'<w:gridSpan w:val="(\d+)"/>', cell)
        pos += int(span.group(1)) if span else 1
    return 0


def widen_labels(xml, factor):
    """Each table's label columns `factor` times as wide, the data columns sharing what is left
    (widths in multiples of 72 twips, as write_docx keeps them); cell widths follow the grid."""
    def table(m):
        tbl = m.group(0)
        widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', tbl)]
        labels = label_columns(tbl)
        if labels == 0 or labels >= len(widths):
            return tbl
        total = sum(widths)
        new = [max(72, int(w * factor) // 72 * 72) for w in widths[:labels]]
        rest = len(widths) - labels
        each = max(72, (total - sum(new)) // rest // 72 * 72)
        new += [each] * rest
        grid = "".join('<w:gridCol w:w="%d"/>' % w for w in new)
        tbl = re.sub(r'<w:tblGrid>.*?</w:tblGrid>', '<w:tblGrid>' + grid + '</w:tblGrid>', tbl,
                     count=1, flags=re.S)

        def row(rm):
            pos = [0]

            def cell(cm):
                span = re.search(r'<w:gridSpan w:val="(\d+)"/>', cm.group(0))
                n = int(span.group(1)) if span else 1
                w = sum(new[pos[0]:pos[0] + n])
                pos[0] += n
                return re.sub(r'<w:tcW w:w="\d+"', '<w:tcW w:w="%d"' % w, cm.group(0), count=1)
            return re.sub(r'<w:tc>.*?</w:tc>', cell, rm.group(0), flags=re.S)
        return re.sub(r'<w:tr>.*?</w:tr>', row, tbl, flags=re.S)
    return re.sub(r'<w:tbl>.*?</w:tbl>', table, xml, flags=re.S)


# Chromium and LibreOffice get a fixed locale and time zone, whatever the machine has: the
# layout must not depend on them (the date Chromium prints in its header is dropped anyway).
CHILD_ENV = dict(os.environ, TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8")


def run(cmd, timeout=120, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, **kw)


def a4_html(html):
    """The HTML with `@page { size: A4 }` when it sets no page size (and whether it had to)."""
    if re.search(r"@page[^{]*\{[^}]*\bsize\s*:", html):
        return html, False
    rule = "@page { size: A4; }\n"
    if "</style>" in html:
        return html.replace("</style>", rule + "</style>", 1), True
    return html.replace("</head>", "<style>\n" + rule + "</style>\n</head>", 1), True


class Browser:
    """One headless Chromium driven over --remote-debugging-pipe (DevTools protocol on fds 3/4).

    Printing every file in one browser costs about half the CPU of one `chromium --print-to-pdf`
    process per file. Page.printToPDF with displayHeaderFooter and no templates prints Chromium's
    default header and footer, as --print-to-pdf does; preferCSSPageSize takes the @page size.
    """

    def __init__(self, chromium, timeout=120):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="gd-pdf-chromium-")
        to_child, self._w = os.pipe()
        self._r, from_child = os.pipe()

        def fds():  # the child reads commands on fd 3 and writes replies on fd 4
            a, b = os.dup(to_child), os.dup(from_child)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [chromium] + CHROMIUM_FLAGS + ["--user-data-dir=" + self.profile,
                                           "--remote-debugging-pipe", "about:blank"],
            preexec_fn=fds, close_fds=False, stdin=subprocess.DEVNULL, env=CHILD_ENV,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child)
        os.close(from_child)
        self._buf = b""
        self._id = 0

    def _recv(self, deadline):
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._r], [], [], left)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._r, 1 << 20)
            if not chunk:
                raise EOFError("chromium exited")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None, wait_event=None):
        """Send a command; return its result (after `wait_event` arrived too, when given)."""
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        result, seen = None, wait_event is None
        while result is None or not seen:
            m = self._recv(deadline)
            if m.get("id") == self._id:
                result = m
            elif wait_event and m.get("method") == wait_event and m.get("sessionId") == session:
                seen = True
        if "error" in result:
            raise RuntimeError("%s: %s" % (method, result["error"]))
        return result["result"]

    def print_pdf(self, html_path, pdf_path):
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=session)
        self.call("Page.navigate", {"url": "file://" + os.path.abspath(html_path)},
                  session=session, wait_event="Page.loadEventFired")
        data = self.call("Page.printToPDF", {"displayHeaderFooter": True,
                                             "preferCSSPageSize": True}, session=session)["data"]
        with open(pdf_path, "wb") as f:
            f.write(base64.b64decode(data))
        self.call("Target.closeTarget", {"targetId": target})

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:  # already gone: nothing to close
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._w)
        os.close(self._r)
        shutil.rmtree(self.profile, ignore_errors=True)


def chromium_print_all(chromium, jobs):
    """Print (html, pdf) pairs in one browser; returns error messages."""
    errors = []
    browser = Browser(chromium)
    try:
        for html, pdf in jobs:
            try:
                browser.print_pdf(html, pdf)
            except (RuntimeError, TimeoutError, EOFError, OSError) as e:
                errors.append("%s: chromium failed: %s" % (html, e))
                if isinstance(e, (TimeoutError, EOFError)):
                    break
    finally:
        browser.close()
    return errors


def page_info(pdfinfo, path):
    """(pages, A4?) from pdfinfo; (None, None) without pdfinfo."""
    if not pdfinfo:
        return None, None
    r = run([pdfinfo, path])
    text = r.stdout.decode("utf-8", "replace")
    pages = re.search(r"^Pages:\s+(\d+)", text, re.M)
    return (int(pages.group(1)) if pages else 0), "(A4)" in text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("count", type=int)
    ap.add_argument("--first-seed", type=int, default=7001,
                    help="seed of the first report (default 7001); the others follow")
    ap.add_argument("--cli", default=shutil.which("govdisclose") or "govdisclose")
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    ap.add_argument("--soffice", default=shutil.which("soffice") or shutil.which("libreoffice"))
    ap.add_argument("--wps-template", default=None,
                    help="the blank 2021 template made with WPS (template-2021-blank.docx): each "
                         "2021 report is also filled into it and printed by LibreOffice")
    ap.add_argument("--fonts", default=",".join(k for k, _ in FONTS),
                    help="comma-separated font keys of %s (default: all)"
                         % ", ".join("%s=%s" % f for f in FONTS))
    a = ap.parse_args()
    if a.count < 1:
        ap.error("COUNT must be at least 1")
    missing = [n for n, p in (("chromium", a.chromium), ("soffice", a.soffice))
               if not p or not shutil.which(p)]
    if missing:
        print("make_corpus: skipped, %s not found (scripts/setup installs them)" % " and ".join(missing))
        return 77

    fonts = []
    for key in a.fonts.split(","):
        match = [f for f in FONTS if f[0] == key.strip()]
        if not match:
            ap.error("unknown font key %r" % key)
        fonts += match
    absent = font_check([family for _, family in fonts])
    if absent:
        print("make_corpus: font %s not installed (scripts/setup installs it); a fallback font "
              "would make the PDFs depend on the machine" % ", ".join(absent))
        return 1

    start = time.monotonic()
    out = os.path.abspath(a.outdir)
    shutil.rmtree(out, ignore_errors=True)
    for d in ("json", "html", "docx", "chromium", "libreoffice"):
        os.makedirs(os.path.join(out, d))
    reports = plan(a.count, a.first_seed)
    printed = []  # (copy name, report name, font family)
    wps = []      # (copy name, font family) of filled WPS templates
    wps_cells = {}
    if a.wps_template and os.path.isfile(a.wps_template):
        os.makedirs(os.path.join(out, "wps"))
        wps_cells = template_cells(a.cli, a.wps_template)
        if len(wps_cells) != 200:
            print("make_corpus: the WPS template has %d data cells, not 200" % len(wps_cells))
            return 1
    elif a.wps_template:
        print("make_corpus: no WPS template at %s: that layout is left out" % a.wps_template)
    injected = False
    for name, seed, template, blank in reports:
        j, h, d = (os.path.join(out, k, name + "." + k) for k in ("json", "html", "docx"))
        cmd = [a.cli, "generate", "--seed", str(seed), "--template", template, "-o", j]
        if blank:
            cmd += ["--blank-rate", blank]
        for c in (cmd, [a.cli, "convert", j, "--to", "html", "-o", h],
                  [a.cli, "convert", j, "--to", "docx", "-o", d]):
            r = run(c)
            if r.returncode != 0:
                print("make_corpus: %s failed (%d): %s" % (" ".join(c), r.returncode,
                                                          r.stderr.decode("utf-8", "replace")))
                return 1
        with open(h, encoding="utf-8") as f:
            html, added = a4_html(f.read())
        injected = injected or added
        for n, (key, family) in enumerate(fonts):
            size = SIZES[(seed + n) % len(SIZES)]
            width = LABEL_WIDTHS[(seed + 2 * n) % len(LABEL_WIDTHS)]
            copy = "%s@%s" % (name, key)
            with open(os.path.join(out, "html", copy + ".html"), "w", encoding="utf-8") as f:
                f.write(styled_html(html, family, size, width))
            styled_docx(d, os.path.join(out, "docx", copy + ".docx"), family, size, width)
            printed.append((copy, name, family))
            if wps_cells and template == "2021":
                # The report in the WPS template; what the DOCX reader reads of it (checked to
                # hold the report's every cell) is what its PDF must read as.
                filled = os.path.join(out, "docx", copy + ".wps.docx")
                fill_template(a.wps_template, filled, report_values(j), family, wps_cells)
                expected = os.path.join(out, "wps", copy + ".json")
                r = run([a.cli, "convert", filled, "--to", "json", "-o", expected])
                want, got = report_values(j), report_values(expected) if r.returncode == 0 else {}
                if got != want:
                    print("make_corpus: %s does not hold the report's cells" % filled)
                    return 1
                wps.append((copy, family))
        os.remove(h)
        os.remove(d)
    if injected:
        print("make_corpus: the HTML writer sets no @page size; injected `@page { size: A4 }` "
              "into the test copies")
    t_generated = time.monotonic()

    # LibreOffice converts every DOCX in one process while Chromium prints the HTML.
    profile = tempfile.mkdtemp(prefix="gd-pdf-soffice-")
    docx = sorted(os.path.join(out, "docx", c + ".docx") for c, *_ in printed)
    docx += sorted(os.path.join(out, "docx", c + ".wps.docx") for c, _ in wps)
    soffice = subprocess.Popen(
        [a.soffice, "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", os.path.join(out, "libreoffice")] + docx,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=CHILD_ENV)
    errors = chromium_print_all(a.chromium, [(os.path.join(out, "html", c + ".html"),
                                              os.path.join(out, "chromium", c + ".pdf"))
                                             for c, *_ in printed])
    t_chromium = time.monotonic()
    try:
        log, _ = soffice.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        soffice.kill()
        log, _ = soffice.communicate()
        errors.append("soffice timed out")
    shutil.rmtree(profile, ignore_errors=True)
    if soffice.returncode != 0:
        errors.append("soffice exit %d: %s" % (soffice.returncode, log.decode("utf-8", "replace")[-500:]))
    t_soffice = time.monotonic()

    pdfinfo = shutil.which("pdfinfo")
    lines, pages = [], {"chromium": 0, "libreoffice": 0, "wps": 0}
    for copy, family in wps:
        pdf = os.path.join("libreoffice", copy + ".wps.pdf")
        path = os.path.join(out, pdf)
        if not os.path.isfile(path) or os.path.getsize(path) == 0:
            errors.append("%s: not made" % pdf)
            continue
        n, _ = page_info(pdfinfo, path)
        pages["wps"] += n or 0
        lines.append("wps\t%s\t%s\t%s\t%s\n" % (pdf, os.path.join("wps", copy + ".json"),
                                                 "" if n is None else n, family))
    for copy, name, family in printed:
        for layout in ("chromium", "libreoffice"):
            pdf = os.path.join(layout, copy + ".pdf")
            path = os.path.join(out, pdf)
            if not os.path.isfile(path) or os.path.getsize(path) == 0:
                errors.append("%s: not made" % pdf)
                continue
            n, a4 = page_info(pdfinfo, path)
            if a4 is False:
                errors.append("%s: pages are not A4" % pdf)
            if n is not None:
                pages[layout] += n
                if n < 2:
                    errors.append("%s: one page only, the tables do not break across pages" % pdf)
            lines.append("%s\t%s\t%s\t%s\t%s\n" % (layout, pdf, os.path.join("json", name + ".json"),
                                                   "" if n is None else n, family))
    with open(os.path.join(out, "corpus.tsv"), "w", encoding="utf-8") as f:
        f.write("# layout\tpdf\tjson\tpages\tfont\n")
        f.writelines(lines)
    for e in errors:
        print("make_corpus: " + e)
    print("make_corpus: %d reports in %d fonts, %d PDFs (chromium %d pages, libreoffice %d pages, "
          "WPS template %d pages) in %.1f s "
          "(generate %.1f s, chromium %.1f s, soffice until %.1f s)"
          % (len(reports), len(fonts), len(lines), pages["chromium"], pages["libreoffice"], pages["wps"],
             time.monotonic() - start, t_generated - start, t_chromium - t_generated,
             t_soffice - t_generated))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
