"""Many calls at once, with bounded concurrency, collecting failures instead of stopping at the first.

Writes go through the same retry rules as single calls: a create is repeated only when the server
provably did not process it, so a bulk job never creates a record twice. Every input ends up in
exactly one of ``successful`` and ``failed``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .errors import FlexieError, InvalidArgumentError

__all__ = ["BulkFailure", "BulkResult", "BulkSuccess"]

I = TypeVar("I")  # noqa: E741 - an input item
R = TypeVar("R")


@dataclass(frozen=True)
class BulkSuccess(Generic[I, R]):
    """One input that succeeded: its position, the input and what the call returned."""

    index: int
    record: I
    result: R


@dataclass(frozen=True)
class BulkFailure(Generic[I]):
    """One input that failed: its position, the input itself (``record``) and the typed error."""

    index: int
    record: I
    error: FlexieError


@dataclass
class BulkResult(Generic[I, R]):
    """``successful`` (results in input order) and ``failed`` (index, record, error)."""

    succeeded: list[BulkSuccess[I, R]] = field(default_factory=list)
    failed: list[BulkFailure[I]] = field(default_factory=list)

    @property
    def successful(self) -> list[R]:
        """The results of the inputs that succeeded, in input order."""
        return [s.result for s in self.succeeded]

    @property
    def ok(self) -> bool:
        """True when no item failed."""
        return not self.failed

    def __len__(self) -> int:
        return len(self.succeeded) + len(self.failed)

    def raise_on_failure(self) -> None:
        """Raise the first failure's error, if any failed."""
        if self.failed:
            raise self.failed[0].error

    def __repr__(self) -> str:
        return f"BulkResult(successful={len(self.succeeded)}, failed={len(self.failed)})"


def check_concurrency(concurrency: int) -> int:
    """A ``concurrency`` argument, checked: a whole number from 1 to 64."""
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or not 1 <= concurrency <= 64:
        raise InvalidArgumentError(f"concurrency must be a whole number from 1 to 64, got {concurrency!r}")
    return concurrency


def _collect(items: Sequence[I], outcomes: Sequence[tuple[bool, Any]]) -> BulkResult[I, Any]:
    result: BulkResult[I, Any] = BulkResult()
    for index, (item, (ok, value)) in enumerate(zip(items, outcomes, strict=True)):
        if ok:
            result.succeeded.append(BulkSuccess(index, item, value))
        else:
            result.failed.append(BulkFailure(index, item, value))
    return result


def run_many(fn: Callable[[I], R], items: Sequence[I], concurrency: int) -> BulkResult[I, R]:
    """Call ``fn`` on every item from ``concurrency`` threads."""
    from concurrent.futures import ThreadPoolExecutor  # ~20 ms to import; only bulk calls need it

    check_concurrency(concurrency)

    def attempt(item: I) -> tuple[bool, Any]:
        try:
            return True, fn(item)
        except FlexieError as error:
            return False, error

    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="flexie-bulk") as pool:
        outcomes = list(pool.map(attempt, items))
    return _collect(items, outcomes)


async def arun_many(fn: Callable[[I], Awaitable[R]], items: Sequence[I], concurrency: int) -> BulkResult[I, R]:
    """Await ``fn`` on every item, at most ``concurrency`` at a time."""
    import asyncio

    check_concurrency(concurrency)
    gate = asyncio.Semaphore(concurrency)

    async def attempt(item: I) -> tuple[bool, Any]:
        async with gate:
            try:
                return True, await fn(item)
            except FlexieError as error:
                return False, error

    outcomes = await asyncio.gather(*(attempt(item) for item in items))
    return _collect(items, outcomes)
