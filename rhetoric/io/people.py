"""Who is who in a text: the people it names, the titles and spellings that point to one person, and the
pronouns and descriptions ("he", "the president") that stand for them; for rhetoric.io.extract."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence

_TITLES = (
    "President|Vice President|General Secretary|Chairman|Chairwoman|Premier|Prime Minister|Secretary of State|"
    "Secretary|Minister|"
    "Foreign Minister|Defense Secretary|Ambassador|Senator|Sen\\.|Rep\\.|Gov\\.|Governor|General|Gen\\.|Mr\\.|Mrs\\.|"
    "Ms\\.|Dr\\.|Mr|Mrs|Ms|Dr|PM|King|Queen|Pope|Chancellor|Supreme Leader|Leader|Spokesman|Spokeswoman|Envoy|First Lady"
)
_NAME_WORD = r"(?:[A-Z]\.|[A-Z][\w'’-]*)"  # a capitalised word, or an initial ("W.")
NAME = rf"\b{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|(?:de|van|von|bin|al|da|di|le|la)\b))*"
PRONOUN = r"\b(?:he|she|He|She)\b"
_ROLES = "president|leader|chairman|secretary|minister|premier|spokesman|spokeswoman|envoy|chancellor"
# "the president", "The Soviet leader", "the president of Türkiye": a person named by role
DESCRIBED = rf"\b[Tt]he[ \t]+(?:(?:[\w’'-]+|(?:[A-Z]\.)+)[ \t]+){{0,3}}?(?:{_ROLES})\b(?:[ \t]+of[ \t]+[A-Z][\w’'-]+)?"
_TITLED = re.compile(  # "Russian President Putin", "North Korean leader Kim Jong Un": a name after its role
    rf"(?P<phrase>(?:[A-Z][\w.’'-]*[ \t]+){{0,3}}(?i:vice president|prime minister|general secretary|{_ROLES})"
    rf"[ \t]+)(?P<name>{NAME})"
)
_SENTENCE = re.compile(r"(?<=[.!?…])[”\"’']?\s+(?=[“\"‘'A-Z])|\n+")
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.){2,3}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Jr|Sr|Lt|Col|No)\.)$")
_US = frozenset({"us", "u.s.", "american", "united", "states", "america", "white", "house"})

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
_STOP |= {  # institutions and nationalities: "According to the Turkish Presidency", "the British side"
    "Presidency", "Office", "Government", "Administration", "Cabinet", "Embassy", "Foreign", "Palace", "Turkish",
    "Türkiye", "Turkey", "British", "Britain", "UK", "Japanese", "Israeli", "Israel", "Ukrainian", "Ukraine",
    "Canadian", "Canada", "Australian", "Australia", "Italian", "Spanish", "Brazilian", "Mexican", "Mexico",
    "Iranian", "Syrian", "Saudi", "Egyptian", "Polish", "Dutch", "Swedish", "Vietnamese", "Pakistani", "Afghan",
    "Iraqi", "Palestinian", "Belarusian", "Soviet", "Kremlin’s", "Kremlin's", "Yonhap", "Kyodo", "Xinhua", "TASS",
    "KCNA", "UPI", "AFP", "G7", "G20", "Group",
    "Declaration", "Treaty", "Agreement", "Accord", "Accords", "Statement", "Communique", "Pact", "Charter", "Protocol",
}  # fmt: skip
KNOWN = {  # used only when the text names a leader by surname alone and never in full
    "Trump": "Donald Trump", "Kim": "Kim Jong Un", "Xi": "Xi Jinping", "Putin": "Vladimir Putin",
    "Reagan": "Ronald Reagan", "Gorbachev": "Mikhail Gorbachev", "Bush": "George W. Bush", "Moon": "Moon Jae-in",
    "Obama": "Barack Obama", "Merkel": "Angela Merkel", "Macron": "Emmanuel Macron", "Biden": "Joe Biden",
    "Pompeo": "Mike Pompeo", "Pence": "Mike Pence", "Lavrov": "Sergei Lavrov", "Modi": "Narendra Modi",
    "Clinton": "Bill Clinton", "Yeltsin": "Boris Yeltsin", "Abe": "Shinzo Abe", "Medvedev": "Dmitry Medvedev",
    "Erdogan": "Recep Tayyip Erdogan", "Erdoğan": "Recep Tayyip Erdoğan", "Zelensky": "Volodymyr Zelensky",
    "Trudeau": "Justin Trudeau", "Kishida": "Fumio Kishida", "Thatcher": "Margaret Thatcher",
}  # fmt: skip
US_PRESIDENTS = (  # "THE PRESIDENT" in a White House transcript, by the transcript's date
    (dt.date(1981, 1, 20), "Ronald Reagan"), (dt.date(1989, 1, 20), "George H. W. Bush"),
    (dt.date(1993, 1, 20), "Bill Clinton"), (dt.date(2001, 1, 20), "George W. Bush"),
    (dt.date(2009, 1, 20), "Barack Obama"), (dt.date(2017, 1, 20), "Donald Trump"),
    (dt.date(2021, 1, 20), "Joe Biden"), (dt.date(2025, 1, 20), "Donald Trump"),
)  # fmt: skip


def _unstopped(words: list[str]) -> list[str]:
    """Without the capitalised common words a run of capitals can open with ("But Macron", "Asked Trump")."""
    while words and words[0] in _STOP:
        words = words[1:]
    return words


def _key(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").replace(".", " ").split())


_CANONICAL = {_key(name): name for name in KNOWN.values()}
_TITLE_WORDS = frozenset(
    "President Secretary General Minister Chairman Chairwoman Premier Leader Chancellor Adviser Advisor Spokesman "
    "Spokeswoman Spokesperson Aide Ambassador Envoy Director Official Counselor Counsellor Senator Governor".split()
)
_DESCRIPTORS = frozenset("US U.S. UK EU Soviet Russian Chinese American German French Korean North South".split())


def canonical(name: str | None) -> str | None:
    """A leader's name as KNOWN spells it when the text spells it otherwise ("Kim Jong-un" → "Kim Jong Un", and with
    a middle initial: "Mikhail S. Gorbachev" → "Mikhail Gorbachev")."""
    if name is None:
        return None
    key = _key(name)
    words = key.split()
    return _CANONICAL.get(key) or _CANONICAL.get(f"{words[0]} {words[-1]}" if len(words) == 3 else "", name)


def _after_last_title(words: list[str]) -> list[str]:
    """The words after the last title or descriptor in a run of capitalised words: "Meeting With Soviet President
    Mikhail Gorbachev" → Mikhail Gorbachev, "US President Barack Obama" → Barack Obama."""
    cut = max((i + 1 for i, w in enumerate(words) if w in _TITLE_WORDS or w in _DESCRIPTORS), default=0)
    return words[cut:]  # nothing when the run ends in a title ("Mr. General Secretary")


