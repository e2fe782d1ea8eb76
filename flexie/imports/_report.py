"""What an import says back: the report, one rejected row, and the errors that stop an import."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FlexieError, InvalidArgumentError

__all__ = [
    "OUTCOMES",
    "ImportFileError",
    "ImportJournalError",
    "ImportMappingError",
    "ImportReport",
    "ImportStoppedError",
    "RowError",
]

OUTCOMES = ("created", "updated", "unchanged", "rejected")
SAMPLE_ERRORS = 20  # the report keeps this many rejected rows; the reject file has them all


class ImportFileError(InvalidArgumentError):
    """The input file cannot be read as CSV or JSONL (missing, not UTF-8, no header, changed while importing)."""


class ImportMappingError(InvalidArgumentError):
    """The column mapping is wrong: a column that is no field, a field given twice, a mapping of a missing column."""


class ImportJournalError(InvalidArgumentError):
    """The journal beside the input belongs to another file or other settings, or is not a journal."""


class ImportStoppedError(FlexieError):
    """An error that is not about one row (the key is refused, the server is down, a create's outcome is
    unknown) stopped the import. Everything done so far is in the journal: run the same import again and it
    resumes. ``cause`` is the error, ``report`` what was done."""

    def __init__(self, message: str, *, cause: FlexieError, report: ImportReport) -> None:
        super().__init__(message)
        self.cause = cause
        self.report = report


@dataclass(frozen=True)
class RowError:
    """A rejected row: its number (a spreadsheet's row number: the header is row 1; for JSONL, the line)."""

    row: int
    message: str


@dataclass
class ImportReport:
    """What an import did (or, with ``dry_run``, would do) with each row of the file.

    ``rows`` = ``created + updated + unchanged + rejected`` once an import completes; a dry run only sorts
    rows into ``valid`` and ``rejected``. Rows done by an interrupted earlier run of the same import are
    counted too (``resumed`` says how many).
    """

    entity: str
    source: Path
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    resumed: int = 0
    reject_file: Path | None = None
    journal: Path | None = None
    errors: list[RowError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def valid(self) -> int:
        """Rows that passed the checks against the field schema."""
        return self.rows - self.rejected if self.dry_run else self.created + self.updated + self.unchanged

    @property
    def complete(self) -> bool:
        """Every row has an outcome."""
        return self.dry_run or self.created + self.updated + self.unchanged + self.rejected == self.rows

    def count(self, outcome: str, row: int | None = None, error: str | None = None) -> None:
        """Add one row's outcome (and keep the first rejected rows' errors as a sample)."""
        setattr(self, outcome, getattr(self, outcome) + 1)
        if outcome == "rejected" and row is not None and len(self.errors) < SAMPLE_ERRORS:
            self.errors.append(RowError(row, error or ""))

    def summary(self) -> str:
        """One line, e.g. ``contacts.csv: 5000 rows: 4830 created, 120 updated, 0 unchanged, 50 rejected``."""
        if self.dry_run:
            counts = f"{self.valid} valid, {self.rejected} rejected (dry run: nothing written)"
        else:
            counts = ", ".join(f"{getattr(self, name)} {name}" for name in OUTCOMES)
        resumed = f"; {self.resumed} done by an earlier run" if self.resumed else ""
        return f"{self.source.name}: {self.rows} rows: {counts}{resumed}"

    def to_dict(self) -> dict[str, object]:
        """The report as JSON-ready data."""
        return {
            "entity": self.entity,
            "source": str(self.source),
            "dry_run": self.dry_run,
            "rows": self.rows,
            **{name: getattr(self, name) for name in OUTCOMES},
            "valid": self.valid,
            "resumed": self.resumed,
            "reject_file": None if self.reject_file is None else str(self.reject_file),
            "journal": None if self.journal is None else str(self.journal),
            "errors": [{"row": e.row, "error": e.message} for e in self.errors],
            "seconds": round(self.seconds, 3),
        }
