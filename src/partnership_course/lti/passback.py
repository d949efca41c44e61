"""Post completion and scores to the LMS gradebook with LTI Advantage Assignment and Grade Services.

The tool side is pylti1p3's `ServiceConnector` (the OAuth2 client-credentials grant with a JWT
assertion signed by our key) and `AssignmentsGradesService` (line items and scores): no JWT is
made by hand here.

- One line item per module in each LMS course, found by its tag (`partnership-course:<module>`)
  and created when missing.
- A learner's module is posted once it is completed (`scores.module_state`): first the automatic
  score, then the gradebook's total after the coach's grading.
- Never posted twice for the same state: the hash of what would be posted is compared with the
  hashes already posted (the `lti_posts` table); an unchanged state is skipped.
- Retried on failure, bounded, with exponential backoff, for what a retry can fix (connection
  errors, HTTP 429 and 5xx); every attempt's outcome is written to the audit table, and a state
  that failed is tried again on the next run.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..store import ResponseStore
from .records import Launch, Records
from .scores import ModuleState, gradebook_scores, graded_module, module_state
from .settings import Settings

TAG_PREFIX = "partnership-course:"
RETRYABLE = {408, 425, 429, 500, 502, 503, 504}


@dataclass
class PassbackRun:
    """What one passback run did, for the command's summary."""

    posted: list[tuple[str, str, float]] = field(default_factory=list)  # user, module, score
    unchanged: int = 0
    not_completed: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # user, module, reason

    def summary(self) -> str:
        return (
            f"{len(self.posted)} posted, {self.unchanged} unchanged, "
            f"{self.not_completed} not completed, {len(self.failed)} failed"
        )