class People:
    """The people a text names: full names, the surnames and family names that point to them, and where each is
    mentioned (for pronouns)."""

    def __init__(self, text: str, date: dt.date | None = None, quoted: Sequence[tuple[int, int]] = ()) -> None:
        self.date = date
        self.quoted = sorted(quoted)  # the quotations' spans: a name inside one is nobody's sentence subject
        self.sentences = [0] + [
            m.end()
            for m in _SENTENCE.finditer(text)
            if m.group(0).startswith("\n") or not _ABBREVIATION.search(text, max(0, m.start() - 12), m.start())
        ]
        # where the last quotation given to one speaker ended, and whose it was ("he" is neither of two together)
        self.speaker: tuple[int, str] | None = None
        self.full: dict[str, str] = {}
        self.mentions: list[tuple[int, str]] = []
        self.titled: list[tuple[int, str, str]] = []  # where, the role with its qualifiers, whom
        self.surnames: set[str] = set()  # a name the text gives only with a title ("President Clinton")
        for m in re.finditer(rf"(?:(?P<title>{_TITLES})\s+)?(?P<name>{NAME})", text):
            stripped = [w.rstrip(".,’'s") if w.endswith(("’s", "'s")) else w for w in self._strip(m.group("name"))]
            stripped = _unstopped([w for w in stripped if w])
            words = _after_last_title(stripped)
            if not words or any(w in _STOP for w in words):
                continue
            if len(words) >= 2:
                full = " ".join(words)
                for key in (words[-1], words[0]):
                    self.full.setdefault(key, full)
            elif m.group("title") or len(words) < len(stripped):
                self.surnames.add(words[0])
        for m in re.finditer(rf"(?:(?P<title>{_TITLES})\s+)?(?P<name>{NAME})", text):
            person = self._lookup(" ".join(self._strip(m.group("name"))))
            if person:
                self.mentions.append((m.start(), person))
        for m in _TITLED.finditer(text):
            person = self._lookup(" ".join(self._strip(m.group("name"))))
            if person:
                self.titled.append((m.start(), m.group("phrase").lower(), person))
        for m in re.finditer(DESCRIBED, text):  # "the Soviet leader" is a mention too, for a later "he"
            person = self._described(m.group(0), m.start())
            if person:
                self.mentions.append((m.start(), person))
        self.mentions.sort()
        for m in re.finditer(PRONOUN, text):  # each "he" stands for someone, and a later "he" may too
            person = self._salient(m.start())
            if person:
                bisect.insort(self.mentions, (m.start(), person))

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
        words = _after_last_title(_unstopped(name.split()))
        if not words or any(w in _STOP for w in words):
            return None
        if len(words) >= 2:
            full = " ".join(words)
            known = self.full.get(words[-1], full)
            return canonical(known if known.endswith(words[-1]) else full)
        single = self.full.get(words[0]) or KNOWN.get(words[0])
        return canonical(single) if single else (words[0] if words[0] in self.surnames else None)

    def resolve(self, who: str, position: int, continuing: bool = False) -> str | None:
        """The person `who` names at `position`; a pronoun with "added" (`continuing`) is whoever spoke last."""
        who = who.strip()
        if re.fullmatch(PRONOUN, who):
            if self.speaker and continuing and position - self.speaker[0] < 600:
                return self.speaker[1]
            if self.speaker and position - self.speaker[0] < 400:
                since = {p for at, p in self.mentions if self.speaker[0] <= at < position}
                if since <= {self.speaker[1]}:
                    return self.speaker[1]  # he: the one who was just speaking, when nobody else was named since
            last = bisect.bisect_left(self.mentions, (position, "")) - 1  # the last person named before
            return self._salient(position) or (self.mentions[last][1] if last >= 0 else None)
        if re.fullmatch(DESCRIBED, who):
            return self._described(who, position)
        return self._lookup(" ".join(self._strip(who)))

    def _salient(self, position: int) -> str | None:
        """Whom a pronoun at `position` stands for: the first person named (outside quotation marks) earlier in its
        own sentence, else in the nearest of the two sentences before it that names someone: the subject."""
        i = bisect.bisect_right(self.sentences, position) - 1
        for k in range(i, max(i - 3, -1), -1):
            lo, hi = self.sentences[k], (position if k == i else self.sentences[k + 1])
            first = bisect.bisect_left(self.mentions, (lo, ""))  # the mentions are in order of place
            for at, person in self.mentions[first:]:
                if at >= hi:
                    break
                if not self._inside_quote(at):
                    return person
        return None

    def _inside_quote(self, at: int) -> bool:
        j = bisect.bisect_right(self.quoted, (at, float("inf"))) - 1  # the last quotation that opens by `at`
        return j >= 0 and at < self.quoted[j][1]

    def _described(self, who: str, position: int) -> str | None:
        """The person a description stands for: "the president" in a story that names the US president of its
        date is him; otherwise the last person named with that role, with the same qualifiers where it has any
        ("the Soviet leader" → the one named "Soviet leader …")."""
        words = who.split()
        role = next(w.lower() for w in reversed(words) if re.fullmatch(_ROLES, w.lower()))
        qualifiers = {w.lower().rstrip("’'s") for w in words[1:] if w[:1].isupper()}
        us = us_president(self.date) if role == "president" and qualifiers <= _US else None
        if us and us in {p for _, p in self.mentions}:  # "the president" in a story: the US president then
            return us
        earlier = [
            (title, p)
            for at, title, p in self.titled
            if at < position and role in title and not (role == "president" and "vice president" in title)
        ]
        alike = [p for title, p in earlier if any(q[:4] in title for q in qualifiers)]
        chosen = alike or [p for _, p in earlier]
        return chosen[-1] if chosen else None

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
