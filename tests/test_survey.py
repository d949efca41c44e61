"""The synthetic Indicator 8 survey: reproducible, labelled synthetic, gaps built in, fast."""

from __future__ import annotations

import time

import pandas as pd
import pytest
from support.html import parse, texts

from partnership_course import survey


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return survey.load()


def test_size_columns_and_scale(frame: pd.DataFrame) -> None:
    assert len(frame) == 60_000
    for column in [
        "district",
        "language",
        "race_ethnicity",
        "child_age",
        "disability",
        *survey.ITEMS,
    ]:
        assert column in frame.columns
    answers = frame[list(survey.ITEMS)]
    assert answers.min().min() >= 1 and answers.max().max() <= 6
    assert frame["child_age"].between(3, 21).all()
    assert frame.attrs["synthetic"] == survey.LABEL


def test_same_seed_same_data_other_seed_other_data() -> None:
    a = survey.generate(2_000, seed=7)
    b = survey.generate(2_000, seed=7)
    c = survey.generate(2_000, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert not a["score"].equals(c["score"])


def test_percent_meeting_matches_a_plain_count(frame: pd.DataFrame) -> None:
    table = survey.percent_meeting(frame, "district")
    assert table["respondents"].sum() == len(frame)
    name = table.index[0]
    rows = frame[frame["district"] == name]
    assert table.loc[name, "percent"] == round(100 * rows["meets_standard"].mean(), 1)
    overall = survey.overall_percent(frame)
    assert table.loc[name, "gap_points"] == round(table.loc[name, "percent"] - overall, 1)
    assert list(table["percent"]) == sorted(table["percent"], reverse=True)


def test_small_groups_get_no_percent() -> None:
    small = survey.generate(400, seed=3)
    table = survey.percent_meeting(small, "language")
    tiny = table[table["respondents"] < survey.MIN_GROUP]
    assert not tiny.empty and tiny["percent"].isna().all()


def test_built_in_gaps_are_there_to_discuss(frame: pd.DataFrame) -> None:
    overall = survey.overall_percent(frame)
    assert 55 < overall < 80
    by_interp = survey.percent_meeting(frame, "interpreter")["percent"]
    assert by_interp["Offered"] - by_interp["Not offered"] > 20
    by_age = survey.percent_meeting(frame, "age_group")["percent"]
    assert by_age["3-5"] > by_age["15-21"] + 10
    by_district = survey.percent_meeting(frame, "district")["percent"]
    assert by_district.max() - by_district.min() > 20
    share = survey.representation(frame, "race_ethnicity")
    assert share.loc["Hispanic or Latino", "difference_points"] < -3


def test_representation_rejects_unknown_groups(frame: pd.DataFrame) -> None:
    with pytest.raises(ValueError):
        survey.representation(frame, "district")


def test_every_display_says_synthetic() -> None:
    shown = [
        survey.describe(),
        survey.sample(3),
        survey.overall(),
        survey.report("language"),
        survey.interpreter_report(),
        survey.representation_report("language"),
    ]
    for item in shown:
        assert survey.LABEL in item._repr_html_()
    assert "synthetic" in survey.report("district").text.lower()


def test_report_is_an_accessible_table_with_a_summary() -> None:
    shown = survey.report("race_ethnicity")
    table = parse(shown._repr_html_()).find("table")
    assert table.caption.get_text().startswith("Percent of families meeting the standard")
    assert table.find("th", scope="col") and table.find("th", scope="row")
    assert "percentage points" in shown.text
    assert shown.frame is not None and len(shown.frame) == len(survey.RACES)


def test_plot_has_alt_text_and_a_text_alternative() -> None:
    """Is the plot the course's chart: an SVG titled with its reading, the state rate marked,
    and followed by a table of the same figures?"""
    shown = survey.plot("district")
    html = shown._repr_html_()
    document = parse(html)
    svg = document.find("svg")
    assert svg["role"] == "img"
    assert svg.find("title").get_text().startswith("Synthetic data. Percent of families")
    assert svg.find("line") is not None  # the state rate
    assert document.find("img") is None and document.find("script") is None
    assert "<table" in html.split("</figure>", 1)[1]  # the table follows the chart
    table = parse(html.split("</figure>", 1)[1]).find("table")
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in table.tbody("tr")]
    expected = survey.percent_meeting(survey.load(), "district").dropna(subset=["percent"])
    assert [r[0] for r in rows] == list(expected.index)
    assert [r[1] for r in rows] == [f"{v:.1f}" for v in expected["percent"]]


def test_displays_follow_the_page_language() -> None:
    """Is the survey shown in Spanish on a Spanish page (frames translated, data unchanged)?"""
    spanish = survey.report("district", lang="es")
    assert texts(spanish.html, ".pc-synthetic") == [
        "Datos sintéticos, inventados para este curso; no es una encuesta real."
    ]
    assert "puntos porcentuales" in spanish.text
    assert spanish.frame.equals(survey.report("district", lang="en").frame)
    assert "Respuestas" in texts(spanish.html, "th[scope=col]")


def test_analysis_is_fast(frame: pd.DataFrame) -> None:
    start = time.perf_counter()
    for by in ("district", "language", "race_ethnicity"):
        survey.percent_meeting(frame, by)
    # generous bound, only to catch an accidental row-by-row loop
    assert time.perf_counter() - start < 5
