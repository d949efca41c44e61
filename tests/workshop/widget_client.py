"""A participant without a browser: join over HTTP, open pages, answer through widget comms.

It speaks exactly what the Voila page's JavaScript speaks over the kernel websocket: a
`jupyter.widget.control` comm to fetch every widget's state, then, for the activities drawn by
anywidget (one `AnyModel` per activity), the `custom` events their ES modules send
(`{"event": "choose", ...}`, see `activities/static/*.js`), and for the kinds still on stock
ipywidgets, `update` messages (select an option, type text) and `custom` click events. So the
server, the kernel and the store do exactly the work a browser would make them do, at a fraction
of a browser's cost.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import websockets

RETRY = re.compile(r'id="pc-retry" href="([^"]+)" data-retry-ms="(\d+)"')
KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')
SELECTIONS = {"RadioButtonsModel", "DropdownModel", "ToggleButtonsModel", "SelectModel"}


def message(msg_type: str, content: dict[str, Any], session: str, metadata: dict | None = None):
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "username": "load",
            "session": session,
            "msg_type": msg_type,
            "version": "5.3",
            "date": datetime.now(UTC).isoformat(),
        },
        "parent_header": {},
        "metadata": metadata or {},
        "content": content,
        "channel": "shell",
        "buffers": [],
    }


@dataclass
class Activity:
    """One activity on the page: its kind and its interactive widgets in reading order.

    An anywidget activity is one model (`model_id`, its view `content`) and has no controls.
    """

    kind: str
    controls: list[tuple[str, str, dict[str, Any]]] = field(
        default_factory=list
    )  # id, model, state
    model_id: str = ""
    content: dict[str, Any] = field(default_factory=dict)


@dataclass
class PageSession:
    """One open page: a kernel, a websocket, and the widget tree read from the kernel."""

    base: str
    kernel_id: str
    ws: Any
    session: str
    states: dict[str, dict[str, Any]]
    waited: int = 0  # times the server said "wait your turn" before preparing the page

    def activities(self) -> list[Activity]:
        found: list[Activity] = []
        for model_id, entry in self.states.items():
            if entry["model_name"] == "AnyModel" and "kind" in entry["state"].get("content", {}):
                content = entry["state"]["content"]
                one = Activity(content["kind"], model_id=model_id, content=content)
                found.append((self._order(model_id), one))  # type: ignore[arg-type]
                continue
            classes = entry["state"].get("_dom_classes", [])
            if "pc-activity" not in classes:
                continue
            kind = next(c[3:] for c in classes if c.startswith("pc-") and c != "pc-activity")
            activity = Activity(kind.replace("-", "_"))
            self._walk(model_id, activity, set())
            found.append((self._order(model_id), activity))  # type: ignore[arg-type]
        return [a for _, a in sorted(found, key=lambda pair: pair[0])]  # type: ignore[index]

    def _order(self, model_id: str) -> int:
        # widgets are created in page order, and Voila hands them out in creation order
        return list(self.states).index(model_id)

    def _walk(self, model_id: str, activity: Activity, seen: set[str]) -> None:
        if model_id in seen or model_id not in self.states:
            return
        seen.add(model_id)
        entry = self.states[model_id]
        name = entry["model_name"]
        if name in SELECTIONS or name in {"TextareaModel", "ButtonModel", "TextModel"}:
            activity.controls.append((model_id, name, entry["state"]))
        for child in entry["state"].get("children", []):
            self._walk(child.removeprefix("IPY_MODEL_"), activity, seen)

    async def send(self, msg_type: str, content: dict[str, Any], metadata: dict | None = None):
        await self.ws.send(json.dumps(message(msg_type, content, self.session, metadata)))

    async def update(self, model_id: str, state: dict[str, Any]) -> None:
        await self.send(
            "comm_msg",
            {"comm_id": model_id, "data": {"method": "update", "state": state, "buffer_paths": []}},
        )

    async def event(self, model_id: str, payload: dict[str, Any]) -> None:
        """What an anywidget front end's `model.send(payload)` sends."""
        await self.send(
            "comm_msg", {"comm_id": model_id, "data": {"method": "custom", "content": payload}}
        )

    async def answer(self, activity: Activity, person: int, text: str) -> list[int]:
        """Answer an anywidget activity as its page would; returns the option indexes picked."""
        content, target = activity.content, activity.model_id
        if activity.kind == "choice":
            index = person % len(content["options"])
            option = content["options"][index]["id"]
            await self.event(target, {"event": "choose", "option": option})
            return [index]
        if activity.kind == "self_assessment":
            picks = []
            for number, item in enumerate(content["items"]):
                index = (person + number) % len(content["scale"])
                value = content["scale"][index]["value"]
                await self.event(target, {"event": "rate", "item": item["id"], "value": value})
                picks.append(index)
            return picks
        if activity.kind == "reflection":
            await self.event(target, {"event": "write", "text": text})
            return []
        if activity.kind == "sort":
            picks = []
            for number, item in enumerate(content["items"]):
                index = (person + number) % len(content["categories"])
                category = content["categories"][index]["id"]
                await self.event(
                    target, {"event": "place", "item_id": item["id"], "category_id": category}
                )
                picks.append(index)
            await self.event(target, {"event": "check"})
            return picks
        if activity.kind == "branching":
            # the first moment only: where a choice leads is never sent to a page
            start = next(n for n in content["nodes"] if n["id"] == content["start"])
            index = person % len(start["choices"])
            await self.event(
                target, {"event": "choose", "choice_id": start["choices"][index]["id"]}
            )
            return [index]
        if activity.kind == "ladder":  # mark, climb every rung in order, then climb down
            picks = []
            for number, statement in enumerate(content["statements"]):
                observable = (person + number) % 2 == 0
                await self.event(
                    target,
                    {"event": "mark", "statement_id": statement["id"], "observable": observable},
                )
                picks.append(int(not observable))
            for step in content["rungs"]:
                index = person % len(step["options"])
                option = step["options"][index]["id"]
                await self.event(
                    target, {"event": "climb", "rung": step["rung"], "option_id": option}
                )
                picks.append(index)
            for item in content["climb_down"]:
                index = person % len(item["questions"])
                question = item["questions"][index]["id"]
                await self.event(
                    target, {"event": "ask", "assumption_id": item["id"], "option_id": question}
                )
                picks.append(index)
            return picks
        picks = await self.answer_typed_kinds(activity, person, text)
        if picks is not None:
            return picks
        raise ValueError(f"no anywidget answer for {activity.kind}")

    async def answer_typed_kinds(
        self, activity: Activity, person: int, text: str
    ) -> list[int] | None:
        """starters, action_plan, contact_planner, plain_language (None: not one of these)."""
        content, target = activity.content, activity.model_id
        if activity.kind == "starters":
            picks = []
            for number, statement in enumerate(content["statements"]):
                index = (person + number) % len(statement["replies"])
                reply = statement["replies"][index]["id"]
                sid = statement["id"]
                await self.event(
                    target, {"event": "reply", "statement_id": sid, "option_id": reply}
                )
                starter = content["starters"][number % len(content["starters"])]["id"]
                await self.event(
                    target,
                    {"event": "compose", "statement_id": sid, "starter_id": starter, "text": text},
                )
                picks.append(index)
            return picks
        if activity.kind == "action_plan":
            for plan_field in content["fields"]:
                await self.event(
                    target, {"event": "write", "field_id": plan_field["id"], "text": text}
                )
            return []
        if activity.kind == "plain_language":
            await self.event(target, {"event": "write", "text": text})
            await self.event(target, {"event": "check", "text": text})
            return []
        if activity.kind == "contact_planner":
            languages, channels = content["languages"], content["channels"]
            family = {
                "event": "add",
                "code": f"Fam-{person}",
                "language": languages[person % len(languages)]["id"],
                "channel": channels[person % len(channels)]["id"],
                "interpreter": person % 2 == 1,
                "iep_date": None,
            }
            await self.event(target, family)
            await self.event(target, {"event": "rhythm", "per_week": str(1 + person % 5)})
            return []
        return None

    async def click(self, model_id: str) -> None:
        await self.send(
            "comm_msg",
            {"comm_id": model_id, "data": {"method": "custom", "content": {"event": "click"}}},
        )

    async def settle(self, timeout: float = 120) -> None:
        """Wait until the kernel has handled everything sent so far (shell is in order)."""
        request = message("kernel_info_request", {}, self.session)
        await self.ws.send(json.dumps(request))
        wanted = request["header"]["msg_id"]
        async with asyncio.timeout(timeout):
            while True:
                reply = json.loads(await self.ws.recv())
                if reply.get("parent_header", {}).get("msg_id") == wanted and (
                    reply["header"]["msg_type"] == "kernel_info_reply"
                ):
                    return

    async def close(self, client: httpx.AsyncClient) -> int:
        """Leave the page as the browser does: the page's script shuts its kernel down, sending
        the `_xsrf` cookie's value back (without it the server refuses, 403, and the kernel
        lives on until the culler: a room of 60 opening three pages held 180 kernels).
        Returns the status of the shutdown (204: the kernel is gone)."""
        await self.ws.close()
        xsrf = next((c.value for c in client.cookies.jar if c.name == "_xsrf"), "")
        reply = await client.delete(
            f"{self.base}/api/kernels/{self.kernel_id}", headers={"X-XSRFToken": xsrf}
        )
        return reply.status_code


