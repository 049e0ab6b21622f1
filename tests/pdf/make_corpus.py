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
  corpus.tsv            one line per PDF: layout, PDF path, JSON path (relative to OUTDIR) and
                        page count (empty without pdfinfo), tab-separated

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
            preexec_fn=fds, close_fds=False, stdin=subprocess.DEVNULL,
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
    a = ap.parse_args()
    if a.count < 1:
        ap.error("COUNT must be at least 1")
    missing = [n for n, p in (("chromium", a.chromium), ("soffice", a.soffice))
               if not p or not shutil.which(p)]
    if missing:
        print("make_corpus: skipped, %s not found (scripts/setup installs them)" % " and ".join(missing))
        return 77

    start = time.monotonic()
    out = os.path.abspath(a.outdir)
    shutil.rmtree(out, ignore_errors=True)
    for d in ("json", "html", "docx", "chromium", "libreoffice"):
        os.makedirs(os.path.join(out, d))
    reports = plan(a.count, a.first_seed)
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
        with open(h, "w", encoding="utf-8") as f:
            f.write(html)
    if injected:
        print("make_corpus: the HTML writer sets no @page size; injected `@page { size: A4 }` "
              "into the test copies")
    t_generated = time.monotonic()

    # LibreOffice converts every DOCX in one process while Chromium prints the HTML.
    profile = tempfile.mkdtemp(prefix="gd-pdf-soffice-")
    docx = sorted(os.path.join(out, "docx", n + ".docx") for n, *_ in reports)
    soffice = subprocess.Popen(
        [a.soffice, "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", os.path.join(out, "libreoffice")] + docx,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    errors = chromium_print_all(a.chromium, [(os.path.join(out, "html", n + ".html"),
                                              os.path.join(out, "chromium", n + ".pdf"))
                                             for n, *_ in reports])
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
    lines, pages = [], {"chromium": 0, "libreoffice": 0}
    for name, *_ in reports:
        for layout in ("chromium", "libreoffice"):
            pdf = os.path.join(layout, name + ".pdf")
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
            lines.append("%s\t%s\t%s\t%s\n" % (layout, pdf, os.path.join("json", name + ".json"),
                                               "" if n is None else n))
    with open(os.path.join(out, "corpus.tsv"), "w", encoding="utf-8") as f:
        f.write("# layout\tpdf\tjson\tpages\n")
        f.writelines(lines)
    for e in errors:
        print("make_corpus: " + e)
    print("make_corpus: %d reports, %d PDFs (chromium %d pages, libreoffice %d pages) in %.1f s "
          "(generate %.1f s, chromium %.1f s, soffice until %.1f s)"
          % (len(reports), len(lines), pages["chromium"], pages["libreoffice"],
             time.monotonic() - start, t_generated - start, t_chromium - t_generated,
             t_soffice - t_generated))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
