"""Reading the input a row at a time (CSV as spreadsheets export it, or JSONL), and writing rejected rows
back in the same format.

- CSV: UTF-8 with or without a byte order mark; the delimiter (``,`` ``;`` tab ``|``) is sniffed from the
  start of the file; the first row is the header. A row is numbered as a spreadsheet shows it: the header is
  row 1, the first record row 2 (a cell spanning lines is still one row).
- JSONL: one JSON object per line, numbered by line; blank lines are skipped.
- The columns (keys) ``_row`` and ``_error`` are the ones a reject file adds: they are ignored on input, so a
  fixed reject file can be imported as it is.

Memory stays flat: :meth:`Source.rows` reads the file as it goes, and can be called again for a second pass.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ._report import ImportFileError

__all__ = ["RESERVED", "RejectWriter", "Source", "SourceRow"]

ROW, ERROR = "_row", "_error"
RESERVED = (ROW, ERROR)
FORMATS = ("csv", "jsonl")
_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}
_SNIFF_BYTES = 1 << 16
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class SourceRow:
    """One row: its number, its values by column (None when the row itself is broken, with ``problem``
    saying why) and the row as read, for the reject file."""

    number: int
    values: dict[str, Any] | None
    original: list[str] | str
    problem: str | None = None


class _Hashing(io.RawIOBase):
    """A binary reader that hashes what passes through it (the journal knows the input by its digest)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        if count:
            self.digest.update(memoryview(buffer)[:count])
        return int(count or 0)