async def join(client: httpx.AsyncClient, base: str, code: str, name: str) -> str:
    """Join the workshop; return the participant token from the redirect."""
    reply = await client.post(f"{base}/workshop/join", data={"code": code, "name": name})
    assert reply.status_code == 303, reply.text[:500]
    return parse_qs(urlparse(reply.headers["location"]).query)["p"][0]


async def open_page(
    client: httpx.AsyncClient,
    base: str,
    path: str,
    token: str,
    timeout: float = 240,
    waits: list[float] | None = None,
    waiting: list[httpx.Response] | None = None,
) -> PageSession:
    """Load a module page (the kernel runs the notebook), connect, and read every widget.

    When the server is preparing as many pages as it can, it answers with a waiting page
    (503, with a "try again" link that keeps this participant's place in the line); like the
    page's own script (wait.js), this asks again when the server says until the page comes.
    `waits` gathers every delay the server gave, `waiting` every waiting page."""
    url, params, waited = f"{base}/voila/render/{path}", {"p": token}, 0
    waits = [] if waits is None else waits
    while True:
        reply = await client.get(url, params=params, timeout=timeout)
        retry = RETRY.search(reply.text) if reply.status_code == 503 else None
        if retry is None:
            break
        waited += 1
        if waiting is not None:
            waiting.append(reply)
        waits.append(int(retry.group(2)) / 1000)
        await asyncio.sleep(waits[-1])
        url, params = base + html.unescape(retry.group(1)), None
    reply.raise_for_status()
    found = KERNEL_ID.search(reply.text)
    assert found, "no kernel id in the page"
    kernel_id = found.group(1)
    session = uuid.uuid4().hex
    ws_url = (
        base.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels?session_id={session}"
    )
    ws = await websockets.connect(ws_url, max_size=None, open_timeout=60)
    page = PageSession(base, kernel_id, ws, session, {}, waited)
    control = uuid.uuid4().hex
    await page.send(
        "comm_open",
        {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
        {"version": "1.0.0"},  # the widget control protocol version
    )
    await page.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
    async with asyncio.timeout(timeout):
        while True:
            msg = json.loads(await ws.recv())
            content = msg.get("content", {})
            if (
                msg["header"]["msg_type"] == "comm_msg"
                and content.get("comm_id") == control
                and content.get("data", {}).get("method") == "update_states"
            ):
                page.states = content["data"]["states"]
                return page
