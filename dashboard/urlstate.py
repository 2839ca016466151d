"""What the URL says: every filter and choice is read from the link, kept for the session and written back.

Streamlit's own binding drops a value that came from a link when the reader switches views, and
drops invalid values silently. Here each parameter is parsed and checked before its widget is drawn
(bad values get a visible notice and fall back to the default), the widget reads the value from
session state, and after drawing the value goes back into the URL (defaults are left out), so the
address bar always holds a link that reproduces the view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

_NOTICES = "_url_notices"
_KEPT = "_url_kept"  # the session's last value of every parameter, to restore after a view switch
_SEEDED = "_url_seeded"  # parameter -> the view its widget was last seeded on


def _notices() -> list[str]:
    return st.session_state.setdefault(_NOTICES, [])


def _kept() -> dict[str, Any]:
    return st.session_state.setdefault(_KEPT, {})


def note(message: str) -> None:
    """Queue a notice about the URL for this run."""
    if message not in _notices():
        _notices().append(message)


def show_notices() -> None:
    """Show the queued notices once, then forget them."""
    for message in st.session_state.pop(_NOTICES, []):
        st.warning(message, icon="🔗")


# --- parsers: raw URL text → value, or None after noting why it was ignored ----------------------


def as_list(allowed: Sequence[str], what: str) -> Callable[[list[str]], list[str] | None]:
    def parse(raw: list[str]) -> list[str] | None:
        good = [v for v in raw if v in allowed]
        for bad in (v for v in raw if v not in allowed):
            note(f"The link asks for {what} “{bad}”, which is not in this data; it was ignored.")
        return good or None

    return parse


def as_date(span: tuple[dt.date, dt.date], key: str) -> Callable[[str], dt.date | None]:
    def parse(raw: str) -> dt.date | None:
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            note(f"The link's “{key}” value “{raw}” is not a date (YYYY-MM-DD); the full range is shown.")
            return None
        if not span[0] <= day <= span[1]:
            note(f"The link's “{key}” date {day} is outside the data ({span[0]} to {span[1]}); it was ignored.")
            return None
        return day

    return parse


def as_int(low: int, high: int, key: str) -> Callable[[str], int | None]:
    def parse(raw: str) -> int | None:
        try:
            number = int(raw)
        except ValueError:
            note(f"The link's “{key}” value “{raw}” is not a whole number; the default is used.")
            return None
        if not low <= number <= high:
            note(f"The link's “{key}” value {number} is outside {low}–{high}; the default is used.")
            return None
        return number

    return parse


def as_window(key: str = "window") -> Callable[[str], int | None]:
    """A window in days: a whole number from 30 to 365 on the sliders' 15-day steps."""
    number = as_int(30, 365, key)

    def parse(raw: str) -> int | None:
        value = number(raw)
        return None if value is None else 30 + round((value - 30) / 15) * 15

    return parse


def as_choice(allowed: Sequence[str], key: str) -> Callable[[str], str | None]:
    def parse(raw: str) -> str | None:
        if raw in allowed:
            return raw
        note(f"The link's “{key}” value “{raw}” is not one of {', '.join(allowed)}; the default is used.")
        return None

    return parse


def as_flag(key: str) -> Callable[[str], bool | None]:
    def parse(raw: str) -> bool | None:
        value = raw.strip().lower()
        if value in ("true", "1", "yes"):
            return True
        if value in ("false", "0", "no"):
            return False
        note(f"The link's “{key}” value “{raw}” is not true or false; the default is used.")
        return None

    return parse


def as_text(raw: str) -> str | None:
    return raw


# --- the cycle: restore before the widget, publish after it --------------------------------------


def restore(key: str, parse: Callable[[Any], Any], default: Any, *, repeated: bool = False) -> None:
    """Put the parameter's value into session state before its widget is drawn.

    A value already in session state (the reader just changed the widget) wins; then the URL (a link
    says what it wants); then the session's last value (the URL was cleared by a view switch); then
    the default.
    """
    seeded = st.session_state.setdefault(_SEEDED, {})
    page = st.session_state.get("_page")
    if key in st.session_state and seeded.get(key) == page:
        return
    # New on this view: a widget of another view held the key, and its state does not carry over.
    seeded[key] = page
    raw = st.query_params.get_all(key) if repeated else st.query_params.get(key)
    value = parse(raw) if raw else None
    if value is None:
        value = _kept().get(key, st.session_state.get(key, default))
    st.session_state[key] = value


def publish(key: str, default: Any) -> None:
    """Write the widget's current value into the URL (left out when it is the default) and keep it."""
    value = st.session_state.get(key, default)
    _kept()[key] = value
    if value in (None, "", []) or value == default:
        _drop(key)
    elif isinstance(value, bool):
        st.query_params[key] = "true" if value else "false"
    elif isinstance(value, list):
        st.query_params[key] = [str(v) for v in value]
    elif isinstance(value, dt.date):
        st.query_params[key] = value.isoformat()
    else:
        st.query_params[key] = str(value)


def forget(*keys: str) -> None:
    """Drop parameters from the session, the kept values and the URL (e.g. when the data changes)."""
    for key in keys:
        st.session_state.pop(key, None)
        _kept().pop(key, None)
        _drop(key)


def _drop(key: str) -> None:
    """Leave `key` out of the URL. (Asked first: popping an absent key makes Streamlit build and raise a KeyError,
    which on every run of every view cost more than the rest of the URL bookkeeping.)"""
    if st.query_params.get_all(key):
        del st.query_params[key]
