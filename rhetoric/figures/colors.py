"""One colour per speaker, the same in every view, on every dataset and in the report: derived from the name.

- The leaders of the bundled pairs have fixed colours from the Okabe–Ito palette, which colour-blind readers
  tell apart.
- Anyone else gets a colour chosen by a hash of the name from Paul Tol's colour-blind-safe sets, so an upload's
  unknown speaker keeps the same colour wherever it appears; within one chart no two speakers share a colour
  (a taken colour moves on to the next free one, names in alphabetical order).
- Officials (speakers of a pair who are not one of its two leaders) are drawn as lighter shades of their
  side's leader: the side whose leader or country their words are not about.
- Progress and other non-speaker lines use greys and dashes, never a speaker's hue.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import polars as pl

from rhetoric import schema as s

LEADERS = {
    "Donald Trump": "#0072B2",  # blue
    "Kim Jong Un": "#D55E00",  # vermillion
    "Xi Jinping": "#CC79A7",  # reddish purple
    "Ronald Reagan": "#009E73",  # bluish green
    "Mikhail Gorbachev": "#E69F00",  # orange
    "George W. Bush": "#56B4E9",  # sky blue
    "Vladimir Putin": "#882255",  # wine
}
SURNAMES = {
    leader: surname for leader, surname in zip(LEADERS, ("Trump", "Kim", "Xi", "Reagan", "Gorbachev", "Bush", "Putin"))
}
TITLES = frozenset("president chairman chancellor premier prime minister general secretary leader mr mrs ms".split())
COUNTRIES = {  # a target naming the country speaks of its leader's side
    "Trump": ("United States",),
    "Kim": ("North Korea", "DPRK"),
    "Xi": ("China",),
    "Reagan": ("United States",),
    "Gorbachev": ("Soviet Union", "USSR"),
    "Bush": ("United States",),
    "Putin": ("Russia",),
}
OTHERS = (
    "#332288",  # indigo
    "#117733",  # green
    "#999933",  # olive
    "#AA4499",  # purple
    "#661100",  # brown
    "#6699CC",  # steel blue
    "#DDCC77",  # sand
    "#CC6677",  # rose
    "#88CCEE",  # cyan
    "#4477AA",  # blue
    "#228833",  # leaf
    "#EE6677",  # red
    "#CCBB44",  # mustard
    "#AA3377",  # magenta
    "#BBBBBB",  # grey
    "#000000",  # black
)
TINTS = (0.3, 0.45, 0.58, 0.68)  # how far an official's shade moves from its leader's colour to white
PROGRESS = ("#3b3b3b", "#7a7a7a", "#3b3b3b", "#7a7a7a")  # greys, one a pair, with the dashes below
PROGRESS_DASHES = ("solid", "solid", "dash", "dash")


def _index(name: str, size: int) -> int:
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16) % size


def tint(color: str, amount: float) -> str:
    """`color` moved `amount` of the way to white."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in (r, g, b))


def shade(color: str, amount: float) -> str:
    """`color` moved `amount` of the way to black: a pale shade made readable as text."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in (r, g, b))


def leader_of(name: str) -> str | None:
    """The bundled leader a name is: by full name, or by surname with titles ("Trump", "President Trump")."""
    if name in LEADERS:
        return name
    words = [w for w in name.replace(".", " ").split() if w.lower() not in TITLES]
    return next((leader for leader, surname in SURNAMES.items() if words == [surname]), None)


def sides(quotes: pl.DataFrame) -> dict[str, str]:
    """For each official in the quotes (a speaker of a pair who is not one of its leaders): the leader of
    their side, the one their words are not about; officials whose targets name neither side are left out."""
    if quotes.is_empty() or not {s.SPEAKER, s.TARGET, s.PAIR} <= set(quotes.columns):
        return {}
    votes: dict[str, dict[str, int]] = {}
    for speaker, target, pair in quotes.select(s.SPEAKER, s.TARGET, s.PAIR).unique().iter_rows():
        if not (speaker and target and pair) or leader_of(speaker) or "–" not in pair:
            continue
        a, b = (p.strip() for p in pair.split("–", 1))
        for about, other in ((a, b), (b, a)):
            named = about in target.split() or target in COUNTRIES.get(about, ())
            side = next((leader for leader, surname in SURNAMES.items() if surname == other), None)
            if named and side:
                votes.setdefault(speaker, {}).setdefault(side, 0)
                votes[speaker][side] += 1
    return {sp: max(v, key=lambda k: (v[k], k)) for sp, v in votes.items() if v}


def speaker_colors(speakers: Iterable[str], quotes: pl.DataFrame | None = None) -> dict[str, str]:
    """The colour of each speaker; `quotes` (speaker, target, pair) lets officials take their side's shade."""
    names = sorted(set(speakers))
    side = sides(quotes) if quotes is not None else {}
    colors: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:  # leaders first: their colours are fixed
        leader = leader_of(name)
        if leader and LEADERS[leader] not in taken:
            colors[name] = LEADERS[leader]
            taken.add(colors[name])
    for name in names:  # officials: shades of their leader, the first free one from a hash of the name
        if name in colors or name not in side:
            continue
        start = _index(name, len(TINTS))
        for step in range(len(TINTS)):
            shade = tint(LEADERS[side[name]], TINTS[(start + step) % len(TINTS)])
            if shade not in taken:
                colors[name] = shade
                taken.add(shade)
                break
    reserved = set(LEADERS.values())
    for name in names:  # everyone else: a hashed colour, the next free one if it is taken
        if name in colors:
            continue
        start = _index(name, len(OTHERS))
        free = [OTHERS[(start + k) % len(OTHERS)] for k in range(len(OTHERS))]
        pick = next((c for c in free if c not in taken and c not in reserved), None)
        if pick is None:  # more speakers than colours: shades of the hashed colour, still each its own
            pick = next(tint(OTHERS[start], t) for t in (*TINTS, 0.1, 0.2) if tint(OTHERS[start], t) not in taken)
        colors[name] = pick
        taken.add(pick)
    return colors
