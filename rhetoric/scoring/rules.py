"""Rules of our own over a quote's warmth terms: shifters, negation, refusals, contrast and threats.

Each rule takes the terms found so far, as (token index, term, category, raw contribution), with the
quote's normalised tokens and each token's sentence number, and returns new terms. None of them looks
at a quote's speaker or target; they are about how diplomatic statements are built.

- **Shifters.** A verb that ends, eases or overcomes something turns a negative word it governs into
  a positive one: "overcome obstacles", "ease tensions", "end the hostility", "avoid confrontation".
  It governs up to six words after it, to the end of its clause ("eliminate the threat and fear of
  war"), or, for the forms that follow their object ("dislikes have been weakened", "confrontation is
  a thing of the past"), the four words before it, within its sentence. A negated shifter shifts
  nothing ("problems aren't resolved").
  The negative word flips as VADER flips a negated word (times -0.74), and a shifter that is itself
  negative in VADER ("avoid", "weakened") then counts for nothing, because its harshness was aimed at
  the problem. Insults and threats do not flip. This is the "polarity shifter" of the sentiment
  literature (Polanyi and Zaenen 2006; Schulder et al. 2017) with a short diplomatic list.
- **Negated hostility.** VADER turns a negated cold word into a warm one ("not a threat" scores like
  praise). For warmth a negated cold word counts for nothing: "China does not want a trade war, but it
  does not fear one" is a warning, not a compliment. (Kiritchenko and Mohammad 2016 found negated
  negative words land near neutral.) Negated warm words still turn cold as in VADER.
- **Refusals.** A negated modal ("cannot", "will not", "could not") or "do not want" with no feeling
  word for the negation to flip is a refusal and weighs as VADER's "refuse" (-1.2): "This we could not
  and will not do." Not in a sentence with "if" or "unless", where it is a hypothetical, and not
  before "be" ("will not be long remembered" describes).
- **Words of size.** "great", "historic", "huge" and the like, right before a cold word (or a run
  of such words joined by "and"), measure it rather than praise: "a historic and fundamental
  mistake" loses the praise and the mistake grows by VADER's booster step.
- **Contrast.** VADER halves what comes before "but" and adds half to what follows. The same holds
  for "however" here, and for our phrases around "but", as VADER would weigh their words.
- **Threats.** In a sentence that holds a threat term, positive words count for nothing.
- **Negated comparatives.** "No greater friend", "relations have never been better", "it could not be
  better" say the most, not the least: after "no", "never", "nothing", "none", "nobody" or "could not", a
  comparative ("better", "greater", "closer", "worse" ...) and the words after it in VADER's three-word
  scope keep their own sign ("never been worse" stays cold). VADER flips them as it flips any negated word.
"""

from __future__ import annotations

from rhetoric.scoring import vader

Term = tuple[int, str, str, float]  # token index, term, category, raw contribution

N_SCALAR = vader.N_SCALAR  # VADER's factor for a negated word (-0.74)
NEGATED_NEGATIVE = 0.0  # warmth's factor for a negated cold word: "we do not want a trade war" is no warmth
SHIFTERS_BEFORE = frozenset(
    [
        "overcome",
        "overcame",
        "overcoming",
        "overcomes",
        "end",
        "ended",
        "ending",
        "ends",
        "ease",
        "eased",
        "easing",
        "eases",
        "reduce",
        "reduced",
        "reducing",
        "reduces",
        "lessen",
        "lessened",
        "lessening",
        "eliminate",
        "eliminated",
        "eliminating",
        "remove",
        "removed",
        "removing",
        "resolve",
        "resolved",
        "resolving",
        "settle",
        "settled",
        "settling",
        "prevent",
        "prevented",
        "preventing",
        "avoid",
        "avoided",
        "avoiding",
        "avert",
        "averted",
        "averting",
        "halt",
        "halted",
        "cease",
        "ceased",
        "defuse",
        "defused",
        "defusing",
        "dispel",
        "dispelled",
        "dispelling",
        "alleviate",
        "alleviated",
    ]
)  # not "fight", "combat" or "defeat": "fight terrorism" ends a problem, "fight a trade war" wages one
SHIFTERS_AFTER = (  # forms that follow what they end, as token sequences
    ("weakened",),
    ("ended",),
    ("eased",),
    ("overcome",),
    ("receded",),
    ("dispelled",),
    ("resolved",),
    ("thing", "of", "the", "past"),
    ("thing", "of", "past"),
    ("behind", "us"),
    ("shaken", "loose"),
    ("no", "longer"),
)
SCOPE_BEFORE, SCOPE_AFTER = 6, 4  # a shifter governs up to six words after it, to the end of its clause
CLAUSE_WORDS = frozenset({"but", "which", "that", "who", "while", "because", "so", "then"})
CLAUSE_ENDS = (",", ";", ":", ".", "!", "?")
UNSHIFTED = frozenset({"insult", "threat"})  # "end this madman's rule" is no warmer for the ending
MODAL_NEGATIONS = frozenset({"cannot", "can't", "won't", "wouldn't", "couldn't", "shan't", "mustn't"})
MODALS = frozenset({"will", "would", "can", "could", "shall", "must"})
REFUSAL = -1.2  # as VADER's own 'refuse'
CONTRAST_WORD = "however"
MAGNITUDE = frozenset(
    [
        "great",
        "greatest",
        "huge",
        "big",
        "bigger",
        "biggest",
        "enormous",
        "tremendous",
        "historic",
        "massive",
        "major",
        "total",
        "absolute",
        "fundamental",
        "real",
        "serious",
        "grave",
    ]
)
_SENTENCE_END = (".", "!", "?")
_CLOSERS = "\"'”’)]"


