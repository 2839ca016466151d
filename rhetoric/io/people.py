"""Who is who in a text: the people it names, the titles and spellings that point to one person, and the
pronouns and descriptions ("he", "the president") that stand for them; for rhetoric.io.extract."""

from __future__ import annotations

import datetime as dt
import re

_TITLES = (
    "President|Vice President|General Secretary|Chairman|Chairwoman|Premier|Prime Minister|Secretary of State|"
    "Secretary|Minister|"
    "Foreign Minister|Defense Secretary|Ambassador|Senator|Sen\\.|Rep\\.|Gov\\.|Governor|General|Gen\\.|Mr\\.|Mrs\\.|"
    "Ms\\.|Dr\\.|Mr|Mrs|Ms|Dr|King|Queen|Pope|Chancellor|Supreme Leader|Leader|Spokesman|Spokeswoman|Envoy|First Lady"
)
_NAME_WORD = r"(?:[A-Z]\.|[A-Z][\w'’-]*)"  # a capitalised word, or an initial ("W.")
NAME = rf"\b{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|(?:de|van|von|bin|al|da|di|le|la)\b))*"
PRONOUN = r"\b(?:he|she|He|She)\b"
DESCRIBED = (
    r"\bthe\s+(?:[a-z]+\s+){0,3}(?:president|leader|chairman|secretary|minister|premier|spokesman|spokeswoman|envoy)\b"
)

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
_STOP |= {  # words of headlines and titles in title case ("Biden, Xi Meet Ahead of G20")
    "Meet", "Meets", "Ahead", "Talks", "Says", "Hold", "Holds", "Vows", "Warns", "Visit", "Visits", "Over", "Amid",
    "Ties", "Trade", "War", "Deal", "With", "Of", "For", "To", "From", "Prior", "Following", "Meeting", "Exchange",
    "Remarks", "Informal", "Reporters",
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


class People:
    """The people a text names: full names, the surnames and family names that point to them, and where each is
    mentioned (for pronouns)."""

    def __init__(self, text: str, date: dt.date | None = None) -> None:
        self.date = date
        self.speaker: tuple[int, str] | None = None  # where the last attributed quotation ended, and its speaker
        self.full: dict[str, str] = {}
        self.mentions: list[tuple[int, str]] = []
        self.titled: list[tuple[int, str, str]] = []
        for m in re.finditer(rf"(?:(?P<title>{_TITLES})\s+)?(?P<name>{NAME})", text):
            words = [w.rstrip(".,’'s") if w.endswith(("’s", "'s")) else w for w in self._strip(m.group("name"))]
            words = _after_last_title([w for w in words if w])
            if not words or words[0] in _STOP or any(w in _STOP for w in words):
                continue
            if len(words) >= 2:
                full = " ".join(words)
                for key in (words[-1], words[0]):
                    self.full.setdefault(key, full)
        for m in re.finditer(rf"(?:(?P<title>{_TITLES})\s+)?(?P<name>{NAME})", text):
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
            known = self.full.get(words[-1], full)
            return canonical(known if known.endswith(words[-1]) else full)
        return canonical(self.full.get(words[0]) or KNOWN.get(words[0]))

    def resolve(self, who: str, position: int) -> str | None:
        who = who.strip()
        if re.fullmatch(PRONOUN, who):
            earlier = [p for at, p in self.mentions if at < position]
            since = {p for at, p in self.mentions if self.speaker and self.speaker[0] <= at < position}
            if self.speaker and position - self.speaker[0] < 400 and since <= {self.speaker[1]}:
                return self.speaker[1]  # he: the one who was just speaking, when nobody else was named since
            return earlier[-1] if earlier else None
        if re.fullmatch(DESCRIBED, who):
            role = who.split()[-1].lower()
            us = us_president(self.date) if role == "president" else None
            if us and us in {p for _, p in self.mentions}:  # "the president" in a story: the US president then
                return us
            earlier = [p for at, title, p in self.titled if at < position and role in title]
            return earlier[-1] if earlier else None
        return self._lookup(" ".join(self._strip(who)))

    def mentioned(self, part: str) -> list[str]:
        names = []
        for m in re.finditer(rf"(?P<name>{NAME})", part):
            person = self._lookup(" ".join(self._strip(m.group("name"))))
            if person and person not in names:
                names.append(person)
        return names


# --- transcripts -------------------------------------------------------------------------------------------


def us_president(date: dt.date | None) -> str | None:
    if date is None:
        return None
    return next((name for since, name in reversed(US_PRESIDENTS) if date >= since), None)
