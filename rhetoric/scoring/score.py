"""Scoring quotes: sentiment (plain VADER), warmth (VADER + diplomatic lexicon) and substance.

One tokenisation per text feeds all three scores. Methods, in short (README "How scores work"):
- sentiment: VADER's compound, identical to `polarity_scores(text)["compound"]`.
- warmth (-1..1): VADER's rules over VADER's lexicon plus the diplomatic single words, plus a pass of
  our own for multi-word phrases (whose words then do not count again; a phrase after a negation
  within three words flips like a VADER word), then the rules in `rhetoric.scoring.rules`: polarity shifters
  ("overcome obstacles"), negated hostility counting for nothing, refusals, "however" weighed like
  "but", and no warmth from positive words in a threatening sentence.
  Leaders speak of each other courteously by default, so warmth counts what goes beyond courtesy:
  COURTESY (one unit of valence) is taken off the sum S of the contributions before S is normalised
  like VADER's compound: (S - COURTESY) / sqrt((S - COURTESY)^2 + 15). A quote without a feeling word
  therefore reads a little cool (-0.25), and a reader's "neutral" quotes sit around 0 rather than at
  +0.24 as they would without it (README "How scores work").
- substance (0..1): C / (C + V + 1), where C adds the weights of concrete terms (commitments,
  objects, places) plus 1 for each number and each date word, and V adds the weights of vague
  intensifiers and hedges.
Explanations give each term's share of the score; the shares add up to the score exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import polars as pl
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from rhetoric import schema as s
from rhetoric.scoring import lexicon as lx
from rhetoric.scoring import parallel, places, rules, vader

NUMBER_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "dozen",
        "dozens",
    ]
)
MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
) - {"may", "march"}  # "may" and "march" are verbs far more often than dates in speech
_NUMERIC = re.compile(r"^\d[\d,.:/-]*(%|st|nd|rd|th|s)?$")
_YEAR = re.compile(r"^(19|20)\d\d$")

Term = tuple[str, str, float]  # term, category, raw contribution

# The valence a leader's words about a counterpart carry by courtesy alone. Chosen so that the median
# warmth of the quotes a reader labelled neutral in evaluation batches 1-3 (the development batches)
# is about 0: it was +0.24 without the baseline, -0.01 with it (0.05 at 0.75). Batch 4 and later were not used.
COURTESY = 1.0
COURTESY_TERM, COURTESY_CATEGORY = "(courtesy baseline)", "baseline"


@dataclass(frozen=True)
class Phrases:
    """Multi-word terms indexed by their first word, longest first."""

    by_first: dict[str, list[tuple[tuple[str, ...], float, str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: Iterable[tuple[str, float, str]]) -> Phrases:
        by_first: dict[str, list[tuple[tuple[str, ...], float, str]]] = {}
        for term, weight, category in rows:
            words = tuple(term.split())
            by_first.setdefault(words[0], []).append((words, weight, category))
        for entries in by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        return cls(by_first)

    def find(self, norm: list[str]) -> list[tuple[int, int, str, float, str]]:
        """Non-overlapping matches (start, end, phrase, weight, category): longer phrases win overlaps."""
        if self.by_first.keys().isdisjoint(norm):
            return []  # most texts: one set operation
        candidates = []
        for i, word in enumerate(norm):
            for words, weight, category in self.by_first.get(word, ()):
                k = len(words)
                if tuple(norm[i : i + k]) == words:
                    candidates.append((i, i + k, " ".join(words), weight, category))
        if len(candidates) < 2:
            return candidates
        taken: set[int] = set()
        found = []
        for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            span = range(cand[0], cand[1])
            if taken.isdisjoint(span):
                taken.update(span)
                found.append(cand)
        return sorted(found)


@dataclass(frozen=True)
class Scorer:
    """Everything scoring needs, built once per lexicon: the VADER analyzer and the lookup tables."""

    emojis: dict[str, str]
    plain: dict[str, float]
    warm: dict[str, float]
    warm_words: dict[str, str]  # diplomatic single word -> category
    warm_phrases: Phrases
    subst_words: dict[str, tuple[float, str]]
    subst_phrases: Phrases
    digest: str
    courtesy: float = COURTESY

    def analyse(
        self, text: str, explain: bool = False
    ) -> tuple[float, float, float, list[tuple[str, str, str, float]]]:
        """(sentiment, warmth, substance, terms); terms are (measure, term, category, share) when explain."""
        text = vader.demojize(text, self.emojis)
        toks = vader.tokens(text)
        if not toks:
            return 0.0, 0.0, 0.0, []
        lower = [t.lower() for t in toks]
        norm = [t.strip(lx.PUNCTUATION) for t in lower]
        norm = [w.replace("’", "'") if "’" in w else w for w in norm]
        cap_diff = vader.cap_differential(toks)
        amp = vader.emphasis(text)

        plain = vader.valences(toks, lower, self.plain, cap_diff)
        sentiment = vader.compound(float(sum(plain)), amp)

        # Warmth needs its own pass when the text holds a diplomatic word or negates a cold word (which
        # warmth treats differently from VADER); otherwise VADER's valences serve both.
        # Warmth reads typographic apostrophes as plain ones ("don’t" negates, as "don't" does in VADER).
        curly = "’" in text
        if curly:
            lower = [w.replace("’", "'") for w in lower]
        negated = rules.has_negation(lower)
        if (
            not self.warm_words.keys().isdisjoint(lower)
            or ((negated or "no" in lower) and rules.negates_a_cold_word(lower, self.plain))
            or (curly and negated)
        ):
            warm = vader.valences(toks, lower, self.warm, cap_diff, negated_negative=rules.NEGATED_NEGATIVE)
        else:
            warm = list(plain)
        raw = text.split()  # as written: VADER's tokens have lost their full stops, commas and quotes
        warmth, warm_terms = self._warmth(text, raw, lower, norm, warm, negated, amp, explain)
        substance, subst_terms = self._substance(norm, raw, text, explain)
        return sentiment, warmth, substance, warm_terms + subst_terms

    def _warmth(self, text, raw, lower, norm, warm, negated, amp, explain):
        for i in rules.negated_comparatives(lower) if negated or "no" in lower else ():
            own = self.warm.get(lower[i], 0.0)
            if warm[i] * own < 0:  # flipped by VADER's negation: back to its own sign
                warm[i] /= vader.N_SCALAR
            elif not warm[i] and own < 0:  # a negated cold word, which warmth counts as nothing
                warm[i] = own
        phrases = []
        for start, end, phrase, weight, category in self.warm_phrases.find(norm):
            for j in range(start, end):
                warm[j] = 0.0
            before = lower[max(0, start - 3) : start]
            if any(vader.is_negated(w) for w in before):
                weight *= vader.N_SCALAR if weight >= 0 else rules.NEGATED_NEGATIVE
            phrases.append((start, phrase, category, weight))
        terms: list[rules.Term] = rules.phrase_but(phrases, lower)
        for i, v in enumerate(warm):
            if v:
                terms.append((i, norm[i] or lower[i], self.warm_words.get(lower[i], "vader"), v))
        # Sentences matter only to rules about cold terms and refusals: skip them for warm-only quotes.
        sentence = rules.sentence_ids(raw) if negated or any(t[3] < 0 for t in terms) else None
        if sentence is not None:
            terms = rules.shift(rules.degree(terms, norm), norm, raw, sentence)
            if negated:
                terms = rules.refusals(terms, norm, sentence)
        terms = rules.contrast(terms, norm)
        if sentence is not None:
            terms = rules.threat(terms, sentence)
        total = float(sum(t[3] for t in terms))
        if total > 0:
            total_amp = total + amp
        elif total < 0:
            total_amp = total - amp
        else:
            total_amp = 0.0
        emphasis = total_amp - total
        total_amp -= self.courtesy
        warmth = round(vader.normalize(total_amp), 4)
        if not explain:
            return warmth, []
        if total_amp:
            scale = warmth / total_amp
        else:
            scale = 1 / 15**0.5
        out = [("warmth", term, category, raw * scale) for _, term, category, raw in terms if raw]
        if emphasis:
            mark = "!" if "!" in text else "?"
            out.append(("warmth", f"{mark} emphasis", "punctuation", emphasis * scale))
        if self.courtesy:
            out.append(("warmth", COURTESY_TERM, COURTESY_CATEGORY, -self.courtesy * scale))
        return warmth, out

    def _substance(self, norm, raw, text, explain):
        terms: list[tuple[str, str, float]] = []
        for _, _, name, kind in places.find(raw, norm):
            if not any(w in self.subst_words for w in name.split()):  # the lexicon's own places win
                terms.append((name, "place", places.WEIGHTS[kind]))
        if "/" in text:  # "Border/DMZ": two words for substance
            norm = [part for w in norm for part in w.split("/")]
        phrases = self.subst_phrases.find(norm)
        covered: set[int] = set()
        for start, end, phrase, weight, category in phrases:
            covered.update(range(start, end))
            if weight:  # a zero-weight phrase only stops its words counting ("two countries")
                terms.append((phrase, category, weight))
        for i, w in enumerate(norm):
            if i in covered or not w:
                continue
            hit = self.subst_words.get(w)
            if hit is not None:
                terms.append((w, hit[1], hit[0]))
            elif w[0].isdigit():
                if _YEAR.match(w):
                    terms.append((w, "date", 1.0))
                elif _NUMERIC.match(w):
                    terms.append((w, "number", 1.0))
            elif w in NUMBER_WORDS:
                terms.append((w, "number", 1.0))
            elif w in MONTHS:
                terms.append((w, "date", 1.0))
        concrete = sum(t[2] for t in terms if t[2] > 0)
        vague = -sum(t[2] for t in terms if t[2] < 0)
        exact = concrete / (concrete + vague + 1.0)
        substance = round(exact, 4)
        if not explain or not exact:
            return substance, []
        # Shares: concrete terms split the score without vagueness; vague terms split what they take
        # off; both are then scaled to the rounded score so that they add up to it.
        without_vague = concrete / (concrete + 1.0)
        taken = without_vague - exact
        rounding = substance / exact
        out = []
        for term, category, weight in terms:
            if weight > 0:
                share = without_vague * weight / concrete * rounding
            else:
                share = -taken * (-weight) / vague * rounding
            if share:
                out.append(("substance", term, category, share))
        return substance, out


@lru_cache(maxsize=8)
def _analyzer() -> SentimentIntensityAnalyzer:
    # Reading VADER's lexicon files is the slow part of building the analyzer: do it once.
    return SentimentIntensityAnalyzer()


_SCORERS: dict[str, Scorer] = {}


def _with_inflections(rows: Iterable[tuple[str, float, str]]) -> dict[str, tuple[float, str]]:
    """Single-word substance terms, plus the regular forms of the concrete ones (a listed form wins)."""
    words = {t: (w, c) for t, w, c in rows}
    forms: dict[str, tuple[float, str]] = {}
    for term, (weight, category) in words.items():
        if weight > 0 and category in ("commitment", "object"):
            for form in lx.inflections(term):
                forms.setdefault(form, (weight, category))
    return {**forms, **words}


def build_scorer(user_lexicon: pl.DataFrame | None = None, *, courtesy: float = COURTESY) -> Scorer:
    """The scorer for the packaged lexicon plus a user's rows (which override packaged terms); cached.

    `courtesy` is the valence taken off every quote's warmth before normalising (0 turns it off).
    """
    table = lx.merge(lx.packaged_lexicon(), user_lexicon)
    key = lx.digest(table) if courtesy == COURTESY else f"{lx.digest(table)}-c{courtesy!r}"
    if key in _SCORERS:
        return _SCORERS[key]
    analyzer = _analyzer()
    places.gazetteer()  # built once here, so forked workers share it rather than each reading it
    warm_rows = table.filter(pl.col(lx.MEASURE) == "warmth")
    subst_rows = table.filter(pl.col(lx.MEASURE) == "substance")
    single = warm_rows.filter(~pl.col(lx.TERM).str.contains(" "))
    warm_lex = dict(analyzer.lexicon)
    warm_lex.update(zip(single[lx.TERM], single[lx.WEIGHT]))
    multi = warm_rows.filter(pl.col(lx.TERM).str.contains(" "))
    s_single = subst_rows.filter(~pl.col(lx.TERM).str.contains(" "))
    s_multi = subst_rows.filter(pl.col(lx.TERM).str.contains(" "))
    scorer = Scorer(
        emojis=analyzer.emojis,
        plain=analyzer.lexicon,
        warm=warm_lex,
        warm_words=dict(zip(single[lx.TERM], single[lx.CATEGORY])),
        warm_phrases=Phrases.build(multi.select(lx.TERM, lx.WEIGHT, lx.CATEGORY).iter_rows()),
        subst_words=_with_inflections(s_single.select(lx.TERM, lx.WEIGHT, lx.CATEGORY).iter_rows()),
        subst_phrases=Phrases.build(s_multi.select(lx.TERM, lx.WEIGHT, lx.CATEGORY).iter_rows()),
        digest=key,
        courtesy=courtesy,
    )
    _SCORERS[key] = scorer
    return scorer


Progress = Callable[[int, int], None]
PARALLEL_MIN = 20_000  # below this, starting a second process costs more than it saves
CHUNK = 5_000


def score_texts(
    texts: list[str], scorer: Scorer | None = None, *, workers: int | None = None, progress: Progress | None = None
) -> list[tuple[float, float, float]]:
    """(sentiment, warmth, substance) for each text, in order; parallel for large inputs, same results."""
    scorer = scorer or build_scorer()
    return parallel.map_chunks(
        _score_chunk, scorer, texts, workers=workers, progress=progress, min_parallel=PARALLEL_MIN, chunk=CHUNK
    )


def _score_chunk(scorer: Scorer, texts: list[str]) -> list[tuple[float, float, float]]:
    analyse = scorer.analyse
    return [analyse(t)[:3] for t in texts]


def score(
    frame: pl.DataFrame,
    scorer: Scorer | None = None,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
) -> pl.DataFrame:
    """The frame with sentiment, warmth and substance columns added; each distinct quote is scored once."""
    unique = frame.select(pl.col(s.QUOTE).drop_nulls().unique(maintain_order=True)).to_series().to_list()
    results = score_texts(unique, scorer, workers=workers, progress=progress)
    scores = pl.DataFrame(
        {
            s.QUOTE: unique,
            s.SENTIMENT: [r[0] for r in results],
            s.WARMTH: [r[1] for r in results],
            s.SUBSTANCE: [r[2] for r in results],
        },
        schema={s.QUOTE: pl.String, **s.SCORE_SCHEMA},
    )
    base = frame.drop([c for c in s.SCORE_SCHEMA if c in frame.columns])
    return base.join(scores, on=s.QUOTE, how="left", maintain_order="left")


def explain(frame: pl.DataFrame, scorer: Scorer | None = None) -> pl.DataFrame:
    """One row per (quote id, measure, term): the term's share of that quote's warmth or substance.

    For each quote and measure the shares add up to the score.
    """
    scorer = scorer or build_scorer()
    rows: list[tuple[str, str, str, str, float]] = []
    for qid, text in frame.select(s.ID, s.QUOTE).iter_rows():
        if text is None:
            continue
        for measure, term, category, share in scorer.analyse(text, explain=True)[3]:
            rows.append((qid, measure, term, category, share))
    out = pl.DataFrame(rows, schema=s.EXPLANATION_SCHEMA, orient="row")
    return out.group_by(s.ID, s.MEASURE, s.TERM, s.CATEGORY, maintain_order=True).agg(pl.col(s.CONTRIBUTION).sum())


def top_terms(explanations: pl.DataFrame, measure: str = "warmth", n: int = 3) -> pl.DataFrame:
    """Per quote id, the n terms that moved the measure most, as text like 'fell in love +0.62'."""
    return (
        explanations.filter(pl.col(s.MEASURE) == measure)
        .sort(pl.col(s.CONTRIBUTION).abs(), descending=True)
        .group_by(s.ID, maintain_order=True)
        .head(n)
        .with_columns(
            (
                pl.col(s.TERM)
                + " "
                + pl.col(s.CONTRIBUTION).map_elements(lambda v: f"{v:+.2f}", return_dtype=pl.String)
            ).alias("_t")
        )
        .group_by(s.ID, maintain_order=True)
        .agg(pl.col("_t").str.join(", ").alias(f"{measure}_terms"))
    )


def score_and_explain(
    frame: pl.DataFrame,
    scorer: Scorer | None = None,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Scored quotes with `warmth_terms` and `substance_terms` text columns, and the full explanations."""
    scorer = scorer or build_scorer()
    scored = score(frame, scorer, progress=progress, workers=workers)
    explanations = explain(scored, scorer)
    return with_terms(scored, explanations), explanations


def with_terms(scored: pl.DataFrame, explanations: pl.DataFrame) -> pl.DataFrame:
    """The scored quotes with `warmth_terms` and `substance_terms`: each quote's top terms, "" for none."""
    terms = top_terms(explanations, "warmth").join(
        top_terms(explanations, "substance"), on=s.ID, how="full", coalesce=True
    )
    return scored.join(terms, on=s.ID, how="left", maintain_order="left").with_columns(
        pl.col("warmth_terms", "substance_terms").fill_null("")
    )
