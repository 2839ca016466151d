"""A self-contained HTML report: headline numbers, interactive charts, the method and every source, offline."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import plotly.graph_objects as go
import polars as pl

from rhetoric import analysis, figures
from rhetoric import schema as s
from rhetoric.analysis import moments
from rhetoric.analysis import outcomes as oc
from rhetoric.figures import compare as figures_compare
from rhetoric.sharing import cite
from rhetoric.version import __version__

# The browser itself refuses anything from outside the file: no script, style, font or image from a
# server, no fetch. Inline script and style are allowed because plotly.js and the charts are inline.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
)
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}
CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #222;
       max-width: 1200px; margin: 0 auto; padding: 1.5rem; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.92rem; }
th, td { border: 1px solid #ddd; padding: 0.3rem 0.55rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.quotes td:nth-child(5), table.events td:nth-child(4) { word-break: break-all; max-width: 22rem; }
td.cite { font-size: 0.85em; user-select: all; }
.meta, .caption, .note { color: #666; font-size: 0.9rem; } .chart { margin: 1rem 0 2rem; }
dt { font-weight: 600; margin-top: 0.6rem; } dd { margin-left: 1.2rem; }
code { background: #f4f4f4; padding: 0 0.2rem; }
"""

# Wording from the docstrings of rhetoric/score.py and rhetoric/moments.py.
METHOD = (
    (
        "Scorer",
        "By default the learned scorer: a frozen sentence encoder (multilingual-e5-small) whose embedding of each "
        "quote, beside the lexicon's three scores, feeds two small linear heads trained on hand-labelled quotes. "
        "Warmth is P(warm) − P(cold) of the warmth head; substance is P(substantive). The lexicon scorer's own "
        "warmth and substance (below) are kept beside them, and its words explain them. The line under the "
        "title names the scorer and model version that made this report's scores.",
    ),
    (
        "Lexicon warmth (−1 cold … +1 warm)",
        "How warmly a leader speaks of a counterpart. VADER's rules over VADER's lexicon plus a lexicon of "
        "diplomatic words, plus a pass for multi-word phrases (whose words then do not count again). A phrase "
        "after a negation within three words flips like a VADER word. Rules of our own: in a sentence that holds "
        "a threat, positive words count for nothing; a negated cold word counts for nothing; ending or "
        'overcoming something bad is warm; a bare refusal ("we cannot", "will not") is cold; "however" '
        'weighs like "but". The sum S of the contributions is normalised like VADER\'s compound: S / √(S² + 15).',
    ),
    (
        "Lexicon substance (0 vague … 1 concrete)",
        "C / (C + V + 1), where C adds the weights of concrete terms (commitments, objects, places, and the "
        "countries and towns of GeoNames) plus 1 for each number and each date word, and V adds the weights of "
        "vague intensifiers and hedges.",
    ),
    (
        "Sentiment (−1 … +1)",
        "Plain VADER: the compound score of the quote, identical to VADER's "
        'polarity_scores(text)["compound"]. It measures general tone, not tone towards the counterpart.',
    ),
)


