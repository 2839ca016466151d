"""The quote extractor: quotation marks, attribution before, after and around a quote, pronouns, titles,
transcripts, fragments kept and marked, scare quotes and titles left out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rhetoric.io import documents, extract

OPED = Path(__file__).resolve().parents[1] / "data" / "extraction" / "docs" / "01_oped_hanoi_dictator.txt"


def found(text: str, date: dt.date | None = None) -> list[tuple[str | None, str, bool]]:
    return [(q.speaker, q.text, q.fragment) for q in extract.quotations(text, date)]


def test_the_oped_gives_we_fell_in_love_to_trump_and_brilliance_is_no_quote():
    quotes = found(documents.read_document(OPED.read_bytes(), OPED.name))
    assert ("Donald Trump", "We fell in love", False) in quotes
    assert ("Donald Trump", "to walk", True) in quotes  # "to walk," as he put it: a partial quote
    assert not [q for q in quotes if "brilliance" in q[1] or q[1] == "denuclearization"]  # scare quotes


def test_a_quote_split_by_its_attribution_gives_both_parts_to_the_speaker():
    text = "Donald Trump met Kim Jong Un. “We fell in love,” Trump said, “and then he wrote me beautiful letters.”"
    assert found(text) == [
        ("Donald Trump", "We fell in love", False),
        ("Donald Trump", "and then he wrote me beautiful letters.", False),
    ]


def test_straight_and_curly_marks_and_attribution_before_the_quote_with_a_title():
    text = (
        'North Korean leader Kim Jong Un said: "I am ready to meet again." '
        "President Trump told reporters, “It was a very friendly walk.”"
    )
    assert found(text) == [
        ("Kim Jong Un", "I am ready to meet again.", False),
        ("Donald Trump", "It was a very friendly walk.", False),
    ]


def test_a_pronoun_is_the_last_person_named_and_an_introduction_carries_to_the_next_sentence():
    text = (
        "Secretary of State Mike Pompeo flew to Pyongyang on Friday. He said the talks were “productive.”\n"
        "Moon Jae-in spoke next. He added:\n“We will keep working for peace on the peninsula.”"
    )
    quotes = found(text)
    assert ("Mike Pompeo", "productive.", True) in quotes
    assert ("Moon Jae-in", "We will keep working for peace on the peninsula.", False) in quotes


def test_a_transcript_gives_each_officials_turn_and_no_questions():
    text = (
        "February 28, 2019\n\n"
        "PRESIDENT TRUMP: Are you all having a good time in Hanoi?\n\n"
        "Q Chairman Kim, are you ready to denuclearize?\n\n"
        "CHAIRMAN KIM: (As interpreted.) If I'm not willing to do that, I won't be here right now.\n\n"
        "THE PRESIDENT: That might be the best answer you've ever heard.\n"
    )
    quotes = found(text)
    # labels become people: PRESIDENT TRUMP and THE PRESIDENT (in 2019) are Donald Trump, CHAIRMAN KIM is Kim Jong Un
    assert [q[0] for q in quotes] == ["Donald Trump", "Kim Jong Un", "Donald Trump"]
    assert not any("denuclearize" in q[1] for q in quotes)
    assert quotes[1][1] == "If I'm not willing to do that, I won't be here right now."


def test_single_marks_in_a_text_without_double_ones_and_apostrophes_stay_words():
    text = "WASHINGTON -- Ronald Reagan said Thursday, 'We want real peace,' and added that it won't come fast."
    assert found(text) == [("Ronald Reagan", "We want real peace", False)]


def test_the_frame_is_in_the_quote_file_format_with_fragment_position_and_how():
    frame = extract.extract(
        'Donald Trump said, "We fell in love."', date=dt.date(2018, 9, 29), source="https://example.org/a"
    )
    row = frame.row(0, named=True)
    assert row["speaker"] == "Donald Trump" and row["quote"] == "We fell in love."
    assert row["date"] == dt.date(2018, 9, 29) and row["source"] == "https://example.org/a"
    assert row["fragment"] is False and row["position"] == 20 and row["attribution"].startswith("attribution")


def test_a_saved_html_page_gives_its_article_text_not_its_menus(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Story</title></head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        "<article><h1>Leaders meet</h1><p>Donald Trump met Kim Jong Un in Hanoi on Wednesday for their second "
        "summit, and the two men shook hands before a row of flags.</p><p>“We fell in love,” Trump said of the "
        "letters the two leaders had exchanged over the past year, according to people in the room.</p>"
        "<p>The talks ended early the next day without an agreement on sanctions or the Yongbyon complex.</p>"
        "</article><footer>Subscribe to our newsletter. Cookie settings.</footer></body></html>",
        encoding="utf-8",
    )
    text = documents.read_document(page)
    assert "We fell in love" in text and "Cookie settings" not in text and "Home" not in text.split()
    assert found(text) == [("Donald Trump", "We fell in love", False)]


def test_markdown_loses_its_marks_and_an_empty_file_is_refused(tmp_path):
    md = tmp_path / "note.md"
    md.write_text('# Summit\n\n**Donald Trump** said, "It went *very* well."\n', encoding="utf-8")
    assert documents.read_document(md) == 'Summit\n\nDonald Trump said, "It went very well."'
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    try:
        documents.read_document(empty)
    except Exception as exc:
        assert "empty.txt: it is empty" in str(exc)
    else:
        raise AssertionError("an empty document was read")


def test_a_participle_a_subject_before_and_spellings_of_a_leaders_name_find_the_speaker():
    text = (
        "At a reception, Ronald Reagan waved aside questions from reporters, saying, “The news is so good.”\n"
        "US President Barack Obama smiled and paid Angela Merkel a compliment. "
        "“She has a really good sense of humour.”\n"
        "Kim Jong-un said: “There was big progress.”\n"
        "Soviet leader Mikhail S. Gorbachev said, “We'll see.”"
    )
    assert found(text) == [
        ("Ronald Reagan", "The news is so good.", False),
        ("Barack Obama", "She has a really good sense of humour.", False),
        ("Kim Jong Un", "There was big progress.", False),  # the spelling the other bundled data use
        ("Mikhail Gorbachev", "We'll see.", False),  # and without the middle initial
    ]


def test_a_public_papers_label_with_a_title_is_the_person_named_with_it():
    text = (
        "Exchange With General Secretary Mikhail Gorbachev\n\nDecember 7, 1988\n\n"
        "Q. Mr. General Secretary, what do you expect?\n\n"
        "The General Secretary. I expect a substantive meeting.\n\n"
        "The President. We are looking forward to it.\n"
    )
    assert [(q[0], q[1]) for q in found(text)] == [
        ("Mikhail Gorbachev", "I expect a substantive meeting."),
        ("Ronald Reagan", "We are looking forward to it."),
    ]


def test_a_capital_that_opens_a_sentence_is_no_part_of_the_name_and_a_title_makes_a_surname_a_person():
    text = (
        "Chancellor Kohl met French President François Mitterrand in Bonn. "
        'But Macron said he has "two red lines". '
        "“It will take time,” Kohl told a reporter."
    )
    assert found(text) == [("Emmanuel Macron", "two red lines", True), ("Kohl", "It will take time", False)]


def test_a_he_is_the_subject_of_the_sentence_before_and_he_added_is_whoever_spoke_last():
    text = (
        "Ronald Reagan reported on the Geneva summit.\n"
        "The president, ending a long day with the Kremlin leader, flew home after talks with Mikhail Gorbachev.\n"
        '"That was the best part," he said.\n'
        'President Xi said, "We are grateful to the people of India." Narendra Modi smiled and nodded.\n'
        '"This will be a memorable experience for me," he added.'
    )
    quotes = found(text, dt.date(1985, 11, 21))
    assert quotes[0] == ("Ronald Reagan", "That was the best part", False)  # not Gorbachev, named last
    assert quotes[-1] == ("Xi Jinping", "This will be a memorable experience for me", False)  # not Modi


def test_two_leaders_speaking_together_are_both_the_speaker():
    text = (
        "Barack Obama met Vladimir Putin in Los Cabos.\n"
        '"We are united in the belief that Syrians should choose their future," Obama and Putin said in a joint '
        'statement.\n"Today we agree to continue this work," the joint statement said.'
    )
    assert [q[0] for q in found(text)] == ["Barack Obama; Vladimir Putin"] * 2
    assert [q.target for q in extract.quotations(text)] == [None, None]  # neither is the other's target here


def test_a_partial_quote_belongs_to_whoever_its_own_clause_names_and_a_role_before_a_name_is_no_name():
    text = (
        "Angela Merkel met Barack Obama in Berlin. Merkel had described the question of surveillance as "
        '"an issue of balance," Obama said the program was narrow.\n'
        '"President Putin can articulate his differences with us," deputy national security adviser Ben Rhodes said.'
    )
    assert found(text) == [
        ("Angela Merkel", "an issue of balance", True),
        ("Ben Rhodes", "President Putin can articulate his differences with us", False),
    ]


def test_a_bracketed_note_before_the_first_label_and_an_abbreviation_in_capitals_are_no_speaker():
    text = (
        "U.S. President Donald Trump and British Prime Minister Boris Johnson held a working breakfast.\n\n"
        "[Transcript] PRESIDENT TRUMP: Thank you very much, everybody.\n"
        "PRIME MINISTER JOHNSON: It was fantastic.\n"
        "Q Mr. President, any advice for Boris Johnson?\n"
        "PRESIDENT TRUMP: He needs no advice.\n"
    )
    assert [(q[0], q[1]) for q in found(text, dt.date(2019, 8, 25))] == [
        ("Donald Trump", "Thank you very much, everybody."),
        ("Boris Johnson", "It was fantastic."),
        ("Donald Trump", "He needs no advice."),
    ]


def test_an_unnamed_official_is_the_speaker_as_described_and_a_declaration_is_nobody():
    text = (
        "Justin Trudeau met Donald Trump in Washington.\n"
        '"That was the major takeaway," said a senior Canadian official. "That\'s what we were after."\n'
        'The Kim Dae-jung-Obuchi Joint Declaration was recalled. "We will build on it," a Japanese aide said.'
    )
    assert [q[0] for q in found(text)] == ["senior Canadian official"] * 2 + ["Japanese aide"]
