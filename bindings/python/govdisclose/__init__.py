"""govdisclose: read, check and tabulate China's annual reports on open government information.

政府信息公开工作年度报告 are published by every agency each year as web pages, PDF and Word
files whose tables follow a national template (2019 or 2021). This package reads them into a
:class:`Report` whose attributes are the template's codes::

    import govdisclose
    report, diagnostics = govdisclose.read("report.json")
    report.applications.new_received.total.value      # an int (or an exact Decimal)
    [d.rule for d in report.validate()]               # e.g. ['applications.row_total']
    govdisclose.to_dataframe([report, ...])           # tidy rows, when pandas is installed
    batch = govdisclose.check("reports/", jobs=4)     # a folder, as `govdisclose check`
    batch.to_dataframe()                              # its findings, one row each

In Jupyter a report shows as the official tables with the failing cells marked.

The work is done by the C++ library (the private extension ``govdisclose._core``); this module
adds the Python conveniences. Reading and validation release the GIL, so a thread pool
(:func:`read_many`) reads many files in parallel.
"""

from __future__ import annotations

# Helpers are imported under private names: dir(govdisclose) shows the API (__all__) only.
import enum as _enum
import html as _html
import itertools as _itertools
import os as _os
import typing as _typing
from concurrent.futures import ThreadPoolExecutor as _ThreadPoolExecutor

if _typing.TYPE_CHECKING:  # annotations are strings (PEP 563): these names serve type checkers
    from typing import Any, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

del annotations  # the __future__ import binds it; the future itself is already in force

from . import _core
from ._core import (
    ApplicantRow,
    BatchComparison,
    BatchResult,
    BatchSummary,
    RuleCount,
    Applications2019,
    Applications2021,
    Cell,
    CellChange,
    DecisionCounts,
    DerivedFigures,
    Diagnostic,
    DocumentCounts2019,
    DocumentCounts2021,
    FeeAmount,
    FeeCounts2019,
    InputError,
    MatterCounts2019,
    Meta,
    Narrative,
    NotProcessedRows,
    OtherRows,
    Proactive2019,
    Proactive2021,
    Procurement2019,
    Report,
    ReportDiff,
    ReviewBlock,
    Reviews,
    SourcePosition,
    SourceSpan,
    TextChange,
    UnavailableRows,
    WithheldRows,
    catalog,
    detect_format,
    diagnostics_to_json,
    generate,
    is_unreadable,
    normalize_agency,
    render,
)

__version__: str = _core.__version__
"""The version of the compiled library."""

PICKLE_VERSION: int = _core.PICKLE_VERSION
"""The version of the pickled state this build writes (and the newest it reads)."""

__all__ = [
    "ApplicantRow", "Applications2019", "Applications2021", "Cell", "CellState",
    "DecisionCounts", "Diagnostic", "DocumentCounts2019", "DocumentCounts2021", "FeeAmount",
    "FeeCounts2019", "Format", "InputError", "MatterCounts2019", "Meta", "Narrative",
    "NotProcessedRows", "OtherRows", "PICKLE_VERSION", "Proactive2019", "Proactive2021",
    "Procurement2019", "Report", "Result", "ReviewBlock", "Reviews", "Severity",
    "SourcePosition", "SourceSpan", "UnavailableRows", "WithheldRows", "__version__", "catalog",
    "detect_format", "diagnostics_to_json", "from_dict", "from_json", "generate", "read",
    "RECORD_COLUMNS", "read_many", "render", "to_dataframe", "to_dict", "to_json", "to_records", "validate",
    "CellChange", "DerivedFigures", "ReportDiff", "TextChange", "check_rollup", "check_series",
    "consecutive_pairs", "derive", "diff", "rollup",
    "Batch", "BatchComparison", "BatchResult", "BatchSummary", "Diagnostics", "Export",
    "FINDING_COLUMNS", "RuleCount", "check", "export", "findings_dataframe", "is_unreadable",
    "normalize_agency",
]


