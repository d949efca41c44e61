"""A synthetic statewide family survey, for learning to read Indicator 8 results.

Nothing here is real data. `generate()` invents 60,000 survey responses from a fixed seed, so
every learner sees the same numbers: made-up districts, each family's home language,
race/ethnicity, the child's age and disability category, and twelve answers on a six-point
agreement scale in the style of the NCSEAM parent survey (our own item wording). Gaps are built
in on purpose, so the module has something to discuss: they model differences in how well
*schools* reach families (an interpreter offered or not, a district's habits, fewer contacts in
the secondary years), never anything about the families themselves, and they describe no real
place or group.

A family "meets the standard" here when the average of its twelve answers is at least 4.5
(halfway between agree and strongly agree). Real states use Rasch measurement (NCSEAM); the
average is a simplified stand-in that behaves in a similar way.

Notebook cells call the helpers at the bottom in one line (`survey.plot("language")`); each
returns an object Jupyter and Voila show as HTML, rendered from `templates/survey/shown.html.j2`
in the page's language: a table with a caption, a plain-language summary, and for plots the
course's one bar chart (inline SVG, always with its table). No plotting library: a module
kernel's memory is the budget that matters in a workshop.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .i18n import N_, gettext

if TYPE_CHECKING:
    import pandas as pd

SEED = 20_240_410
N_RESPONSES = 60_000
STANDARD = 4.5
MIN_GROUP = 30  # groups smaller than this are not compared (as states suppress small cells)
LABEL = N_("Synthetic data, invented for this course; not a real survey.")

SCALE = (
    N_("Very strongly disagree"),
    N_("Strongly disagree"),
    N_("Disagree"),
    N_("Agree"),
    N_("Strongly agree"),
    N_("Very strongly agree"),
)

ITEMS = {
    "q01": N_("The school treats me as an equal member of my child's IEP team."),
    "q02": N_("Staff asked for my ideas about my child's goals before decisions were made."),
    "q03": N_("Information reaches me in a language and format I can use."),
    "q04": N_("Someone explained my rights and the IEP process in plain words."),
    "q05": N_("Meetings are offered at times and places that work for my family."),
    "q06": N_("An interpreter or other support was there when I needed one."),
    "q07": N_("Teachers tell me about my child's progress, not only about problems."),
    "q08": N_("I know whom to contact at school, and they get back to me."),
    "q09": N_("What I know about my child shaped the services in the plan."),
    "q10": N_("The school told me about a parent center or other family support."),
    "q11": N_("The school asks families how well it works with them."),
    "q12": N_("I feel welcome when I visit my child's school."),
}

# name -> (share of respondents, school-practice effect on the latent agreement)
DISTRICTS = {
    "Aspen Ridge": (0.16, 0.20),
    "Birch Hollow": (0.12, 0.05),
    "Cedar Falls": (0.11, 0.00),
    "Dunmore Plains": (0.10, -0.45),
    "Elm Harbor": (0.09, 0.30),
    "Fox River": (0.08, 0.10),
    "Granite Bay": (0.08, -0.05),
    "Heron Lake": (0.07, 0.15),
    "Iron Mesa": (0.06, -0.30),
    "Juniper Flats": (0.05, 0.00),
    "Kestrel Point": (0.04, 0.25),
    "Larkspur Valley": (0.04, -0.10),
}

# home language -> share of respondents (ASL: American Sign Language)
LANGUAGES = {
    "English": 0.770,
    "Spanish": 0.150,
    "Arabic": 0.015,
    "Polish": 0.015,
    "Vietnamese": 0.012,
    "Chinese": 0.012,
    "ASL": 0.010,
    "Other": 0.016,
}

# race/ethnicity (federal reporting categories) -> (share of respondents outside the
# language rules below, school-practice effect)
RACES = {
    "American Indian or Alaska Native": (0.010, -0.35),
    "Asian": (0.040, 0.00),
    "Black or African American": (0.170, -0.30),
    "Hispanic or Latino": (0.090, -0.10),
    "Native Hawaiian or Pacific Islander": (0.005, -0.15),
    "Two or more races": (0.045, -0.05),
    "White": (0.640, 0.10),
}

# synthetic share of *children served* (for the representation check)
SERVED = {
    "race_ethnicity": {
        "American Indian or Alaska Native": 0.010,
        "Asian": 0.050,
        "Black or African American": 0.190,
        "Hispanic or Latino": 0.270,
        "Native Hawaiian or Pacific Islander": 0.005,
        "Two or more races": 0.045,
        "White": 0.430,
    },
    "language": {
        "English": 0.700,
        "Spanish": 0.200,
        "Arabic": 0.020,
        "Polish": 0.015,
        "Vietnamese": 0.015,
        "Chinese": 0.015,
        "ASL": 0.010,
        "Other": 0.025,
    },
}

AGE_GROUPS = {"3-5": 0.30, "6-10": 0.10, "11-14": -0.10, "15-21": -0.30}

# disability category -> (share, effect)
CATEGORIES = {
    "Specific learning disability": (0.32, 0.00),
    "Speech or language impairment": (0.17, 0.15),
    "Other health impairment": (0.15, 0.00),
    "Autism": (0.12, -0.05),
    "Developmental delay": (0.07, 0.20),
    "Intellectual disability": (0.06, -0.05),
    "Emotional disturbance": (0.05, -0.35),
    "Multiple disabilities": (0.02, -0.05),
    "Hearing impairment": (0.02, 0.00),
    "Other categories": (0.02, 0.00),
}

# which languages the generator leans toward which race/ethnicity (for realistic mixes)
_LANGUAGE_RACE = {
    "Spanish": ("Hispanic or Latino", 0.95),
    "Vietnamese": ("Asian", 0.95),
    "Chinese": ("Asian", 0.95),
}

COLUMNS = {
    "district": N_("District (invented)"),
    "language": N_("Home language"),
    "race_ethnicity": N_("Race/ethnicity"),
    "age_group": N_("Child's age"),
    "disability": N_("Disability category"),
    "interpreter": N_("Interpreter"),
}


def generate(n: int = N_RESPONSES, seed: int = SEED) -> pd.DataFrame:
    """Invent `n` survey responses (same `seed`, same data). Every column is vectorized numpy."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)

    def pick(p: np.ndarray) -> np.ndarray:
        return rng.choice(len(p), size=n, p=p / p.sum())

    d_names = list(DISTRICTS)
    d_share = np.array([v[0] for v in DISTRICTS.values()])
    d_effect = np.array([v[1] for v in DISTRICTS.values()])
    district = pick(d_share)

    l_names = list(LANGUAGES)
    language = pick(np.array(list(LANGUAGES.values())))

    r_names = list(RACES)
    r_effect = np.array([v[1] for v in RACES.values()])
    race = pick(np.array([v[0] for v in RACES.values()]))
    for lang_name, (race_name, share) in _LANGUAGE_RACE.items():
        mask = (language == l_names.index(lang_name)) & (rng.random(n) < share)
        race[mask] = r_names.index(race_name)

    age = rng.integers(3, 22, size=n)
    age_edges = np.array([6, 11, 15])  # 3-5 | 6-10 | 11-14 | 15-21
    age_group = np.searchsorted(age_edges, age, side="right")
    a_effect = np.array(list(AGE_GROUPS.values()))

    c_names = list(CATEGORIES)
    c_effect = np.array([v[1] for v in CATEGORIES.values()])
    category = pick(np.array([v[0] for v in CATEGORIES.values()]))

    # interpreters: needed for every language but English; districts differ in offering them
    needs = language != l_names.index("English")
    offer_rate = np.clip(0.80 + d_effect, 0.2, 0.98)[district]
    offered = needs & (rng.random(n) < offer_rate)
    interpreter = np.where(needs, np.where(offered, 1, 2), 0)
    i_effect = np.array([0.0, -0.05, -0.65])  # not needed, offered, not offered

    latent = (
        1.45
        + d_effect[district]
        + r_effect[race]
        + a_effect[age_group]
        + c_effect[category]
        + i_effect[interpreter]
        + rng.normal(0.0, 0.9, size=n)
    )
    offsets = np.linspace(0.35, -0.35, len(ITEMS))  # some items are easier to agree with
    raw = 3.5 + latent[:, None] + offsets[None, :] + rng.normal(0.0, 0.8, size=(n, len(ITEMS)))
    answers = np.clip(np.rint(raw), 1, 6).astype(np.int8)
    score = answers.mean(axis=1)

    frame = pd.DataFrame(
        {
            "response_id": np.arange(1, n + 1, dtype=np.int32),
            "district": pd.Categorical.from_codes(district, d_names),
            "language": pd.Categorical.from_codes(language, l_names),
            "race_ethnicity": pd.Categorical.from_codes(race, r_names),
            "child_age": age.astype(np.int8),
            "age_group": pd.Categorical.from_codes(age_group, list(AGE_GROUPS), ordered=True),
            "disability": pd.Categorical.from_codes(category, c_names),
            "interpreter": pd.Categorical.from_codes(
                interpreter, ["Not needed", "Offered", "Not offered"]
            ),
        }
    )
    items = pd.DataFrame(answers, columns=list(ITEMS))
    frame = pd.concat([frame, items], axis=1)
    frame["score"] = score.round(2)
    frame["meets_standard"] = score >= STANDARD
    frame.attrs["synthetic"] = LABEL
    return frame


