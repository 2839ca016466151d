"""The command line: parses arguments, calls the library, turns RhetoricError into one line on stderr."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import polars as pl

from rhetoric import schema
from rhetoric.errors import RhetoricError
from rhetoric.io import bundled, ingest, language
from rhetoric.scoring import evaluation, lexicon, scorers
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
    _scorer_option(p)

    v = sub.add_parser("validate", help="report how many rows a file has accepted and rejected, and why")
    v.add_argument("input", type=Path)
    v.add_argument("--outcomes", action="store_true", help="the input is an outcomes file")
    r = sub.add_parser("report", help="a self-contained HTML report (charts, headline numbers, method, sources)")
    r.add_argument("quotes", type=Path, help="a quotes CSV/TSV")
    r.add_argument("--outcomes", type=Path, help="an outcomes CSV/TSV")
    r.add_argument("-o", "--output", type=Path, required=True, help="the HTML file to write")
    r.add_argument("--title", default="rhetoric report")
    r.add_argument("--lexicon", type=Path, help="a CSV of extra or overriding terms")
    _scorer_option(r)

    e = sub.add_parser("evaluate", help="warmth and substance against a hand-labelled set, beside plain VADER")
    e.add_argument(
        "labelled",
        type=Path,
        nargs="?",
        default=evaluation.DEFAULT_SET,
        help="a quotes CSV with warmth_label and substance_label columns (default: the bundled set)",
    )
    e.add_argument("--lexicon", type=Path, help="a CSV of extra or overriding terms")
    _scorer_option(e)

    x = sub.add_parser("extract", help="direct quotations out of an article, transcript or saved web page")
    x.add_argument("document", type=Path, help="a .txt, .md or saved .html page")
    x.add_argument("-o", "--output", type=Path, required=True, help="the quotes CSV to write (rhetoric score reads it)")
    x.add_argument("--date", help="the date of the remarks, YYYY-MM-DD (default: the first date the text gives)")
    x.add_argument("--source", help="the document's web address, written into every row")
    x.add_argument("--event", help="what the occasion was, written into every row")
    x.add_argument(
        "--keep-unattributed", action="store_true", help="also write quotations no speaker was found for (blank)"
    )
    ev = sub.add_parser("evaluate-extract", help="the extractor against hand-marked documents: precision and recall")
    ev.add_argument("labelled", type=Path, nargs="?", help="a folder with docs.csv, labels.csv and docs/")
    ev.add_argument("--split", help="only the documents of this split in docs.csv, e.g. development (default: all)")

    t = sub.add_parser(
        "train", help="rebuild the learned scorer's heads from the labelled set (seeded: the same heads again)"
    )
    t.add_argument("labelled", type=Path, nargs="?", default=evaluation.DEFAULT_SET, help="the labelled quotes CSV")
    t.add_argument("-o", "--output", type=Path, help="the heads file to write (default: the package's heads.json)")
    t.add_argument(
        "--scores-only",
        action="store_true",
        help="keep the heads; only rebuild the shipped scores of the bundled quotes (after the quotes change)",
    )
    return parser


def _scorer_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scorer",
        choices=scorers.KINDS,
        default=scorers.LEARNED,
        help="learned (the default: a sentence encoder and trained heads) or lexicon (fast, for very large files)",
    )


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
        if args.command == "extract":
            return _extract(args)
        if args.command == "evaluate-extract":
            from rhetoric.io import extract_eval

            folder = args.labelled or extract_eval.DEFAULT_SET
            scores = extract_eval.score_documents(folder, args.split)
            print(f"{folder}: {args.split or 'all'} documents")
            print(extract_eval.table(scores))
            return 0
        if args.command == "train":
            from rhetoric.scoring import train  # scikit-learn loads only to train

            if args.scores_only:
                return train.ship_scores()
            return train.run(_labelled_set(args.labelled), args.output, progress=_stderr_progress(threshold=1))
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


def _extract(args: argparse.Namespace) -> int:
    from rhetoric.io import documents, extract

    text = documents.read_document(args.document)
    date: dt.date | None
    if args.date:
        try:
            date = dt.date.fromisoformat(args.date)
        except ValueError:
            raise RhetoricError(f"--date {args.date!r} is not a date; write it as YYYY-MM-DD") from None
    else:
        date = extract.first_date(text)
        if date is None:
            raise RhetoricError("the text gives no date; pass --date YYYY-MM-DD", file=args.document.name)
        print(f"{args.document.name}: dated {date} (the first date in the text; --date overrides)", file=sys.stderr)
    found = extract.extract(text, date=date, source=args.source, event=args.event)
    kept = found if args.keep_unattributed else found.filter(pl.col(schema.SPEAKER).is_not_null())
    args.output.write_bytes(export.to_csv_bytes(kept))
    fragments = int(kept[extract.FRAGMENT].sum())
    left = found.height - kept.height
    print(
        f"{args.document.name}: {kept.height} quotations written to {args.output.name} ({fragments} of them partial)"
        + (f"; {left} without a speaker left out (--keep-unattributed writes them)" if left else ""),
        file=sys.stderr,
    )
    return 0 if kept.height else 1


def _read(path: Path, outcomes: bool) -> ingest.ImportResult:
    data = path.read_bytes()
    if outcomes:
        return ingest.read_outcomes(data, path.name)
    return ingest.read_quotes(data, path.name, known_pairs=bundled.known_pairs())


def _nothing_accepted(result: ingest.ImportResult) -> int:
    print(f"error: {result.file}: no usable rows; {result.summary()}", file=sys.stderr)
    return 1


def _score(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    kind = OUTPUT_KINDS.get(args.output.suffix.lower())
    if kind is None:
        parser.error(f"output {args.output.name!r} must end in .csv or .parquet")
    scorer = _scorer(args.lexicon, args.scorer)
    result = _read(args.input, args.outcomes)
    if args.rejects:
        args.rejects.write_bytes(export.to_csv_bytes(result.rejected))
    if result.accepted.is_empty():
        return _nothing_accepted(result)
    frame = result.accepted if args.outcomes else scorer.score(result.accepted, progress=_stderr_progress())
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
    scored, _ = _scorer(args.lexicon, args.scorer).score_and_explain(quotes.accepted, progress=_stderr_progress())
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


def _scorer(path: Path | None, kind: str = scorers.LEARNED) -> scorers.Scoring:
    return scorers.build(kind, lexicon.read_user_lexicon(path.read_bytes(), path.name) if path else None)


def _labelled_set(path: Path) -> Path:
    if path == evaluation.DEFAULT_SET and not path.exists():
        raise RhetoricError(
            "the labelled set is not installed with the package: it lives in a clone of the repository, at "
            "tests/data/evaluation/evaluation.csv; give its path"
        )
    return path


def _evaluate(args: argparse.Namespace) -> int:
    labelled = evaluation.read_labelled(_labelled_set(args.labelled))
    missing = {evaluation.WARMTH_LABEL, evaluation.SUBSTANCE_LABEL} - set(labelled.columns)
    if missing:
        raise RhetoricError(f"needs the columns {', '.join(sorted(missing))}", file=args.labelled.name)
    scorer = _scorer(args.lexicon, args.scorer)
    scored, how = _evaluation_scores(labelled, scorer, args.labelled)
    table = evaluation.metrics(scored)
    n = evaluation.counts(labelled)
    print(
        f"{args.labelled.name}: {labelled.height} quotes, {n.get('pairs', 0)} leader pairs; "
        f"{n.get('warm', 0)} warm, {n.get('cold', 0)} cold, {n.get('neutral', 0)} neutral; "
        f"{n.get('substantive', 0)} substantive, {n.get('vague', 0)} vague"
    )
    print(f"{args.scorer}: {how}")
    lexicon_column = args.scorer != scorers.LEXICON
    print(
        f"{'metric':<22}{args.scorer:>10}{'95% interval':>16}"
        + (f"{'lexicon':>10}" if lexicon_column else "")
        + f"{'plain VADER':>13}{'second reader':>15}{'target':>8}  met"
    )
    for metric, ours, low, high, lex, vader, reader, target in table.iter_rows():
        met = "yes" if ours is not None and ours >= target else "NO"
        print(
            f"{metric:<22}{_fmt(ours):>10}{_span(low, high):>16}"
            + (f"{_fmt(lex):>10}" if lexicon_column else "")
            + f"{_fmt(vader):>13}{_fmt(reader):>15}{target:>8.2f}  {met}"
        )
    goals = ", ".join(f"{k} {v:.2f}" for k, v in evaluation.GOALS.items())
    print(f"the goal beyond the targets: {goals}")
    print("95% interval: leader pairs resampled with replacement, 1,000 times (tests/data/evaluation/README.md)")
    agree = evaluation.agreement(labelled)
    if agree["quotes"]:
        print(
            f"second reader: {int(agree['quotes'])} quotes labelled again without seeing the labels; agreement "
            f"{agree['warmth agreement']:.3f} on warmth (kappa {agree['warmth kappa']:.2f}), "
            f"{agree['substance agreement']:.3f} on substance (kappa {agree['substance kappa']:.2f})"
        )
    batches = evaluation.metrics_by_batch(scored)
    if batches.height and batches[evaluation.BATCH].n_unique() > 1:
        print("\nby batch (how each batch was used is in tests/data/evaluation/README.md)")
        for (batch, quotes), part in batches.group_by(evaluation.BATCH, "quotes", maintain_order=True):
            print(f"{batch} ({quotes} quotes)")
            for _, _, metric, ours, low, high, lex, vader, reader, _ in part.iter_rows():
                print(
                    f"  {metric:<20}{_fmt(ours):>10}{_span(low, high):>16}"
                    + (f"{_fmt(lex):>10}" if lexicon_column else "")
                    + f"{_fmt(vader):>13}{_fmt(reader):>15}"
                )
    return 0


def _evaluation_scores(labelled: pl.DataFrame, scorer: scorers.Scoring, path: Path) -> tuple[pl.DataFrame, str]:
    """The labelled frame scored for evaluation, and how. On the set the heads were trained on, the learned
    scores are leave-pairs-out: each quote scored by heads trained without its leader pair."""
    if scorer.learned is None:
        return scorer.score(labelled), f"the lexicon scorer ({scorer.version})"
    heads = scorer.learned.heads
    if hashlib.sha256(path.read_bytes()).hexdigest() == heads.training.get("data_sha256"):
        from rhetoric.scoring import train  # scikit-learn loads only to train

        progress = _stderr_progress(threshold=1)
        print("leave-pairs-out: encoding the set, then training 5 folds of heads (about a minute)", file=sys.stderr)
        data = train.prepare(labelled, scorer.learned.encoder, progress)
        folds = train.leave_pairs_out(data, progress)
        lexicon_only = scorers.Scoring(scorers.LEXICON, scorer.lexicon).score(labelled)  # sentiment, *_lexicon
        scored = lexicon_only.with_columns(folds[schema.WARMTH], folds[schema.SUBSTANCE])
        return scored, (
            f"{scorer.version}; leave-pairs-out over this set, the heads' own training data: each quote scored by "
            f"heads trained, with the shipped settings, on the folds that do not hold its leader pair"
        )
    scored = scorer.score(labelled, progress=_stderr_progress(threshold=1))
    trained = heads.training.get("data", "?")
    seen = set(heads.training.get("pair_names", [])) & set(labelled[schema.PAIR].drop_nulls().to_list())
    overlap = (
        f"{len(seen)} of its leader pairs were in that training set, so these figures flatter"
        if seen
        else "none of its leader pairs was in that training set"
    )
    return scored, f"{scorer.version}; the shipped heads, trained on {trained}: {overlap}"


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
