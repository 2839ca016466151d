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

import datetime as dt
import re
from dataclasses import dataclass

import polars as pl

from rhetoric import schema as s

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
    "says|put it|puts it|described|called|mused|marveled|marvelled|gushed|pledged|threatened|recounted|told reporters"
)
_TITLES = (
    "President|Vice President|General Secretary|Chairman|Chairwoman|Premier|Prime Minister|Secretary of State|"
    "Secretary|Minister|"
    "Foreign Minister|Defense Secretary|Ambassador|Senator|Sen\\.|Rep\\.|Gov\\.|Governor|General|Gen\\.|Mr\\.|Mrs\\.|"
    "Ms\\.|Dr\\.|Mr|Mrs|Ms|Dr|King|Queen|Pope|Chancellor|Supreme Leader|Leader|Spokesman|Spokeswoman|Envoy|First Lady"
)
_NAME_WORD = r"(?:[A-Z]\.|[A-Z][\w'’-]*)"  # a capitalised word, or an initial ("W.")
_NAME = rf"\b{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|(?:de|van|von|bin|al|da|di|le|la)\b))*"
_PRONOUN = r"\b(?:he|she|He|She)\b"
_DESCRIBED = (
    r"\bthe\s+(?:[a-z]+\s+){0,3}(?:president|leader|chairman|secretary|minister|premier|spokesman|spokeswoman|envoy)\b"
)
_WHO = rf"(?:{_NAME}|{_PRONOUN}|{_DESCRIBED})"
Q = "\x00Q\x00"  # the quotation's place in its sentence while attribution is looked for

