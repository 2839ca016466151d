"""VADER's rules, run once per text over shared tokens: the same valences, without repeated work.

vaderSentiment's `polarity_scores` rebuilds lower-cased token lists inside its per-word checks and
walks every character looking for emoji. This module applies the same rules to tokens lower-cased
once, and can score one token list against two lexicons (plain VADER and VADER plus the diplomatic
words). `tests/test_vader.py` checks that `compound` equals `polarity_scores(...)["compound"]`.
"""

from __future__ import annotations

import math
import string

from vaderSentiment import vaderSentiment as _v

BOOSTER = _v.BOOSTER_DICT
NEGATE = frozenset(_v.NEGATE)
SPECIAL_CASES = _v.SPECIAL_CASES
N_SCALAR = _v.N_SCALAR
C_INCR = _v.C_INCR
B_INCR = _v.B_INCR
_but_check = _v.SentimentIntensityAnalyzer._but_check  # reused as is: its quirks are part of the scores
_SIA = _v.SentimentIntensityAnalyzer
DOUBT = frozenset({"doubt", "doubts", "doubted", "doubtful"})
# Words whose presence lets _negation change a valence, and the word sets of VADER's multi-word idioms
# and boosters (an n-gram can only match when all its words are in the text).
_NEGATION_CONTEXT = NEGATE | {"never", "without", "so", "this"}
_IDIOM_WORDS = [frozenset(k.split()) for k in (*SPECIAL_CASES, *BOOSTER) if " " in k]


def is_negated(word_lower: str) -> bool:
    """VADER's test for a negation: one of its negation words, or any word with "n't"."""
    return word_lower in NEGATE or "n't" in word_lower


def demojize(text: str, emojis: dict[str, str]) -> str:
    """VADER's emoji-to-words pass, skipped when the text holds no emoji (the usual case)."""
    if text.isascii() or emojis.keys().isdisjoint(text):
        return text.strip()
    out = []
    prev_space = True
    for ch in text:
        if ch in emojis:
            if not prev_space:
                out.append(" ")
            out.append(emojis[ch])
            prev_space = False
        else:
            out.append(ch)
            prev_space = ch == " "
    return "".join(out).strip()


def tokens(text: str) -> list[str]:
    """VADER's words and emoticons: split on whitespace, strip punctuation unless that leaves <= 2 chars."""
    out = []
    for tok in text.split():
        stripped = tok.strip(string.punctuation)
        out.append(tok if len(stripped) <= 2 else stripped)
    return out


def cap_differential(toks: list[str]) -> bool:
    """True when some but not all tokens are ALL CAPS (VADER's allcap_differential)."""
    caps = sum(1 for t in toks if t.isupper())
    return 0 < len(toks) - caps < len(toks)


def valences(
    toks: list[str], lower: list[str], lexicon: dict[str, float], cap_diff: bool, negated_negative: float = N_SCALAR
) -> list[float]:
    """Each token's valence after VADER's booster, negation, caps, idiom, 'least' and 'but' rules.

    `negated_negative` is the factor for a negated word whose valence is negative; VADER uses N_SCALAR
    for every word, and so does this function unless told otherwise. Words of doubt always flip as
    in VADER: "no doubt" is certainty, not the absence of a feeling.
    """
    n = len(toks)
    out: list[float] = []
    # Which of VADER's per-word checks can change anything in this text; the others are skipped, which
    # leaves every valence exactly as VADER computes it (tested against polarity_scores).
    present = set(lower)
    boosters = not BOOSTER.keys().isdisjoint(present)
    negations = not _NEGATION_CONTEXT.isdisjoint(present) or "n't" in " ".join(lower)
    idioms = any(words <= present for words in _IDIOM_WORDS)
    for i in range(n):
        lw = lower[i]
        if lw in BOOSTER:
            out.append(0)
            continue
        if lw == "kind" and i < n - 1 and lower[i + 1] == "of":
            out.append(0)
            continue
        if lw not in lexicon:
            out.append(0)
            continue
        valence = lexicon[lw]
        flip = N_SCALAR if valence >= 0 or lw in DOUBT else negated_negative  # by the word's own sign
        if lw == "no" and i != n - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lower[i - 1] == "no")
            or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
        ):
            valence = lexicon[lw] * flip
        item = toks[i]
        if item.isupper() and cap_diff:
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        for start_i in range(3):
            if i > start_i and lower[i - (start_i + 1)] not in lexicon:
                if boosters:
                    valence += _scalar(toks[i - (start_i + 1)], lower[i - (start_i + 1)], valence, cap_diff, start_i)
                if negations:
                    valence = _negation(valence, lower, start_i, i, flip)
                if start_i == 2 and idioms:
                    valence = _idioms(valence, lower, i)
        valence = _least(valence, lower, lexicon, i)
        out.append(valence)
    if "but" in lower:
        out = _but_check(lower, out)
    return out