class CellState(str, _enum.Enum):
    """What a published cell holds; ``Cell.state`` is one of these strings."""

    ABSENT = "absent"
    """Not in the document at all (the row or table is missing)."""
    BLANK = "blank"
    """Present but empty: not the same as 0."""
    NUMBER = "number"
    """A number; see ``Cell.value``."""
    MARKER = "marker"
    """A "none / not applicable" marker: ``/``, ``-``, ``—``, ``无``."""
    TEXT = "text"
    """Any other text, kept in ``Cell.raw``."""

    def __str__(self) -> str:
        return self.value


class Severity(str, _enum.Enum):
    """How serious a finding is; ``Diagnostic.severity`` is one of these strings."""

    ERROR = "error"
    """The report is wrong (or unreadable there)."""
    WARNING = "warning"
    """Worth a look; the report may still be right."""

    def __str__(self) -> str:
        return self.value


class Format(str, _enum.Enum):
    """Input formats :func:`read` accepts as ``format=``."""

    AUTOMATIC = "automatic"
    """Detect from the content (and the file name as a hint)."""
    JSON = "json"
    """The project's canonical JSON."""
    TEXT = "text"
    """Plain text: tab-separated copies of web pages, ``pdftotext -layout`` output."""
    MARKDOWN = "markdown"
    """Markdown with pipe tables."""
    HTML = "html"
    """HTML in UTF-8, GBK, GB2312 or GB18030."""
    DOCX = "docx"
    """Word 2007+."""
    PDF = "pdf"
    """PDF with a text layer."""

    def __str__(self) -> str:
        return self.value


class Result(_typing.NamedTuple):
    """What :func:`read` returns: the report (possibly partial) and the diagnostics.

    It unpacks as a pair: ``report, diagnostics = govdisclose.read(path)``.
    """

    report: Report
    """The report read (partial when the input had errors)."""
    diagnostics: List[Diagnostic]
    """What went wrong or looks wrong while reading, in input order."""

    @property
    def ok(self) -> bool:
        """True when no diagnostic is an error."""
        return not any(d.level == "error" for d in self.diagnostics)

    @property
    def errors(self) -> List[Diagnostic]:
        """The diagnostics that are errors."""
        return [d for d in self.diagnostics if d.level == "error"]

    def raise_for_errors(self) -> Report:
        """Return the report, or raise :class:`InputError` carrying the diagnostics."""
        if not self.ok:
            first = self.errors[0]
            error = InputError(str(first))
            error.diagnostics = list(self.diagnostics)
            raise error
        return self.report


_Source = _typing.Union[str, bytes, bytearray, memoryview, "_os.PathLike[str]"]


def _format_code(format: Optional[Union[str, Format]]) -> str:
    if format is None:
        return "automatic"
    code = str(format)
    if code not in {f.value for f in Format}:
        raise ValueError(f"unknown format {code!r}; expected one of "
                         + ", ".join(repr(f.value) for f in Format))
    return code


def read(source: _Source, format: Optional[Union[str, Format]] = None, *,
         strict: bool = False) -> Result:
    """Read a report from a file path, bytes or text, in any supported format.

    ``source`` is a path (``str`` or ``os.PathLike``) or the content itself (``bytes``, or a
    ``str`` holding a document: anything with a line break or starting with ``{`` or ``<``).
    ``format`` is one of :class:`Format` (``None`` detects it). Bad input never raises: the
    result holds what could be read and the diagnostics; ``strict=True`` raises
    :class:`InputError` (carrying ``.diagnostics``) when there is an error. An unreadable file
    gives an ``input.unreadable`` error.
    """
    code = _format_code(format)
    if isinstance(source, (bytes, bytearray, memoryview)):
        report, diagnostics = _core.read_bytes(bytes(source), code, "", strict)
    elif isinstance(source, _os.PathLike):
        report, diagnostics = _core.read_file(_os.fspath(source), code, strict)
    elif isinstance(source, str):
        stripped = source.lstrip()
        if "\n" in source or stripped.startswith(("{", "<")):
            report, diagnostics = _core.read_bytes(source.encode("utf-8"), code, "", strict)
        else:
            report, diagnostics = _core.read_file(source, code, strict)
    else:
        raise TypeError("read() takes a path, bytes or str, not " + type(source).__name__)
    return Result(report, Diagnostics(diagnostics))


