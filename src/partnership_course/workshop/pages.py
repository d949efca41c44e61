"""The workshop's own pages (start, join, facilitator view) as plain, accessible HTML.

They are server-rendered, so they cost no kernel: a room of 200 opening the start page at once
uses no more memory than one. Every string that came from a person or from content goes through
`esc`. The pages declare their language, have header/main landmarks, label every control, and
use colours with at least 4.5:1 contrast.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

from .outline import Module
from .report import ActivitySummary
from .sessions import Participant

CSS = """
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
 color:#1b1b1b;background:#f4f6f8}
a{color:#0b5394}
a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{
 outline:3px solid #b35900;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
header{background:#123b5a;color:#fff;padding:1rem 1.5rem}
header a{color:#fff}
header p{margin:.25rem 0 0 0}
main{max-width:60rem;margin:1.5rem auto;background:#fff;padding:1.5rem 2rem 2rem;
 border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.2)}
h1{font-size:1.6rem;margin:.2rem 0}
h2{font-size:1.3rem;margin-top:1.6rem;border-bottom:1px solid #c8d1da;padding-bottom:.2rem}
h3{font-size:1.15rem;margin:1.4rem 0 .3rem}
h4{font-size:1.05rem;margin:1rem 0 .2rem}
label{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=password]{font:inherit;padding:.45rem .6rem;width:100%;max-width:24rem;
 border:2px solid #5b6b79;border-radius:4px}
button,.button{font:inherit;display:inline-block;margin-top:1rem;padding:.5rem 1.1rem;
 background:#0b5394;color:#fff;border:0;border-radius:4px;text-decoration:none;cursor:pointer}
.hint{color:#3d4a55;font-size:.95rem;margin:.2rem 0}
.error{color:#8a1c1c;background:#fbeaea;border:1px solid #8a1c1c;padding:.5rem .75rem;
 border-radius:4px}
.pages{list-style:none;padding:0}
.pages li{margin:.5rem 0;padding:.6rem .8rem;border:1px solid #c8d1da;border-radius:4px}
.pages a{font-weight:600}
.done{color:#14401f}
table{border-collapse:collapse;margin:.5rem 0;width:100%}
th,td{border:1px solid #8a97a3;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#e9eef3}
td.num{text-align:right;white-space:nowrap}
.key{font-weight:700}
.bar{display:inline-block;height:.8rem;background:#1f5f8b;vertical-align:middle}
blockquote{margin:.4rem 0;padding:.4rem .8rem;border-left:4px solid #1f5f8b;background:#f4f6f8;
 white-space:pre-wrap}
.meta{color:#3d4a55;font-size:.9rem}
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def page(
    title: str, body: str, lang: str = "en", subtitle: str = "", refresh_js: bool = False
) -> str:
    """A whole HTML document with the course's header and one main landmark."""
    script = '<script src="/workshop/static/refresh.js" defer></script>' if refresh_js else ""
    sub = f"<p>{esc(subtitle)}</p>" if subtitle else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="same-origin"><link rel="icon" href="data:,">'
        f"<title>{esc(title)}</title><style>{CSS}</style>{script}</head><body>"
        '<a class="skip" href="#main">Skip to the main content</a>'
        f"<header><p><strong>Partnering with Families</strong>: a course for school staff</p>{sub}"
        f'</header><main id="main"><h1>{esc(title)}</h1>{body}</main></body></html>'
    )


def query(token: str | None, lang: str | None) -> str:
    params = {}
    if token:
        params["p"] = token
    if lang and lang != "en":
        params["lang"] = lang
    return ("?" + urlencode(params)) if params else ""


def landing(
    modules: tuple[Module, ...],
    token: str | None,
    lang: str,
    participant: Participant | None,
    done: dict[str, int],
    workshop: str | None,
) -> str:
    """The start page: every module and page, with the participant's progress and downloads."""
    q = query(token, lang)
    parts: list[str] = []
    if participant is not None:
        parts.append(
            f"<p>Welcome, <strong>{esc(participant.display_name)}</strong>. Keep this page's "
            "address (bookmark it): it brings you back to your own answers on any reload.</p>"
        )
    else:
        parts.append("<p>Choose a page to start. Every answer saves itself as you go.</p>")
    for module in modules:
        parts.append(f"<h2>{esc(module.name)}</h2><ul class='pages'>")
        for pg in module.pages:
            total = len(pg.activities)
            answered = sum(done.get(a, 0) for a in pg.activities)
            mark = (
                f" <span class='done'>(all {total} done)</span>"
                if total and answered == total
                else ""
            )
            parts.append(
                f'<li><a href="/voila/render/{esc(pg.path)}{esc(q)}">{esc(pg.title)}</a>{mark}'
                f"<p class='hint'>{answered} of {total} activities answered</p></li>"
            )
        parts.append("</ul>")
    parts.append(
        "<h2>Your answers</h2><p>Download everything you have answered so far:</p><p>"
        f'<a class="button" href="/workshop/answers.csv{esc(q)}">Download my answers (CSV)</a> '
        f'<a class="button" href="/workshop/answers.json{esc(q)}">Download my answers (JSON)</a>'
        "</p>"
    )
    if workshop and participant is not None:
        parts.append(
            '<p class="meta">Not you? <a href="/workshop/join?new=1">Join as someone else</a>.</p>'
        )
    subtitle = f"Workshop {workshop}" if workshop else ""
    return page("Course pages", "".join(parts), lang, subtitle)


def join(error: str = "", name: str = "", code: str = "") -> str:
    err = f'<p class="error" role="alert">{esc(error)}</p>' if error else ""
    body = (
        "<p>Type the workshop code your facilitator shared and the name you would like them to "
        "see. You will get your own link; it keeps your answers private to you.</p>"
        f'{err}<form method="post" action="/workshop/join">'
        '<label for="code">Workshop code</label>'
        f'<input type="text" id="code" name="code" required autocomplete="off" value="{esc(code)}"'
        ' aria-describedby="code-hint">'
        '<p class="hint" id="code-hint">For example: room-4821</p>'
        '<label for="name">Your name</label>'
        f'<input type="text" id="name" name="name" required maxlength="60" value="{esc(name)}"'
        ' autocomplete="name" aria-describedby="name-hint">'
        '<p class="hint" id="name-hint">Shown to your facilitator next to your reflections.</p>'
        '<button type="submit">Join the workshop</button></form>'
    )
    return page("Join the workshop", body)


def refused(message: str) -> str:
    body = (
        f'<p class="error" role="alert">{esc(message)}</p>'
        '<p><a href="/workshop/join">Go to the join page</a></p>'
    )
    return page("This link does not work", body)


def facilitator_login(error: str = "") -> str:
    err = f'<p class="error" role="alert">{esc(error)}</p>' if error else ""
    body = (
        "<p>Enter the facilitator key printed when the workshop was started.</p>"
        f'{err}<form method="post" action="/workshop/facilitator">'
        '<label for="key">Facilitator key</label>'
        '<input type="password" id="key" name="key" required autocomplete="current-password">'
        '<button type="submit">Open the facilitator view</button></form>'
    )
    return page("Facilitator view", body)


def _tally_table(summary: ActivitySummary) -> str:
    rows: list[str] = []
    for tally in summary.tallies:
        total = sum(c for _, c, _ in tally.counts) or 1
        rows.append(
            f"<table><caption class='meta'>{esc(tally.question)}</caption>"
            "<thead><tr><th scope='col'>Answer</th><th scope='col'>People</th>"
            "<th scope='col'>Share</th></tr></thead><tbody>"
        )
        for label, count, key in tally.counts:
            width = round(100 * count / total)
            mark = " <span class='key'>(key)</span>" if key else ""
            rows.append(
                f"<tr><td>{esc(label)}{mark}</td><td class='num'>{count}</td>"
                f"<td><span class='bar' style='width:{width * 2}px'></span> {width}%</td></tr>"
            )
        rows.append("</tbody></table>")
    return "".join(rows)


def _anchor(activity: str) -> str:
    return "a-" + activity.replace("/", "-")


def dashboard_fragment(
    modules: tuple[Module, ...],
    participants: list[Participant],
    done: dict[str, int],
    summaries: list[ActivitySummary],
) -> str:
    """The live part of the facilitator view (re-fetched every few seconds)."""
    total = sum(len(m.activities) for m in modules)
    room = len(participants)
    parts = [
        f"<h2 id='joined'>Who has joined ({room})</h2>",
        "<table><thead><tr><th scope='col'>Name</th><th scope='col'>Joined (UTC)</th>"
        f"<th scope='col'>Activities answered (of {total})</th></tr></thead><tbody>",
    ]
    for p in participants:
        parts.append(
            f"<tr><td>{esc(p.display_name)}</td><td>{esc(p.joined_at[11:16])}</td>"
            f"<td class='num'>{done.get(p.learner, 0)}</td></tr>"
        )
    parts.append("</tbody></table>")
    by_id = {s.activity: s for s in summaries}
    parts.append(
        "<h2 id='progress'>Progress per activity</h2><table><thead><tr>"
        "<th scope='col'>Page</th><th scope='col'>Activity</th><th scope='col'>Answered</th>"
        "</tr></thead><tbody>"
    )
    for module in modules:
        for pg in module.pages:
            for activity in pg.activities:
                s = by_id.get(activity)
                if s is None:
                    continue
                title = esc(s.title)
                link = f"<a href='#{_anchor(activity)}'>{title}</a>" if s.answered else title
                parts.append(
                    f"<tr><td>{esc(pg.title)}</td><td>{link}</td>"
                    f"<td class='num'>{s.answered} of {room}</td></tr>"
                )
    parts.append("</tbody></table><h2 id='answers'>Answers in the room</h2>")
    shown = 0
    for module in modules:
        for pg in module.pages:
            answered = [by_id[a] for a in pg.activities if a in by_id and by_id[a].answered]
            if not answered:
                continue
            parts.append(f"<h3>{esc(pg.title)}</h3>")
            for s in answered:
                shown += 1
                parts.append(
                    f"<section aria-labelledby='{_anchor(s.activity)}'>"
                    f"<h4 id='{_anchor(s.activity)}'>{esc(s.title)}</h4>"
                    f"<p class='meta'>{esc(s.activity)} · {esc(s.kind)} · answered by "
                    f"{s.answered} of {room}</p>{_tally_table(s)}"
                )
                if s.texts:
                    parts.append("<details><summary>Show what people wrote</summary>")
                    for name, text in s.texts:
                        parts.append(
                            f"<p><strong>{esc(name)}</strong></p><blockquote>{esc(text)}</blockquote>"
                        )
                    parts.append("</details>")
                parts.append("</section>")
    if not shown:
        parts.append("<p>No answers yet.</p>")
    return "".join(parts)


def dashboard(workshop: str, fragment: str) -> str:
    body = (
        "<p>This page updates itself every 10 seconds. "
        '<a class="button" href="/workshop/facilitator/export.csv">Export all answers (CSV)</a> '
        '<a class="button" href="/workshop/facilitator/participants.csv">'
        "Export participants (CSV)</a></p>"
        f'<div id="live">{fragment}</div>'
    )
    return page(
        f"Facilitator view: {workshop}", body, subtitle=f"Workshop {workshop}", refresh_js=True
    )


REFRESH_JS = """
(function () {
  var live = document.getElementById('live');
  if (!live) { return; }
  setInterval(function () {
    var open = Array.prototype.map.call(live.querySelectorAll('details[open]'),
      function (d) { return d.parentNode.getAttribute('aria-labelledby'); });
    fetch('/workshop/facilitator/live', {credentials: 'same-origin'}).then(function (r) {
      if (r.ok) { return r.text(); }
    }).then(function (html) {
      if (!html) { return; }
      live.innerHTML = html;
      open.forEach(function (id) {
        var s = live.querySelector('section[aria-labelledby="' + id + '"] details');
        if (s) { s.open = true; }
      });
    });
  }, 10000);
})();
"""
