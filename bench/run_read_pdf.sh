#!/bin/sh
# PDF reader benchmark: read_pdf() on PDFs printed by headless Chromium and by LibreOffice against
# read_html() and read_docx() on the same generated reports, one process (docs/benchmarks.md).
#
#   bench/run_read_pdf.sh [build_dir=build-bench] [reports=12] [min_seconds=1]
#
# Builds bench_read_pdf and the govdisclose program in build_dir (configure it in Release with
# -DGOVDISCLOSE_BUILD_BENCH=ON; the PDF reader needs poppler-cpp), makes the corpus with
# tests/pdf/make_corpus.py (chromium and soffice, see scripts/setup) in a temporary directory,
# then runs the bench on it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build-bench}
reports=${2:-12}
seconds=${3:-1}
py=/usr/bin/python3
[ -x "$py" ] || py=python3

cmake --build "$build" --target bench_read_pdf govdisclose_cli -j2 >/dev/null
dir=$(mktemp -d "${TMPDIR:-/tmp}/govdisclose-bench-pdf.XXXXXX")
trap 'rm -rf "$dir"' EXIT
"$py" "$here/../tests/pdf/make_corpus.py" "$dir" "$reports" --cli "$build/govdisclose" >&2
"$build/bench/bench_read_pdf" "$dir" "$seconds"