def read_many(sources: Iterable[_Source], format: Optional[Union[str, Format]] = None, *,
              threads: Optional[int] = None) -> List[Result]:
    """Read many reports on a thread pool (the parsing runs without the GIL).

    Results come in the order of ``sources``; ``threads`` defaults to the CPU count.
    """
    items = list(sources)
    workers = threads or _os.cpu_count() or 1
    if workers == 1 or len(items) <= 1:
        return [read(s, format) for s in items]
    # One contiguous chunk per thread: a future per file would cost more than reading a small
    # JSON file does.
    workers = min(workers, len(items))
    bounds = [len(items) * k // workers for k in range(workers + 1)]
    chunks = [items[bounds[k]:bounds[k + 1]] for k in range(workers)]
    with _ThreadPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(lambda chunk: [read(s, format) for s in chunk], chunks))
    return [result for part in parts for result in part]


def from_json(text: Union[str, bytes], *, source: str = "", strict: bool = True) -> Report:
    """Read a report from canonical JSON text.

    With ``strict=True`` (the default) a JSON error raises :class:`InputError` carrying the
    diagnostics; with ``strict=False`` what could be read is returned. Use :func:`read` to get
    the warnings too.
    """
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", errors="replace")
    report, _ = _core.from_json(text, source, strict)
    return report


def to_json(report: Report, indent: int = 2) -> str:
    """The report as canonical JSON text: exact numbers, absent cells left out."""
    return _core.to_json(report, indent)


def to_dict(report: Report) -> dict:
    """The report in the canonical dict form (the shape of its canonical JSON).

    A cell is its number (``int`` or exact ``Decimal``), ``None`` when blank, or its text;
    absent cells, empty strings and unknown years are left out.
    """
    return report.to_dict()


def from_dict(data: dict) -> Report:
    """Build a report from the canonical dict form; raises ``ValueError`` naming a bad path."""
    return Report.from_dict(data)


def _reports(items: Union[Report, Result, Iterable[Union[Report, Result]]]) -> Iterator[Report]:
    if isinstance(items, (Report, Result)):
        items = [items]
    for item in items:
        if isinstance(item, Result):
            yield item.report
        elif isinstance(item, Report):
            yield item
        else:
            raise TypeError("expected Report or Result, not " + type(item).__name__)


RECORD_COLUMNS: Sequence[str] = (
    "source", "agency", "year", "template", "table", "row", "column", "state", "value", "raw",
    "line",
)
"""The columns of :func:`to_records` and :func:`to_dataframe`, in order."""


def to_records(reports: Union[Report, Result, Iterable[Union[Report, Result]]], *,
               include_absent: bool = False) -> List[dict]:
    """Tidy long rows, one per cell, for one or many reports.

    Each row has the report's ``source``, ``agency``, ``year`` and ``template``, then the cell's
    ``table``, ``row`` and ``column`` codes, ``state``, ``value`` (``int``, exact ``Decimal``
    or ``None``), ``raw`` text and source ``line`` (or ``None``).
    """
    rows: List[dict] = []
    for report in _reports(reports):
        meta = report.meta
        head = {"source": meta.source, "agency": meta.agency, "year": meta.year,
                "template": report.template}
        for rec in report.to_records(include_absent):
            row = dict(head)
            row.update(rec)
            rows.append(row)
    return rows


def to_dataframe(reports: Union[Report, Result, Iterable[Union[Report, Result]]], *,
                 include_absent: bool = False) -> Any:
    """The tidy rows of :func:`to_records` as a ``pandas.DataFrame`` (pandas is optional).

    ``value`` keeps exact Python numbers (object dtype); ``pandas.to_numeric(df.value)``
    gives floats for plotting. Raises ``ImportError`` when pandas is not installed.
    """
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_dataframe() needs pandas (e.g. apt install python3-pandas)") from e
    return pandas.DataFrame(to_records(reports, include_absent=include_absent),
                            columns=list(RECORD_COLUMNS))


_ReportLike = _typing.Union[Report, Result]


def _one(item: _ReportLike) -> Report:
    if isinstance(item, Result):
        return item.report
    if isinstance(item, Report):
        return item
    raise TypeError("expected Report or Result, not " + type(item).__name__)


