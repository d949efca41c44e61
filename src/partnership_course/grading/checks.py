"""Scoring used by the autograder test cells that `build_source` writes into grading notebooks.

Each function prints one plain sentence for the learner's feedback, then returns the points
earned as a float: nbgrader reads the cell's result as partial credit. Nothing here may write to
stderr (nbgrader scores a cell that writes to stderr as 0) or import anything heavy: the
functions run in the autograding kernel and, when a learner runs a released notebook, in theirs.

The answer key and the rubric criterion are passed in by the test cell itself, so the copy of the
cell that nbgrader keeps in the gradebook is all that is needed to reproduce a score.

Every sentence is an interface string marked with `gettext("...", lang)`; `lang` comes from the
test cell (`grade source --lang es` writes `lang="es"`), else `PARTNERSHIP_COURSE_LANG`, else
English. English needs no catalogue, so an English kernel never reads one.

The numbers come from `content.scoring` (the widgets use the same functions); this module only
words them. The scoring rules, in the words the coach's runbook (grader/README.md) uses:

- choice: all the points when the first option chosen is keyed, else none (later tries are kept
  for learning and do not change the score);
- sort: points in proportion to the cards the first check found where the key puts them (a
  later re-sort is kept for learning and does not change the score);
- reflection: each machine-checkable rubric criterion, all or nothing;
- ladder: one step per statement marked as the key marks it, one for finishing the climb (every
  rung chosen), one per assumption tested with a good question; points in proportion to steps;
- starters: per family statement, one step for choosing an empathy reply and one for writing a
  reply in one's own words; points in proportion to steps;
- branching: all the points when the first ending reached is strong, `mixed_share` of them
  (half) when it is mixed, none otherwise (later attempts are kept for learning);
- plain_language: all the points when a draft was written and checked, else none;
- contact_planner: points in proportion to the families planned, up to `min_families`;
- action_plan: points in proportion to the fields of the plan that hold text.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..content import scoring
from ..words import word_count

DEFAULT_LANG = "en"


def resolve_lang(lang: str | None = None) -> str:
    """`lang`, else PARTNERSHIP_COURSE_LANG, else English (the one rule, `i18n.choose_language`;
    the grader ignores the machine's locale, so a report's language never depends on it)."""
    from ..i18n import choose_language

    return choose_language(lang, os.environ.get("PARTNERSHIP_COURSE_LANG"))


def gettext(message: str, lang: str | None = None) -> str:
    """`message` in `lang`; English is returned as is, without loading any catalogue."""
    lang = resolve_lang(lang)
    if lang == DEFAULT_LANG:
        return message
    from ..i18n import gettext as translate

    return translate(message, lang)


def _points(value: float) -> float:
    return scoring.rounded(value)


def _n(value: float) -> str:
    """A number as a sentence shows it: 2, 1.5, 0.67."""
    return f"{_points(value):g}"


def _say(sentence: str, **values: Any) -> None:
    """Print one (translated) sentence, its placeholders filled in."""
    print(sentence.format(**values))


def _nothing_saved(points: float, lang: str | None) -> float:
    _say(
        gettext("No answer was saved for this activity: 0 of {points} points.", lang),
        points=_n(points),
    )
    return 0.0


def score_choice(
    answer: Mapping[str, Any] | None,
    correct: Iterable[str],
    points: float,
    lang: str | None = None,
) -> float:
    """All the points if the first option chosen is one of `correct`, else none."""
    score = scoring.score_choice(answer, correct, points)
    worth = _n(points)
    if not score.saved:
        _say(
            gettext("No answer was saved for this question: 0 of {points} points.", lang),
            points=worth,
        )
        return 0.0
    chosen = score.counts["choice"]
    if score.counts["correct"]:
        _say(
            gettext("Correct ({choice}): {earned} of {points} points.", lang),
            choice=chosen,
            earned=worth,
            points=worth,
        )
    else:
        _say(
            gettext("Not the keyed answer ({choice}): 0 of {points} points.", lang),
            choice=chosen,
            points=worth,
        )
    latest = score.counts["latest"]
    if isinstance(latest, str) and latest != chosen:
        _say(
            gettext(
                "The first answer is the one scored; the later try ({latest}) is kept for "
                "learning.",
                lang,
            ),
            latest=latest,
        )
    return score.earned


def score_sort(
    answer: Mapping[str, Any] | None,
    key: Mapping[str, Any],
    points: float,
    lang: str | None = None,
) -> float:
    """Points in proportion to the cards placed where the key puts them (rounded to 0.01)."""
    score = scoring.score_sort(answer, key, points)
    if not score.saved:
        _say(gettext("No sort was saved: 0 of {points} points.", lang), points=_n(points))
        return 0.0
    _say(
        gettext("{matched} of {total} cards match the key: {earned} of {points} points.", lang),
        matched=score.counts["matched"],
        total=score.counts["total"],
        earned=_n(score.earned),
        points=_n(points),
    )
    if score.counts["later"]:
        _say(
            gettext(
                "The first check is the one scored; the later sort ({latest_matched} of {total} "
                "match) is kept for learning.",
                lang,
            ),
            latest_matched=score.counts["latest_matched"],
            total=score.counts["total"],
        )
    return score.earned


def reflection_text(answer: Mapping[str, Any] | None) -> str:
    """The reflection text of a stored answer ('' when there is none)."""
    text = answer.get("text") if isinstance(answer, Mapping) else None
    return text if isinstance(text, str) else ""


def _normalise(text: str) -> str:
    """Casefolded, curly quotes straightened, accents dropped: a writer who types
    "comunicacion" without its accent (or "naïve" with one) still names the phrase."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _phrase_pattern(phrase: str) -> str | None:
    """A whole-word pattern for one phrase; a trailing `*` on a word matches any ending
    (`respet*` finds respeto, respetar, respetuosa; `empath*` finds empathy, empathise)."""
    words = _normalise(phrase).split()
    if not words:
        return None
    parts = [
        re.escape(w[:-1]) + r"\w*" if w.endswith("*") and len(w) > 1 else re.escape(w)
        for w in words
    ]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


