"""Direct quotations out of article text and transcripts, each with its speaker, a target where the text makes it
clear, and its position; partial quotes kept and marked as fragments; scare quotes and titles left out.

Rules, in order (no model: every decision can be read off the text and tested):
- A transcript (three or more lines that open with a speaker label such as "THE PRESIDENT:", "PRESIDENT TRUMP:",
  "Q" or "The President.") gives one quote per turn of a named speaker; reporters' questions ("Q") give none.
- In prose, a quotation is the text between “ and ” or between straight double quotes; a quotation left open at
  the end of a paragraph ends there (the next paragraph reopens it, as newspapers print long quotes).
- Its speaker comes from the sentence around it: "…,” X said / said X / X said: “…” / according to X / as X put
  it; a pronoun (he, she) is the last person named before it; "the president" the last person named with that
  title. With no attribution in its sentence, a quotation that stands as its own sentence continues the quote
  before it, or takes the speaker of a preceding sentence that introduces it ("He added:").
- Names become one person: titles go ("President Trump", "North Korean leader Kim Jong Un"), and a surname or a
  Korean family name is matched to the full name the text uses elsewhere ("Trump" → "Donald Trump").
- A quotation embedded in the writer's own sentence (after a word, not after a colon, comma or the start of a
  sentence) is a fragment; a fragment or a quotation of three words or fewer with no speaker is a scare quote or
  a title, and is left out.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

import polars as pl

from rhetoric import schema as s
from rhetoric.io.people import DESCRIBED, NAME, PRONOUN, People, us_president

FRAGMENT, POSITION, ATTRIBUTION = "fragment", "position", "attribution"
EXTRACT_SCHEMA: s.Schema = {
    s.DATE: pl.Date,
    s.SPEAKER: pl.String,
    s.TARGET: pl.String,
    s.QUOTE: pl.String,
    s.EVENT: pl.String,
    s.SOURCE: pl.String,
    FRAGMENT: pl.Boolean,
    POSITION: pl.Int64,
    ATTRIBUTION: pl.String,
}

_VERBS = (
    "said|says|told|tells|added|adds|asked|asks|wrote|writes|tweeted|tweets|declared|stated|noted|insisted|warned|"
    "replied|remarked|explained|continued|argued|claimed|recalled|announced|predicted|quipped|joked|posted|urged|"
    "vowed|acknowledged|conceded|responded|answered|boasted|complained|promised|suggested|exclaimed|concluded|"
    "observed|stressed|emphasized|emphasised|repeated|reiterated|declared|cautioned|assured|admitted|confirmed|"
    "says|put it|puts it|described|called|mused|marveled|marvelled|gushed|pledged|threatened|recounted|told reporters|"
    "chimed in|interjected|retorted|shot back|countered|agreed|replies|remarks|underlined|underscored|highlighted"
)
_WHO = rf"(?:{NAME}|{PRONOUN}|{DESCRIBED})"
Q = "\x00Q\x00"  # the quotation's place in its sentence while attribution is looked for
_ASIDE = r"(?:,[^,\x00]{1,80},)?"  # "Putin, for his part, said"
_CONTINUING = frozenset({"added", "adds", "continued"})

_AFTER = [
    re.compile(
        rf"^\s*[,;:]?\s*(?P<who>{_WHO}){_ASIDE}\s+(?:has\s+|had\s+|also\s+|then\s+|later\s+|once\s+)?(?P<verb>{_VERBS})\b"
    ),
    # "…,” deputy national security adviser Ben Rhodes said": a role in small letters before the name
    re.compile(rf"^\s*[,;:]?\s*(?:[a-z][\w-]*\s+){{1,5}}(?P<who>{NAME})\s+(?:{_VERBS})\b"),
    re.compile(rf"^\s*[,;:]?\s*(?:{_VERBS})\s+(?P<who>{NAME}|{DESCRIBED})"),
    re.compile(rf"^\s*[,;:]?\s*as\s+(?P<who>{_WHO})\s+(?:put|puts|has put)\s+it"),
    re.compile(rf"^\s*[,;:]?\s*according\s+to\s+(?P<who>{NAME}|{DESCRIBED})"),
]
# "…,” said a senior Canadian official / a White House aide said: nobody named, but somebody: the description
_UNNAMED = r"(?P<who>an?\s+(?:[\w-]+\s+){0,4}?(?:official|aide|diplomat|spokesman|spokeswoman|spokesperson|adviser|advisor|negotiator|source))\b"
_UNNAMED_AFTER = [
    re.compile(rf"^\s*[,;:]?\s*(?:{_VERBS})\s+{_UNNAMED}"),
    re.compile(rf"^\s*[,;:]?\s*{_UNNAMED}\s+(?:also\s+)?(?:{_VERBS})\b"),
]
_BEFORE = [
    re.compile(
        rf"(?P<who>{_WHO}){_ASIDE}\s+(?:has\s+|had\s+|also\s+|then\s+|later\s+|once\s+)?(?P<verb>{_VERBS})\b[^{Q[0]}]{{0,120}}?[,:]?\s*(?:that\s+)?$"
    ),
    re.compile(rf"according\s+to\s+(?P<who>{NAME}|{DESCRIBED})\s*,?\s*$"),
    # "Reagan … waved aside questions, saying, “…”", or "…, and made a suggestion: “…”": the sentence's subject,
    # the first name in it (a lookahead, so that every name is tried in order)
    re.compile(
        rf"(?=(?P<who>{NAME}|{PRONOUN})\b[^.{Q[0]}]{{0,200}}?(?:,\s*(?:saying|adding|noting|writing|declaring|"
        rf"telling \w+)[,:]?|(?:telling|told)\s+\w+|:)\s*$)"
    ),
]
# "…,” Obama and Putin said in a joint statement / the joint statement said: both speak
_TWO = rf"(?:(?P<a>{NAME})\s+and\s+(?P<b>{NAME})|(?P<group>[Tt]he\s+two\s+(?:leaders|men|presidents)|[Bb]oth\s+leaders|[Tt]he\s+joint\s+(?:statement|declaration)))"
_JOINT_AFTER = re.compile(rf"^\s*[,;:]?\s*{_TWO}\s+(?:also\s+)?(?:{_VERBS})\b")
_JOINT_BEFORE = re.compile(rf"{_TWO}\s+(?:also\s+)?(?:{_VERBS})\b[^{Q[0]}]{{0,80}}?[,:]?\s*(?:that\s+)?$")
_SUBJECT_FIRST = 2  # the index in _BEFORE of the pattern whose first match, not its last, is the speaker
_LABEL = re.compile(
    r"^(?:\[[^\]\n]{1,30}\][ \t]*)?"  # "[Transcript] PRESIDENT TRUMP: …"
    r"(?:(?P<label>Q|QUESTION|REPORTER|THE PRESIDENT|The President|The (?:Vice President|General Secretary|Prime Minister)"
    r"|(?:President|Chairman|Secretary|Prime Minister|Mr\.|Ms\.)[ \t]+[A-Z][a-z]+)[ \t]*[:.][ \t]+(?=\S)"
    r"|(?P<caps>(?:[A-Z][A-Z.'’-]+)(?:[ \t]+[A-Z][A-Z.'’-]+){0,3})[ \t]*:[ \t]+(?=\S)"  # a name in capitals takes a colon
    r"|(?P<q>Q)[ \t]+(?=[A-Z]))",
    re.M,
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’]?\s+(?=[“\"A-Z])|\n+")


@dataclass(frozen=True)
class Found:
    start: int
    text: str
    speaker: str | None
    target: str | None
    fragment: bool
    how: str


def quotations(text: str, date: dt.date | None = None) -> list[Found]:
    """Every direct quotation in `text` in document order, attributed where the text allows."""
    turns = _transcript_turns(text, date)
    if turns is not None:
        return turns
    spans = _spans(text)
    people = People(text, date, spans)
    ends = _sentence_ends(text)
    found: list[Found] = []
    for start, end in spans:
        words = text[start:end].strip().rstrip(",")
        if not words:
            continue
        sentence_start, sentence_end = _sentence_bounds(text, start, end, ends)
        before = _masked(text, sentence_start, start - 1, spans)
        after = _masked(text, end + 1, sentence_end, spans)
        fragment = _embedded(before)
        who, how = _attribution(before, after, people, start, fragment)
        if who is None and not fragment and not before.strip():
            who, how = _introduced(text, sentence_start, people, ends)
        if who is None and not fragment and not before.strip(" \n\t—–-:") and found:
            previous = found[-1]
            if previous.speaker and start - (previous.start + len(previous.text)) < 400:
                who, how = previous.speaker, "continues the quote before"
        if who is None and (fragment or len(words.split()) <= 3):
            continue  # a scare quote, a title, or a word the writer holds at arm's length
        target = _target(text, sentence_start, sentence_end, start, end, who, people)
        found.append(Found(start, words, who, target, fragment, how or "no speaker found"))
        if who:
            people.speaker = (end, who) if ";" not in who else None
    return found


def extract(
    text: str, *, date: dt.date | None = None, source: str | None = None, event: str | None = None
) -> pl.DataFrame:
    """The quotations as a frame in the quote-file format (date, speaker, target, quote, event, source) plus
    fragment, position and attribution."""
    rows = [
        (date, f.speaker, f.target, f.text, event, source, f.fragment, f.start, f.how) for f in quotations(text, date)
    ]
    return pl.DataFrame(rows, schema=EXTRACT_SCHEMA, orient="row")


# --- quotation marks -------------------------------------------------------------------------------------


_SINGLE_OPEN = re.compile(r"(?<![\w’'])[‘'](?=[\w\[(.…-])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…\])-])[’'](?![\w’'])")


def _single_spans(text: str) -> list[tuple[int, int]]:
    """Quotations in single marks (‘…’ or '…'), for texts that use no double marks (some wire archives): an
    opening mark starts a word, a closing one ends it, so an apostrophe inside a word is never a mark."""
    spans: list[tuple[int, int]] = []
    closes = [m.start() for m in _SINGLE_CLOSE.finditer(text)]
    at = 0
    for m in _SINGLE_OPEN.finditer(text):
        if m.start() < at:
            continue
        nxt = next((c for c in closes if c > m.start()), None)
        para = text.find("\n", m.start())
        end = nxt if nxt is not None and (para == -1 or nxt < para) else (para if para != -1 else len(text))
        if end - m.end() > 1:
            spans.append((m.end(), end))
        at = end + 1
    return spans


def _spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of double quotation marks, curly or straight (single marks
    when the text has no double ones)."""
    if not any(c in text for c in '“”"'):
        return _single_spans(text)
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in '“"':
            close = "”" if ch == "“" else '"'
            j = i + 1
            while j < n and text[j] != close and not (ch == "“" and text[j] == "“") and text[j] != "\n":
                j += 1
            if j < n and text[j] == close:
                spans.append((i + 1, j))
                i = j + 1
                continue
            if j >= n or text[j] == "\n":  # left open at the paragraph's end: a long quote continued below
                if j - i > 20:
                    spans.append((i + 1, j))
                i = j
                continue
        i += 1
    return spans


