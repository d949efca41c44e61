"""The synthetic Indicator 8 survey: reproducible, labelled synthetic, gaps built in, fast."""

from __future__ import annotations

import time

import pandas as pd
import pytest

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
    html = shown._repr_html_()
    assert "<caption>" in html and "scope='col'" in html and "scope='row'" in html
    assert "percentage points" in shown.text
    assert shown.frame is not None and len(shown.frame) == len(survey.RACES)


def test_plot_has_alt_text_and_a_text_alternative() -> None:
    shown = survey.plot("district")
    html = shown._repr_html_()
    assert "data:image/png;base64," in html
    assert "alt='Synthetic data. Bar chart" in html
    assert "<table" in html.split("</figure>", 1)[1]  # the table follows the image


def test_analysis_is_fast(frame: pd.DataFrame) -> None:
    start = time.perf_counter()
    for by in ("district", "language", "race_ethnicity"):
        survey.percent_meeting(frame, by)
    # generous bound, only to catch an accidental row-by-row loop
    assert time.perf_counter() - start < 5