# Negation (issue 10): "she didn't call" names no next step. A phrase counts only where no
# negating word stands among the few words before it in the same clause, and no "not"/"never"
# follows it at once ("I will not"). Words are normalised (casefolded, accents dropped).
NEGATORS = frozenset(
    (
        # English; any word ending in n't (didn't, won't) counts too, and these without the '
        "not", "never", "no", "nor", "neither", "without", "cannot", "dont", "didnt", "doesnt",
        "wont", "cant", "isnt", "wasnt", "werent", "havent", "hasnt", "hadnt", "wouldnt",
        "shouldnt", "couldnt",
        # Spanish (accents dropped: jamas, ningun)
        "nunca", "jamas", "tampoco", "ni", "sin", "ningun", "ninguna", "ninguno",
    )
)  # fmt: skip
NOT_NEGATING_NEXT = frozenset(["only", "just", "solo", "solamente", "matter", "doubt"])
NEGATION_WINDOW = 4  # words before a phrase a negator may stand in ("no la voy a llamar")
_CLAUSE_END = re.compile(r"[.;:!?,()\n]|\b(?:but|pero|sino|although|aunque|instead)\b")
_WORD = re.compile(r"[\w']+")


def _is_negator(word: str, after: str | None) -> bool:
    negates = word in NEGATORS or word.endswith("n't")
    return negates and after not in NOT_NEGATING_NEXT


