"""govdisclose: read, check and tabulate China's annual reports on open government information.

政府信息公开工作年度报告 are published by every agency each year as web pages, PDF and Word
files whose tables follow a national template (2019 or 2021). This package reads them into a
:class:`Report` whose attributes are the template's codes::

    import govdisclose
    report, diagnostics = govdisclose.read("report.json")
    report.applications.new_received.total.value      # an int (or an exact Decimal)
    [d.rule for d in report.validate()]               # e.g. ['applications.row_total']
    govdisclose.to_dataframe([report, ...])           # tidy rows, when pandas is installed

The work is done by the C++ library (the private extension ``govdisclose._core``); this module
adds the Python conveniences. Reading and validation release the GIL, so a thread pool
(:func:`read_many`) reads many files in parallel.
"""

from __future__ import annotations

import enum
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple, Union

from . import _core
from ._core import (
    ApplicantRow,
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
    render,
    validate,
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
]


class CellState(str, enum.Enum):
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


class Severity(str, enum.Enum):
    """How serious a finding is; ``Diagnostic.severity`` is one of these strings."""

    ERROR = "error"
    """The report is wrong (or unreadable there)."""
    WARNING = "warning"
    """Worth a look; the report may still be right."""

    def __str__(self) -> str:
        return self.value


class Format(str, enum.Enum):
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


class Result(NamedTuple):
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


Source = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]"]


def _format_code(format: Optional[Union[str, Format]]) -> str:
    if format is None:
        return "automatic"
    code = str(format)
    if code not in {f.value for f in Format}:
        raise ValueError(f"unknown format {code!r}; expected one of "
                         + ", ".join(repr(f.value) for f in Format))
    return code


def read(source: Source, format: Optional[Union[str, Format]] = None, *,
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
    elif isinstance(source, os.PathLike):
        report, diagnostics = _core.read_file(os.fspath(source), code, strict)
    elif isinstance(source, str):
        stripped = source.lstrip()
        if "\n" in source or stripped.startswith(("{", "<")):
            report, diagnostics = _core.read_bytes(source.encode("utf-8"), code, "", strict)
        else:
            report, diagnostics = _core.read_file(source, code, strict)
    else:
        raise TypeError("read() takes a path, bytes or str, not " + type(source).__name__)
    return Result(report, diagnostics)


def read_many(sources: Iterable[Source], format: Optional[Union[str, Format]] = None, *,
              threads: Optional[int] = None) -> List[Result]:
    """Read many reports on a thread pool (the parsing runs without the GIL).

    Results come in the order of ``sources``; ``threads`` defaults to the CPU count.
    """
    items = list(sources)
    workers = threads or os.cpu_count() or 1
    if workers == 1 or len(items) <= 1:
        return [read(s, format) for s in items]
    # One contiguous chunk per thread: a future per file would cost more than reading a small
    # JSON file does.
    workers = min(workers, len(items))
    bounds = [len(items) * k // workers for k in range(workers + 1)]
    chunks = [items[bounds[k]:bounds[k + 1]] for k in range(workers)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
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


_ReportLike = Union[Report, Result]


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