def state_hash(launch: Launch, lineitem_tag: str, state: ModuleState) -> str:
    """The identity of a post: who, where, and exactly what it says."""
    payload = {
        "issuer": launch.issuer,
        "context": launch.context,
        "subject": launch.subject,
        "tag": lineitem_tag,
        "score_given": state.score_given,
        "score_maximum": state.score_maximum,
        "activity_progress": state.activity_progress,
        "grading_progress": state.grading_progress,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


class _Failure(Exception):
    def __init__(self, reason: str, retryable: bool) -> None:
        super().__init__(reason)
        self.retryable = retryable


class Poster:
    """Talks to one platform for one run: one connector per client id, line items cached."""

    def __init__(self, settings: Settings, session: Any = None) -> None:
        self.settings = settings
        self.session = session
        self._connectors: dict[str, Any] = {}
        self._lineitems: dict[tuple[str, str], Any] = {}

    def _connector(self, client_id: str) -> Any:
        from pylti1p3.service_connector import ServiceConnector

        if client_id not in self._connectors:
            registration = self.settings.registration(client_id)
            self._connectors[client_id] = ServiceConnector(registration, self.session)
        return self._connectors[client_id]

    def _service(self, launch: Launch) -> Any:
        from pylti1p3.assignments_grades import AssignmentsGradesService

        data = {"scope": list(launch.scopes), "lineitems": launch.lineitems_url}
        return AssignmentsGradesService(self._connector(launch.client_id), data)

    def post(self, launch: Launch, state: ModuleState) -> str:
        """Post one score; returns the line item's address. Raises `_Failure`."""
        import requests
        from pylti1p3.exception import LtiException, LtiServiceException
        from pylti1p3.grade import Grade
        from pylti1p3.lineitem import LineItem

        try:
            service = self._service(launch)
            key = (launch.lineitems_url or "", state.module)
            lineitem = self._lineitems.get(key)
            if lineitem is None:
                wanted = (
                    LineItem()
                    .set_tag(TAG_PREFIX + state.module)
                    .set_resource_id(state.module)
                    .set_label(state.title)
                    .set_score_maximum(state.score_maximum)
                )
                lineitem = service.find_or_create_lineitem(wanted, find_by="tag")
                self._lineitems[key] = lineitem
            grade = (
                Grade()
                .set_score_given(state.score_given)
                .set_score_maximum(state.score_maximum)
                .set_activity_progress(state.activity_progress)
                .set_grading_progress(state.grading_progress)
                .set_timestamp(datetime.now(UTC).isoformat(timespec="seconds"))
                .set_user_id(launch.subject)
            )
            service.put_grade(grade, lineitem)
            return str(lineitem.get_id())
        except LtiServiceException as exc:
            code = exc.response.status_code
            raise _Failure(f"HTTP {code}: {str(exc)[:300]}", code in RETRYABLE) from exc
        except requests.RequestException as exc:
            raise _Failure(f"{type(exc).__name__}: {exc}", True) from exc
        except LtiException as exc:
            raise _Failure(str(exc), False) from exc


def passback(
    settings: Settings,
    store: ResponseStore | str | None = None,
    course: str | None = None,
    users: Iterable[str] | None = None,
    modules: Iterable[str] | None = None,
    modules_root: Path | None = None,
    gradebook: tuple[str, str] | None = None,
    attempts: int = 4,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    poster: Poster | None = None,
) -> PassbackRun:
    """Post every completed, changed module of every launched learner (see module docstring).

    `gradebook` is (nbgrader db URL, course id) once the coach has graded; without it only the
    automatic scores are posted. `attempts` bounds the tries of one post; the wait before try
    n+1 is `backoff * 2**(n-1)` seconds.
    """
    from ..content.paths import modules_dir
    from ..workshop.outline import outline

    store = store if isinstance(store, ResponseStore) else ResponseStore(store)
    records = Records(store)
    poster = poster or Poster(settings)
    root = modules_root or modules_dir()
    wanted_modules = list(modules) if modules else [m.name for m in outline(root)]
    wanted_users = set(users) if users else None
    graded_scores = gradebook_scores(*gradebook) if gradebook else {}
    run = PassbackRun()
    for launch in records.launches(course=course):
        if wanted_users is not None and launch.user not in wanted_users:
            continue
        if not launch.lineitems_url or not any("score" in s for s in launch.scopes):
            continue  # the platform granted no grade service for this launch
        for module in wanted_modules:
            rubric = _course_rubric(settings, launch.course)
            graded = graded_module(module, root, rubric)
            state = module_state(graded, launch.user, store, graded_scores, root)
            if state is None:
                run.not_completed += 1
                continue
            digest = state_hash(launch, TAG_PREFIX + module, state)
            if digest in records.posted_hashes(launch.user, launch.course, module):
                run.unchanged += 1
                continue
            _post_with_retry(records, poster, launch, state, digest, attempts, backoff, sleep, run)
    return run


def _course_rubric(settings: Settings, course: str) -> Path | None:
    link = settings.course_by_id(course)
    if link and link.folder and (link.folder / "rubric.yaml").is_file():
        return link.folder / "rubric.yaml"
    return None


def _post_with_retry(
    records: Records,
    poster: Poster,
    launch: Launch,
    state: ModuleState,
    digest: str,
    attempts: int,
    backoff: float,
    sleep: Callable[[float], None],
    run: PassbackRun,
) -> None:
    audit = {
        "user": launch.user,
        "course": launch.course,
        "module": state.module,
        "score_given": state.score_given,
        "score_maximum": state.score_maximum,
        "activity_progress": state.activity_progress,
        "grading_progress": state.grading_progress,
        "state_hash": digest,
    }
    reason = ""
    for attempt in range(1, max(attempts, 1) + 1):
        try:
            lineitem = poster.post(launch, state)
        except _Failure as failure:
            reason = str(failure)
            if failure.retryable and attempt < attempts:
                sleep(backoff * 2 ** (attempt - 1))
                continue
            break
        records.record_post(
            **audit,
            lineitem=lineitem,
            status="posted",
            attempts=attempt,
            detail=f"{state.source} score",
        )
        run.posted.append((launch.user, state.module, state.score_given))
        return
    records.record_post(
        **audit,
        lineitem=launch.lineitems_url or "",
        status="failed",
        attempts=attempt,
        detail=reason,
    )
    run.failed.append((launch.user, state.module, reason))
