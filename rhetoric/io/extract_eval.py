"""How well the extractor finds quotations: precision, recall and speaker accuracy against hand-marked documents.

The labelled set is a folder with `docs.csv` (doc_id, file, address, outlet, kind, date, pair, complete, split) and
`labels.csv` (doc_id, kind, text, speaker, target, note), where a label's kind is `quote`, `fragment`, `scare`,
`title` or `question`; only quotes and fragments should come out. A found quotation matches a marked one when
their words overlap by at least 80% of the longer one's words. Precision is matched found quotations over all
found; recall is matched marked quotations over all marked (each marked one matches at most one found); speaker
accuracy is over the matched ones, where a quotation the text gives nobody is right with no speaker. Full quotes
and fragments are counted apart (a found quotation counts where its marked match is, else by its own flag).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from rhetoric.errors import RhetoricError
from rhetoric.io import documents, extract

DEFAULT_SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "extraction"
MATCH = 0.8
WANTED = ("quote", "fragment")
_WORD = re.compile(r"[\w'’]+")


def words(text: str) -> Counter[str]:
    return Counter(w.lower().replace("’", "'") for w in _WORD.findall(text or ""))


def overlap(a: str, b: str) -> float:
    """The words two texts share, over the longer one's words (0 when either has none)."""
    wa, wb = words(a), words(b)
    longest = max(sum(wa.values()), sum(wb.values()))
    return sum((wa & wb).values()) / longest if longest else 0.0


@dataclass(frozen=True)
class Scores:
    found: int
    marked: int
    matched_found: int
    matched_marked: int
    speaker_right: int

    @property
    def precision(self) -> float | None:
        return self.matched_found / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.matched_marked / self.marked if self.marked else None

    @property
    def speaker_accuracy(self) -> float | None:
        return self.speaker_right / self.matched_found if self.matched_found else None


def load(folder: Path = DEFAULT_SET) -> tuple[pl.DataFrame, pl.DataFrame]:
    docs_csv, labels_csv = folder / "docs.csv", folder / "labels.csv"
    if not docs_csv.exists() or not labels_csv.exists():
        raise RhetoricError(f"no labelled documents in {folder} (docs.csv and labels.csv are needed)")
    docs = pl.read_csv(docs_csv, infer_schema=False)
    labels = pl.read_csv(labels_csv, infer_schema=False)
    return docs, labels


def same_speaker(found: str | None, marked: str | None) -> bool:
    """The same speaker: equal names, or one's surname and the other's full name, in any case and with or without
    accents ("Erdoğan", "Erdogan"); joint speakers ("A; B") are the same people in any order; a quotation the text
    gives nobody is right with no speaker."""
    if not found or not marked:
        return not found and not marked
    f, m = ([p for p in name.split(";") if p.strip()] for name in (found, marked))
    if len(f) != len(m):
        return False
    return all(any(_same_person(a, b) for b in m) for a in f) and all(any(_same_person(a, b) for a in f) for b in m)


def _same_person(found: str, marked: str) -> bool:
    f, m = (_folded(name).split() for name in (found, marked))
    return f == m or f[-1] == m[-1] or (f[0] == m[0] and (len(f) == 1 or len(m) == 1))


def _folded(name: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.lower().replace("-", " ").replace(".", " ")


def score_documents(
    folder: Path = DEFAULT_SET,
    split: str | None = None,
    extractor: Callable[[str, dt.date | None], pl.DataFrame] | None = None,
) -> dict[str, Scores]:
    """Scores for full quotes ("quote") and fragments ("fragment") over the documents of `split` (all when None)."""
    docs, labels = load(folder)
    if split:
        known = sorted(set(docs["split"].drop_nulls()))
        if split not in known:
            raise RhetoricError(f"no documents in the split {split!r}: the splits are {', '.join(known)}")
        docs = docs.filter(pl.col("split") == split)
    run = extractor or (lambda text, date: extract.extract(text, date=date))
    tallies: dict[str, Counter[str]] = {kind: Counter() for kind in WANTED}
    for doc in docs.iter_rows(named=True):
        text = documents.read_document(folder / doc["file"])
        date = dt.date.fromisoformat(doc["date"]) if doc.get("date") else None
        found = run(text, date)
        marks = labels.filter(pl.col("doc_id") == doc["doc_id"])
        wanted = marks.filter(pl.col("kind").is_in(WANTED)).to_dicts()
        used: set[int] = set()
        for row in found.iter_rows(named=True):
            best, best_i = 0.0, -1
            for i, mark in enumerate(wanted):
                if i in used:  # a marked quotation is matched once: a second copy found is one too many
                    continue
                o = overlap(row["quote"], mark["text"])
                if o > best:
                    best, best_i = o, i
            if best >= MATCH:
                mark = wanted[best_i]
                kind = mark["kind"]
                tallies[kind]["found"] += 1
                tallies[kind]["matched_found"] += 1
                tallies[kind]["speaker_right"] += same_speaker(row["speaker"], mark["speaker"])
                used.add(best_i)
            else:
                tallies["fragment" if row.get("fragment") else "quote"]["found"] += 1
        for i, mark in enumerate(wanted):
            tallies[mark["kind"]]["marked"] += 1
            tallies[mark["kind"]]["matched_marked"] += i in used
    return {
        kind: Scores(t["found"], t["marked"], t["matched_found"], t["matched_marked"], t["speaker_right"])
        for kind, t in tallies.items()
    }


def table(scores: dict[str, Scores]) -> str:
    def pct(v: float | None) -> str:
        return "–" if v is None else f"{v:.3f}"

    lines = [f"{'':10} {'found':>6} {'marked':>6} {'precision':>9} {'recall':>7} {'speaker':>8}"]
    for kind, sc in scores.items():
        lines.append(
            f"{kind:10} {sc.found:>6} {sc.marked:>6} {pct(sc.precision):>9} {pct(sc.recall):>7} "
            f"{pct(sc.speaker_accuracy):>8}"
        )
    return "\n".join(lines)
