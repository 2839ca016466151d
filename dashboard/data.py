"""Which data the views show: the bundled data, the reader's upload, or both; each scored once per digest."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import polars as pl
import streamlit as st

from rhetoric import bundled, ingest, score
from rhetoric import schema as s

BUNDLED, UPLOAD, BOTH = "bundled", "upload", "both"
MODES = {BUNDLED: "Bundled data", UPLOAD: "My upload alone", BOTH: "My upload with the bundled data"}
_UPLOADS = "uploads"  # session_state key: kind ("quotes"/"outcomes") -> Upload; private to the browser session
_MODE = "dataset_mode"


@dataclass(frozen=True)
class Dataset:
    """Scored quotes, their explanations and the outcome events, as every view uses them."""

    quotes: pl.DataFrame
    explanations: pl.DataFrame
    outcomes: pl.DataFrame
    label: str


@dataclass(frozen=True)
class Upload:
    """A file the reader uploaded, as imported (and, for quotes, scored)."""

    name: str
    digest: str
    result: ingest.ImportResult
    scored: pl.DataFrame | None = None
    explanations: pl.DataFrame | None = None


def digest(data: bytes) -> str:
    """The content digest uploads are keyed on."""
    return hashlib.sha256(data).hexdigest()[:16]


# Keyed on a digest of the files, not on frames: st.cache_data hashes large frames from a sample.
@st.cache_data(show_spinner="Scoring the bundled quotes…", max_entries=4)
def _bundled(files_digest: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    quotes, explanations = score.score_and_explain(bundled.quotes())
    return quotes, explanations, bundled.outcomes()


def bundled_dataset() -> Dataset:
    """The data that ships with rhetoric, scored."""
    quotes, explanations, outcomes = _bundled(bundled.digest())
    return Dataset(quotes, explanations, outcomes, "bundled data")


def uploads() -> dict[str, Upload]:
    """This session's uploads by kind."""
    return st.session_state.setdefault(_UPLOADS, {})


def store_quotes(name: str, data: bytes, progress) -> Upload:
    """Import and score an uploaded quotes file, once per content digest within the session.

    Raises RhetoricError for a file that cannot be used at all.
    """
    key = digest(data)
    held = uploads().get("quotes")
    if held and held.digest == key:
        return held
    result = ingest.read_quotes(data, name)
    scored, explanations = (None, None)
    if result.accepted.height:
        scored, explanations = score.score_and_explain(result.accepted, progress=progress)
    upload = Upload(name, key, result, scored, explanations)
    uploads()["quotes"] = upload
    return upload


def store_outcomes(name: str, data: bytes) -> Upload:
    """Import an uploaded outcomes file, once per content digest within the session."""
    key = digest(data)
    held = uploads().get("outcomes")
    if held and held.digest == key:
        return held
    upload = Upload(name, key, ingest.read_outcomes(data, name))
    uploads()["outcomes"] = upload
    return upload


def forget(kind: str) -> None:
    """Drop this session's upload of one kind."""
    uploads().pop(kind, None)


def mode() -> str:
    """The reader's choice of data; the bundled data while there is no upload."""
    chosen = st.session_state.get(_MODE, BOTH)
    return chosen if uploads() and chosen in MODES else BUNDLED


def set_mode(value: str) -> None:
    st.session_state[_MODE] = value


def current() -> Dataset:
    """The data every view shows, as the reader chose it on the Data page."""
    base = bundled_dataset()
    chosen = mode()
    if chosen == BUNDLED:
        return base
    held = uploads()
    quotes_up, outcomes_up = held.get("quotes"), held.get("outcomes")
    up_quotes = quotes_up.scored if quotes_up and quotes_up.scored is not None else None
    up_expl = quotes_up.explanations if quotes_up and quotes_up.explanations is not None else None
    up_outcomes = outcomes_up.result.accepted if outcomes_up else None
    names = " and ".join(u.name for u in (quotes_up, outcomes_up) if u)
    if chosen == UPLOAD:
        return Dataset(
            _or_empty(up_quotes, base.quotes),
            _or_empty(up_expl, base.explanations),
            _or_empty(up_outcomes, base.outcomes),
            f"your upload ({names})",
        )
    return Dataset(
        _concat(base.quotes, up_quotes),
        _concat(base.explanations, up_expl),
        _concat(base.outcomes, up_outcomes),
        f"bundled data and your upload ({names})",
    )


def _or_empty(frame: pl.DataFrame | None, like: pl.DataFrame) -> pl.DataFrame:
    return frame if frame is not None else like.clear()


def _concat(base: pl.DataFrame, extra: pl.DataFrame | None) -> pl.DataFrame:
    if extra is None or extra.is_empty():
        return base
    # An upload may carry extra columns; the bundled rows get nulls there.
    return pl.concat([base, extra], how="diagonal_relaxed")


def summary_counts() -> dict[str, int]:
    """Rows accepted and rejected across this session's uploads."""
    held = uploads().values()
    return {
        "accepted": sum(u.result.accepted.height for u in held),
        "rejected": sum(u.result.rejected.height for u in held),
    }



