"""Which data the views show: the bundled data, the reader's upload, or both; each scored once per digest."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import polars as pl
import streamlit as st

from rhetoric import bundled, ingest, lexicon, score
from rhetoric import schema as s

BUNDLED, UPLOAD, BOTH = "bundled", "upload", "both"
MODES = {BUNDLED: "Bundled data", UPLOAD: "My upload alone", BOTH: "My upload with the bundled data"}
_UPLOADS = "uploads"  # session_state key: kind ("quotes"/"outcomes") -> Upload; private to the browser session
_MODE = "dataset_mode"
_LEXICON = "user_lexicon"  # session_state key: (file name, lexicon rows) of the reader's own terms


@dataclass(frozen=True)
class Dataset:
    """Scored quotes, their explanations and the outcome events, as every view uses them."""

    quotes: pl.DataFrame
    explanations: pl.DataFrame
    outcomes: pl.DataFrame
    label: str


@dataclass(frozen=True)
class Upload:
    """A file the reader uploaded, as imported; quotes also carry their scores and the scorer they came from."""

    name: str
    digest: str
    result: ingest.ImportResult
    scored: pl.DataFrame | None = None
    explanations: pl.DataFrame | None = None
    scorer_digest: str = ""


def digest(data: bytes) -> str:
    """The content digest uploads are keyed on."""
    return hashlib.sha256(data).hexdigest()[:16]


# Keyed on digests of the files and of the lexicon, not on frames: st.cache_data hashes large frames
# from a sample. The lexicon rows themselves travel unhashed (leading underscore).
@st.cache_data(show_spinner="Scoring the bundled quotes…", max_entries=8)
def _bundled(files_digest: str, lexicon_digest: str, _lexicon: pl.DataFrame | None) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    quotes, explanations = score.score_and_explain(bundled.quotes(), score.build_scorer(_lexicon))
    return quotes, explanations, bundled.outcomes()


def user_lexicon() -> tuple[str, pl.DataFrame] | None:
    """The reader's own lexicon (file name, rows), if they uploaded one this session."""
    return st.session_state.get(_LEXICON)


def set_user_lexicon(name: str, data: bytes) -> pl.DataFrame:
    """Read and keep a lexicon upload; raises RhetoricError for one that cannot be used."""
    rows = lexicon.read_user_lexicon(data, name)
    st.session_state[_LEXICON] = (name, rows)
    return rows


def forget_lexicon() -> None:
    st.session_state.pop(_LEXICON, None)


def scorer() -> score.Scorer:
    """The scorer for the packaged lexicon plus the reader's terms."""
    held = user_lexicon()
    return score.build_scorer(held[1] if held else None)


def bundled_dataset() -> Dataset:
    """The data that ships with rhetoric, scored with the current lexicon."""
    held = user_lexicon()
    rows = held[1] if held else None
    quotes, explanations, outcomes = _bundled(bundled.digest(), scorer().digest, rows)
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
        return _rescored(held, progress)
    upload = _rescored(Upload(name, key, ingest.read_quotes(data, name)), progress)
    uploads()["quotes"] = upload
    return upload


def _rescored(upload: Upload, progress=None) -> Upload:
    """The upload scored with the current scorer: scored again only when the lexicon has changed."""
    current = scorer()
    if upload.scorer_digest == current.digest or not upload.result.accepted.height:
        return upload
    scored, explanations = score.score_and_explain(upload.result.accepted, current, progress=progress)
    fresh = Upload(upload.name, upload.digest, upload.result, scored, explanations, current.digest)
    uploads()["quotes"] = fresh
    return fresh


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
    if quotes_up:
        quotes_up = _rescored(quotes_up)
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



