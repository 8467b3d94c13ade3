"""Importing a file of monthly values: check, compare, and only then write."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pghistory
from django.db import transaction

from scorecard.importing import store
from scorecard.importing.values import Catalogue, CheckedValues, check_values


class StalePreview(Exception):
    """Stored values changed since the preview the user confirmed."""

    def __init__(self, comparison: store.Comparison) -> None:
        self.comparison = comparison


class ReasonRequired(Exception):
    """Changing stored values needs a reason."""


@dataclass
class Outcome:
    checked: CheckedValues
    comparison: store.Comparison | None = None
    written: int = 0


def import_values(
    table: pd.DataFrame,
    *,
    this_month: date,
    write: bool,
    reason: str = "",
    source: str,
    expected: str | None = None,
    progress: Callable[[int], None] | None = None,
    then: Callable[[Outcome], None] | None = None,
) -> Outcome:
    """Check every row; if all pass, compare with what is stored and, when
    `write`, upsert it all in one transaction. `expected` is the fingerprint
    of the preview the user confirmed; `progress` is told the rows checked so
    far; `then` runs inside the write's transaction, to record the import
    with it (all or nothing)."""
    checked = check_values(table, Catalogue.load(), this_month, progress)
    if not checked.ok:
        return Outcome(checked)
    with transaction.atomic():
        if write:
            store.lock()  # two imports must not interleave their compare and write
        store.stage(checked.parts)
        comparison = store.compare()
        outcome = Outcome(checked, comparison)
        if not write:
            transaction.set_rollback(True)
            return outcome
        if expected is not None and expected != comparison.fingerprint:
            raise StalePreview(comparison)
        if comparison.changed and not reason.strip():
            raise ReasonRequired
        with pghistory.context(reason=reason.strip(), source=source):
            outcome.written = store.upsert(comparison.new)
        if then:
            then(outcome)
    return outcome