def _negated(haystack: str, start: int, end: int) -> bool:
    """Whether the phrase found at haystack[start:end] stands under a near negation."""
    before = haystack[:start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    words = _WORD.findall(before[cut:])[-NEGATION_WINDOW:]
    nexts = [*words[1:], _first_word(haystack[start:])][: len(words)]
    if any(_is_negator(w, n) for w, n in zip(words, nexts, strict=True)):
        return True
    following = _first_word(haystack[end:])
    return following in ("not", "never")


def _first_word(text: str) -> str | None:
    found = _WORD.search(text)
    return found.group(0) if found and not text[: found.start()].strip() else None


def find_phrase(text: str, phrases: Iterable[str]) -> str | None:
    """The first of `phrases` that occurs in `text` as whole words (case and accents ignored,
    `*` ending a word as a wildcard for its ending) and not under a near negation (`_negated`),
    or None."""
    haystack = _normalise(text)
    for phrase in phrases:
        pattern = _phrase_pattern(phrase)
        if not pattern:
            continue
        for found in re.finditer(pattern, haystack):
            if not _negated(haystack, found.start(), found.end()):
                return phrase
    return None


# Privacy (issue 10): a reflection should leave out the names of students and families. A
# capitalised word inside a sentence (or after a title such as "Mrs.") that is not a common
# capitalised word is flagged for the coach; whether it costs a point is the rubric's choice
# (a `check: privacy` criterion), never this function's.
TITLES = frozenset(["mr", "mrs", "ms", "miss", "dr", "sr", "sra", "srta", "don", "dona"])
NOT_NAMES = frozenset(
    (
        "i",
        "i'm",
        "i'll",
        "i've",
        "i'd",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "lunes",
        "martes",
        "miercoles",
        "jueves",
        "viernes",
        "sabado",
        "domingo",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "english",
        "spanish",
        "vietnamese",
        "chinese",
        "mandarin",
        "cantonese",
        "arabic",
        "korean",
        "tagalog",
        "somali",
        "russian",
        "hmong",
        "portuguese",
        "french",
        "american",
        "mexican",
        "latino",
        "latina",
        "latinx",
        "hispanic",
        "asian",
        "black",
        "native",
        "indigenous",
        "ingles",
        "espanol",
        "god",
        "dios",
        "christmas",
        "thanksgiving",
        "ramadan",
        "navidad",
        "ladder",
        "inference",
        "dual",
        "capacity",
        "framework",
        "capabilities",
        "connections",
        "cognition",
        "confidence",
        "indicator",
        "title",
        "part",
        "section",
        "module",
        "idea",
        "cde",
        "isbe",
        "sedl",
        "edutopia",
        "epstein",
        "henderson",
        "mapp",
        "kuttner",
        "wiseman",
        "brown",
        "okay",
        "ok",
        "zoom",
        "google",
        "teams",
        "meet",
        "facebook",
        "whatsapp",
        "classdojo",
        "remind",
        "seesaw",
        "email",
        "parent",
        "parents",
        "family",
        "teacher",
        "principal",
        "coach",
        "communication",
        "empathy",
        "respect",
        "trust",
        "time",
        "accessibility",
        "flexibility",
        "goodwill",
        "equity",
        "opportunity",
        "curiosity",
        "comunicacion",
        "empatia",
        "respeto",
        "confianza",
        "tiempo",
        "accesibilidad",
        "flexibilidad",
        "equidad",
        "oportunidad",
        "curiosidad",
    )
)
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?¡¿:;\n\"“”«(\[-])\s*$")


def _plain_word(word: str) -> str:
    word = _normalise(word).replace("'s", "")
    return word.strip("'-")


def possible_names(text: str) -> list[str]:
    """Capitalised words in `text` that may name a person (each once, in order of appearance).

    A word counts when it is capitalised (not all capitals), is not a common capitalised word
    (days, months, languages, the course's authors and terms), and stands inside a sentence or
    right after a title ("Mrs. Rivera", "la Sra. Díaz"). A sentence's first word is skipped,
    since it is capitalised anyway, unless a title comes before it.
    """
    found: list[str] = []
    if not isinstance(text, str):
        return found
    for match in _CAPITALISED.finditer(text):
        word = match.group(0).rstrip("'’-")
        plain = _plain_word(word)
        if not plain or plain in NOT_NAMES or plain in TITLES:
            continue
        before = text[: match.start()]
        previous = _WORD.findall(_normalise(before))[-1:] if before.strip() else []
        after_title = bool(previous) and previous[0] in TITLES
        if not after_title and _SENTENCE_START.search(before):
            continue
        name = word.removesuffix("'s").removesuffix("’s")
        if name not in found:
            found.append(name)
    return found