COMPARATIVES = frozenset(
    [
        "better",
        "greater",
        "stronger",
        "closer",
        "warmer",
        "deeper",
        "higher",
        "bigger",
        "finer",
        "friendlier",
        "worse",
        "weaker",
        "colder",
        "lower",
        "poorer",
    ]
)
COMPARATIVE_NEGATORS = frozenset({"no", "never", "nothing", "none", "nobody", "couldn't", "can't", "cannot"})
LINKING = frozenset(
    {
        "been",
        "be",
        "a",
        "an",
        "the",
        "had",
        "have",
        "has",
        "was",
        "is",
        "were",
        "are",
        "there",
        "ever",
        "any",
        "one",
        "so",
        "much",
        "far",
    }
)


def negated_comparatives(lower: list[str]) -> list[int]:
    """Tokens VADER negates that a negated comparative makes superlative: "no greater friend" gives the
    indices of "greater" and "friend", "never been better" that of "better"."""
    if COMPARATIVES.isdisjoint(lower):
        return []
    out: list[int] = []
    for k, word in enumerate(lower):
        if word not in COMPARATIVES:
            continue
        for j in range(k - 1, max(-1, k - 4), -1):
            before = lower[j]
            if before in LINKING:
                continue
            if before in COMPARATIVE_NEGATORS or (before == "not" and j > 0 and lower[j - 1] in ("could", "can")):
                out.extend(i for i in range(k, min(j + 4, len(lower))) if i not in out)
            break
    return out


def has_negation(lower: list[str]) -> bool:
    """True when some token is one of VADER's negations ("not", "never", "cannot", any "n't" ...)."""
    return not vader.NEGATE.isdisjoint(lower) or "n't" in " ".join(lower)


def negates_a_cold_word(lower: list[str], lexicon: dict[str, float]) -> bool:
    """True when a negation (or VADER's "no") stands up to three words before a word that is cold in
    the lexicon: only then do warmth's valences differ from VADER's."""
    for j, word in enumerate(lower):
        if word == "no" or vader.is_negated(word):
            for k in range(j + 1, min(j + 4, len(lower))):
                if lexicon.get(lower[k], 0.0) < 0:
                    return True
    return False


def refusals(terms: list[Term], norm: list[str], sentence: list[int]) -> list[Term]:
    """A negated modal or 'want' with no feeling word to flip in VADER's three-word scope is a refusal.

    "This we could not and will not do", "we cannot denuclearize now": VADER's negation has nothing to
    act on there and the refusal goes unscored. Each such refusal adds REFUSAL (category "refusal"),
    except in a sentence with "if" or "unless", where it is a hypothetical ("If it wasn't for that
    relationship, we would not have been able to meet").
    """
    found = []
    scored = {idx for idx, *_ in terms}
    hypothetical = {sentence[i] for i, word in enumerate(norm) if word in ("if", "unless")}
    for i, word in enumerate(norm):
        if word in MODAL_NEGATIONS:
            phrase = word
        elif word in ("not", "never") and i > 0 and norm[i - 1] in MODALS:
            phrase = f"{norm[i - 1]} {word}"
        elif word == "want" and i > 0 and norm[i - 1] in ("don't", "doesn't", "didn't"):
            phrase = f"{norm[i - 1]} want"
        elif word == "want" and i > 1 and norm[i - 1] == "not" and norm[i - 2] in ("do", "does", "did"):
            phrase = f"{norm[i - 2]} not want"
        else:
            continue
        if norm[i + 1 : i + 2] in (["be"], ["been"]):
            continue  # "will not be long remembered" describes; it refuses nothing
        if sentence[i] not in hypothetical and scored.isdisjoint(range(i + 1, i + 4)):
            found.append((i, phrase, "refusal", REFUSAL))
    return terms + found if found else terms