def diff(a: _ReportLike, b: _ReportLike, *, provenance: bool = False) -> ReportDiff:
    """Compare two reports cell by cell; returns a :class:`ReportDiff`.

    ``diff.cells`` lists a :class:`CellChange` per differing cell (``path``, Chinese ``label``,
    ``before`` and ``after`` :class:`Cell` with state and value, exact ``delta`` or ``None``);
    ``diff.narrative`` and ``diff.meta`` list :class:`TextChange`; ``diff.equal`` is True when
    nothing differs. ``provenance=True`` compares ``meta.source`` and ``meta.format`` too.
    """
    return _core.diff(_one(a), _one(b), provenance=provenance)


def rollup(reports: Iterable[_ReportLike]) -> Result:
    """Sum member reports cell by cell into a summary; returns a :class:`Result`.

    Blanks count as 0; markers and text are not summed (``rollup.not_summed`` warnings). Members
    of different templates give a ``rollup.template`` error and an empty report; no member gives
    a ``rollup.empty`` error.
    """
    report, diagnostics = _core.rollup(list(_reports(list(reports))))
    return Result(report, diagnostics)


def check_rollup(summary: _ReportLike, members: Iterable[_ReportLike]) -> List[Diagnostic]:
    """Check a published summary against its members: ``rollup.sum`` warnings."""
    return _core.check_rollup(_one(summary), list(_reports(list(members))))


def check_series(last_year: _ReportLike, this_year: _ReportLike) -> List[Diagnostic]:
    """Check two consecutive annual reports of one agency against each other.

    Returns ``across_years.carry_over`` and ``across_years.in_force`` warnings, at this year's
    cells.
    """
    return _core.check_series(_one(last_year), _one(this_year))


def consecutive_pairs(reports: Iterable[_ReportLike]) -> List[Tuple[int, int]]:
    """Index pairs ``(i, j)`` of reports of the same agency where year(j) = year(i) + 1."""
    return [tuple(p) for p in _core.consecutive_pairs(list(_reports(list(reports))))]


def derive(report: _ReportLike, last_year: Optional[_ReportLike] = None) -> DerivedFigures:
    """Figures computed from a report's tables (:class:`DerivedFigures`, floats or ``None``).

    A figure is ``None`` (never 0) when its denominator is zero or a needed cell is absent or
    text. With ``last_year``, the year-over-year figures (``new_received_change``,
    ``new_received_growth``) are computed too.
    """
    return _core.derive(_one(report), None if last_year is None else _one(last_year))


def _report_to_json(self: Report, indent: int = 2) -> str:
    """The report as canonical JSON text (see :func:`govdisclose.to_json`)."""
    return to_json(self, indent)


def _report_from_json(cls: type, text: Union[str, bytes], *, source: str = "",
                      strict: bool = True) -> Report:
    """Read a report from canonical JSON (see :func:`govdisclose.from_json`)."""
    return from_json(text, source=source, strict=strict)


def _report_to_dataframe(self: Report, *, include_absent: bool = False) -> Any:
    """This report's cells as a tidy ``pandas.DataFrame`` (see :func:`to_dataframe`)."""
    return to_dataframe(self, include_absent=include_absent)


def _report_render(self: Report, format: str = "html") -> str:
    """The report rendered as 'html', 'markdown' or 'text' (see :func:`govdisclose.render`)."""
    return render(self, format)


Report.to_json = _report_to_json  # type: ignore[attr-defined]
Report.from_json = classmethod(_report_from_json)  # type: ignore[attr-defined]
Report.to_dataframe = _report_to_dataframe  # type: ignore[attr-defined]
Report.render = _report_render  # type: ignore[attr-defined]


# ---- notebooks: reports and diagnostics as HTML -------------------------------------------

_html_ids = _itertools.count(1)


