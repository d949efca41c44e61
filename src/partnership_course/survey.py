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
returns an object Jupyter and Voila show as HTML: a table with a caption, a plain-language
summary, and for plots a PNG whose alt text repeats the figure's descriptive title. matplotlib is
imported inside the plotting function only.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

SEED = 20_240_410
N_RESPONSES = 60_000
STANDARD = 4.5
MIN_GROUP = 30  # groups smaller than this are not compared (as states suppress small cells)
LABEL = "Synthetic data, invented for this course; not a real survey."

SCALE = (
    "Very strongly disagree",
    "Strongly disagree",
    "Disagree",
    "Agree",
    "Strongly agree",
    "Very strongly agree",
)

ITEMS = {
    "q01": "The school treats me as an equal member of my child's IEP team.",
    "q02": "Staff asked for my ideas about my child's goals before decisions were made.",
    "q03": "Information reaches me in a language and format I can use.",
    "q04": "Someone explained my rights and the IEP process in plain words.",
    "q05": "Meetings are offered at times and places that work for my family.",
    "q06": "An interpreter or other support was there when I needed one.",
    "q07": "Teachers tell me about my child's progress, not only about problems.",
    "q08": "I know whom to contact at school, and they get back to me.",
    "q09": "What I know about my child shaped the services in the plan.",
    "q10": "The school told me about a parent center or other family support.",
    "q11": "The school asks families how well it works with them.",
    "q12": "I feel welcome when I visit my child's school.",
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
    "district": "District (invented)",
    "language": "Home language",
    "race_ethnicity": "Race/ethnicity",
    "age_group": "Child's age",
    "disability": "Disability category",
    "interpreter": "Interpreter",
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


def summary_text(frame: pd.DataFrame, by: str) -> str:
    """A plain-language reading of `percent_meeting(frame, by)`: highest, lowest, the gap."""
    table = percent_meeting(frame, by).dropna(subset=["percent"])
    state = overall_percent(frame)
    name = COLUMNS.get(by, by).lower()
    high, low = table.iloc[0], table.iloc[-1]
    return (
        f"In this synthetic data, {state:.1f}% of all {len(frame):,} responding families meet the "
        f"standard. By {name}, the highest rate is {table.index[0]} ({high['percent']:.1f}%, "
        f"{int(high['respondents']):,} responses) and the lowest is {table.index[-1]} "
        f"({low['percent']:.1f}%, {int(low['respondents']):,} responses): a gap of "
        f"{high['percent'] - low['percent']:.1f} percentage points."
    )


# -- display (one-line notebook calls) --------------------------------------------------------


@dataclass
class Shown:
    """What a notebook cell shows: HTML for Jupyter and Voila, the table and text for tests."""

    html: str
    frame: pd.DataFrame | None = None
    text: str = ""

    def _repr_html_(self) -> str:
        return self.html


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(frame: pd.DataFrame, caption: str, headers: dict[str, str]) -> str:
    """An accessible HTML table: caption, scoped headers, numbers formatted for reading."""
    index_name = COLUMNS.get(str(frame.index.name), str(frame.index.name or ""))
    head = f"<th scope='col'>{_esc(index_name)}</th>" + "".join(
        f"<th scope='col'>{_esc(headers.get(c, c))}</th>" for c in frame.columns
    )
    rows = []
    for key, row in frame.iterrows():
        cells = []
        for column in frame.columns:
            value = row[column]
            if value != value:  # NaN
                shown = f"fewer than {MIN_GROUP} responses"
            elif column in {"respondents", "meeting"}:
                shown = f"{int(value):,}"
            elif isinstance(value, float):
                shown = f"{value:+.1f}" if column.endswith("points") else f"{value:.1f}"
            else:
                shown = str(value)
            cells.append(f"<td>{_esc(shown)}</td>")
        rows.append(f"<tr><th scope='row'>{_esc(key)}</th>{''.join(cells)}</tr>")
    return (
        "<table class='pc-survey'>"
        f"<caption>{_esc(caption)}</caption><tr>{head}</tr>{''.join(rows)}</table>"
    )


_STYLE = (
    "<style>.pc-survey{border-collapse:collapse;margin:.5rem 0}"
    ".pc-survey th,.pc-survey td{border:1px solid #8a97a3;padding:.2rem .6rem;text-align:left}"
    ".pc-survey caption{text-align:left;font-weight:bold;padding:.3rem 0}"
    ".pc-synthetic{color:#5a2d00;font-weight:bold}</style>"
)

_HEADERS = {
    "respondents": "Responses",
    "meeting": "Meeting the standard",
    "percent": "Percent meeting",
    "gap_points": "Difference from state rate (points)",
    "respondents_pct": "Share of responses (%)",
    "served_pct": "Share of children served (%)",
    "difference_points": "Difference (points)",
}


def _label_html() -> str:
    return f"<p class='pc-synthetic'>{_esc(LABEL)}</p>"


def describe() -> Shown:
    """What the synthetic survey holds: size, scale, items and the standard."""
    frame = load()
    items = "".join(f"<li><strong>{k}</strong>: {_esc(v)}</li>" for k, v in ITEMS.items())
    scale = ", ".join(f"{i} = {s}" for i, s in enumerate(SCALE, start=1))
    text = (
        f"{len(frame):,} synthetic responses from {frame['district'].nunique()} invented "
        f"districts. Each family answered {len(ITEMS)} statements on a six-point scale "
        f"({scale}). A family meets the standard when its average answer is at least "
        f"{STANDARD} (a simplified stand-in for the Rasch measure real states use)."
    )
    body = f"{_STYLE}{_label_html()}<p>{_esc(text)}</p><ol>{items}</ol>"
    return Shown(body, None, text)


def sample(rows: int = 5) -> Shown:
    """A few invented responses, to see what one row of the data looks like."""
    frame = load()
    keep = ["response_id", *COLUMNS, "child_age", "q01", "q07", "score", "meets_standard"]
    part = frame.loc[: rows - 1, keep].set_index("response_id")
    caption = f"The first {rows} synthetic responses (only a few of the {len(ITEMS)} items shown)"
    return Shown(_STYLE + _label_html() + _table(part, caption, COLUMNS), part, caption)


def overall() -> Shown:
    """The state rate for the synthetic data, in one sentence."""
    frame = load()
    percent = overall_percent(frame)
    met = int(frame["meets_standard"].sum())
    text = (
        f"Synthetic state rate: {percent:.1f}% of responding families ({met:,} of "
        f"{len(frame):,}) meet the standard."
    )
    return Shown(f"{_STYLE}{_label_html()}<p><strong>{_esc(text)}</strong></p>", None, text)


def report(by: str) -> Shown:
    """Percent meeting the standard by `by` (district, language, race_ethnicity, ...): a table
    and a plain-language summary."""
    frame = load()
    table = percent_meeting(frame, by)
    caption = (
        f"Percent of families meeting the standard by {COLUMNS.get(by, by).lower()} (synthetic)"
    )
    text = summary_text(frame, by)
    body = f"{_STYLE}{_label_html()}{_table(table, caption, _HEADERS)}<p>{_esc(text)}</p>"
    return Shown(body, table, text)


def interpreter_report() -> Shown:
    """For families whose home language is not English: the rate with and without an
    interpreter offered."""
    frame = load()
    subset = frame[frame["interpreter"] != "Not needed"]
    table = percent_meeting(subset, "interpreter")
    rates = table["percent"]
    text = (
        "Among synthetic families whose home language is not English, "
        f"{rates.get('Offered', float('nan')):.1f}% meet the standard when an interpreter was "
        f"offered and {rates.get('Not offered', float('nan')):.1f}% when none was offered."
    )
    caption = (
        "Families whose home language is not English, by whether an interpreter was offered "
        "(synthetic)"
    )
    body = f"{_STYLE}{_label_html()}{_table(table, caption, _HEADERS)}<p>{_esc(text)}</p>"
    return Shown(body, table, text)


def representation_report(by: str) -> Shown:
    """Do respondents look like the children served? Shares side by side, with a summary."""
    table = representation(load(), by)
    worst = table["difference_points"].idxmin()
    text = (
        f"The group most under-represented among respondents is {worst}: "
        f"{table.loc[worst, 'respondents_pct']:.1f}% of responses against "
        f"{table.loc[worst, 'served_pct']:.1f}% of children served (synthetic figures)."
    )
    caption = f"Who answered, by {COLUMNS.get(by, by).lower()}, beside who is served (synthetic)"
    body = f"{_STYLE}{_label_html()}{_table(table, caption, _HEADERS)}<p>{_esc(text)}</p>"
    return Shown(body, table, text)


def figure_png(frame: pd.DataFrame, by: str, title: str) -> bytes:
    """Horizontal bars of percent meeting the standard by group, with the state rate marked."""
    from matplotlib.figure import Figure

    table = percent_meeting(frame, by).dropna(subset=["percent"]).iloc[::-1]
    state = overall_percent(frame)
    fig = Figure(figsize=(8, 0.45 * len(table) + 2.2), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    labels = [str(x) for x in table.index]
    ax.barh(labels, table["percent"], color="#1f5f8b", zorder=2)
    for y, value in enumerate(table["percent"]):
        ax.text(
            value - 1,
            y,
            f"{value:.1f}%",
            va="center",
            ha="right",
            fontsize=9,
            color="white",
            zorder=3,
        )
    ax.axvline(
        state,
        color="#b35900",
        linestyle="--",
        linewidth=2,
        zorder=0,
        label=f"State rate {state:.1f}%",
    )
    ax.set_xlim(0, 100)
    ax.set_xlabel("Percent of responding families meeting the standard")
    ax.legend(loc="lower right", fontsize=9)
    fig.suptitle(textwrap.fill(title, 95), fontsize=9, x=0.01, ha="left")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def plot(by: str) -> Shown:
    """A bar chart of `report(by)`, its alt text in the figure's title, then the table and the
    summary as the text alternative."""
    frame = load()
    table = percent_meeting(frame, by).dropna(subset=["percent"])
    name = COLUMNS.get(by, by).lower()
    title = (
        f"Synthetic data. Bar chart: percent of families meeting the standard by {name}. "
        f"Highest: {table.index[0]} ({table['percent'].iloc[0]:.1f}%); lowest: "
        f"{table.index[-1]} ({table['percent'].iloc[-1]:.1f}%); dashed line: state rate "
        f"{overall_percent(frame):.1f}%. The same figures are in the table below."
    )
    png = base64.b64encode(figure_png(frame, by, title)).decode("ascii")
    shown = report(by)
    image = (
        f"<figure><img src='data:image/png;base64,{png}' alt='{_esc(title)}' "
        f"style='max-width:100%'></figure>"
    )
    return Shown(_STYLE + image + shown.html, shown.frame, title + " " + shown.text)