class Source:
    """An input file: its format, and for CSV its dialect, header and byte order mark."""

    def __init__(self, path: str | os.PathLike[str], fmt: str | None = None) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise ImportFileError(f"{self.path} does not exist or is not a file")
        chosen = fmt or _SUFFIXES.get(self.path.suffix.lower())
        if chosen not in FORMATS:
            raise ImportFileError(
                f"cannot tell the format of {self.path.name} from its extension; say csv or jsonl (--format)"
            )
        self.format: str = chosen
        with self.path.open("rb") as f:
            start = f.read(_SNIFF_BYTES)
        self.bom = start.startswith(_BOM)
        self.delimiter = _sniff_delimiter(start) if self.format == "csv" else ","
        self.header: list[str] = self._read_header() if self.format == "csv" else []
        self.sha256 = ""  # known after a complete pass of rows()
        stat = self.path.stat()
        self._stamp = (stat.st_size, stat.st_mtime_ns)

    @property
    def columns(self) -> list[str]:
        """The CSV header's column names, without the reject file's own columns."""
        return [name for name in self.header if name not in RESERVED]

    def check_unchanged(self) -> None:
        """Raise when the file changed since it was opened (it is read twice: checked, then imported)."""
        stat = self.path.stat()
        if (stat.st_size, stat.st_mtime_ns) != self._stamp:
            raise ImportFileError(f"{self.path} changed while it was being imported; run the import again")

    def _open(self) -> tuple[_Hashing, IO[str]]:
        hashing = _Hashing(self.path.open("rb"))
        text = io.TextIOWrapper(io.BufferedReader(hashing), encoding="utf-8-sig", newline="")
        return hashing, text

    def _read_header(self) -> list[str]:
        _, text = self._open()
        with text:
            try:
                header = next(csv.reader(text, delimiter=self.delimiter), None)
            except (UnicodeDecodeError, csv.Error) as exc:
                raise _unreadable(self.path, 1, exc) from None
        if not header or not any(name.strip() for name in header):
            raise ImportFileError(f"{self.path} has no header row: the first row must name the columns")
        named = [name for name in header if name]
        seen = {name for name in named if named.count(name) > 1}
        if seen:
            raise ImportFileError(f"{self.path}: the header names {', '.join(map(repr, sorted(seen)))} more than once")
        return header

    def rows(self) -> Iterator[SourceRow]:
        """Every row, read as it goes; after a complete pass, ``sha256`` is the file's digest."""
        hashing, text = self._open()
        number = 1
        with text:
            try:
                rows = self._csv_rows(text) if self.format == "csv" else self._jsonl_rows(text)
                for row in rows:
                    number = row.number
                    yield row
            except (UnicodeDecodeError, csv.Error) as exc:
                raise _unreadable(self.path, number + 1, exc) from None
            text.read()  # the rest (nothing, or what a broken reader left) goes through the digest too
        self.sha256 = hashing.digest.hexdigest()

    def _csv_rows(self, text: IO[str]) -> Iterator[SourceRow]:
        reader = csv.reader(text, delimiter=self.delimiter)
        next(reader, None)
        header, width = self.header, len(self.header)
        for number, cells in enumerate(reader, start=2):
            if not cells or all(not cell for cell in cells):
                continue  # an empty line, or a row of empty cells: spreadsheets leave them at the end
            problem = None
            if len(cells) > width:
                problem = f"has {len(cells)} cells but the header names {width} columns"
            elif any(cell and not name for name, cell in zip(header, cells, strict=False)):
                problem = "has a value in a column whose header cell is empty; name the column"
            values = {name: cell for name, cell in zip(header, cells, strict=False) if name and name not in RESERVED}
            yield SourceRow(number, None if problem else values, cells, problem)

    def _jsonl_rows(self, text: IO[str]) -> Iterator[SourceRow]:
        for number, line in enumerate(text, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                yield SourceRow(number, None, line, f"is not JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(data, dict):
                yield SourceRow(number, None, line, f"is JSON {type(data).__name__}, not an object of field values")
                continue
            yield SourceRow(number, {k: v for k, v in data.items() if k not in RESERVED}, line)


def _sniff_delimiter(start: bytes) -> str:
    sample = start.decode("utf-8-sig", errors="replace")
    if len(start) == _SNIFF_BYTES and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # no half line at the end
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","  # one column, or too little to tell


def _unreadable(path: Path, row: int, exc: Exception) -> ImportFileError:
    if isinstance(exc, UnicodeDecodeError):
        return ImportFileError(
            f"{path} is not UTF-8 text (byte {exc.object[exc.start]:#04x} near row {row}): save it as "
            "'CSV UTF-8' or convert it, e.g. iconv -f cp1252 -t utf-8"
        )
    return ImportFileError(f"{path} cannot be read as CSV near row {row}: {exc}")


class RejectWriter:
    """Rejected rows, in the input's own format so they can be fixed and imported again: for CSV the
    header with ``_row`` and ``_error`` in front, for JSONL each object with ``_row`` and ``_error`` added.

    The file is replaced by each run (a resumed run writes it complete again) and removed when no row is
    rejected. Safe to call from several threads.
    """

    def __init__(self, source: Source, path: str | os.PathLike[str]) -> None:
        self.source = source
        self.path = Path(path)
        if self.path.resolve() == source.path.resolve():
            raise ImportFileError(f"the reject file cannot be the input itself ({self.path})")
        self.count = 0
        self._file: IO[str] | None = None
        self._csv: Any = None
        self._lock = threading.Lock()
        self._keep = [i for i, name in enumerate(source.header) if name not in RESERVED]
        self.path.unlink(missing_ok=True)  # a reject file of an earlier run would be out of date

    def write(self, row: SourceRow, error: str) -> None:
        with self._lock:
            if self._file is None:
                self._start()
            assert self._file is not None
            if self.source.format == "csv":
                cells = row.original if isinstance(row.original, list) else [row.original]
                kept = [cells[i] if i < len(cells) else "" for i in self._keep] + cells[len(self.source.header) :]
                self._csv.writerow([row.number, error, *kept])
            else:
                self._file.write(json.dumps(_reject_object(row, error), ensure_ascii=False) + "\n")
            self._file.flush()
            self.count += 1

    def _start(self) -> None:
        encoding = "utf-8-sig" if self.source.bom else "utf-8"
        self._file = self.path.open("w", encoding=encoding, newline="")
        if self.source.format == "csv":
            self._csv = csv.writer(self._file, delimiter=self.source.delimiter, lineterminator="\r\n")
            self._csv.writerow([ROW, ERROR, *self.source.columns])

    def close(self) -> Path | None:
        """Close the file; its path, or None when no row was rejected (and there is no file)."""
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
            return self.path if self.count else None


def _reject_object(row: SourceRow, error: str) -> dict[str, Any]:
    head: dict[str, Any] = {ROW: row.number, ERROR: error}
    if row.values is None:  # not an object: keep the line as it was, to be fixed
        return {**head, "_line": row.original}
    data = json.loads(row.original) if isinstance(row.original, str) else {}
    return {**head, **{k: v for k, v in data.items() if k not in RESERVED}}
