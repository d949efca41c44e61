"""The door's schedule (`workshop/admission.py`): the first in line asks again soon, people
further back later, with jitter; nobody loses their place, even after being forgotten."""

from __future__ import annotations

import random

import pytest

from partnership_course.workshop import admission as door
from partnership_course.workshop.admission import Admission, retry_delay


def test_the_first_in_line_asks_soon_and_the_150th_later() -> None:
    pace = 0.5  # pages a second: four places, a page in 8 s
    middle = [retry_delay(p, pace) for p in range(1, 201)]  # the jitter's middle
    assert middle[0] == door.SOONEST
    assert middle == sorted(middle)  # never sooner for someone further back
    assert middle[149] == door.LATEST
    assert door.SOONEST < middle[9] < door.LATEST  # the 10th: about half of its 18 s wait
    # a faster door brings the same place back sooner
    assert retry_delay(10, 2.0) < retry_delay(10, pace)


def test_the_delays_are_jittered_within_a_fifth() -> None:
    for position in (1, 10, 150):
        low, high = retry_delay(position, 0.5, 0.0), retry_delay(position, 0.5, 0.999)
        middle = retry_delay(position, 0.5)
        assert low == pytest.approx(middle * (1 - door.JITTER))
        assert high == pytest.approx(middle * (1 + door.JITTER), rel=1e-3)
    line = Admission(capacity=1, draw=random.Random(7))
    line.enter()  # the one place
    turns = [line.enter() for _ in range(3)]
    assert len({turn.retry for turn in turns}) == 3  # a room arriving together asks apart


def test_a_line_of_200_asks_far_less_often_than_every_3_seconds() -> None:
    line = Admission(capacity=4, draw=random.Random(1))
    for _ in range(4):
        assert line.enter().admitted
    turns = [line.enter() for _ in range(200)]
    assert [t.position for t in turns] == list(range(1, 201))
    assert all(not t.admitted for t in turns)
    asks_per_second = sum(1 / t.retry for t in turns)
    assert asks_per_second < 200 / 3 / 3  # over three times fewer than every 3 s (about 16/s)
    assert turns[0].retry <= door.SOONEST * (1 + door.JITTER)


def test_people_are_admitted_in_order_and_keep_their_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(door.time, "monotonic", lambda: clock[0])
    line = Admission(capacity=1)
    assert line.enter().admitted
    first, second = line.enter(), line.enter()
    assert (first.position, second.position) == (1, 2)
    asked = line.enter(second.ticket)
    assert not asked.admitted  # not before the first
    line.leave()
    assert line.enter(first.ticket).admitted
    # the second stayed away far longer than told: forgotten, then back with its place
    clock[0] += 2 * asked.retry + door.GRACE + 1
    late = line.enter()  # someone new arrives meanwhile
    assert list(line.line) == [late.ticket]
    line.leave()
    assert line.enter(second.ticket).admitted  # ahead of the newcomer
    assert line.enter(late.ticket).position == 1


def test_a_served_or_made_up_ticket_gets_no_earlier_place() -> None:
    line = Admission(capacity=1)
    line.enter()
    early = line.enter()
    line.leave()
    assert line.enter(early.ticket).admitted  # served: the ticket's place is used up
    honest = line.enter()
    again = line.enter(early.ticket)  # the module page reloaded with its old address
    made_up = line.enter("made-up")
    assert not again.admitted and again.ticket != early.ticket
    assert (honest.position, again.position, made_up.position) == (1, 2, 3)


def test_the_pace_is_measured_from_the_pages_finished(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [50.0]
    monkeypatch.setattr(door.time, "monotonic", lambda: clock[0])
    line = Admission(capacity=4)
    assert line.pace() == 4 / door.PAGE_SECONDS  # before any page is done
    for _ in range(5):
        line.busy = 1
        line.leave()
        clock[0] += 2.0
    assert line.pace() == pytest.approx(0.5)  # one page every 2 s
    clock[0] += door.RATE_WINDOW + 10
    assert line.pace() == 4 / door.PAGE_SECONDS  # an old pace is no pace