def sentence_ids(raw: list[str]) -> list[int]:
    """The sentence number of each whitespace token (a token ending in . ! or ? closes a sentence)."""
    ids, current = [], 0
    for tok in raw:
        ids.append(current)
        if tok.rstrip(_CLOSERS).endswith(_SENTENCE_END):
            current += 1
    return ids


_AFTER_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _form in SHIFTERS_AFTER:
    _AFTER_BY_FIRST.setdefault(_form[0], []).append(_form)


def _shifter_spans(norm: list[str], raw: list[str]) -> list[tuple[int, range, str]]:
    """(shifter's token, the tokens it governs, shifter) for each shifter that is not itself negated."""
    if SHIFTERS_BEFORE.isdisjoint(norm) and _AFTER_BY_FIRST.keys().isdisjoint(norm):
        return []
    spans = []
    for i, word in enumerate(norm):
        if word in SHIFTERS_BEFORE:
            end = i + 1
            while end < min(len(norm), i + 1 + SCOPE_BEFORE) and norm[end] not in CLAUSE_WORDS:
                end += 1
                if raw[end - 1].endswith(CLAUSE_ENDS):
                    break
            span = (i, range(i + 1, end), word)
        else:
            span = None
            for form in _AFTER_BY_FIRST.get(word, ()):
                if tuple(norm[i : i + len(form)]) == form:
                    span = (i, range(max(0, i - SCOPE_AFTER), i), " ".join(form))
        if span and not any(vader.is_negated(w) for w in norm[max(0, i - 3) : i]):  # "aren't resolved" shifts nothing
            spans.append(span)
    return spans


def shift(terms: list[Term], norm: list[str], raw: list[str], sentence: list[int]) -> list[Term]:
    """Negative terms governed by a shifter flip; negative shifters that flipped something drop out."""
    if all(t[3] >= 0 for t in terms):
        return terms
    spans = _shifter_spans(norm, raw)
    if not spans:
        return terms
    shifted: dict[int, str] = {}
    shifters: set[int] = set()
    for at, governed, word in spans:
        for idx, _, category, value in terms:
            if value < 0 and idx in governed and sentence[idx] == sentence[at] and category not in UNSHIFTED:
                shifted.setdefault(idx, word)
                shifters.add(at)
    if not shifted:
        return terms
    out = []
    for idx, term, category, value in terms:
        if idx in shifted:
            out.append((idx, term, f"shifted by '{shifted[idx]}'", value * N_SCALAR))
        elif not (value < 0 and idx in shifters):  # a cold shifter's harshness was aimed at the problem
            out.append((idx, term, category, value))
    return out


def degree(terms: list[Term], norm: list[str]) -> list[Term]:
    """A word of size right before a cold word measures it rather than praising: in "a historic mistake"
    or "a great danger", "historic" and "great" drop their warmth and the cold word grows by VADER's
    booster step (0.293)."""
    if MAGNITUDE.isdisjoint(norm):
        return terms
    cold = {idx: i for i, (idx, _, _, raw) in enumerate(terms) if raw < 0}
    if not cold:
        return terms
    out = list(terms)
    dropped = set()
    for i, (idx, _term, _category, raw) in enumerate(terms):
        if not (raw > 0 and norm[idx] in MAGNITUDE):
            continue
        k = idx + 1  # past other words of size: "a historic and fundamental mistake"
        while k < len(norm) and (norm[k] in MAGNITUDE or norm[k] == "and") and k not in cold:
            k += 1
        if k in cold:
            j = cold[k]
            nidx, nterm, ncat, nraw = out[j]
            out[j] = (nidx, nterm, ncat, nraw - vader.B_INCR)
            dropped.add(i)
    return [t for i, t in enumerate(out) if i not in dropped] if dropped else terms


def contrast(terms: list[Term], norm: list[str]) -> list[Term]:
    """'however' weighs like VADER's 'but': what comes before it halved, what follows it times 1.5.

    VADER's own 'but' weighting is already in the word valences; `phrase_but` applies it to phrases.
    """
    return _weigh_around(terms, norm.index(CONTRAST_WORD)) if CONTRAST_WORD in norm else terms


def phrase_but(phrases: list[Term], lower: list[str]) -> list[Term]:
    """VADER's 'but' rule for phrase terms: halved before the first 'but', half again after it."""
    return _weigh_around(phrases, lower.index("but")) if "but" in lower else phrases


def _weigh_around(terms: list[Term], at: int) -> list[Term]:
    return [(i, t, c, v * (0.5 if i < at else 1.5 if i > at else 1.0)) for i, t, c, v in terms]


def threat(terms: list[Term], sentence: list[int]) -> list[Term]:
    """In a sentence that holds a threat term, positive terms count for nothing."""
    threatened = {sentence[idx] for idx, _, category, raw in terms if category == "threat" and raw < 0}
    if not threatened:
        return terms
    return [t for t in terms if not (t[3] > 0 and sentence[t[0]] in threatened)]
