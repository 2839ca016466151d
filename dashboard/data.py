"""Which data the views show: the bundled data, the reader's upload, or both; each scored once per digest."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

import polars as pl
import streamlit as st

from rhetoric import schema as s
from rhetoric.errors import RhetoricError
from rhetoric.io import bundled, ingest, language
from rhetoric.scoring import learned, lexicon, scorers
from rhetoric.sharing import store

BUNDLED, UPLOAD, BOTH = "bundled", "upload", "both"
MODES = {BUNDLED: "Bundled data", UPLOAD: "Your data alone", BOTH: "Your data with the bundled data"}
_UPLOADS = "uploads"  # session_state key: kind ("quotes"/"outcomes") -> Upload; private to the browser session
_MODE = "data"  # the bound sidebar widget's key, and so the URL parameter
SHARED = "dataset"  # the bound sidebar widget holding a saved dataset's id, and the URL parameter
_PRUNE_EVERY_S = 3600
_last_prune = [0.0]  # process-wide: pruning runs at most once an hour whoever is using the app
_LEXICON = "user_lexicon"  # session_state key: (file name, lexicon rows) of the reader's own terms
SCORER = "scorer"  # the Data page's choice of scorer (session_state key): learned (the default) or lexicon


@dataclass(frozen=True)
class Dataset:
    """Scored quotes, their explanations and the outcome events, as every view uses them."""

    quotes: pl.DataFrame
    explanations: pl.DataFrame
    outcomes: pl.DataFrame
    label: str
    key: str = ""  # the content digests and the scorer's version: what per-process caches key on (dashboard.memo)


@dataclass(frozen=True)
class Upload:
    """A file the reader uploaded, as imported; quotes also carry their scores and the scorer they came from."""

    name: str
    digest: str
    result: ingest.ImportResult
    scored: pl.DataFrame | None = None
    explanations: pl.DataFrame | None = None
    scorer_digest: str = ""
    foreign: pl.DataFrame | None = None  # accepted quotes that do not look like English (rhetoric.io.language)


def digest(data: bytes) -> str:
    """The content digest uploads are keyed on."""
    return hashlib.sha256(data).hexdigest()[:16]


# Keyed on digests of the files and of the lexicon, not on frames (the lexicon rows themselves travel unhashed,
# leading underscore). A resource, not st.cache_data: every reader gets the same frames (nothing changes a frame
# in place), where cache_data would unpickle a copy of them on every run of every view.
@st.cache_resource(show_spinner="Scoring the bundled quotes…", max_entries=8)
def _bundled(
    files_digest: str, scorer_version: str, kind: str, _lexicon: pl.DataFrame | None
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    quotes, explanations = _build(kind, _lexicon).score_and_explain(bundled.quotes(), workers=1)
    return quotes, explanations, bundled.outcomes()


def _build(kind: str, rows: pl.DataFrame | None, rows_digest: str = "") -> scorers.Scoring:
    # workers=1 wherever the app scores: forking the threaded Streamlit server for worker processes is not
    # safe. The store keeps learned scores by text digest, so no text is encoded twice across sessions.
    # Built once per process for each kind, lexicon (its digest, taken once at upload) and store.
    from dashboard import memo

    cache = _store()
    return memo.get(("scorer", kind, rows_digest, repr(cache)), lambda: scorers.build(kind, rows, cache=cache))


def user_lexicon() -> tuple[str, pl.DataFrame, str] | None:
    """The reader's own lexicon (file name, rows, digest of the rows), if they uploaded one this session."""
    return st.session_state.get(_LEXICON)


def set_user_lexicon(name: str, data: bytes) -> pl.DataFrame:
    """Read and keep a lexicon upload (with its digest, taken once here); raises RhetoricError for one that
    cannot be used."""
    rows = lexicon.read_user_lexicon(data, name)
    st.session_state[_LEXICON] = (name, rows, lexicon.digest(rows))
    return rows


def forget_lexicon() -> None:
    st.session_state.pop(_LEXICON, None)


def choose_scorer() -> None:
    """The Data page's radio callback: keep the reader's choice of scorer for every view."""
    st.session_state[SCORER] = st.session_state.get("scorer_choice", scorers.LEARNED)