def check_reflection(
    answer: Mapping[str, Any] | None,
    criterion: str,
    *,
    label: str,
    check: str,
    points: float,
    min_words: int = 0,
    phrases: Iterable[str] = (),
    lang: str | None = None,
) -> float:
    """Score one machine-checkable rubric criterion of a reflection: all the points or none.

    `check` is one of `answered` (any text), `length` (at least `min_words` words), `phrases`
    (names one of `phrases`, e.g. a concrete next step or a partnership principle, not under a
    near negation), or `privacy` (names no one by a capitalised name: `possible_names`). Privacy
    costs a point only when a rubric has a `privacy` criterion; otherwise it is a flag on the
    coach's grading page.
    """
    text = reflection_text(answer)
    worth = _points(points)
    if not text.strip():
        _say(
            gettext("{label}: no reflection was saved (missing). 0 of {points} points.", lang),
            label=label,
            points=_n(worth),
        )
        return 0.0
    if check == "answered":
        met, why = True, gettext("a reflection was saved", lang)
    elif check == "length":
        words = word_count(text)
        met = words >= min_words
        why = gettext("{words} words; the aim is at least {min_words}", lang).format(
            words=words, min_words=min_words
        )
    elif check == "phrases":
        found = find_phrase(text, phrases)
        met = found is not None
        why = (
            gettext('found "{phrase}"', lang).format(phrase=found)
            if found
            else gettext("none of the phrases the rubric looks for was found", lang)
        )
    elif check == "privacy":
        names = possible_names(text)
        met = not names
        why = (
            gettext("it may name a person: {names}", lang).format(names=", ".join(names))
            if names
            else gettext("no name of a person was found", lang)
        )
    else:
        raise ValueError(f"unknown reflection check {check!r} for criterion {criterion!r}")
    earned = worth if met else 0.0
    verdict = gettext("yes", lang) if met else gettext("not yet", lang)
    _say(
        gettext("{label}: {verdict} ({why}). {earned} of {points} points.", lang),
        label=label,
        verdict=verdict,
        why=why,
        earned=_n(earned),
        points=_n(worth),
    )
    return earned


# -- practice and planning activities -------------------------------------------------------
def score_ladder(
    answer: Mapping[str, Any] | None,
    statements: Mapping[str, bool],
    good_questions: Mapping[str, Sequence[str]],
    rungs: Sequence[str],
    points: float,
    lang: str | None = None,
) -> float:
    """Ladder of Inference (see `scoring.score_ladder`), worded."""
    score = scoring.score_ladder(answer, statements, good_questions, rungs, points)
    if not score.saved:
        return _nothing_saved(points, lang)
    values = {
        **score.counts,
        "done": score.done,
        "steps": score.steps,
        "earned": _n(score.earned),
        "points": _n(points),
    }
    if score.counts["finished"]:
        _say(
            gettext(
                "{marked} of {statements} statements marked as the key marks them; the climb "
                "finished; a good question chosen for {good} of {assumptions} assumptions. "
                "{done} of {steps} steps: {earned} of {points} points.",
                lang,
            ),
            **values,
        )
    else:
        _say(
            gettext(
                "{marked} of {statements} statements marked as the key marks them; the climb not "
                "finished ({rungs} of {total_rungs} rungs); a good question chosen for {good} of "
                "{assumptions} assumptions. {done} of {steps} steps: {earned} of {points} points.",
                lang,
            ),
            **values,
        )
    return score.earned


