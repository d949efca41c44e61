"""Grade passback to the test LMS over HTTP: completion once, retries, refusals, the audit.

The launches are written as the hub's launch writes them (tests/lti/test_launch.py goes through
the real hub); here the platform's token endpoint checks our JWT assertion against the tool's
public keys, as pasted into the platform's registration.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest
from lms import SCOPES, Platform
from ltitools import MODULE, answer_module_01, module_activities, scored_choice

from partnership_course.lti.passback import TAG_PREFIX, passback
from partnership_course.lti.records import Launch, Records, now
from partnership_course.lti.scores import graded_module
from partnership_course.lti.settings import Settings
from partnership_course.store import ResponseStore


@pytest.fixture
def both_store(backend_store: str) -> ResponseStore:
    """The store (and so the LTI tables) on SQLite, then on PostgreSQL."""
    return ResponseStore(backend_store)


def launch_of(platform: Platform, user: str, who: str = "learner") -> Launch:
    return Launch(
        user=user,
        course="family-partnership",
        issuer=platform.issuer,
        client_id=platform.client_id,
        deployment_id=platform.deployment_id,
        subject=platform.people[who].sub,
        context=platform.context_id,
        lineitems_url=platform.lineitems_url(),
        scopes=SCOPES,
        coach=who != "learner",
        launched_at=now(),
    )


def test_completion_is_posted_once_with_the_automatic_score(
    platform: Platform, registration: Settings, both_store: ResponseStore
) -> None:
    store = both_store
    platform.scores.clear()
    records = Records(store)
    records.save_launch(launch_of(platform, "lti-ana"))
    last = module_activities()[-1]
    answer_module_01(store, "lti-ana", skip=last)
    run = passback(registration, store, modules=[MODULE])
    assert (len(run.posted), run.not_completed) == (0, 1)
    assert platform.scores_for(platform.people["learner"].sub) == []

    expected = answer_module_01(store, "lti-ana")
    run = passback(registration, store, modules=[MODULE])
    assert run.summary() == "1 posted, 0 unchanged, 0 not completed, 0 failed"
    (score,) = platform.scores_for(platform.people["learner"].sub)
    body = score["body"]
    assert body["scoreGiven"] == pytest.approx(expected) and expected > 0
    # the module's maximum as the generated nbgrader source states it (it follows the content)
    assert body["scoreMaximum"] == graded_module(MODULE).max_points > 0
    assert (body["activityProgress"], body["gradingProgress"]) == ("Completed", "PendingManual")
    (item,) = [i for i in platform.lineitems if i["tag"] == TAG_PREFIX + MODULE]
    assert score["lineitem"] == item["id"] and item["resourceId"] == MODULE
    assert platform.token_requests and all(r["ok"] for r in platform.token_requests)

    again = passback(registration, store, modules=[MODULE])
    assert (len(again.posted), again.unchanged) == (0, 1)
    assert len(platform.scores_for(platform.people["learner"].sub)) == 1

    # a changed answer is a new state: posted once more, then unchanged again
    activity = next(a for a in module_activities() if a.endswith("-check"))
    store.save("lti-ana", MODULE, activity, "choice", {"choice": "no-such-option"})
    assert len(passback(registration, store, modules=[MODULE]).posted) == 1
    assert len(passback(registration, store, modules=[MODULE]).posted) == 0
    scores = platform.scores_for(platform.people["learner"].sub)
    assert len(scores) == 2 and scores[1]["body"]["scoreGiven"] < expected
    assert len([i for i in platform.lineitems if i["tag"] == TAG_PREFIX + MODULE]) == 1

    audit = records.audit(user="lti-ana")
    assert [row["status"] for row in audit] == ["posted", "posted"]
    assert audit[0]["score_given"] == pytest.approx(expected)
    printed = subprocess.run(
        [
            sys.executable,
            "-m",
            "partnership_course.cli",
            "lti",
            "audit",
            "--responses",
            store.url,
            "--user",
            "lti-ana",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = printed.splitlines()
    assert lines[0].split()[:4] == ["posted_at", "user", "course", "module"]
    assert len(lines) == 3 and all("lti-ana" in line and "posted" in line for line in lines[1:])


def test_failed_posts_are_retried_with_backoff_and_audited(
    platform: Platform, registration: Settings, both_store: ResponseStore
) -> None:
    store = both_store
    platform.scores.clear()
    records = Records(store)
    records.save_launch(launch_of(platform, "lti-ta", "assistant"))
    answer_module_01(store, "lti-ta")
    sub = platform.people["assistant"].sub
    waits: list[float] = []

    platform.fail_scores = 2
    run = passback(registration, store, modules=[MODULE], sleep=waits.append)
    assert len(run.posted) == 1 and waits == [0.5, 1.0]
    assert len(platform.scores_for(sub)) == 1
    assert records.audit(user="lti-ta")[-1]["attempts"] == 3

    # a platform that keeps failing: bounded tries, recorded, and posted on a later run
    store.save("lti-ta", MODULE, scored_choice(), "choice", {"choice": "other"})
    platform.fail_scores = 10
    waits.clear()
    run = passback(registration, store, modules=[MODULE], attempts=3, sleep=waits.append)
    assert len(run.failed) == 1 and "503" in run.failed[0][2] and len(waits) == 2
    failed = records.audit(user="lti-ta")[-1]
    assert (failed["status"], failed["attempts"]) == ("failed", 3)
    platform.fail_scores = 0
    assert len(passback(registration, store, modules=[MODULE]).posted) == 1
    assert len(platform.scores_for(sub)) == 2


def test_a_tool_key_the_platform_does_not_know_is_refused_and_audited(
    platform: Platform, registration: Settings, store: ResponseStore, tmp_path
) -> None:
    from partnership_course.lti.settings import write_key

    stranger = replace(registration, private_key_path=write_key(tmp_path / "other.pem"))
    Records(store).save_launch(launch_of(platform, "lti-coach", "instructor"))
    answer_module_01(store, "lti-coach")
    before = len(platform.scores)
    waits: list[float] = []
    run = passback(stranger, store, modules=[MODULE], sleep=waits.append)
    assert len(run.failed) == 1 and "401" in run.failed[0][2]
    assert waits == []  # a refused key is not retried
    assert len(platform.scores) == before
    assert platform.token_requests[-1]["ok"] is False
    assert Records(store).audit(user="lti-coach")[-1]["status"] == "failed"


def test_launch_records_and_nonces_on_both_backends(
    platform: Platform, both_store: ResponseStore
) -> None:
    records = Records(both_store)
    assert records.use_nonce(platform.issuer, "n-1") is True
    assert records.use_nonce(platform.issuer, "n-1") is False
    assert records.use_nonce("https://other.example", "n-1") is True
    first = launch_of(platform, "lti-x")
    records.save_launch(first)
    records.save_launch(replace(first, coach=True, lineitems_url="http://elsewhere/li"))
    (stored,) = records.launches(user="lti-x")
    assert stored.coach and stored.lineitems_url == "http://elsewhere/li"
    assert stored.scopes == SCOPES