def scorer_kind() -> str:
    """The reader's choice of scorer (the Data page): learned unless they chose the lexicon."""
    kind = st.session_state.get(SCORER, scorers.LEARNED)
    return kind if kind in scorers.KINDS else scorers.LEARNED


def scorer() -> scorers.Scoring:
    """The chosen scorer, for the packaged lexicon plus the reader's terms."""
    held = user_lexicon()
    return _build(scorer_kind(), held[1] if held else None, held[2] if held else "")


def bundled_dataset() -> Dataset:
    """The data that ships with rhetoric, scored with the current lexicon."""
    held = user_lexicon()
    rows = held[1] if held else None
    files, version = _bundled_digest(), scorer().version
    quotes, explanations, outcomes = _bundled(files, version, scorer_kind(), rows)
    return Dataset(quotes, explanations, outcomes, "bundled data", f"bundled {files} {version}")


@st.cache_resource
def _bundled_digest() -> str:
    # The bundled files do not change while a process serves them: read and hash them once.
    return bundled.digest()


def _store() -> store.Store:
    # Built per call (cheap): the environment decides where it lives, and tests change it.
    return store.from_env()


def _prune_now_and_then() -> None:
    if time.monotonic() - _last_prune[0] > _PRUNE_EVERY_S:
        _last_prune[0] = time.monotonic()
        _store().prune()


# Keyed on the id (itself a digest of the content) and the lexicon digest; shared frames, as _bundled.
@st.cache_resource(show_spinner="Scoring the shared dataset…", max_entries=16)
def _shared(dataset_id: str, scorer_version: str, kind: str, _lexicon: pl.DataFrame | None):
    saved = _store().load(dataset_id)
    quotes, explanations = (None, None)
    if saved.quotes.height:
        quotes, explanations = _build(kind, _lexicon).score_and_explain(saved.quotes, workers=1)
    return quotes, explanations, saved.outcomes


def shared_id() -> str | None:
    """The saved dataset the URL names, if it is a well-formed id (checked before any lookup)."""
    value = (st.session_state.get(SHARED) or "").strip()
    return value if store.is_dataset_id(value) else None


def save_and_share() -> str:
    """Save this session's upload in the store; the returned id goes into the URL."""
    held = uploads()
    quotes = held["quotes"].result.accepted if "quotes" in held else s.empty(s.QUOTE_SCHEMA)
    outcomes = held["outcomes"].result.accepted if "outcomes" in held else None
    dataset_id = _store().save(quotes, outcomes)
    st.session_state[SHARED] = dataset_id
    return dataset_id


_LAST_SAVE = "_last_save"


def save_and_share_clicked() -> None:
    """Button callback (it runs before the widgets, so it may set the bound dataset id)."""
    try:
        saved = save_and_share()
    except RhetoricError as exc:
        st.session_state[_LAST_SAVE] = ("error", str(exc))
    else:
        st.session_state[_LAST_SAVE] = (
            "saved",
            f"Saved as dataset {saved}. The address bar now carries ?dataset={saved}: copy it to share.",
        )


def last_save() -> tuple[str, str] | None:
    """What the last Save and share did, shown once."""
    return st.session_state.pop(_LAST_SAVE, None)


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
    result = ingest.read_quotes(data, name, known_pairs=bundled.known_pairs())
    foreign = language.foreign(result.accepted, s.QUOTE).select(s.DATE, s.SPEAKER, s.TARGET, s.QUOTE)
    upload = _rescored(Upload(name, key, result, foreign=foreign), progress)
    uploads()["quotes"] = upload
    return upload


def _rescored(upload: Upload, progress=None) -> Upload:
    """The upload scored with the current scorer: scored again only when the lexicon has changed."""
    current = scorer()
    if upload.scorer_digest == current.version or not upload.result.accepted.height:
        return upload
    scored, explanations = current.score_and_explain(upload.result.accepted, progress=progress, workers=1)
    fresh = Upload(upload.name, upload.digest, upload.result, scored, explanations, current.version, upload.foreign)
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


def has_own_data() -> bool:
    """Whether there is anything besides the bundled data: an upload or a shared dataset."""
    return bool(uploads()) or shared_id() is not None


