"""What every CSV export writes: cells that a spreadsheet cannot take for a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula
by Excel, LibreOffice and Google Sheets (``=HYPERLINK("http://x","y")`` in a model's name). Such a
cell is written with a leading apostrophe, which spreadsheets show as text and do not evaluate.
Every CSV the application writes goes through :func:`csv_row`.

Numbers and dates (issue 17): a CSV is read by a spreadsheet first, so codes and ISO 8601 dates
(2026-12-01) stay in their own columns — they sort, filter and compute in every language. The
public list's CSV is open data, the same fields as its JSON (docs in its schema). The caseworkers'
queue CSV adds, beside each code and date, the words a person reads on the pages, in the reader's
language (``state_label``, ``kind_label``, ``next_deadline_day``: "Tuesday 1 December 2026").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["FORMULA_STARTS", "csv_cell", "csv_row"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """The value as a spreadsheet will read it safely: text starting like a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(v) for v in values]