def html_report(
    quotes: pl.DataFrame,
    outcomes: pl.DataFrame,
    *,
    title: str = "rhetoric report",
    window_days: int = 90,
    generated: datetime | None = None,
) -> str:
    """One HTML document that opens offline: plotly.js embedded once, every user text escaped."""
    quotes = s.conform(quotes, s.SCORED_QUOTE_SCHEMA)
    outcomes = s.conform(outcomes, s.OUTCOME_SCHEMA)
    table = moments.moments(quotes, outcomes, window_days)
    when = _utc(generated or datetime.now(UTC))
    scorer = quotes[s.SCORER][0] if s.SCORER in quotes.columns and quotes.height else "not recorded"
    body = [
        f"<h1>{_esc(title)}</h1>",
        f'<p class="meta">Generated {when:%Y-%m-%d %H:%M} UTC by rhetoric {_esc(__version__)}. '
        f"Scores by: {_esc(scorer)}.</p>",
        "<h2>Headline</h2>",
        _headline(quotes, outcomes, table),
        "<h2>Charts</h2>",
        *_charts(quotes, outcomes, table, window_days),
        "<h2>Method</h2>",
        _method(window_days),
        "<h2>Sources</h2>",
        _sources_by_kind(quotes, outcomes),
        f"<h3>Quotes ({quotes.height}), each with a citation to copy</h3>",
        _quote_sources(quotes, when.date()),
        f"<h3>Outcome events ({outcomes.height})</h3>",
        _event_sources(outcomes),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def write_report(path: Path, html: str) -> None:
    """Write the report as UTF-8."""
    Path(path).write_text(html, encoding="utf-8")


def _utc(moment: datetime) -> datetime:
    # A naive time is taken to be UTC already.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _esc(value: object) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def _signed(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:+.{digits}f}"


def _headline(quotes: pl.DataFrame, outcomes: pl.DataFrame, table: pl.DataFrame) -> str:
    head = analysis.headline(quotes, outcomes)
    rows = (
        ("quotes", "Quotes", str(head.quotes)),
        ("speakers", "Speakers", str(head.speakers)),
        ("pairs", "Leader pairs", str(len(analysis.pairs(quotes, outcomes)))),
        ("mean_warmth", "Mean warmth", _signed(head.mean_warmth, 2)),
        ("mean_substance", "Mean substance", "–" if head.mean_substance is None else f"{head.mean_substance:.2f}"),
        ("events", "Outcome events", str(head.events)),
        ("net_progress", "Net progress (Goldstein points)", _signed(head.net_progress, 1)),
        ("rapport_gap", "Overall rapport gap", _signed(moments.overall_gap(table), 2)),
    )
    cells = "".join(
        f'<tr><th>{label}</th><td class="num" data-key="{key}">{value}</td></tr>' for key, label, value in rows
    )
    return f'<table class="headline">{cells}</table>'


def _charts(quotes: pl.DataFrame, outcomes: pl.DataFrame, table: pl.DataFrame, window_days: int) -> list[str]:
    speakers = analysis.speakers_by_count(quotes)
    pairs = analysis.pair_summary(quotes, outcomes)
    charts: list[tuple[str, str, go.Figure | None]] = [
        (
            "Rapport vs. results",
            "Top: each dot is one quote's warmth; the dark line is the mean warmth of the quotes in the last "
            f"{window_days} days (it breaks where that window holds no quote). Bottom: the running total of "
            "progress of the outcome events, per pair. "
            "Dashed lines mark summits and turning points.",
            figures.rapport_timeline(
                quotes,
                analysis.rolling_warmth(quotes, window_days),
                oc.cumulative_progress(outcomes),
                oc.key_events(outcomes),
                speakers=speakers,
                window_days=window_days,
            ),
        ),
        (
            "The rhetoric map",
            "Warmth against substance, one point a quote: warm words with little concrete content sit bottom right.",
            figures.rhetoric_map(quotes, speakers=speakers),
        ),
        (
            "Moments: did the warm talk deliver?",
            f"For each summit or key event: the mean warmth of the quotes in the {window_days} days before, the mean "
            f"progress of the events in the {window_days} days after (÷ 10), and the rapport gap between them.",
            figures_compare.moments_chart(table) if table.height else None,
        ),
    ]
    if pairs.filter(pl.col("events") > 0).height > 1:
        charts.append(
            (
                "Leader pairs: words against deeds",
                "One point per leader pair: the mean warmth of its words against the net progress of its outcome "
                "events (the sum of their Goldstein scores); warm talk with little progress sits right and low.",
                figures_compare.pairs_chart(pairs),
            )
        )
    out, embedded = [], False
    for i, (heading, caption, fig) in enumerate(charts):
        out.append(f'<h3>{heading}</h3>\n<p class="caption">{caption}</p>')
        if fig is None or not fig.data:
            out.append('<p class="note">No data for this chart.</p>')
            continue
        # plotly.js (about 4.8 MB) goes in with the first chart only; the others reuse it.
        div = fig.to_html(include_plotlyjs=not embedded, full_html=False, div_id=f"chart-{i}", config=PLOTLY_CONFIG)
        embedded = True
        out.append(f'<div class="chart">{div}</div>')
    return out


def _method(window_days: int) -> str:
    items = "".join(f"<dt>{term}</dt><dd>{_esc(text)}</dd>" for term, text in METHOD)
    gap = (
        f"For each summit or key event (a moment) on date d, with a window of w = {window_days} days: W(d) is the "
        "mean warmth of the quotes dated in [d − w, d), the talk that led up to it; P(d) is the mean progress of "
        "the outcome events dated in [d, d + w], the moment itself and what followed, 0 when no event followed; "
        "the gap G(d) = W(d) − P(d) / 10, with progress brought onto warmth's −1..1 scale. G > 0: the talk was "
        "warmer than the delivery; G < 0: delivery outran the talk. The overall gap is the mean of G over the "
        "moments that had quotes before them."
    )
    goldstein = (
        f"Each outcome event is scored on the Goldstein cooperation–conflict scale, from {s.PROGRESS_MIN:+.0f} "
        f"(conflict) to {s.PROGRESS_MAX:+.0f} (cooperation). Net progress adds up the scores of the events; the "
        "timeline shows their running total per leader pair."
    )
    return (
        f"<dl>{items}"
        f"<dt>Rapport gap</dt><dd><code>{_esc(moments.GAP_FORMULA)}</code>. {_esc(gap)}</dd>"
        f"<dt>Progress: the Goldstein scale</dt><dd>{_esc(goldstein)}</dd></dl>"
    )


def _link(value: str | None) -> str:
    """An http(s) address as a link that cannot reach back to this page; anything else as plain text."""
    if not value:
        return ""
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return f'<a href="{_esc(url)}" rel="noopener noreferrer" target="_blank">{_esc(url)}</a>'
    return _esc(value)


def _rows(frame: pl.DataFrame, columns: Iterable[str]) -> Iterable[dict]:
    return frame.select(list(columns)).sort(s.DATE, nulls_last=True, maintain_order=True).iter_rows(named=True)


def _sources_by_kind(quotes: pl.DataFrame, outcomes: pl.DataFrame) -> str:
    """Every address the quotes and events cite, grouped by the kind of record it is."""
    both = pl.concat(
        [f.select(s.SOURCE, s.SOURCE_KIND, s.SOURCE_ORIGINAL) for f in (quotes, outcomes)], how="vertical_relaxed"
    )
    table = cite.sources_by_kind(both)
    if table.is_empty():
        return '<p class="note">No sources given.</p>'
    parts = [
        f"<p>Primary records or wire services: {cite.share(quotes):.0%} of the quotes, "
        f"{cite.share(outcomes):.0%} of the outcome events.</p>"
    ]
    for kind in table[s.SOURCE_KIND].unique(maintain_order=True):
        rows = table.filter(pl.col(s.SOURCE_KIND) == kind)
        meaning = s.SOURCE_KIND_MEANING.get(kind, "kind not stated")
        items = "".join(
            f"<li>{_esc(r[cite.OUTLET])}: {_link(r[s.SOURCE])}"
            + (f" ({r['rows']} rows)" if r["rows"] > 1 else "")
            + "</li>"
            for r in rows.iter_rows(named=True)
        )
        parts.append(f'<h3>{_esc(kind)}: {_esc(meaning)} ({rows.height})</h3><ul class="kind">{items}</ul>')
    return "\n".join(parts)


def _quote_sources(quotes: pl.DataFrame, accessed: dt.date) -> str:
    cited = cite.citations(quotes, accessed)
    rows = "".join(
        f"<tr><td>{_esc(r[s.DATE])}</td><td>{_esc(r[s.SPEAKER])}</td><td>{_esc(r[s.QUOTE])}</td>"
        f"<td>{_esc(r[s.SOURCE_KIND] or '')}</td><td>{_link(r[s.SOURCE])}</td>"
        f'<td class="cite">{_esc(r[cite.CITATION])}</td></tr>'
        for r in _rows(cited, (s.DATE, s.SPEAKER, s.QUOTE, s.SOURCE_KIND, s.SOURCE, cite.CITATION))
    )
    head = "<tr><th>date</th><th>speaker</th><th>quote</th><th>kind</th><th>source</th><th>citation</th></tr>"
    return f'<table class="sources quotes">{head}{rows}</table>'


def _event_sources(outcomes: pl.DataFrame) -> str:
    if outcomes.is_empty():
        return '<p class="note">No outcome events.</p>'
    rows = "".join(
        f"<tr><td>{_esc(r[s.DATE])}</td><td>{_esc(r[s.EVENT])}</td>"
        f'<td class="num">{_signed(r[s.PROGRESS], 1)}</td><td>{_link(r[s.SOURCE])}</td></tr>'
        for r in _rows(outcomes, (s.DATE, s.EVENT, s.PROGRESS, s.SOURCE))
    )
    head = "<tr><th>date</th><th>event</th><th>progress</th><th>source</th></tr>"
    return f'<table class="sources events">{head}{rows}</table>'
