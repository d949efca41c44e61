"""Small scenario files for driving widgets, independent of the course's real content."""

from __future__ import annotations

from pathlib import Path

import pytest

FILES = {
    "q": """\
schema_version: 1
kind: choice
id: q
title: Who may come to the IEP meeting?
question: A parent asks if she may bring her sister. What do you say?
points: 1
options:
  - {id: yes, text: Yes, correct: true, feedback: Parents may bring people who know the child.}
  - {id: no, text: No, feedback: The rule says the opposite.}
  - {id: ask, text: Only if the team agrees, feedback: No team vote is needed.}
""",
    "s": """\
schema_version: 1
kind: sort
id: s
title: Sort the conditions
points: 3
categories:
  - {id: process, label: Process condition}
  - {id: org, label: Organizational condition}
items:
  - {id: trust, text: Start with trust, category: process, feedback: Trust is about how we work.}
  - {id: budget, text: A budget line, category: org, feedback: Money is structure.}
  - {id: lead, text: The principal joins in, category: org, feedback: Leadership is structure.}
""",
    "r4": """\
schema_version: 1
kind: self_assessment
id: r4
title: The four Cs
summary: My four Cs
scale:
  - {value: 1, label: Just starting}
  - {value: 2, label: Growing}
  - {value: 3, label: Steady}
  - {value: 4, label: Strong}
items:
  - {id: capabilities, label: Capabilities}
  - {id: connections, label: Connections}
  - {id: cognition, label: Cognition}
  - {id: confidence, label: Confidence}
""",
    "why": """\
schema_version: 1
kind: reflection
id: why
title: Why it matters
prompt: What would change for one family?
min_words: 5
points: 3
""",
}


@pytest.fixture(autouse=True)
def library(scenario_dir: Path) -> Path:
    for name, text in FILES.items():
        (scenario_dir / "m" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return scenario_dir
