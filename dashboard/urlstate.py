"""What the URL says: raw query values checked before widgets read them, with a notice for bad ones.

Streamlit drops a bound widget's invalid URL value silently; readers of a shared link deserve to
know that part of it was ignored, so values are checked here first and the problems listed once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

_NOTICES = "_url_notices"


def _notices() -> list[str]:
    return st.session_state.setdefault(_NOTICES, [])


def note(message: str) -> None:
    """Queue a notice about the URL for this run."""
    if message not in _notices():
        _notices().append(message)


def check_list(key: str, allowed: Sequence[str], what: str) -> None:
    """Note every value of a repeatable parameter that is not among the allowed ones."""
    for value in st.query_params.get_all(key):
        if value not in allowed:
            note(f"The link asks for {what} “{value}”, which is not in this data; it was ignored.")


def check_date(key: str, span: tuple[dt.date, dt.date]) -> None:
    """Note a date parameter that is not an ISO date within the data's span."""
    value = st.query_params.get(key)
    if value is None:
        return
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        note(f"The link's “{key}” value “{value}” is not a date (YYYY-MM-DD); the full range is shown.")
        return
    if not span[0] <= day <= span[1]:
        note(f"The link's “{key}” date {day} is outside the data ({span[0]} to {span[1]}); it was ignored.")


def check_int(key: str, low: int, high: int) -> None:
    """Note an integer parameter that is not a whole number within [low, high]."""
    value = st.query_params.get(key)
    if value is None:
        return
    try:
        number = int(value)
    except ValueError:
        note(f"The link's “{key}” value “{value}” is not a whole number; the default is used.")
        return
    if not low <= number <= high:
        note(f"The link's “{key}” value {number} is outside {low}–{high}; the default is used.")


def show_notices() -> None:
    """Show the queued notices once, then forget them."""
    for message in st.session_state.pop(_NOTICES, []):
        st.warning(message, icon="🔗")
