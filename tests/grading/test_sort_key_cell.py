"""The grading cell of a sort whose cards may be right in more than one category (issue 10)."""

from __future__ import annotations


def test_the_grading_cell_accepts_either_category(run_cell, capsys) -> None:
    """The locked test cell `grade source` writes for this sort carries both categories of a
    two-principle card, and scores a placement in either as a match."""
    from partnership_course.content import load_scenario
    from partnership_course.content.scoring import sort_key
    from partnership_course.grading.source import score_test

    scenario = load_scenario("02-principles/sort-practices-by-principle")
    cell = score_test(scenario.id, scenario, 3.0, "en")
    assert '"contingency": [' in cell
    placements = {i.id: i.category for i in scenario.items}

    class Answered:
        def answered(self, name: str) -> dict:
            return {"placements": placements, "checked": True}

    placements["contingency"] = "accessibility"  # the other right category
    assert run_cell(cell, Answered()) == 3.0
    placements["contingency"] = "time"
    assert run_cell(cell, Answered()) == 2.7
    assert "9 of 10 cards match the key" in capsys.readouterr().out
    assert len(sort_key(scenario)["key"]) == 10
