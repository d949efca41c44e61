"""What a course kernel loads: no Voila, no SQLAlchemy on a SQLite store (issues 13 and 15).

A workshop holds one kernel per open page, so a library imported by every kernel is paid for
per participant: importing `voila` (only to wait for the request) cost a warm kernel about
8 CPU-seconds and 60 MB; SQLAlchemy about 13 MB. Each test runs the kernel's own code path in a
fresh interpreter and asks what it imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

WAIT = """
import json, os, sys
os.environ.update(VOILA_PREHEAT="True", VOILA_APP_IP="127.0.0.1", VOILA_KERNEL_ID="k-1",
                  VOILA_SERVER_URL="/base/")
from partnership_course.workshop.request_wait import wait_for_request
import socket, threading, asyncio
from tornado.web import Application
from tornado.websocket import WebSocketHandler

class Query(WebSocketHandler):
    def open(self, kernel_id):
        self.write_message(json.dumps({"QUERY_STRING": f"p=tok&kernel={kernel_id}"}))

sock = socket.socket(); sock.bind(("127.0.0.1", 0)); port = sock.getsockname()[1]; sock.close()
os.environ["VOILA_APP_PORT"] = str(port)
started = threading.Event()
def serve():
    async def main():
        Application([(r"/base/voila/query/(.*)", Query)]).listen(port, "127.0.0.1")
        started.set()
        await asyncio.Event().wait()
    asyncio.run(main())
threading.Thread(target=serve, daemon=True).start()
started.wait(30)
wait_for_request()
print(json.dumps([os.environ.get("QUERY_STRING"), "voila" in sys.modules]))
"""


def test_the_preheated_kernel_learns_its_request_without_voila() -> None:
    """Does our wait read what a Voila server sends for this kernel id, and set it in the
    environment, without importing Voila?"""
    out = subprocess.run(
        [sys.executable, "-c", WAIT], capture_output=True, text=True, timeout=120, check=True
    )
    query, voila_loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert query == "p=tok&kernel=k-1"
    assert voila_loaded is False


def test_a_workshop_page_kernel_imports_neither_voila_nor_sqlalchemy(tmp_path: Path) -> None:
    """The room's first page as a preheated workshop kernel runs it: the warm-up, every
    activity, then the participant's token looked up and their answers loaded."""
    from partnership_course.workshop.sessions import WorkshopStore

    url = f"sqlite:///{tmp_path / 'k.db'}"
    room = WorkshopStore(url=url)  # the server's side: SQLAlchemy, the sessions' tables
    room.open_workshop("room-kw", "facilitator-key-kw")
    token, ana = room.join("room-kw", "Ana")
    room.responses.save(
        ana.learner,
        "01-dual-capacity",
        "01-dual-capacity/interpreter-check",
        "choice",
        {"choice": 1},
    )
    code = f"""
import os, sys
os.environ.update(PARTNERSHIP_COURSE_STORE="{url}", PARTNERSHIP_COURSE_WORKSHOP="room-kw",
                  PARTNERSHIP_COURSE_HOSTS="partnership_course.workshop.kernel",
                  QUERY_STRING="p={token}")
from partnership_course import start
from partnership_course.workshop import kernel, preheat
preheat._warm_imports()
course = start("01-dual-capacity", lang="en")
for name in ("before-two-way", "interpreter-check", "challenge-reflection"):
    course.activity(name)
learner = course.learner  # through the workshop host: the token in the page's address
assert kernel.learner_of("room-kw", "{token[::-1]}") is None
assert kernel.learner_of("room-other", "{token}") is None
saved = course.store.load(learner, "01-dual-capacity", "01-dual-capacity/interpreter-check")
loaded = sorted({{m.split(".")[0] for m in sys.modules}})
print(learner, saved.value, [m for m in loaded if m in ("voila", "sqlalchemy", "jupyter_server")])
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == f"{ana.learner} {{'choice': 1}} []"
