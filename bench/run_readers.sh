#!/bin/sh
# Reader benchmark: the C++ readers (alone and with the extractor), a bare read, libxml2 and
# pandas.read_html on the SAME generated files, printed as one table (docs/benchmarks.md).
#
#   bench/run_readers.sh [build_dir=build-bench] [reports=40] [min_seconds=1]
#
# Builds bench_readers in build_dir (configure it in Release with -DGOVDISCLOSE_BUILD_BENCH=ON),
# writes the corpus to a temporary directory, runs the C++ bench, then pandas.read_html (Debian's
# python3-pandas and python3-lxml, for /usr/bin/python3) on the same files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build-bench}
reports=${2:-40}
seconds=${3:-1}
py=/usr/bin/python3
[ -x "$py" ] || py=python3

cmake --build "$build" --target bench_readers -j2 >/dev/null
dir=$(mktemp -d "${TMPDIR:-/tmp}/govdisclose-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT

"$build/bench/bench_readers" "$dir/corpus" "$reports" "$seconds" > "$dir/cpp.txt"
if "$py" -c 'import pandas, lxml' 2>/dev/null; then
  "$py" "$here/pandas_read_html.py" "$dir/corpus" "$seconds" > "$dir/py.txt"
else
  echo "(pandas or lxml missing for $py: no pandas column)" >&2
  : > "$dir/py.txt"
fi
grep -v '^TSV' "$dir/cpp.txt" | head -1
grep 'KB per report' "$dir/cpp.txt" 
grep -h '^TSV' "$dir/cpp.txt" "$dir/py.txt" | "$py" "$here/readers_table.py"