def score_starters(
    answer: Mapping[str, Any] | None,
    empathy: Mapping[str, Sequence[str]],
    points: float,
    lang: str | None = None,
) -> float:
    """Empathy starters (see `scoring.score_starters`), worded."""
    score = scoring.score_starters(answer, empathy, points)
    if not score.saved:
        return _nothing_saved(points, lang)
    _say(
        gettext(
            "{chose} of {total} replies chosen are empathy replies; {wrote} of {total} replies "
            "written in your own words. {done} of {steps} steps: {earned} of {points} points.",
            lang,
        ),
        **score.counts,
        done=score.done,
        steps=score.steps,
        earned=_n(score.earned),
        points=_n(points),
    )
    return score.earned


def score_branching(
    answer: Mapping[str, Any] | None,
    endings: Mapping[str, str],
    points: float,
    mixed_share: float = scoring.MIXED_SHARE,
    lang: str | None = None,
) -> float:
    """Branching conversation (see `scoring.score_branching`), worded."""
    score = scoring.score_branching(answer, endings, points, mixed_share)
    if not score.saved:
        return _nothing_saved(points, lang)
    worth = _n(points)
    first = score.counts["first"]
    if first == "strong":
        _say(
            gettext("The first ending reached is strong: {earned} of {points} points.", lang),
            earned=worth,
            points=worth,
        )
    elif first == "mixed":
        _say(
            gettext(
                "The first ending reached is mixed; a strong first ending earns all the points. "
                "{earned} of {points} points.",
                lang,
            ),
            earned=_n(score.earned),
            points=worth,
        )
    elif first == "weak":
        _say(
            gettext(
                "The first ending reached is weak; a strong first ending earns all the points, a "
                "mixed one part of them. 0 of {points} points.",
                lang,
            ),
            points=worth,
        )
    else:
        _say(
            gettext("No ending of the conversation was reached: 0 of {points} points.", lang),
            points=worth,
        )
    if first is not None and score.counts["endings"] > 1:
        _say(
            gettext(
                "The first ending is the one scored; the later conversations are kept for "
                "learning.",
                lang,
            )
        )
    return score.earned


def score_plain_language(
    answer: Mapping[str, Any] | None, points: float, lang: str | None = None
) -> float:
    """Plain-language check: all the points when a draft was written and checked, else none."""
    score = scoring.score_plain_language(answer, points)
    if not score.saved:
        _say(gettext("No draft message was saved: 0 of {points} points.", lang), points=_n(points))
        return 0.0
    if not score.counts["checked"]:
        _say(
            gettext("A draft was saved but not checked for jargon: 0 of {points} points.", lang),
            points=_n(points),
        )
        return 0.0
    _say(
        gettext(
            "A draft message was checked for jargon ({terms} terms to explain or replace): "
            "{earned} of {points} points.",
            lang,
        ),
        terms=score.counts["terms"],
        earned=_n(points),
        points=_n(points),
    )
    return score.earned


def score_contact_planner(
    answer: Mapping[str, Any] | None,
    points: float,
    min_families: int = scoring.MIN_FAMILIES,
    lang: str | None = None,
) -> float:
    """Contact planner: points in proportion to the families planned, up to `min_families`."""
    score = scoring.score_contact_planner(answer, points, min_families)
    _say(
        gettext(
            "{planned} families planned, {needed} asked for: {earned} of {points} points.", lang
        ),
        **score.counts,
        earned=_n(score.earned),
        points=_n(points),
    )
    return score.earned


def score_action_plan(
    answer: Mapping[str, Any] | None,
    fields: Sequence[str],
    points: float,
    lang: str | None = None,
) -> float:
    """Action plan: points in proportion to the `fields` (ids) that hold some text."""
    score = scoring.score_action_plan(answer, fields, points)
    _say(
        gettext(
            "{written} of {total} fields of the plan are written: {earned} of {points} points.",
            lang,
        ),
        **score.counts,
        earned=_n(score.earned),
        points=_n(points),
    )
    return score.earned