@lru_cache(maxsize=2)
def load(n: int = N_RESPONSES, seed: int = SEED) -> pd.DataFrame:
    """The course's synthetic survey, generated once per kernel (treat it as read-only)."""
    return generate(n, seed)


# -- analysis ---------------------------------------------------------------------------------


def overall_percent(frame: pd.DataFrame) -> float:
    """Percent of all responding families who meet the standard."""
    return round(100.0 * float(frame["meets_standard"].mean()), 1)


def percent_meeting(frame: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """Respondents, number meeting the standard, percent, and the gap from the state rate in
    percentage points, for each group of `by`; groups under MIN_GROUP responses get no percent."""
    state = overall_percent(frame)
    grouped = frame.groupby(by, observed=True)["meets_standard"]
    out = grouped.agg(respondents="size", meeting="sum")
    percent = (100.0 * out["meeting"] / out["respondents"]).round(1)
    small = out["respondents"] < MIN_GROUP
    out["percent"] = percent.mask(small)
    out["gap_points"] = (out["percent"] - state).round(1)
    return out.sort_values("percent", ascending=False, na_position="last")


def representation(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Share of respondents in each group beside the (synthetic) share of children served."""
    import pandas as pd

    if by not in SERVED:
        raise ValueError(f"children-served shares exist for {sorted(SERVED)}, not {by!r}")
    respondents = frame[by].value_counts(normalize=True).mul(100).round(1)
    served = pd.Series(SERVED[by]).mul(100).round(1)
    out = pd.DataFrame({"respondents_pct": respondents, "served_pct": served}).fillna(0.0)
    out["difference_points"] = (out["respondents_pct"] - out["served_pct"]).round(1)
    out.index.name = by
    return out.sort_values("served_pct", ascending=False)


def column_name(by: str, lang: str) -> str:
    """A grouping column's name in `lang`, lower case for use inside a sentence."""
    return gettext(COLUMNS[by], lang).lower() if by in COLUMNS else by


def summary_text(frame: pd.DataFrame, by: str, lang: str = "en") -> str:
    """A plain-language reading of `percent_meeting(frame, by)`: highest, lowest, the gap."""
    table = percent_meeting(frame, by).dropna(subset=["percent"])
    high, low = table.iloc[0], table.iloc[-1]
    return gettext(
        "In this synthetic data, {state}% of all {total} responding families meet the "
        "standard. By {name}, the highest rate is {high} ({high_pct}%, {high_n} responses) and "
        "the lowest is {low} ({low_pct}%, {low_n} responses): a gap of {gap} percentage points.",
        lang,
    ).format(
        state=f"{overall_percent(frame):.1f}",
        total=f"{len(frame):,}",
        name=column_name(by, lang),
        high=table.index[0],
        high_pct=f"{high['percent']:.1f}",
        high_n=f"{int(high['respondents']):,}",
        low=table.index[-1],
        low_pct=f"{low['percent']:.1f}",
        low_n=f"{int(low['respondents']):,}",
        gap=f"{high['percent'] - low['percent']:.1f}",
    )


# -- display (one-line notebook calls) --------------------------------------------------------

TEMPLATE = "survey/shown.html.j2"

_HEADERS = {
    "respondents": N_("Responses"),
    "meeting": N_("Meeting the standard"),
    "percent": N_("Percent meeting"),
    "gap_points": N_("Difference from state rate (points)"),
    "respondents_pct": N_("Share of responses (%)"),
    "served_pct": N_("Share of children served (%)"),
    "difference_points": N_("Difference (points)"),
}


@dataclass
class Shown:
    """What a notebook cell shows: HTML for Jupyter and Voila, the table and text for tests."""

    html: str
    frame: pd.DataFrame | None = None
    text: str = ""

    def _repr_html_(self) -> str:
        return self.html


def _lang(lang: str | None) -> str:
    """The page's language (the kernel's, see `context`) unless one is given."""
    if lang:
        return lang
    from .context import current_language

    return current_language()


def _cell(column: str, value: object, lang: str) -> str:
    """One table cell as a reader reads it: counts with separators, points signed."""
    if value != value:  # NaN: a group too small to compare
        return gettext("fewer than {n} responses", lang).format(n=MIN_GROUP)
    if column in {"respondents", "meeting"}:
        return f"{int(value):,}"  # type: ignore[call-overload]
    if isinstance(value, float):
        return f"{value:+.1f}" if column.endswith("points") else f"{value:.1f}"
    return str(value)


def _table(frame: pd.DataFrame, caption: str, headers: dict[str, str], lang: str) -> dict:
    """The template's table: caption, column headers in `lang`, rows of shown cells."""
    index = str(frame.index.name or "")
    columns = [gettext(COLUMNS[index], lang) if index in COLUMNS else index]
    columns += [gettext(headers[c], lang) if c in headers else c for c in frame.columns]
    rows = [
        [str(key), *(_cell(c, row[c], lang) for c in frame.columns)]
        for key, row in frame.iterrows()
    ]
    return {"caption": caption, "columns": columns, "rows": rows}


def _show(lang: str, frame: pd.DataFrame | None = None, text: str = "", **parts: object) -> Shown:
    """Render the survey template (`table`, `chart`, `paragraphs`, `items`, `strong`)."""
    from .rendering import render

    context = {"table": None, "chart": None, "paragraphs": [], "items": [], "strong": False}
    context.update(parts)
    return Shown(render(TEMPLATE, lang=lang, label=gettext(LABEL, lang), **context), frame, text)


def describe(lang: str | None = None) -> Shown:
    """What the synthetic survey holds: size, scale, items and the standard."""
    lang = _lang(lang)
    frame = load()
    scale = ", ".join(f"{i} = {gettext(s, lang)}" for i, s in enumerate(SCALE, start=1))
    text = gettext(
        "{n} synthetic responses from {districts} invented districts. Each family answered "
        "{items} statements on a six-point scale ({scale}). A family meets the standard when "
        "its average answer is at least {standard} (a simplified stand-in for the Rasch "
        "measure real states use).",
        lang,
    ).format(
        n=f"{len(frame):,}",
        districts=frame["district"].nunique(),
        items=len(ITEMS),
        scale=scale,
        standard=STANDARD,
    )
    items = [(key, gettext(value, lang)) for key, value in ITEMS.items()]
    return _show(lang, None, text, paragraphs=[text], items=items)


def sample(rows: int = 5, lang: str | None = None) -> Shown:
    """A few invented responses, to see what one row of the data looks like."""
    lang = _lang(lang)
    frame = load()
    keep = ["response_id", *COLUMNS, "child_age", "q01", "q07", "score", "meets_standard"]
    part = frame.loc[: rows - 1, keep].set_index("response_id")
    caption = gettext(
        "The first {rows} synthetic responses (only a few of the {items} items shown)", lang
    ).format(rows=rows, items=len(ITEMS))
    return _show(lang, part, caption, table=_table(part, caption, COLUMNS, lang))


def overall(lang: str | None = None) -> Shown:
    """The state rate for the synthetic data, in one sentence."""
    lang = _lang(lang)
    frame = load()
    text = gettext(
        "Synthetic state rate: {percent}% of responding families ({met} of {total}) meet the "
        "standard.",
        lang,
    ).format(
        percent=f"{overall_percent(frame):.1f}",
        met=f"{int(frame['meets_standard'].sum()):,}",
        total=f"{len(frame):,}",
    )
    return _show(lang, None, text, paragraphs=[text], strong=True)


def _report_parts(by: str, lang: str) -> tuple[pd.DataFrame, str, dict]:
    frame = load()
    table = percent_meeting(frame, by)
    caption = gettext(
        "Percent of families meeting the standard by {name} (synthetic)", lang
    ).format(name=column_name(by, lang))
    return table, summary_text(frame, by, lang), _table(table, caption, _HEADERS, lang)


def report(by: str, lang: str | None = None) -> Shown:
    """Percent meeting the standard by `by` (district, language, race_ethnicity, ...): a table
    and a plain-language summary."""
    lang = _lang(lang)
    table, text, shown = _report_parts(by, lang)
    return _show(lang, table, text, table=shown, paragraphs=[text])


def interpreter_report(lang: str | None = None) -> Shown:
    """For families whose home language is not English: the rate with and without an
    interpreter offered."""
    lang = _lang(lang)
    frame = load()
    subset = frame[frame["interpreter"] != "Not needed"]
    table = percent_meeting(subset, "interpreter")
    rates = table["percent"]
    text = gettext(
        "Among synthetic families whose home language is not English, {offered}% meet the "
        "standard when an interpreter was offered and {not_offered}% when none was offered.",
        lang,
    ).format(
        offered=f"{rates.get('Offered', float('nan')):.1f}",
        not_offered=f"{rates.get('Not offered', float('nan')):.1f}",
    )
    caption = gettext(
        "Families whose home language is not English, by whether an interpreter was offered "
        "(synthetic)",
        lang,
    )
    return _show(lang, table, text, table=_table(table, caption, _HEADERS, lang), paragraphs=[text])


def representation_report(by: str, lang: str | None = None) -> Shown:
    """Do respondents look like the children served? Shares side by side, with a summary."""
    lang = _lang(lang)
    table = representation(load(), by)
    worst = table["difference_points"].idxmin()
    text = gettext(
        "The group most under-represented among respondents is {group}: {share}% of responses "
        "against {served}% of children served (synthetic figures).",
        lang,
    ).format(
        group=worst,
        share=f"{table.loc[worst, 'respondents_pct']:.1f}",
        served=f"{table.loc[worst, 'served_pct']:.1f}",
    )
    caption = gettext("Who answered, by {name}, beside who is served (synthetic)", lang).format(
        name=column_name(by, lang)
    )
    return _show(lang, table, text, table=_table(table, caption, _HEADERS, lang), paragraphs=[text])


def plot(by: str, lang: str | None = None) -> Shown:
    """The course's bar chart of `report(by)` (its table always with it), the state rate
    marked, then the summary."""
    lang = _lang(lang)
    frame = load()
    table, text, _shown = _report_parts(by, lang)
    measured = table.dropna(subset=["percent"])
    state = overall_percent(frame)
    title = gettext(
        "Synthetic data. Percent of families meeting the standard by {name}; state rate {state}%",
        lang,
    ).format(name=column_name(by, lang), state=f"{state:.1f}")
    chart = {
        "id": f"pc-survey-{by}",
        "title": title,
        "rows": [
            {
                "label": str(key),
                "value": float(row["percent"]),
                "shown": _cell("percent", row["percent"], lang),
                "extra": [_cell(c, row[c], lang) for c in ("respondents", "meeting", "gap_points")],
            }
            for key, row in measured.iterrows()
        ],
        "columns": [
            gettext(COLUMNS[by], lang) if by in COLUMNS else by,
            *(
                gettext(_HEADERS[c], lang)
                for c in ("percent", "respondents", "meeting", "gap_points")
            ),
        ],
        "reference": {
            "value": state,
            "label": gettext("State rate {state}%", lang).format(state=f"{state:.1f}"),
        },
    }
    return _show(lang, table, title + " " + text, chart=chart, paragraphs=[text])
