"""rhetoric: measure the gap between what leaders say about each other and what their diplomacy delivers.

The library in one idea: functions that take and return polars DataFrames.

    import rhetoric
    quotes = rhetoric.read_quotes("quotes.csv").accepted   # validated rows; .rejected says what was wrong
    scored, terms = rhetoric.score_and_explain(quotes)     # sentiment, warmth, substance and the words behind them

The parts, one subpackage each: `rhetoric.io` (reading files), `rhetoric.scoring`, `rhetoric.analysis`,
`rhetoric.figures` (pure plotly builders) and `rhetoric.sharing` (exports, the report, the store).
"""

from rhetoric import analysis, figures
from rhetoric.analysis.leadlag import lag_correlations
from rhetoric.analysis.moments import moments, overall_gap
from rhetoric.analysis.outcomes import cumulative_progress, key_events
from rhetoric.analysis.wordshift import word_shift
from rhetoric.errors import RhetoricError
from rhetoric.io.bundled import outcomes as bundled_outcomes
from rhetoric.io.bundled import quotes as bundled_quotes
from rhetoric.io.ingest import ImportResult, read_outcomes, read_quotes
from rhetoric.scoring.lexicon import read_user_lexicon
from rhetoric.scoring.score import build_scorer, explain, score, score_and_explain
from rhetoric.sharing.export import to_csv_bytes, to_parquet_bytes
from rhetoric.sharing.report import html_report
from rhetoric.version import __version__

__all__ = [
    "ImportResult",
    "RhetoricError",
    "__version__",
    "analysis",
    "build_scorer",
    "bundled_outcomes",
    "bundled_quotes",
    "cumulative_progress",
    "explain",
    "figures",
    "html_report",
    "key_events",
    "lag_correlations",
    "moments",
    "overall_gap",
    "read_outcomes",
    "read_quotes",
    "read_user_lexicon",
    "score",
    "score_and_explain",
    "to_csv_bytes",
    "to_parquet_bytes",
    "word_shift",
]
