"""Widget models and module bytes per page, saves per second for a room of typists, and the
store's size for 200 participants after the whole course. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_widgets.py [--typists 200] [--seconds 20] [--skip-pages]
                                                 [--pages-only] [--toolkit-only]

- models per page: every widget model the kernel holds once a module page has rendered, read
  over the kernel websocket exactly as the page's JavaScript reads it (tests/workshop's client);
  with the bytes of ES module and CSS that the page's models carry;
- saves/s: `typists` threads, each saving a growing reflection with `expected_revision` as the
  front end does (at most one save a second per typist after debouncing), against one SQLite
  file: the throughput the store sustains and whether it keeps up with the room's demand;
- toolkit state: the toolkit activity's widget state once every document is made (all of it,
  and its `feedback`), against the bytes of the files, which now cross only on a click;
- store size: 200 participants, every activity of the course answered, every reflection typed
  for several minutes (one save a second), one version kept per minute and before deletions.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # tests/support
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "workshop"))


def models_per_page() -> None:
    import httpx
    from support.launch import workshop_server
    from widget_client import join, open_page

    from partnership_course.activities.delivery import loader_source
    from partnership_course.workshop.outline import outline

    pages = [page for module in outline() for page in module.pages]
    store = f"sqlite:///{tempfile.mkdtemp(prefix='bench-widgets-')}/models.db"
    print(
        "widget models per module page (target: at most 20) and the bytes of the page's widget\n"
        "state (every model's state as JSON) plus each kind's module once and the helpers and\n"
        "CSS once (each model's stub and static/loader.js ask the kernel for them); 'per model'\n"
        "is what carrying the module and CSS in every model's `_esm`/`_css` cost (the delivery\n"
        "before this); 'state only' is a page whose code the browser has cached (the route of\n"
        "activities/served.py)"
    )
    counts: list[int] = []
    sizes: list[tuple[int, int, int, int]] = []

    async def run(base: str, code: str) -> None:
        async with httpx.AsyncClient(timeout=300) as client:
            token = await join(client, base, code, "Bench models")
            for page in pages:
                session = await open_page(client, base, page.path, token)
                try:
                    counts.append(len(session.states))
                    sizes.append(page_bytes(page.path, session.states))
                finally:
                    await session.close(client)

    with workshop_server(store, pool_size=0) as server:
        asyncio.run(run(server.url, server.code))
    print(
        f"  median {statistics.median(counts):.0f}, max {max(counts)} models per page "
        f"over {len(counts)} pages; bytes per page median "
        f"{statistics.median(s[0] for s in sizes):,.0f}, max {max(s[0] for s in sizes):,} "
        f"(per model: median {statistics.median(s[1] for s in sizes):,.0f}, "
        f"max {max(s[1] for s in sizes):,}; state only: median "
        f"{statistics.median(s[2] for s in sizes):,.0f}, max {max(s[2] for s in sizes):,})\n"
        f"  the models' `_esm` (static/stub.js, in every model's state): "
        f"{len(loader_source('choice')):,} bytes per model; per page median "
        f"{statistics.median(s[3] for s in sizes):,.0f}, max {max(s[3] for s in sizes):,}"
    )


def page_bytes(path: str, states: dict[str, dict]) -> tuple[int, int, int, int]:
    """Print one page's models and bytes; return (bytes with the code from the kernel, bytes
    with the module per model, bytes of the state alone, bytes of the models' `_esm`)."""
    import json

    from partnership_course.activities.delivery import (
        _asset,
        keys,
        reply,
        shared_source,
        stylesheet,
    )

    kinds = Counter(e["model_name"] for e in states.values())
    activity_kinds = [  # the activities (a comparison panel is an AnyModel with no content)
        e["state"]["content"]["kind"]
        for e in states.values()
        if e["model_name"] == "AnyModel" and "content" in e["state"]
    ]
    state_bytes = sum(len(json.dumps(e["state"])) for e in states.values())
    loaders = sum(
        len(e["state"].get("_esm", ""))
        for e in states.values()
        if e["model_name"] == "AnyModel" and "content" in e["state"]
    )
    # what the loaders ask for: each kind's module, and the helpers and the CSS once
    wanted = {keys(kind)[piece]: kind for kind in activity_kinds for piece in keys(kind)}
    modules = sum(len(json.dumps(reply(kind, key))) for key, kind in wanted.items())
    concatenated = len(shared_source()) + len(stylesheet())  # the old `_esm` + `_css` per model
    per_model = (
        state_bytes
        - loaders
        + sum(concatenated + len(_asset(f"{kind}.js")) for kind in activity_kinds)
    )
    print(
        f"  {path}: {len(states)} models ({kinds.most_common(4)}); activities "
        f"{dict(Counter(activity_kinds))}; bytes {state_bytes + modules:,} = state "
        f"{state_bytes:,} + modules {modules:,} (per model: {per_model:,})"
    )
    return state_bytes + modules, per_model, state_bytes, loaders


