"""The command line: parses arguments, calls the library, turns RhetoricError into one line on stderr."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from rhetoric import schema
from rhetoric.errors import RhetoricError
from rhetoric.io import ingest, language
from rhetoric.scoring import evaluation, lexicon, score
from rhetoric.sharing import export, report

OUTPUT_KINDS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors: exit 2 with the usage line, as argparse does
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m rhetoric", description="Score and check leader quotes for warmth and substance.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("score", help="score a quotes file (or check an outcomes file) and write the result")
    p.add_argument("input", type=Path, help="a quotes CSV/TSV (or an outcomes file with --outcomes)")
    p.add_argument("-o", "--output", type=Path, required=True, help="output file: .csv or .parquet")
    p.add_argument("--rejects", type=Path, help="write rejected rows here as CSV, with row and reason columns")
    p.add_argument("--outcomes", action="store_true", help="the input is an outcomes file (nothing to score)")
    p.add_argument("--lexicon", type=Path, help="a CSV of extra or overriding terms: term,weight[,category,measure]")

    v = sub.add_parser("validate", help="report how many rows a file has accepted and rejected, and why")
    v.add_argument("input", type=Path)
    v.add_argument("--outcomes", action="store_true", help="the input is an outcomes file")
    r = sub.add_parser("report", help="a self-contained HTML report (charts, headline numbers, method, sources)")
    r.add_argument("quotes", type=Path, help="a quotes CSV/TSV")
    r.add_argument("--outcomes", type=Path, help="an outcomes CSV/TSV")
    r.add_argument("-o", "--output", type=Path, required=True, help="the HTML file to write")
    r.add_argument("--title", default="rhetoric report")
    r.add_argument("--lexicon", type=Path, help="a CSV of extra or overriding terms")

    e = sub.add_parser("evaluate", help="warmth and substance against a hand-labelled set, beside plain VADER")
    e.add_argument(
        "labelled",
        type=Path,
        nargs="?",
        default=evaluation.DEFAULT_SET,
        help="a quotes CSV with warmth_label and substance_label columns (default: the bundled set)",
    )
    e.add_argument("--lexicon", type=Path, help="a CSV of extra or overriding terms")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "score":
            return _score(args, parser)
        if args.command == "validate":
            return _validate(args)
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "report":
            return _report(args)
    except RhetoricError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (`... | head`): stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback: one line that says what failed
        print(f"error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 2


def _read(path: Path, outcomes: bool) -> ingest.ImportResult:
    data = path.read_bytes()
    reader = ingest.read_outcomes if outcomes else ingest.read_quotes
    return reader(data, path.name)


def _nothing_accepted(result: ingest.ImportResult) -> int:
    print(f"error: {result.file}: no usable rows; {result.summary()}", file=sys.stderr)
    return 1


def _score(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    kind = OUTPUT_KINDS.get(args.output.suffix.lower())
    if kind is None:
        parser.error(f"output {args.output.name!r} must end in .csv or .parquet")
    scorer = _scorer(args.lexicon)
    result = _read(args.input, args.outcomes)
    if args.rejects:
        args.rejects.write_bytes(export.to_csv_bytes(result.rejected))
    if result.accepted.is_empty():
        return _nothing_accepted(result)
    frame = result.accepted if args.outcomes else score.score(result.accepted, scorer, progress=_stderr_progress())
    args.output.write_bytes(export.to_csv_bytes(frame) if kind == "csv" else export.to_parquet_bytes(frame))
    print(result.summary(), file=sys.stderr)
    _note_languages(result)
    return 0


def _validate(args: argparse.Namespace) -> int:
    result = _read(args.input, args.outcomes)
    print(result.summary())
    if result.rejected.height:
        for row, reason in result.rejected.select("row", "reason").iter_rows():
            print(f"  row {row}: {reason}")
    _note_languages(result, sys.stdout)
    return 0 if result.accepted.height else _nothing_accepted(result)


def _report(args: argparse.Namespace) -> int:
    quotes = _read(args.quotes, outcomes=False)
    if quotes.accepted.is_empty():
        return _nothing_accepted(quotes)
    outcomes = _read(args.outcomes, outcomes=True).accepted if args.outcomes else None
    scored, _ = score.score_and_explain(quotes.accepted, _scorer(args.lexicon), progress=_stderr_progress())
    events = outcomes if outcomes is not None else schema.empty(schema.OUTCOME_SCHEMA)
    report.write_report(args.output, report.html_report(scored, events, title=args.title))
    print(f"{args.output}: report of {scored.height} quotes and {events.height} events", file=sys.stderr)
    _note_languages(quotes)
    return 0


def _note_languages(result: ingest.ImportResult, stream=None, shown: int = 10) -> None:
    """Tell the user which accepted quotes do not look like English (their scores mean nothing)."""
    if schema.QUOTE not in result.accepted.columns:
        return
    rows = language.foreign(result.accepted, schema.QUOTE)
    if rows.is_empty():
        return
    stream = stream or sys.stderr
    print(language.note(result.file, rows.height), file=stream)
    for day, speaker, quote in rows.head(shown).select(schema.DATE, schema.SPEAKER, schema.QUOTE).iter_rows():
        print(f"  {day} {speaker}: {quote[:60]}{'…' if len(quote) > 60 else ''}", file=stream)
    if rows.height > shown:
        print(f"  … and {rows.height - shown:,} more", file=stream)


def _scorer(path: Path | None) -> score.Scorer:
    return score.build_scorer(lexicon.read_user_lexicon(path.read_bytes(), path.name) if path else None)


def _evaluate(args: argparse.Namespace) -> int:
    labelled = evaluation.read_labelled(args.labelled)
    missing = {evaluation.WARMTH_LABEL, evaluation.SUBSTANCE_LABEL} - set(labelled.columns)
    if missing:
        raise RhetoricError(f"needs the columns {', '.join(sorted(missing))}", file=args.labelled.name)
    scorer = _scorer(args.lexicon)
    table = evaluation.evaluate(labelled, scorer)
    n = evaluation.counts(labelled)
    print(
        f"{args.labelled.name}: {labelled.height} quotes, {n.get('pairs', 0)} leader pairs; "
        f"{n.get('warm', 0)} warm, {n.get('cold', 0)} cold, {n.get('neutral', 0)} neutral; "
        f"{n.get('substantive', 0)} substantive, {n.get('vague', 0)} vague"
    )
    print(
        f"{'metric':<22}{'rhetoric':>10}{'95% interval':>16}{'plain VADER':>13}{'second reader':>15}{'target':>8}  met"
    )
    for metric, ours, low, high, vader, reader, target in table.iter_rows():
        met = "yes" if ours is not None and ours >= target else "NO"
        print(
            f"{metric:<22}{_fmt(ours):>10}{_span(low, high):>16}{_fmt(vader):>13}{_fmt(reader):>15}{target:>8.2f}  {met}"
        )
    print("95% interval: leader pairs resampled with replacement, 1,000 times (tests/data/evaluation/README.md)")
    agree = evaluation.agreement(labelled)
    if agree["quotes"]:
        print(
            f"second reader: {int(agree['quotes'])} quotes labelled again without seeing the labels; agreement "
            f"{agree['warmth agreement']:.3f} on warmth (kappa {agree['warmth kappa']:.2f}), "
            f"{agree['substance agreement']:.3f} on substance (kappa {agree['substance kappa']:.2f})"
        )
    batches = evaluation.evaluate_batches(labelled, scorer)
    if batches.height and batches[evaluation.BATCH].n_unique() > 1:
        print("\nby batch (how each batch was used is in tests/data/evaluation/README.md)")
        for (batch, quotes), part in batches.group_by(evaluation.BATCH, "quotes", maintain_order=True):
            print(f"{batch} ({quotes} quotes)")
            for _, _, metric, ours, low, high, vader, reader, _ in part.iter_rows():
                print(f"  {metric:<20}{_fmt(ours):>10}{_span(low, high):>16}{_fmt(vader):>13}{_fmt(reader):>15}")
    return 0


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _span(low: float | None, high: float | None) -> str:
    return "–" if low is None or high is None else f"{low:.3f}–{high:.3f}"


def _stderr_progress(threshold: int = 5_000):
    """A progress callback that writes to stderr every tenth of the way, for inputs worth waiting on."""
    last = [-1]

    def report(done: int, total: int) -> None:
        if total < threshold:
            return
        tenth = done * 10 // max(total, 1)
        if tenth != last[0]:
            last[0] = tenth
            print(f"scoring: {done:,}/{total:,} distinct quotes ({done * 100 // total}%)", file=sys.stderr)

    return report