def _scalar(word: str, word_lower: str, valence: float, cap_diff: bool, start_i: int) -> float:
    if word_lower not in BOOSTER:
        return 0.0
    scalar = BOOSTER[word_lower]
    if valence < 0:
        scalar *= -1
    if word.isupper() and cap_diff:
        scalar = scalar + C_INCR if valence > 0 else scalar - C_INCR
    if start_i == 1 and scalar != 0:
        scalar *= 0.95
    elif start_i == 2 and scalar != 0:
        scalar *= 0.9
    return scalar


def _negation(valence: float, lw: list[str], start_i: int, i: int, factor: float = N_SCALAR) -> float:
    if start_i == 0:
        if is_negated(lw[i - 1]):
            valence *= factor
    elif start_i == 1:
        if lw[i - 2] == "never" and lw[i - 1] in ("so", "this"):
            valence *= 1.25
        elif lw[i - 2] == "without" and lw[i - 1] == "doubt":
            pass
        elif is_negated(lw[i - 2]):
            valence *= factor
    else:
        if (lw[i - 3] == "never" and lw[i - 2] in ("so", "this")) or lw[i - 1] in ("so", "this"):
            valence *= 1.25
        elif lw[i - 3] == "without" and (lw[i - 2] == "doubt" or lw[i - 1] == "doubt"):
            pass
        elif is_negated(lw[i - 3]):
            valence *= factor
    return valence


def _idioms(valence: float, lw: list[str], i: int) -> float:
    # Python's negative indexing is part of VADER's behaviour here (i - 3 may be -1 at i == 2).
    onezero = f"{lw[i - 1]} {lw[i]}"
    twoonezero = f"{lw[i - 2]} {lw[i - 1]} {lw[i]}"
    twoone = f"{lw[i - 2]} {lw[i - 1]}"
    threetwoone = f"{lw[i - 3]} {lw[i - 2]} {lw[i - 1]}"
    threetwo = f"{lw[i - 3]} {lw[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    if len(lw) - 1 > i:
        zeroone = f"{lw[i]} {lw[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if len(lw) - 1 > i + 1:
        zeroonetwo = f"{lw[i]} {lw[i + 1]} {lw[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER:
            valence = valence + BOOSTER[n_gram]
    return valence


def _least(valence: float, lw: list[str], lexicon: dict[str, float], i: int) -> float:
    if i > 1 and lw[i - 1] not in lexicon and lw[i - 1] == "least":
        if lw[i - 2] != "at" and lw[i - 2] != "very":
            valence *= N_SCALAR
    elif i > 0 and lw[i - 1] not in lexicon and lw[i - 1] == "least":
        valence *= N_SCALAR
    return valence


def emphasis(text: str) -> float:
    """VADER's amplifier for exclamation and question marks."""
    return _SIA._amplify_ep(text) + _SIA._amplify_qm(text)


def compound(total: float, amplifier: float) -> float:
    """VADER's compound from a valence sum and the punctuation amplifier (rounded to 4 places as VADER does)."""
    if total > 0:
        total += amplifier
    elif total < 0:
        total -= amplifier
    return round(normalize(total), 4)


def normalize(score: float, alpha: float = 15) -> float:
    """Map a valence sum into -1..1 as VADER does."""
    norm = score / math.sqrt(score * score + alpha)
    return max(-1.0, min(1.0, norm))