class Diagnostics(list):
    """A list of :class:`Diagnostic` that shows as a small table in Jupyter.

    Still a plain sequence (a ``list`` subclass): :func:`validate`, ``Report.validate()`` and
    :func:`read` return it. ``_repr_html_()`` gives one row per finding: level, rule, model path,
    source line and the Chinese message with what was expected and found.
    """

    def _repr_html_(self) -> str:
        """The diagnostics as a self-contained HTML table (no script, nothing from the network)."""
        esc = _html.escape
        rows = []
        for d in self:
            level = str(d.level)
            line = d.position.line or ""
            note = esc(_core.expected_found_note(d, True))  # as the CLI and the page write it
            rows.append(
                f'<tr class="gd-diag gd-{esc(level)}" data-rule="{esc(d.rule)}">'
                f'<td class="gd-level">{"错误" if level == "error" else "警告"}</td>'
                f'<td class="gd-rule"><code>{esc(d.rule)}</code></td>'
                f'<td class="gd-path"><code>{esc(d.path)}</code></td>'
                f'<td class="gd-line">{line}</td>'
                f'<td class="gd-message" title="{esc(d.message_en)}">{esc(d.message or d.message_en)}'
                f'{note}</td></tr>')
        errors = sum(1 for d in self if str(d.level) == "error")
        style = ('<style>.gd-diagnostics td,.gd-diagnostics th{text-align:left;'
                 'vertical-align:top;padding:0.15em 0.5em}.gd-diagnostics .gd-level{white-space:nowrap}'
                 '.gd-diagnostics tr.gd-error .gd-level{color:#c62828;font-weight:bold}'
                 '.gd-diagnostics tr.gd-warning .gd-level{color:#8a5300}</style>')
        return (f'<div class="gd-nb">{style}<table class="gd-diagnostics">'
                f'<caption>{len(self)} 条问题：{errors} 个错误，{len(self) - errors} 个警告'
                '</caption><thead><tr><th>级别</th><th>规则</th><th>位置</th><th>行</th>'
                '<th>说明</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>")

    def __repr__(self) -> str:
        return "Diagnostics(" + list.__repr__(self) + ")"


def validate(report: Report, *, warnings: bool = True, blank_counts_as_zero: bool = True,
             skip: Sequence[str] = (), reading: Sequence[Diagnostic] = ()) -> Diagnostics:
    """Check a report against its template's rules; returns :class:`Diagnostics`.

    ``warnings``: include warnings as well as errors; ``blank_counts_as_zero``: count blanks and
    markers as 0 in sums; ``skip``: rule ids to leave out, exact or a prefix; ``reading``: the
    reader's diagnostics of the report (``Result.diagnostics``), so that rows the reader saw but
    left unread are not called missing, as ``govdisclose validate`` does. Releases the GIL.
    """
    return Diagnostics(_core.validate(report, warnings=warnings,
                                      blank_counts_as_zero=blank_counts_as_zero,
                                      skip=list(skip), reading=list(reading)))


_core_report_validate = Report.validate


def _report_validate(self: Report, *, warnings: bool = True, blank_counts_as_zero: bool = True,
                     skip: Sequence[str] = (), reading: Sequence[Diagnostic] = ()) -> Diagnostics:
    """Check the report against its template's rules; returns :class:`Diagnostics`
    (see :func:`govdisclose.validate`)."""
    return Diagnostics(_core_report_validate(self, warnings=warnings,
                                             blank_counts_as_zero=blank_counts_as_zero,
                                             skip=list(skip), reading=list(reading)))


def _report_repr_html(self: Report) -> str:
    """The report in a notebook: the official tables, with the cells that fail a rule marked
    (red: error, yellow: warning; the messages on hover) and the list of findings beside them."""
    return _core.report_html(self, _core_report_validate(self), f"gd-nb{next(_html_ids)}")


def _result_repr_html(self: Result) -> str:
    """The report read, with the reader's findings and the validation's, as tables."""
    return _core.report_html(self.report, list(self.diagnostics) + _core_report_validate(
        self.report, reading=list(self.diagnostics)), f"gd-nb{next(_html_ids)}")


Report.validate = _report_validate  # type: ignore[assignment]
Report._repr_html_ = _report_repr_html  # type: ignore[attr-defined]
Result._repr_html_ = _result_repr_html  # type: ignore[attr-defined]


# ---- the batch: many files at once, as the command-line tool does ---------------------------

_Paths = _typing.Union[
    str, "_os.PathLike[str]", _typing.Iterable[_typing.Union[str, "_os.PathLike[str]"]]
]

FINDING_COLUMNS: Sequence[str] = (
    "file", "status", "rule", "level", "path", "position_file", "line", "column", "expected",
    "found", "message", "message_en",
)
"""The columns of :meth:`Batch.findings` and :func:`findings_dataframe`, in order."""

_CROSS_REPORT_RULES = ("across_years.", "rollup.")


def _path_list(paths: Optional[_Paths]) -> List[str]:
    if paths is None:
        return []
    if isinstance(paths, (str, _os.PathLike)):
        return [_os.fspath(paths)]
    return [_os.fspath(p) for p in paths]


def _progress(progress: Any, desc: str) -> Tuple[Any, List[Any]]:
    """(callback(done, total) or None, [bars to close])."""
    if progress is None or progress is False:
        return None, []
    if callable(progress):
        return progress, []
    try:
        from tqdm.auto import tqdm  # optional: Debian python3-tqdm
    except ImportError:
        return None, []
    bars: List[Any] = []

    def step(done: int, total: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, desc=desc, unit="file"))
        bars[0].update(done - bars[0].n)

    return step, bars


