"""The one error type rhetoric raises for bad input; the app and the CLI turn it into a message."""

from __future__ import annotations


class RhetoricError(Exception):
    """Input rhetoric cannot use, described in words a user can act on.

    The message names the file, the row as a spreadsheet counts it (header = row 1) where there is
    one, the column, the offending value and what would be accepted.
    """

    def __init__(self, message: str, *, file: str | None = None) -> None:
        self.file = file
        super().__init__(f"{file}: {message}" if file else message)
