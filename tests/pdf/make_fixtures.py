#!/usr/bin/env python3
"""Remake the small PDFs committed under tests/data/pdf/ (run by hand; the tests only read them).

  report-2021.pdf/.json   a generated 2021 report (some zeros blank) printed by LibreOffice from
  report-2019.pdf/.json   the DOCX `govdisclose convert` writes, and the report itself;
  report-2021-blank-reviews.pdf/.json   one whose reviews table begins with two blank columns
  scan.pdf                a hand-written PDF of one A4 page holding only an image and lines: no
                          text layer, as a scanned report (pdf.no_text_layer)
  encrypted.pdf           LibreOffice export with a document-open password "x" (pdf.encrypted)
  restricted.pdf          LibreOffice export with only a permissions password (copying not
                          allowed), as many published reports are: it must read normally
  table.pdf               hand-written, uncompressed: a table over two pages with Helvetica
                          text, a running header and page numbers (`- 1 -`), one blank cell

and the seeds of the read_pdf fuzz target under fuzz/corpus/read_pdf/: scan.pdf, note.pdf (the
small text of encrypted.pdf, not encrypted) and table.pdf (uncompressed, so that mutations
reach the text operators).

Usage: make_fixtures.py GOVDISCLOSE_CLI [OUTDIR=tests/data/pdf] [--fuzz-corpus DIR] [--soffice PATH]
Python standard library, the govdisclose program and LibreOffice (soffice).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zlib

REPORTS = [("report-2021", 7101, "2021", "0.05"), ("report-2019", 7102, "2019", None),
           # 行政复议 结果维持 and 结果纠正 both blank: the reviews table starts with two blank columns
           ("report-2021-blank-reviews", 30002, "2021", "0.3")]

SMALL_TEXT = ("某县人民政府2021年政府信息公开工作年度报告\n"
              "一、总体情况\n"
              "本文件用于测试：只有打开密码或权限密码的PDF。\n")


def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    if r.returncode != 0:
        sys.exit("make_fixtures: %s failed: %s" % (" ".join(cmd), r.stdout.decode("utf-8", "replace")))


def soffice_pdf(soffice, src, outdir, options=None):
    """Convert one file with LibreOffice Writer's PDF export and the given filter options."""
    profile = tempfile.mkdtemp(prefix="gd-pdf-fixtures-")
    target = "pdf:writer_pdf_Export"
    if options:
        target += ":" + json.dumps({k: {"type": "boolean" if isinstance(v, bool) else "string",
                                        "value": str(v).lower() if isinstance(v, bool) else v}
                                    for k, v in options.items()}, separators=(",", ":"))
    try:
        run([soffice, "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
             "--convert-to", target, "--outdir", outdir, src])
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def write_pdf(objects):
    """A PDF 1.4 file of the given object bodies (object 1 is the catalog), with its xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(content, extra=b""):
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def table_pdf():
    """Two A4 pages of uncompressed Helvetica text: a running header, a table split across the
    pages (a label column and three number columns, one blank cell) and page numbers."""
    rows = [("Item", "New", "Old", "Total")] + [
        ("Row %d" % i, str(i * 3), "" if i == 4 else str(i), str(i * 3 + (0 if i == 4 else i)))
        for i in range(1, 9)]
    pages = [rows[:5], rows[5:]]
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>"
               % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages))), len(pages)),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for n, page in enumerate(pages, 1):
        ops = [b"BT /F1 9 Tf 72 800 Td (Annual report 2021) Tj ET"]
        y = 740
        for row in page:
            for x, text in zip((72, 250, 350, 450), row):
                if text:
                    ops.append(b"BT /F1 11 Tf %d %d Td (%s) Tj ET" % (x, y, text.encode()))
            ops.append(b"%d %d m %d %d l S" % (70, y - 6, 500, y - 6))
            y -= 24
        ops.append(b"BT /F1 9 Tf 290 40 Td (- %d -) Tj ET" % n)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                       % (len(objects) + 2))
        objects.append(stream(b"\n".join(ops)))
    return write_pdf(objects)


def scan_pdf():
    """One A4 page with a 48×64 grey image (a 'scan') and a few ruled lines, and no text."""
    w, h = 48, 64
    pixels = bytes((255 if (x // 6 + y // 4) % 3 else 40) for y in range(h) for x in range(w))
    image = zlib.compress(pixels, 9)
    content = (b"q 0.5 w 72 770 m 523 770 l S 72 700 451 40 re S Q\n"
               b"q 451.0 0 0 601.0 72 80 cm /Im1 Do Q\n")
    return write_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] "
        b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        stream(content),
        stream(image, b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace "
                      b"/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode" % (w, h)),
    ])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cli")
    ap.add_argument("outdir", nargs="?", default=os.path.join(here, "..", "data", "pdf"))
    ap.add_argument("--fuzz-corpus", default=os.path.join(here, "..", "..", "fuzz", "corpus", "read_pdf"))
    ap.add_argument("--soffice", default=shutil.which("soffice") or "soffice")
    a = ap.parse_args()
    out = os.path.abspath(a.outdir)
    seeds = os.path.abspath(a.fuzz_corpus)
    os.makedirs(out, exist_ok=True)
    os.makedirs(seeds, exist_ok=True)
    work = tempfile.mkdtemp(prefix="gd-pdf-fixtures-work-")
    try:
        for name, seed, template, blank in REPORTS:
            j = os.path.join(out, name + ".json")
            cmd = [a.cli, "generate", "--seed", str(seed), "--template", template, "-o", j]
            run(cmd + (["--blank-rate", blank] if blank else []))
            docx = os.path.join(work, name + ".docx")
            run([a.cli, "convert", j, "--to", "docx", "-o", docx])
            soffice_pdf(a.soffice, docx, out)
        with open(os.path.join(out, "scan.pdf"), "wb") as f:
            f.write(scan_pdf())
        shutil.copy(os.path.join(out, "scan.pdf"), os.path.join(seeds, "scan.pdf"))
        for d in (out, seeds):
            with open(os.path.join(d, "table.pdf"), "wb") as f:
                f.write(table_pdf())
        for name, options in (
                ("note", None),
                ("encrypted", {"EncryptFile": True, "DocumentOpenPassword": "x"}),
                ("restricted", {"RestrictPermissions": True, "PermissionPassword": "owner",
                                "EnableCopyingOfContent": False})):
            txt = os.path.join(work, name + ".txt")
            with open(txt, "w", encoding="utf-8") as f:
                f.write(SMALL_TEXT)
            soffice_pdf(a.soffice, txt, seeds if name == "note" else out, options)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for d in (out, seeds):
        for f in sorted(os.listdir(d)):
            print("%-40s %7d bytes" % (os.path.relpath(os.path.join(d, f)), os.path.getsize(os.path.join(d, f))))


if __name__ == "__main__":
    main()