class Batch:
    """What :func:`check` returns: a result per file and the cross-report comparisons.

    Iterating gives the :class:`BatchResult` of each file in input order (``path``, ``status``
    ``'pass'``/``'fail'``/``'unreadable'``, ``reason``, ``report``, ``diagnostics``,
    ``errors``, ``warnings``). Findings of the comparisons across reports (carry-over between
    consecutive years, summaries against members) are among the diagnostics of the report they
    are about, as in ``govdisclose check``; :attr:`cross_report` lists them.
    """

    def __init__(self, results: List[BatchResult], summary: BatchSummary) -> None:
        self.results: List[BatchResult] = results
        """One :class:`BatchResult` per input file, in input order."""
        self.summary: BatchSummary = summary
        """Counts over the batch (:class:`BatchSummary`)."""

    def __iter__(self) -> Iterator[BatchResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, i: int) -> BatchResult:
        return self.results[i]

    @property
    def ok(self) -> bool:
        """True when every file was read and passes (warnings allowed): the CLI's exit 0."""
        return all(r.status == "pass" for r in self.results) and bool(self.results)

    @property
    def comparisons(self) -> List[BatchComparison]:
        """The comparisons made across reports (:class:`BatchComparison`), in order."""
        return list(self.summary.comparisons)

    @property
    def rules(self) -> dict:
        """``{rule id: RuleCount}`` over the batch, sorted by id."""
        return dict(self.summary.rules)

    @property
    def cross_report(self) -> List[Tuple[str, Diagnostic]]:
        """``(file, diagnostic)`` for every finding of a comparison across reports."""
        return [(r.path, d) for r in self.results for d in r.diagnostics
                if d.rule.startswith(_CROSS_REPORT_RULES)]

    def findings(self) -> List[dict]:
        """Every finding as a dict with the keys of :data:`FINDING_COLUMNS`, in input order."""
        rows = []
        for r in self.results:
            for d in r.diagnostics:
                rows.append({
                    "file": r.path, "status": r.status, "rule": d.rule, "level": str(d.level),
                    "path": d.path, "position_file": d.position.file or r.path,
                    "line": d.position.line or None, "column": d.position.column or None,
                    "expected": d.expected, "found": d.found, "message": d.message,
                    "message_en": d.message_en,
                })
        return rows

    def to_dataframe(self) -> Any:
        """The findings as a ``pandas.DataFrame`` (see :func:`findings_dataframe`)."""
        return findings_dataframe(self)

    def __repr__(self) -> str:
        s = self.summary
        return (f"Batch(files={s.files}, passed={s.passed}, failed={s.failed}, "
                f"unreadable={s.unreadable}, errors={s.errors}, warnings={s.warnings})")

    def _repr_html_(self) -> str:
        """The batch as the CLI's summary: a line per file, then the count of each rule."""
        esc = _html.escape
        rows = "".join(
            f'<tr data-status="{r.status}"><td>{esc(r.path)}</td><td>{r.status_zh}</td>'
            f'<td>{r.errors}</td><td>{r.warnings}</td><td>{esc(r.reason)}</td></tr>'
            for r in self.results)
        rules = "".join(
            f'<tr><td><code>{esc(k)}</code></td><td>{"错误" if c.level == "error" else "警告"}'
            f'</td><td>{c.findings}</td><td>{c.reports}</td></tr>' for k, c in self.rules.items())
        return ('<div class="gd-nb"><table class="gd-list"><thead><tr><th>文件</th><th>结果</th>'
                '<th>错误</th><th>警告</th><th>说明</th></tr></thead><tbody>' + rows +
                '</tbody></table><table class="gd-rules"><thead><tr><th>规则</th><th>级别</th>'
                '<th>出现次数</th><th>涉及报告数</th></tr></thead><tbody>' + rules +
                '</tbody></table></div>')