_AFTER = [
    re.compile(rf"^\s*[,;:]?\s*(?:{_WHO})\s+(?:has\s+|had\s+|also\s+|then\s+|later\s+|once\s+)?(?:{_VERBS})\b"),
    re.compile(rf"^\s*[,;:]?\s*(?:{_VERBS})\s+(?P<who>{_NAME}|{_DESCRIBED})"),
    re.compile(rf"^\s*[,;:]?\s*as\s+(?P<who>{_WHO})\s+(?:put|puts|has put)\s+it"),
    re.compile(rf"^\s*[,;:]?\s*according\s+to\s+(?P<who>{_NAME}|{_DESCRIBED})"),
]
_AFTER_WHO = re.compile(
    rf"^\s*[,;:]?\s*(?P<who>{_WHO})\s+(?:has\s+|had\s+|also\s+|then\s+|later\s+|once\s+)?(?:{_VERBS})\b"
)
_BEFORE = [
    re.compile(
        rf"(?P<who>{_WHO})\s+(?:has\s+|had\s+|also\s+|then\s+|later\s+|once\s+)?(?:{_VERBS})\b[^{Q[0]}]{{0,80}}?[,:]?\s*(?:that\s+)?$"
    ),
    re.compile(rf"according\s+to\s+(?P<who>{_NAME}|{_DESCRIBED})\s*,?\s*$"),
    # "Reagan … waved aside questions, saying, “…”": a lookahead, so that every name in the sentence is tried
    re.compile(rf"(?=(?P<who>{_NAME})\b[^.{Q[0]}]{{0,160}}?,\s*(?:saying|adding|noting|writing|declaring)[,:]?\s*$)"),
]
_LABEL = re.compile(
    r"^(?:(?P<label>Q|QUESTION|REPORTER|THE PRESIDENT|The President|The (?:Vice President|General Secretary|Prime Minister)|(?:[A-Z][A-Z.'’-]+)(?:[ \t]+[A-Z][A-Z.'’-]+){0,3}"
    r"|(?:President|Chairman|Secretary|Prime Minister|Mr\.|Ms\.)[ \t]+[A-Z][a-z]+)[ \t]*[:.][ \t]+(?=\S)"
    r"|(?P<q>Q)[ \t]+(?=[A-Z]))",
    re.M,
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’]?\s+(?=[“\"A-Z])|\n+")
_STOP = {
    "United", "States", "North", "South", "Korea", "Korean", "Koreans", "White", "House", "Kremlin", "China",
    "Chinese", "Russia", "Russian", "America", "American", "Americans", "Washington", "Pyongyang", "Beijing",
    "Moscow", "Hanoi", "Singapore", "Asia", "Europe", "The", "A", "An", "In", "On", "But", "And", "Yet", "As", "It",
    "This", "That", "He", "She", "They", "We", "I", "Twitter", "Fox", "News", "CNN", "AP", "Reuters", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December", "Security", "Council",
    "Nations", "Conference", "Summit", "Department", "State", "Defense", "Ministry", "Agency",
}  # fmt: skip
_STOP |= {
    "If", "When", "While", "After", "Before", "Since", "Although", "However", "Meanwhile", "Still", "So", "Now",
    "Then", "Here", "There", "What", "Why", "How", "Asked", "Speaking", "According", "I’m", "I'm", "Accord",
    "Paris", "France", "French", "Germany", "German", "Japan", "India", "Indian", "Vietnam", "Iran", "Syria",
    "European", "Union", "NATO", "Congress", "Senate", "Parliament", "Times", "Post", "Press",
}  # fmt: skip
KNOWN = {  # used only when the text names a leader by surname alone and never in full
    "Trump": "Donald Trump", "Kim": "Kim Jong Un", "Xi": "Xi Jinping", "Putin": "Vladimir Putin",
    "Reagan": "Ronald Reagan", "Gorbachev": "Mikhail Gorbachev", "Bush": "George W. Bush", "Moon": "Moon Jae-in",
    "Obama": "Barack Obama", "Merkel": "Angela Merkel", "Macron": "Emmanuel Macron", "Biden": "Joe Biden",
    "Pompeo": "Mike Pompeo", "Pence": "Mike Pence", "Lavrov": "Sergei Lavrov", "Modi": "Narendra Modi",
}  # fmt: skip
US_PRESIDENTS = (  # "THE PRESIDENT" in a White House transcript, by the transcript's date
    (dt.date(1981, 1, 20), "Ronald Reagan"), (dt.date(1989, 1, 20), "George H. W. Bush"),
    (dt.date(1993, 1, 20), "Bill Clinton"), (dt.date(2001, 1, 20), "George W. Bush"),
    (dt.date(2009, 1, 20), "Barack Obama"), (dt.date(2017, 1, 20), "Donald Trump"),
    (dt.date(2021, 1, 20), "Joe Biden"), (dt.date(2025, 1, 20), "Donald Trump"),
)  # fmt: skip


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
    people = _People(text)
    spans = _spans(text)
    found: list[Found] = []
    for start, end in spans:
        words = text[start:end].strip().rstrip(",")
        if not words:
            continue
        sentence_start, sentence_end = _sentence_bounds(text, start, end)
        before = _masked(text, sentence_start, start - 1, spans)
        after = _masked(text, end + 1, sentence_end, spans)
        fragment = _embedded(before)
        who, how = _attribution(before, after, people, start)
        if who is None and not fragment and not before.strip():
            who, how = _introduced(text, sentence_start, people)
        if who is None and not fragment and not before.strip(" \n\t—–-:") and found:
            previous = found[-1]
            if previous.speaker and start - (previous.start + len(previous.text)) < 400:
                who, how = previous.speaker, "continues the quote before"
        if who is None and (fragment or len(words.split()) <= 3):
            continue  # a scare quote, a title, or a word the writer holds at arm's length
        target = _target(text, sentence_start, sentence_end, start, end, who, people)
        found.append(Found(start, words, who, target, fragment, how or "no speaker found"))
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


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a quotation: from the end of the sentence before its opening mark to the next sentence
    end after its closing mark (a sentence end inside the quotation does not count)."""
    head = text[:start]  # with the opening mark, which tells a sentence end before it: 'compliment. "She …'
    ends = [m.end() for m in _SENTENCE_END.finditer(head) if m.end() < start]
    begin = ends[-1] if ends else 0
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


def _attribution(before: str, after: str, people: _People, position: int) -> tuple[str | None, str]:
    for pattern in _AFTER:
        m = pattern.match(after)
        if m:
            who = m.group("who") if "who" in m.groupdict() else _AFTER_WHO.match(after).group("who")  # type: ignore[union-attr]
            person = people.resolve(who, position)
            if person:
                return person, "attribution after the quote"
    tail = before[-200:]
    for pattern in _BEFORE:
        for m in reversed(list(pattern.finditer(tail))):  # the attribution nearest the quotation
            person = people.resolve(m.group("who"), position)
            if person:
                return person, "attribution before the quote"
    return None, ""


def _introduced(text: str, sentence_start: int, people: _People) -> tuple[str | None, str]:
    """The speaker a preceding sentence introduces ("Trump said on Thursday:", "He added:")."""
    head = text[:sentence_start].rstrip()
    if not head:
        return None, ""
    previous_start = max(head.rfind("\n"), max((m.end() for m in _SENTENCE_END.finditer(head)), default=0))
    previous = head[previous_start:]
    m = re.search(rf"(?P<who>{_WHO})\s+(?:also\s+|then\s+)?(?:{_VERBS})\b[^.]*[:.,]?\s*$", previous)
    if m and (previous.rstrip().endswith(":") or len(previous) < 200):
        person = people.resolve(m.group("who"), sentence_start)
        if person:
            return person, "introduced by the sentence before"
    subject = re.match(rf"\s*(?P<who>{_NAME})\b", previous)  # "Obama … smiled and paid Merkel a compliment."
    person = people.resolve(subject["who"], sentence_start) if subject else None
    return (person, "the subject of the sentence before") if person else (None, "")


def _target(text: str, s0: int, s1: int, start: int, end: int, speaker: str | None, people: _People) -> str | None:
    """Whom the words are about, when the sentence names one other person (outside or inside the quotation)."""
    if speaker is None:
        return None
    for part in (text[s0 : start - 1] + " " + text[end + 1 : s1], text[start:end]):
        for name in people.mentioned(part):
            if name != speaker:
                return name
    return None


def _key(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").replace(".", " ").split())


_CANONICAL = {_key(name): name for name in KNOWN.values()}
_TITLE_WORDS = frozenset("President Secretary General Minister Chairman Chairwoman Premier Leader Chancellor".split())
_DESCRIPTORS = frozenset("US U.S. UK EU Soviet Russian Chinese American German French Korean North South".split())


def canonical(name: str | None) -> str | None:
    """A leader's name as KNOWN spells it when the text spells it otherwise ("Kim Jong-un" → "Kim Jong Un")."""
    return None if name is None else _CANONICAL.get(_key(name), name)


def _after_last_title(words: list[str]) -> list[str]:
    """The words after the last title or descriptor in a run of capitalised words: "Meeting With Soviet President
    Mikhail Gorbachev" → Mikhail Gorbachev, "US President Barack Obama" → Barack Obama."""
    cut = max((i + 1 for i, w in enumerate(words) if w in _TITLE_WORDS or w in _DESCRIPTORS), default=0)
    return words[cut:]  # nothing when the run ends in a title ("Mr. General Secretary")


class _People:
    """The people a text names: full names, the surnames and family names that point to them, and where each is
    mentioned (for pronouns)."""

    def __init__(self, text: str) -> None:
        self.full: dict[str, str] = {}
        self.mentions: list[tuple[int, str]] = []
        self.titled: list[tuple[int, str, str]] = []
        for m in re.finditer(rf"(?:(?P<title>{_TITLES})\s+)?(?P<name>{_NAME})", text):
            words = [w.rstrip(".,’'s") if w.endswith(("’s", "'s")) else w for w in self._strip(m.group("name"))]
            words = _after_last_title([w for w in words if w])
            if not words or words[0] in _STOP or any(w in _STOP for w in words):
                continue
            if len(words) >= 2:
                full = " ".join(words)
                for key in (words[-1], words[0]):
                    self.full.setdefault(key, full)
        for m in re.finditer(rf"(?:(?P<title>{_TITLES})\s+)?(?P<name>{_NAME})", text):
            person = self._lookup(" ".join(self._strip(m.group("name"))))
            if person:
                self.mentions.append((m.start(), person))
                inner = re.search(rf"(?:^|\s)(?P<title>{_TITLES})\s+\S+", m.group(0))  # "… General Secretary X"
                if inner:
                    self.titled.append((m.start(), inner["title"].lower(), person))

    @staticmethod
    def _strip(name: str) -> list[str]:
        words = name.split()
        while words and (re.fullmatch(_TITLES, words[0]) or words[0] == "Q"):  # titles, and a transcript's "Q"
            words = words[1:]
        titles = [t for t in _TITLES.split("|") if " " in t]
        joined = " ".join(words)
        for t in titles:
            if joined.startswith(t + " "):
                joined = joined[len(t) + 1 :]
        words = joined.split()
        return [w[:-2] if w.endswith(("’s", "'s")) else w for w in words]

    def _lookup(self, name: str) -> str | None:
        words = _after_last_title(name.split())
        if not words or any(w in _STOP for w in words):
            return None
        if len(words) >= 2:
            full = " ".join(words)
            found = self.full.get(words[-1], full) if self.full.get(words[-1], full).endswith(words[-1]) else full
            return canonical(found)
        return canonical(self.full.get(words[0]) or KNOWN.get(words[0]))

    def resolve(self, who: str, position: int) -> str | None:
        who = who.strip()
        if re.fullmatch(_PRONOUN, who):
            earlier = [p for at, p in self.mentions if at < position]
            return earlier[-1] if earlier else None
        if re.fullmatch(_DESCRIBED, who):
            role = who.split()[-1].lower()
            earlier = [p for at, title, p in self.titled if at < position and role in title]
            return earlier[-1] if earlier else None
        return self._lookup(" ".join(self._strip(who)))

    def mentioned(self, part: str) -> list[str]:
        names = []
        for m in re.finditer(rf"(?P<name>{_NAME})", part):
            person = self._lookup(" ".join(self._strip(m.group("name"))))
            if person and person not in names:
                names.append(person)
        return names


# --- transcripts -------------------------------------------------------------------------------------------


def _transcript_turns(text: str, date: dt.date | None) -> list[Found] | None:
    labels = list(_LABEL.finditer(text))
    if len(labels) < 3 or not any(m.start() == 0 or text[m.start() - 1] == "\n" for m in labels[:3]):
        return None
    people = _People(text)
    date = date or first_date(text)
    found: list[Found] = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        words = " ".join(text[m.end() : end].split())
        words = re.sub(r"^\((?:As interpreted|Laughter|Applause)[^)]*\)\s*", "", words)
        label = m.group("label") or m.group("q")
        if not words or label.upper() in ("Q", "QUESTION", "REPORTER"):
            continue
        speaker = _speaker_of_label(label, date, people)
        target = next((p for p in people.mentioned(words) if p != speaker), None)
        found.append(Found(m.end(), words, speaker, target, False, "transcript speaker label"))
    return found


def _speaker_of_label(label: str, date: dt.date | None, people: _People) -> str | None:
    if label.upper() == "THE PRESIDENT":
        if date is None:
            return None
        return next((name for since, name in reversed(US_PRESIDENTS) if date >= since), None)
    if label.lower().startswith("the "):  # "The General Secretary.": the person the text names with that title
        return people.resolve(label.lower(), 10**9)
    words = [w.capitalize() if w.isupper() else w for w in label.replace(".", " ").split()]
    name = " ".join(_People._strip(" ".join(words)))
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