def _masked(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """text[start:end] with every quotation (marks included) replaced by Q."""
    if end <= start:
        return ""
    out, pos = [], start
    for a, b in spans:
        a, b = a - 1, b + 1
        if b <= start or a >= end:
            continue
        out.append(text[pos : max(a, start)])
        out.append(Q)
        pos = min(b, end)
    out.append(text[pos:end])
    return "".join(out)


def _sentence_ends(text: str) -> list[int]:
    """Where each sentence of the text ends, once per document: a sentence end before a place is the same read
    in the whole text as in the text up to that place, so the sentence around each quotation is a look-up."""
    return [m.end() for m in _SENTENCE_END.finditer(text)]


def _last_end_before(ends: list[int], place: int) -> int:
    i = bisect.bisect_left(ends, place) - 1
    return ends[i] if i >= 0 else 0


def _sentence_bounds(text: str, start: int, end: int, ends: list[int]) -> tuple[int, int]:
    """The sentence around a quotation: from the end of the sentence before its opening mark to the next sentence
    end after its closing mark (a sentence end inside the quotation does not count)."""
    # The opening mark tells a sentence end just before it ('compliment. "She …'), so it is in the text looked at.
    begin = _last_end_before(ends, start)
    tail = _SENTENCE_END.search(text, min(end, len(text)))  # from the closing mark: "… peace.” Trump said"
    return begin, tail.start() if tail else len(text)


def _embedded(before: str) -> bool:
    """Whether the writer's words run straight into the quotation (a partial quote): a word just before its
    opening mark, not a colon, a comma, a dash or the start of the sentence."""
    stripped = before.rstrip()
    if not stripped or stripped.endswith((":", ",", "—", "–", "-", Q)):
        return False
    last = stripped.split()[-1]
    return bool(re.match(r"^[\w'’]+$", last)) and not re.fullmatch(rf"(?:{_VERBS}|that)", last)


# --- who said it -----------------------------------------------------------------------------------------


def _attribution(
    before: str, after: str, people: People, position: int, fragment: bool = False
) -> tuple[str | None, str]:
    """The speaker named around a quotation: after it first ("…,” Trump said), before it for a partial quote
    (Merkel described it as “…,” Obama said: the fragment is Merkel's)."""
    sides = (_before, _after) if fragment else (_after, _before)
    for side in sides:
        who, how = side(before, after, people, position)
        if who:
            return who, how
    return None, ""


def _after(before: str, after: str, people: People, position: int) -> tuple[str | None, str]:
    joint = _JOINT_AFTER.match(after)
    if joint and (both := _both(joint, people, position)):
        return both, "joint attribution after the quote"
    for pattern in _AFTER:
        m = pattern.match(after)
        if m:
            person = people.resolve(m["who"], position, _continuing(m))
            if person:
                return person, "attribution after the quote"
    for pattern in _UNNAMED_AFTER:
        m = pattern.match(after)
        if m:
            return m["who"].split(maxsplit=1)[1], "an unnamed speaker after the quote"
    return None, ""


def _before(before: str, after: str, people: People, position: int) -> tuple[str | None, str]:
    tail = before[-240:]
    joint = _JOINT_BEFORE.search(tail)
    if joint and (both := _both(joint, people, position)):
        return both, "joint attribution before the quote"
    for n, pattern in enumerate(_BEFORE):
        found = list(pattern.finditer(tail))
        for m in found if n == _SUBJECT_FIRST else reversed(found):  # else the attribution nearest the quotation
            at = position - (len(tail) - m.start("who"))  # where the name or pronoun itself stands
            person = people.resolve(m.group("who"), at, _continuing(m))
            if person:
                return person, "attribution before the quote"
    return None, ""


def _continuing(m: re.Match[str]) -> bool:
    """Whether an attribution's verb carries on the last speaker's words ("he added")."""
    return (m.groupdict().get("verb") or "") in _CONTINUING


def _both(m: re.Match[str], people: People, position: int) -> str | None:
    """ "A; B" for two speakers: the two named, or for "the two leaders" the last two people named before."""
    if m["group"]:
        named = [p for at, p in reversed(people.mentions) if at < position and ";" not in p]
        two = list(dict.fromkeys(named))[:2]
        return "; ".join(reversed(two)) if len(two) == 2 else None
    a, b = people.resolve(m["a"], position), people.resolve(m["b"], position)
    return f"{a}; {b}" if a and b and a != b else None


def _introduced(text: str, sentence_start: int, people: People, ends: list[int]) -> tuple[str | None, str]:
    """The speaker a preceding sentence introduces ("Trump said on Thursday:", "He added:")."""
    head = text[:sentence_start].rstrip()
    if not head:
        return None, ""
    previous_start = max(head.rfind("\n"), _last_end_before(ends, len(head)))
    previous = head[previous_start:]
    m = re.search(rf"(?P<who>{_WHO})\s+(?:also\s+|then\s+)?(?:{_VERBS})\b[^.]*[:.,]?\s*$", previous)
    if m and (previous.rstrip().endswith(":") or len(previous) < 200):
        person = people.resolve(m.group("who"), sentence_start)
        if person:
            return person, "introduced by the sentence before"
    subject = re.match(rf"\s*(?P<who>{NAME})\b", previous)  # "Obama … smiled and paid Merkel a compliment."
    person = people.resolve(subject["who"], sentence_start) if subject else None
    return (person, "the subject of the sentence before") if person else (None, "")


def _target(text: str, s0: int, s1: int, start: int, end: int, speaker: str | None, people: People) -> str | None:
    """Whom the words are about, when the sentence names one other person (outside or inside the quotation)."""
    if speaker is None:
        return None
    for part in (text[s0 : start - 1] + " " + text[end + 1 : s1], text[start:end]):
        for name in people.mentioned(part):
            if name not in speaker.split("; "):  # nobody is the target of their own words
                return name
    return None


def _transcript_turns(text: str, date: dt.date | None) -> list[Found] | None:
    labels = list(_LABEL.finditer(text))
    if len(labels) < 3 or not any(m.start() == 0 or text[m.start() - 1] == "\n" for m in labels[:3]):
        return None
    people = People(text)
    date = date or first_date(text)
    found: list[Found] = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        words = " ".join(text[m.end() : end].split())
        words = re.sub(r"^\((?:As interpreted|Laughter|Applause)[^)]*\)\s*", "", words)
        label = m.group("label") or m.group("caps") or m.group("q")
        if not words or label.upper() in ("Q", "QUESTION", "REPORTER"):
            continue
        speaker = _speaker_of_label(label, date, people)
        target = next((p for p in people.mentioned(words) if p != speaker), None)
        found.append(Found(m.end(), words, speaker, target, False, "transcript speaker label"))
    return found


def _speaker_of_label(label: str, date: dt.date | None, people: People) -> str | None:
    if label.upper() == "THE PRESIDENT":
        return us_president(date)
    if label.lower().startswith("the "):  # "The General Secretary.": the person the text names with that title
        return people.resolve(label.lower(), 10**9)
    words = [w.capitalize() if w.isupper() else w for w in label.replace(".", " ").split()]
    name = " ".join(People._strip(" ".join(words)))
    return people._lookup(name) or (name or None)


_TEXT_DATE = re.compile(
    r"\b(?:(?P<iso>\d{4}-\d{2}-\d{2})|(?P<month>January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\.? (?P<day>\d{1,2}),? (?P<year>\d{4}))\b"
)


def first_date(text: str) -> dt.date | None:
    """The first date the text gives, as 2019-02-28 or February 28, 2019: a document's date when none is given."""
    for m in _TEXT_DATE.finditer(text):
        try:
            if m["iso"]:
                return dt.date.fromisoformat(m["iso"])
            return dt.datetime.strptime(f"{m['month']} {m['day']} {m['year']}", "%B %d %Y").date()
        except ValueError:
            continue
    return None