def check(paths: Optional[_Paths] = None, *, jobs: Optional[int] = None,
          manifest: Optional[Union[str, "_os.PathLike[str]"]] = None,
          format: Optional[Union[str, Format]] = None, warnings: bool = True,
          skip: Sequence[str] = (), progress: Any = True) -> Batch:
    """Read, validate and compare many reports, as ``govdisclose check`` does; returns a
    :class:`Batch`.

    ``paths`` is a file or folder or a list of them (folders are searched recursively, in name
    order, for every supported format); or give ``manifest=`` (a CSV ``file,agency,year
    [,member_of]``) instead, whose errors raise :class:`InputError`. ``jobs`` threads (default:
    every core) run the same library code as the command-line tool, without the GIL. Reports of
    one agency in consecutive years, and summaries against their members, are compared.
    ``progress=True`` shows a ``tqdm`` bar when tqdm is importable; ``False`` shows none; a
    callable is called as ``progress(done, total)`` after each file.
    """
    step, bars = _progress(progress, "govdisclose check")
    try:
        results, summary = _core.check_files(
            _path_list(paths), _os.fspath(manifest) if manifest is not None else "",
            jobs or 0, _format_code(format), warnings, list(skip), step)
    finally:
        for bar in bars:
            bar.close()
    return Batch(results, summary)


def findings_dataframe(batch: Union[Batch, Iterable[BatchResult]]) -> Any:
    """Every finding of a batch as a ``pandas.DataFrame`` with :data:`FINDING_COLUMNS`, one row
    per diagnostic (pandas is optional; raises ``ImportError`` without it)."""
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("findings_dataframe() needs pandas (e.g. apt install python3-pandas)") \
            from e
    if not isinstance(batch, Batch):
        batch = _batch_of(batch)
    return pandas.DataFrame(batch.findings(), columns=list(FINDING_COLUMNS))


def _batch_of(results: Iterable[BatchResult]) -> Batch:
    b = Batch.__new__(Batch)
    b.results = list(results)
    b.summary = None  # type: ignore[assignment]
    return b


class Export(_typing.NamedTuple):
    """What :func:`export` returns."""

    text: Optional[str]
    """The dataset (csv, csv-wide, jsonl) when no ``output`` file was given, else ``None``."""
    written: int
    """Reports written."""
    skipped: List[Tuple[str, str]]
    """``(file, reason)`` of the files that could not be read (skipped)."""


def export(paths: Optional[_Paths] = None, *, to: str = "csv",
           output: Optional[Union[str, "_os.PathLike[str]"]] = None, jobs: Optional[int] = None,
           manifest: Optional[Union[str, "_os.PathLike[str]"]] = None,
           progress: Any = True) -> Export:
    """Write a dataset from many reports, as ``govdisclose export`` does; returns
    :class:`Export`.

    ``to`` is ``'csv'`` (one line per cell), ``'csv-wide'`` (one per report), ``'jsonl'`` or
    ``'xlsx'`` (needs ``output``). Without ``output`` the text is returned in ``Export.text``.
    Each report carries its derived figures, year-over-year ones included. Files that cannot be
    read are skipped and listed in ``Export.skipped``. ``progress`` as in :func:`check`.
    """
    step, bars = _progress(progress, "govdisclose export")
    try:
        text, skipped, written = _core.export_files(
            _path_list(paths), _os.fspath(manifest) if manifest is not None else "", to,
            _os.fspath(output) if output is not None else "", jobs or 0, step)
    finally:
        for bar in bars:
            bar.close()
    return Export(text, written, [tuple(s) for s in skipped])