def mode() -> str:
    """The reader's choice of data; the bundled data while there is nothing else."""
    chosen = st.session_state.get(_MODE, BOTH)
    return chosen if has_own_data() and chosen in MODES else BUNDLED


def _own_data() -> tuple[pl.DataFrame | None, pl.DataFrame | None, pl.DataFrame | None, str, str]:
    """This session's upload if there is one, else the shared dataset the URL names; last, a key of its content
    and scorer."""
    held = uploads()
    if held:
        quotes_up, outcomes_up = held.get("quotes"), held.get("outcomes")
        if quotes_up:
            quotes_up = _rescored(quotes_up)
        names = " and ".join(u.name for u in (quotes_up, outcomes_up) if u)
        digests = " ".join(u.digest if u else "-" for u in (quotes_up, outcomes_up))
        return (
            quotes_up.scored if quotes_up else None,
            quotes_up.explanations if quotes_up else None,
            outcomes_up.result.accepted if outcomes_up else None,
            f"your upload ({names})",
            f"upload {digests} {scorer().version}",
        )
    dataset_id = shared_id()
    assert dataset_id is not None  # only called when has_own_data(): an upload or a shared dataset
    held_lexicon = user_lexicon()
    quotes, explanations, outcomes = _shared(
        dataset_id, scorer().version, scorer_kind(), held_lexicon[1] if held_lexicon else None
    )
    return quotes, explanations, outcomes, f"shared dataset {dataset_id}", f"shared {dataset_id} {scorer().version}"


def check_shared() -> None:
    """Turn a bad or unknown dataset id in the URL into a notice, and drop it."""
    from dashboard import urlstate

    _prune_now_and_then()
    raw = st.query_params.get(SHARED) or st.session_state.get(SHARED)
    if not raw:
        return
    if not store.is_dataset_id(str(raw).strip()):
        urlstate.note("The link's dataset id is not one this app makes; showing the bundled data instead.")
    elif not _store().exists(str(raw).strip()):
        urlstate.note("No saved dataset has the link's id (it may have expired); showing the bundled data instead.")
    else:
        return
    urlstate.forget(SHARED)  # session, URL and the kept copy, so it is not restored next run


def current() -> Dataset:
    """The data every view shows, as the reader chose it in the sidebar."""
    base = bundled_dataset()
    chosen = mode()
    if chosen == BUNDLED:
        return base
    try:
        quotes, explanations, outcomes, label, own_key = _own_data()
    except RhetoricError:  # the dataset vanished between the check and the load (pruned)
        return base
    if quotes is not None:  # the figures mark the reader's own quotes and name them in the hover
        quotes = quotes.with_columns(pl.lit(s.UPLOADED).alias(s.ORIGIN))
    if chosen == UPLOAD:
        return Dataset(
            _or_empty(quotes, base.quotes),
            _or_empty(explanations, base.explanations),
            _or_empty(outcomes, base.outcomes),
            label,
            own_key,
        )
    return Dataset(
        _concat(base.quotes.with_columns(pl.lit(s.BUNDLED).alias(s.ORIGIN)), quotes),
        _concat(base.explanations, explanations),
        _concat(base.outcomes, outcomes),
        f"bundled data and {label}",
        f"{base.key} + {own_key}",
    )


def _or_empty(frame: pl.DataFrame | None, like: pl.DataFrame) -> pl.DataFrame:
    return frame if frame is not None else like.clear()


def _concat(base: pl.DataFrame, extra: pl.DataFrame | None) -> pl.DataFrame:
    if extra is None or extra.is_empty():
        return base
    # An upload may carry extra columns; the bundled rows get nulls there.
    return pl.concat([base, extra], how="diagonal_relaxed")


@st.cache_data(show_spinner="Scoring the quote with each word left out…", max_entries=256)
def learned_word_effects(text: str, model: str) -> pl.DataFrame:
    """The learned scorer's word effects for one quote (rhetoric.scoring.learned.word_effects), cached by
    text and model version."""
    current = scorer()
    if current.learned is None:
        return pl.DataFrame()
    return learned.word_effects(text, current.learned)