def saves_per_second(typists: int, seconds: float) -> None:
    from partnership_course.store import ResponseStore

    store = ResponseStore(f"sqlite:///{tempfile.mkdtemp(prefix='bench-saves-')}/saves.db")
    done: Counter[int] = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def typist(number: int) -> None:
        revision, text = 0, ""
        while time.monotonic() < stop:
            text += f"word{number} "
            started = time.perf_counter()
            revision = store.save(
                f"typist-{number}",
                "m",
                "m/why",
                "reflection",
                {"text": text},
                expected_revision=revision,
            )
            with lock:
                latencies.append(time.perf_counter() - started)
                done[number] += 1
            time.sleep(max(0.0, 1.0 - (time.perf_counter() - started)))  # debounced: <= 1/s

    threads = [threading.Thread(target=typist, args=(n,)) for n in range(typists)]
    begun = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - begun
    total = sum(done.values())
    latencies.sort()
    print(
        f"\nsaves for {typists} simulated typists (one debounced save a second each, "
        f"{seconds:.0f} s, SQLite): {total / elapsed:.0f} saves/s sustained "
        f"(demand at most {typists}/s); save latency median "
        f"{statistics.median(latencies) * 1000:.0f} ms, p95 "
        f"{latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms"
    )


def store_size(participants: int = 200) -> None:
    from partnership_course.content import load_all
    from partnership_course.store import ResponseStore
    from partnership_course.store import responses as module

    folder = Path(tempfile.mkdtemp(prefix="bench-size-"))
    store = ResponseStore(f"sqlite:///{folder / 'course.db'}")
    import sqlalchemy as sa

    @sa.event.listens_for(store.engine, "connect")
    def _fast(dbapi_connection, _record) -> None:  # size, not speed, is measured here
        dbapi_connection.execute("PRAGMA synchronous=OFF")

    store.engine.dispose()
    library, _ = load_all()
    clock = [module._now()]
    module._now = lambda: clock[0]  # typing time passes without waiting for it
    sentence = "We listened first and asked the family what matters most at home. "
    saves = 0
    for person in range(participants):
        learner = f"participant-{person:03d}"
        for activity_id, scenario in library.items():
            mod = activity_id.split("/", 1)[0]
            if scenario.kind in ("reflection", "plain_language"):
                text, revision = "", 0
                for second in range(0, 300, 10):  # five minutes of typing; one save in ten
                    text += sentence  # ten seconds of typing (time decides what is kept)
                    revision = store.save(
                        learner,
                        mod,
                        activity_id,
                        scenario.kind,
                        {"text": text, "words": second + 1},
                        expected_revision=revision,
                    )
                    clock[0] += module.timedelta(seconds=10)
                    saves += 1
            else:
                store.save(learner, mod, activity_id, scenario.kind, {"choice": "a", "n": person})
                saves += 1
    size = sum(p.stat().st_size for p in folder.iterdir())
    with store.engine.connect() as conn:
        versions = conn.exec_driver_sql("select count(*) from response_history").scalar()
        current = conn.exec_driver_sql("select count(*) from responses").scalar()
    print(
        f"\nstore after the whole course, {participants} participants: {current:,} answers, "
        f"{versions:,} earlier versions kept from {saves:,} saves; SQLite files "
        f"{size / 1024**2:.1f} MB ({size / participants / 1024:.0f} KB per participant)"
    )


def toolkit_state() -> None:
    import json

    from partnership_course.course import Course
    from partnership_course.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'toolkit.db'}")
        toolkit = Course("03-continuum", learner="bench", store=store).activity("my-toolkit")
        for document in toolkit.content["documents"]:
            toolkit.include(document["id"], True)
        toolkit.choose_paper("letter")
        toolkit.make()
        state = len(json.dumps(toolkit.get_state(), default=str))
        feedback = len(json.dumps(toolkit.feedback))
        files = toolkit.feedback["files"]
        made = sum(file["size"] for file in files)
    print(
        f"toolkit, every document made: {len(files)} files, {made / 1e6:.2f} MB; widget state "
        f"{state / 1e3:.1f} kB (feedback {feedback / 1e3:.1f} kB); as base64 in the state the "
        f"files were {4 * ((made + 2) // 3) / 1e6:.2f} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--typists", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--pages-only", action="store_true", help="only models and bytes")
    parser.add_argument("--toolkit-only", action="store_true", help="only the toolkit's state")
    args = parser.parse_args()
    if args.toolkit_only:
        toolkit_state()
        return 0
    if not args.skip_pages:
        models_per_page()
    if args.pages_only:
        return 0
    toolkit_state()
    saves_per_second(args.typists, args.seconds)
    store_size(args.participants)
    return 0


if __name__ == "__main__":
    sys.exit(main())
