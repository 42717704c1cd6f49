"""Small tables for the book: rows of values rendered as Markdown or plain text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._validate import check_int

__all__ = ["Table"]


def _cell(value: Any, digits: int) -> str:
    if isinstance(value, float):
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    return str(value)


class Table:
    """A list of rows with headers that displays as a Markdown table in Jupyter.

    Parameters
    ----------
    headers : sequence of str
        Column titles.
    rows : sequence of sequence
        One sequence per row, as long as ``headers``. Floats are printed with
        ``digits`` decimals, trailing zeros removed.
    digits : int
        Decimals for float cells.

    Examples
    --------
    >>> print(Table(["n", "x"], [[1, 0.5]]).to_markdown())
    | n | x |
    | --- | --- |
    | 1 | 0.5 |
    """

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[Any]], *, digits: int = 4) -> None:
        if isinstance(headers, (str, bytes)) or not isinstance(headers, (list, tuple)):
            raise TypeError(f"headers must be a list of column titles (str); got {headers!r}")
        for k, h in enumerate(headers):
            if not isinstance(h, str):
                raise TypeError(f"headers[{k}] must be a str; got {h!r}")
        if isinstance(rows, (str, bytes)) or not isinstance(rows, (list, tuple)):
            raise TypeError(f"rows must be a list of rows (each a list of cells); got {type(rows).__name__}")
        for k, row in enumerate(rows):
            if isinstance(row, (str, bytes)) or not isinstance(row, (list, tuple)):
                raise TypeError(f"rows[{k}] must be a list of cells; got {row!r}")
        digits = check_int("digits", digits, minimum=0, maximum=17)
        headers = list(headers)
        rows = [list(r) for r in rows]
        for k, row in enumerate(rows):
            if len(row) != len(headers):
                raise ValueError(f"rows[{k}] must have {len(headers)} cells (one per header); got {len(row)}")
        self.headers, self.rows, self.digits = headers, rows, digits

    def to_markdown(self) -> str:
        """The table as GitHub-flavoured Markdown."""

        def esc(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        lines = [
            "| " + " | ".join(esc(h) for h in self.headers) + " |",
            "| " + " | ".join("---" for _ in self.headers) + " |",
        ]
        lines += ["| " + " | ".join(esc(_cell(v, self.digits)) for v in row) + " |" for row in self.rows]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        return self.to_markdown()
