"""Type stubs of govdisclose._core, the compiled core (private: import govdisclose instead).

tests/python/test_stubs.py checks that these stubs list every public name of the module and of
its classes, and nothing more.
"""

from decimal import Decimal
from typing import Any, Callable, ClassVar, Dict, List, Optional, Tuple, Union

__version__: str
PICKLE_VERSION: int

_Number = Union[int, Decimal]
_CellValue = Union[int, Decimal, str, None]

class InputError(ValueError):
    """Raised when an input has errors; .diagnostics lists every finding."""
    diagnostics: List[Diagnostic]

class SourceSpan:
    """Where a cell starts in its source: 1-based line and column (0 when unknown)."""
    _fields: ClassVar[Tuple[str, ...]]
    line: int
    column: int
    def __init__(self, **fields: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __copy__(self) -> SourceSpan: ...
    def __deepcopy__(self, memo: Any) -> SourceSpan: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @staticmethod
    def from_dict(data: Dict[str, Any]) -> SourceSpan: ...

class SourcePosition:
    """A place in an input: file, 1-based line and column (0 when unknown)."""
    _fields: ClassVar[Tuple[str, ...]]
    file: str
    line: int
    column: int
    def __init__(self, **fields: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __copy__(self) -> SourcePosition: ...
    def __deepcopy__(self, memo: Any) -> SourcePosition: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @staticmethod
    def from_dict(data: Dict[str, Any]) -> SourcePosition: ...

class HintCell:
    """One cell of a suggested correction: path, current and suggested value, as text."""
    _fields: ClassVar[Tuple[str, ...]]
    path: str
    current: str
    suggested: str
    def __init__(self, **fields: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __copy__(self) -> HintCell: ...
    def __deepcopy__(self, memo: Any) -> HintCell: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @staticmethod
    def from_dict(data: Dict[str, Any]) -> HintCell: ...

class HintFix:
    """One way to make the tables add up: the cells to change."""
    _fields: ClassVar[Tuple[str, ...]]
    cells: List[HintCell]
    def __init__(self, **fields: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __copy__(self) -> HintFix: ...
    def __deepcopy__(self, memo: Any) -> HintFix: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @staticmethod
    def from_dict(data: Dict[str, Any]) -> HintFix: ...

class CorrectionHint:
    """A correction hint on a failed sum rule: status, fixes, alternatives and messages."""
    _fields: ClassVar[Tuple[str, ...]]
    status: str
    fixes: List[HintFix]
    alternatives: int
    message: str
    message_en: str
    def __init__(self, **fields: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __copy__(self) -> CorrectionHint: ...
    def __deepcopy__(self, memo: Any) -> CorrectionHint: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @staticmethod
    def from_dict(data: Dict[str, Any]) -> CorrectionHint: ...

class Diagnostic:
    """One finding: rule id, severity, model path, position, expected, found and messages."""
    _fields: ClassVar[Tuple[str, ...]]
    rule: str
    level: str
    severity: str
    path: str
    position: SourcePosition
    expected: str
    found: str
    message: str
    message_en: str
    hint: Optional[CorrectionHint]
    @property
    def is_error(self) -> bool: ...
    def __init__(self, **fields: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __copy__(self) -> Diagnostic: ...
    def __deepcopy__(self, memo: Any) -> Diagnostic: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @staticmethod
    def from_dict(data: Dict[str, Any]) -> Diagnostic: ...

class Cell:
    """One published table cell: its state, exact value and raw text."""
    _fields: ClassVar[Tuple[str, ...]]
    state: str
    value: Optional[_Number]
    raw: str
    span: SourceSpan
    @property
    def is_number(self) -> bool: ...
    @property
    def present(self) -> bool: ...
    def __init__(self, value: _CellValue = ...) -> None: ...
    @staticmethod
    def parse(text: str) -> Cell: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __copy__(self) -> Cell: ...
    def __deepcopy__(self, memo: Any) -> Cell: ...

_CellLike = Union[Cell, int, Decimal, str]

class _Described:
    """The protocol every model class has (keyword construction, equality, copies, dicts)."""
    _fields: ClassVar[Tuple[str, ...]]
    def __init__(self, **fields: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __copy__(self: Any) -> Any: ...
    def __deepcopy__(self: Any, memo: Any) -> Any: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @classmethod
    def from_dict(cls: Any, data: Dict[str, Any]) -> Any: ...

class DocumentCounts2021(_Described):
    """2021 第二十条第（一）项: 规章 or 行政规范性文件 counts."""
    issued: Cell
    repealed: Cell
    in_force: Cell

class DecisionCounts(_Described):
    """2021 第二十条第（五）（六）项: decisions made this year."""
    decisions: Cell

class FeeAmount(_Described):
    """2021 第二十条第（八）项: 行政事业性收费 in 万元."""
    amount: Cell

class Proactive2021(_Described):
    """Section 二 of a 2021-template report."""
    regulations: DocumentCounts2021
    normative_documents: DocumentCounts2021
    licensing: DecisionCounts
    penalties: DecisionCounts
    coercion: DecisionCounts
    fees: FeeAmount

class DocumentCounts2019(_Described):
    """2019 （一）: 规章 or 规范性文件 counts."""
    produced: Cell
    published: Cell
    total_published: Cell

class MatterCounts2019(_Described):
    """2019 （五）（六）: last year's items, change, decisions."""
    items_last_year: Cell
    items_change: Cell
    decisions: Cell

class FeeCounts2019(_Described):
    """2019 （八）: 行政事业性收费 item counts."""
    items_last_year: Cell
    items_change: Cell

class Procurement2019(_Described):
    """2019 （九）: 政府集中采购."""
    items: Cell
    amount: Cell

class Proactive2019(_Described):
    """Section 二 of a 2019-template report."""
    regulations: DocumentCounts2019
    normative_documents: DocumentCounts2019
    licensing: MatterCounts2019
    other_services: MatterCounts2019
    penalties: MatterCounts2019
    coercion: MatterCounts2019
    fees: FeeCounts2019
    procurement: Procurement2019

class ApplicantRow(_Described):
    """One row of the application matrix: a cell per applicant kind and the total."""
    natural_person: Cell
    commercial_enterprise: Cell
    research_institution: Cell
    social_welfare_organization: Cell
    legal_service_agency: Cell
    other_organization: Cell
    total: Cell
    organization_subtotal: Cell

class WithheldRows(_Described):
    """（三）不予公开."""
    state_secret: ApplicantRow
    prohibited_by_law: ApplicantRow
    security_and_stability: ApplicantRow
    third_party_rights: ApplicantRow
    internal_affairs: ApplicantRow
    process_information: ApplicantRow
    enforcement_files: ApplicantRow
    administrative_query: ApplicantRow
    subtotal: ApplicantRow

class UnavailableRows(_Described):
    """（四）无法提供."""
    not_held: ApplicantRow
    needs_creation: ApplicantRow
    unclear_after_correction: ApplicantRow
    subtotal: ApplicantRow

class NotProcessedRows(_Described):
    """（五）不予处理."""
    petition_or_complaint: ApplicantRow
    duplicate: ApplicantRow
    publication: ApplicantRow
    excessive: ApplicantRow
    confirmation: ApplicantRow
    subtotal: ApplicantRow

class OtherRows(_Described):
    """（六）其他处理 (2021 template: three rows)."""
    overdue_correction: ApplicantRow
    overdue_fee: ApplicantRow
    other: ApplicantRow
    subtotal: ApplicantRow

class Applications2021(_Described):
    """Section 三 of a 2021-template report (25 data rows)."""
    new_received: ApplicantRow
    carried_over: ApplicantRow
    granted: ApplicantRow
    partially_granted: ApplicantRow
    withheld: WithheldRows
    unavailable: UnavailableRows
    not_processed: NotProcessedRows
    other: OtherRows
    total_processed: ApplicantRow
    carried_forward: ApplicantRow

class Applications2019(_Described):
    """Section 三 of a 2019-template report (23 data rows)."""
    new_received: ApplicantRow
    carried_over: ApplicantRow
    granted: ApplicantRow
    partially_granted: ApplicantRow
    withheld: WithheldRows
    unavailable: UnavailableRows
    not_processed: NotProcessedRows
    other: ApplicantRow
    total_processed: ApplicantRow
    carried_forward: ApplicantRow

class ReviewBlock(_Described):
    """One block of five columns in section 四."""
    upheld: Cell
    corrected: Cell
    other: Cell
    pending: Cell
    total: Cell

class Reviews(_Described):
    """Section 四: administrative review and litigation."""
    administrative_review: ReviewBlock
    litigation_direct: ReviewBlock
    litigation_after_review: ReviewBlock

class Meta(_Described):
    """What is known about a report besides its tables."""
    title: str
    agency: str
    year: Optional[int]
    source: str
    format: str

class Narrative(_Described):
    """The six sections' text, verbatim."""
    overview: str
    proactive: str
    applications: str
    reviews: str
    problems: str
    other_matters: str

class Report:
    """One annual report on open government information (政府信息公开工作年度报告)."""
    _fields: ClassVar[Tuple[str, ...]]
    @property
    def template(self) -> str: ...
    meta: Meta
    narrative: Narrative
    proactive: Union[Proactive2021, Proactive2019]
    applications: Union[Applications2021, Applications2019]
    reviews: Reviews
    def __init__(self, template: str = "2021") -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __copy__(self) -> Report: ...
    def __deepcopy__(self, memo: Any) -> Report: ...
    def __getitem__(self, path: str) -> Cell: ...
    def __setitem__(self, path: str, value: _CellLike) -> None: ...
    def cells(self, include_absent: bool = False) -> List[Tuple[str, Cell]]: ...
    def to_records(self, include_absent: bool = False) -> List[Dict[str, Any]]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @staticmethod
    def from_dict(data: Dict[str, Any]) -> Report: ...
    def validate(self, *, warnings: bool = True, blank_counts_as_zero: bool = True,
                 skip: List[str] = ..., reading: List[Diagnostic] = ...) -> List[Diagnostic]: ...
    # Added by the pure-Python layer (govdisclose/__init__.py):
    def to_json(self, indent: int = 2) -> str: ...
    @classmethod
    def from_json(cls, text: Union[str, bytes], *, source: str = "",
                  strict: bool = True) -> Report: ...
    def to_dataframe(self, *, include_absent: bool = False) -> Any: ...
    def render(self, format: str = "html") -> str: ...

def read_bytes(data: bytes, format: str = "automatic", source: str = "",
               strict: bool = False) -> Tuple[Report, List[Diagnostic]]: ...
def read_file(path: str, format: str = "automatic",
              strict: bool = False) -> Tuple[Report, List[Diagnostic]]: ...
def detect_format(data: bytes, name: str = "") -> str: ...
def to_json(report: Report, indent: int = 2) -> str: ...
def from_json(text: str, source: str = "",
              strict: bool = False) -> Tuple[Report, List[Diagnostic]]: ...
def diagnostics_to_json(diagnostics: List[Diagnostic], indent: int = 2) -> str: ...
def render(report: Report, format: str = "html") -> str: ...
def validate(report: Report, *, warnings: bool = True, blank_counts_as_zero: bool = True,
             skip: List[str] = ..., reading: List[Diagnostic] = ...) -> List[Diagnostic]: ...
def generate(seed: int, template: str = "2021", *, blank_zero_rate: float = 0.0,
             max_count: int = 40, local_additions: bool = False) -> Report: ...
def catalog(template: str = "2021") -> Dict[str, Any]: ...

# ---- comparing reports (register_compare.cpp) ----------------------------------------------

class TextChange(_Described):
    """One text field that differs (a narrative section, a meta member or the template)."""
    field: str
    before: str
    after: str

class CellChange(_Described):
    """One cell that differs between two reports."""
    path: str
    label: str
    before: Cell
    after: Cell
    delta: Optional[_Number]
    @property
    def state_changed(self) -> bool: ...

class ReportDiff(_Described):
    """What differs between two reports."""
    before_name: str
    after_name: str
    meta: List[TextChange]
    narrative: List[TextChange]
    cells: List[CellChange]
    @property
    def equal(self) -> bool: ...
    def to_text(self) -> str: ...
    def to_json(self, indent: int = 2) -> str: ...
    def to_csv(self) -> str: ...

class DerivedFigures(_Described):
    """Figures computed from a report's tables; None (never 0) when undefined."""
    disclosure_rate: Optional[float]
    review_correction_rate: Optional[float]
    litigation_correction_rate: Optional[float]
    new_received_change: Optional[float]
    new_received_growth: Optional[float]

def diff(a: Report, b: Report, *, provenance: bool = False) -> ReportDiff: ...
def rollup(members: List[Report]) -> Tuple[Report, List[Diagnostic]]: ...
def check_rollup(summary: Report, members: List[Report]) -> List[Diagnostic]: ...
def check_series(last_year: Report, this_year: Report) -> List[Diagnostic]: ...
def consecutive_pairs(reports: List[Report]) -> List[Tuple[int, int]]: ...
def derive(report: Report, last_year: Optional[Report] = None) -> DerivedFigures: ...

# ---- the batch (register_batch.cpp) --------------------------------------------------------

class RuleCount:
    """Counts of one rule over a batch."""
    _fields: ClassVar[Tuple[str, ...]]
    @property
    def level(self) -> str: ...
    @property
    def findings(self) -> int: ...
    @property
    def reports(self) -> int: ...

class BatchComparison:
    """Reports of a batch compared with each other (series or roll-up)."""
    _fields: ClassVar[Tuple[str, ...]]
    @property
    def kind(self) -> str: ...
    @property
    def agency(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def files(self) -> List[str]: ...
    @property
    def reported_in(self) -> str: ...
    @property
    def errors(self) -> int: ...
    @property
    def warnings(self) -> int: ...

class BatchResult:
    """The outcome of one file of a batch."""
    _fields: ClassVar[Tuple[str, ...]]
    @property
    def index(self) -> int: ...
    @property
    def path(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def status_zh(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def report(self) -> Report: ...
    @property
    def diagnostics(self) -> List[Diagnostic]: ...
    @property
    def errors(self) -> int: ...
    @property
    def warnings(self) -> int: ...
    @property
    def derived(self) -> DerivedFigures: ...
    @property
    def ok(self) -> bool: ...

class BatchSummary:
    """What a batch gave, in numbers."""
    _fields: ClassVar[Tuple[str, ...]]
    @property
    def files(self) -> int: ...
    @property
    def passed(self) -> int: ...
    @property
    def failed(self) -> int: ...
    @property
    def unreadable(self) -> int: ...
    @property
    def errors(self) -> int: ...
    @property
    def warnings(self) -> int: ...
    @property
    def rules(self) -> Dict[str, RuleCount]: ...
    @property
    def comparisons(self) -> List[BatchComparison]: ...

def report_html(report: Report, diagnostics: List[Diagnostic], id: str = "gd") -> str: ...
def check_files(paths: List[str], manifest: str = "", jobs: int = 0, format: str = "automatic",
                warnings: bool = True, skip: List[str] = ...,
                progress: Optional[Callable[[int, int], None]] = None
                ) -> Tuple[List[BatchResult], BatchSummary]: ...
def export_files(paths: List[str], manifest: str = "", to: str = "csv", output: str = "",
                 jobs: int = 0, progress: Optional[Callable[[int, int], None]] = None
                 ) -> Tuple[Optional[str], List[Tuple[str, str]], int]: ...
def is_unreadable(diagnostic: Diagnostic) -> bool: ...
def expected_found_note(diagnostic: Diagnostic, chinese: bool = True) -> str: ...
def normalize_agency(agency: str) -> str: ...
