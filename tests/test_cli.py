"""The command line keeps its contract: outputs, rejects, exit codes 0/1/2, and never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from rhetoric import cli
from rhetoric import schema as s

ROOT = Path(__file__).resolve().parent.parent

GOOD = "date,speaker,target,quote,source,notes\n2019-02-28,Donald Trump,Kim Jong Un,It was a very friendly walk.,https://theweek.com/x,hanoi\n2018-09-29,Donald Trump,Kim Jong Un,We fell in love.,https://example.org,=cmd\n"
MIXED = GOOD + ",Nobody,,no speaker here,,\n2019-13-45,Kim Jong Un,,Bad date,,\n"


@pytest.fixture
def good_csv(tmp_path):
    path = tmp_path / "good.csv"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture
def mixed_csv(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text(MIXED, encoding="utf-8")
    return path


def test_score_writes_every_accepted_row_with_original_columns_and_three_scores(good_csv, tmp_path, capsys):
    out = tmp_path / "scored.csv"
    assert cli.main(["score", str(good_csv), "-o", str(out)]) == 0
    frame = pl.read_csv(out)
    assert frame.height == 2
    assert {"date", "speaker", "target", "quote", "source", "notes", "sentiment", "warmth", "substance"} <= set(
        frame.columns
    )
    assert frame["warmth"].to_list()[1] > 0.3


def test_score_notes_quotes_in_other_languages_on_stderr(tmp_path, capsys):
    path = tmp_path / "mixed.csv"
    path.write_text(
        "date,speaker,target,quote\n2019-06-30,Leader B,Leader A,It was a very friendly walk with my neighbour.\n"
        "1963-01-22,Leader A,Leader B,Nos voisins ont beaucoup promis et peu tenu.\n",
        encoding="utf-8",
    )
    assert cli.main(["score", str(path), "-o", str(tmp_path / "out.csv")]) == 0
    err = capsys.readouterr().err
    assert "mixed.csv: 1 quote does not look like English" in err
    assert "  1963-01-22 Leader A: Nos voisins ont beaucoup promis et peu tenu." in err
    assert "friendly walk" not in err
    assert pl.read_csv(tmp_path / "out.csv").height == 2


def test_validate_lists_ten_quotes_in_other_languages_and_counts_the_rest(tmp_path, capsys):
    rows = "".join(
        f"2019-01-{d:02d},Leader A,Leader B,Nous sommes très heureux et la France le sait ({d})\n" for d in range(1, 13)
    )
    path = tmp_path / "fr.csv"
    path.write_text(f"date,speaker,target,quote\n{rows}", encoding="utf-8")
    assert cli.main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("fr.csv: 12 rows accepted, 0 rejected\nfr.csv: 12 quotes do not look like English")
    assert out.count("  2019-01-") == 10 and "  … and 2 more" in out


def test_score_output_neutralises_formula_cells(good_csv, tmp_path):
    out = tmp_path / "scored.csv"
    cli.main(["score", str(good_csv), "-o", str(out)])
    assert "'=cmd" in out.read_text(encoding="utf-8")


def test_score_writes_parquet_by_extension(good_csv, tmp_path):
    out = tmp_path / "scored.parquet"
    assert cli.main(["score", str(good_csv), "-o", str(out)]) == 0
    frame = pl.read_parquet(out)
    assert frame.schema[s.DATE] == pl.Date and frame.schema[s.WARMTH] == pl.Float64


def test_rejects_file_lists_bad_rows_with_row_number_and_reason(mixed_csv, tmp_path):
    out, rejects = tmp_path / "o.csv", tmp_path / "r.csv"
    assert cli.main(["score", str(mixed_csv), "-o", str(out), "--rejects", str(rejects)]) == 0
    bad = pl.read_csv(rejects)
    assert bad.columns[:2] == ["row", "reason"]
    assert bad["row"].to_list() == [4, 5]
    assert pl.read_csv(out).height == 2


def test_validate_prints_counts_and_reasons(mixed_csv, capsys):
    assert cli.main(["validate", str(mixed_csv)]) == 0
    out = capsys.readouterr().out
    assert "2 rows accepted, 2 rejected" in out
    assert "row 4:" in out and "row 5:" in out


def test_validate_reads_outcome_files(tmp_path, capsys):
    path = tmp_path / "o.csv"
    path.write_text("date,event,progress\n2018-06-12,Summit,8\n2018-06-13,Bad,11\n", encoding="utf-8")
    assert cli.main(["validate", str(path), "--outcomes"]) == 0
    assert "1 row accepted, 1 rejected" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b"date,speaker,quote\n", b"\x89PNG\r\n\x1a\n\x00\x00binary", b"a,b\n1,2\n"])
def test_unusable_files_exit_1_with_one_line_on_stderr(tmp_path, capsys, content):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    assert cli.main(["score", str(path), "-o", str(tmp_path / "o.csv")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "bad.csv" in err and "Traceback" not in err


def test_a_missing_input_file_exits_1(tmp_path, capsys):
    assert cli.main(["validate", str(tmp_path / "nope.csv")]) == 1
    assert "nope.csv" in capsys.readouterr().err


def test_usage_errors_exit_2(good_csv, tmp_path):
    with pytest.raises(SystemExit) as exc:
        cli.main(["score", str(good_csv), "-o", str(tmp_path / "o.xlsx")])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        cli.main(["frobnicate"])
    assert exc.value.code == 2


def test_a_user_lexicon_changes_the_scores(good_csv, tmp_path):
    lex = tmp_path / "lex.csv"
    lex.write_text("term,weight\nfriendly walk,-3\n", encoding="utf-8")
    plain, custom = tmp_path / "a.csv", tmp_path / "b.csv"
    cli.main(["score", str(good_csv), "-o", str(plain), "--scorer", "lexicon"])
    cli.main(["score", str(good_csv), "-o", str(custom), "--lexicon", str(lex), "--scorer", "lexicon"])
    assert pl.read_csv(plain)["warmth"][0] > 0 > pl.read_csv(custom)["warmth"][0]


def test_a_user_lexicon_moves_the_learned_scores_too(good_csv, tmp_path):
    lex = tmp_path / "lex.csv"
    lex.write_text("term,weight\nfriendly walk,-3\n", encoding="utf-8")
    plain, custom = tmp_path / "a.csv", tmp_path / "b.csv"
    cli.main(["score", str(good_csv), "-o", str(plain)])
    cli.main(["score", str(good_csv), "-o", str(custom), "--lexicon", str(lex)])
    before, after = pl.read_csv(plain), pl.read_csv(custom)
    assert before["warmth"][0] > after["warmth"][0]
    assert before["warmth_lexicon"][0] > 0 > after["warmth_lexicon"][0]
    assert before["scorer"][0].startswith("learned") and before["scorer"][0] != after["scorer"][0]


def test_python_m_rhetoric_runs_as_a_program_without_traceback(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    run = subprocess.run(
        [sys.executable, "-m", "rhetoric", "validate", str(path)], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and run.stderr.strip()


def test_report_writes_a_self_contained_html_file(good_csv, tmp_path):
    out = tmp_path / "report.html"
    assert cli.main(["report", str(good_csv), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.count("plotly.js v") >= 1 and "It was a very friendly walk." in html
    assert '<script src="http' not in html


def test_report_of_an_unusable_file_exits_1(tmp_path, capsys):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert cli.main(["report", str(path), "-o", str(tmp_path / "r.html")]) == 1
    assert not (tmp_path / "r.html").exists()


def test_evaluate_prints_the_whole_set_and_each_batch(capsys):
    assert cli.main(["evaluate"]) == 0
    out = capsys.readouterr().out
    assert "warmth AUC" in out and "plain VADER" in out and "substance AUC" in out
    assert "second reader" in out and "kappa" in out
    assert "1 development" in out and "by batch" in out
    warmth_auc = next(line for line in out.splitlines() if line.startswith("warmth AUC")).split()
    low, high = (float(v) for v in warmth_auc[3].split("–"))
    assert low < float(warmth_auc[2]) < high  # the figure, then its 95% interval


def test_evaluate_on_a_file_without_labels_says_what_it_needs(good_csv, capsys):
    assert cli.main(["evaluate", str(good_csv)]) == 1
    err = capsys.readouterr().err
    assert "warmth_label" in err and "Traceback" not in err


def test_a_closed_pipe_ends_quietly():
    """`python -m rhetoric evaluate | head -1`: the reader goes away; no error line, no traceback."""
    proc = subprocess.run(
        f"{sys.executable} -m rhetoric evaluate --scorer lexicon | head -1",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.stdout.startswith("evaluation.csv")
    assert proc.stderr == ""


def test_extract_reads_a_saved_web_page_and_score_takes_its_output_as_it_is(tmp_path):
    page = tmp_path / "summit.html"
    page.write_text(
        "<html><head><title>Summit</title></head><body><nav>Home | World | Sport</nav><article>"
        "<p>Donald Trump and Kim Jong Un met in Hanoi on February 27, 2019, for a second summit that drew "
        "reporters from around the world to the Metropole hotel.</p>"
        "<p>“We fell in love,” Trump said of the letters he and Kim had exchanged, “and it was a very "
        "friendly walk.”</p><p>Kim told reporters that he was not pessimistic about the talks, and that "
        "“a good result” was still possible.</p></article><footer>Cookie settings</footer></body></html>",
        encoding="utf-8",
    )
    quotes, scored = tmp_path / "quotes.csv", tmp_path / "scored.csv"
    assert cli.main(["extract", str(page), "-o", str(quotes), "--source", "https://example.org/summit"]) == 0
    frame = pl.read_csv(quotes)
    assert frame["speaker"].to_list()[:2] == ["Donald Trump", "Donald Trump"]
    assert frame["date"].to_list()[0] == "2019-02-27"  # the first date in the text
    assert cli.main(["score", str(quotes), "-o", str(scored), "--scorer", "lexicon"]) == 0
    assert pl.read_csv(scored).height == frame.height


def test_extract_without_a_date_anywhere_says_to_give_one(tmp_path, capsys):
    doc = tmp_path / "undated.txt"
    doc.write_text('Donald Trump said, "We fell in love."', encoding="utf-8")
    assert cli.main(["extract", str(doc), "-o", str(tmp_path / "q.csv")]) == 1
    assert "undated.txt: the text gives no date; pass --date YYYY-MM-DD" in capsys.readouterr().err


def test_evaluate_extract_prints_precision_recall_and_speaker_accuracy_and_refuses_an_unknown_split(capsys):
    assert cli.main(["evaluate-extract", "--split", "development"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "recall" in out and "speaker" in out
    assert out.splitlines()[2].split()[0] == "quote"
    assert cli.main(["evaluate-extract", "--split", "nope"]) == 1
    assert "no documents in the split 'nope'" in capsys.readouterr().err
