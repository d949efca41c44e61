"""The workshop's own pages (start, join, facilitator view) as plain, accessible HTML.

They are server-rendered, so they cost no kernel: a room of 200 opening the start page at once
uses no more memory than one. Every string that came from a person or from content goes through
`esc`. The pages declare their language, have header/main landmarks, label every control, and
use colours with at least 4.5:1 contrast.

Every page is shown in `lang` (English or Spanish): interface strings are marked
`gettext("...", lang)` and read from `translations/<lang>/interface.po`; what people wrote
(names, reflections) is shown exactly as written. Each page's header has a link to the same page
in the other language that keeps the participant token.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

from ..i18n import DEFAULT, N_, SUPPORTED, gettext
from .outline import Module
from .report import ActivitySummary, kind_label
from .sessions import Participant

# each language's name in that language: the switch link's text, never translated
LANGUAGE_NAMES = {"en": "English", "es": "Español"}

# messages made elsewhere (the store, the Voila handler) that a page shows: marked here so the
# catalogue has them, translated where they are shown
SHOWN_ELSEWHERE = (
    N_("That workshop code was not found. Please check it and try again."),
    N_("Please enter the name you would like the facilitator to see."),
    N_(
        "This participant link is not valid for this workshop. Please join again with the "
        "workshop code."
    ),
)

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
header .switch{margin:.4rem 0 0 0}
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def other_language(lang: str) -> str:
    """The language the switch link offers: the next supported one."""
    index = SUPPORTED.index(lang) if lang in SUPPORTED else 0
    return SUPPORTED[(index + 1) % len(SUPPORTED)]


def here_in(path: str, lang: str | None, token: str | None = None, **params: str) -> str:
    """`path` with `?lang=` (which wins over the browser's language; None leaves the choice to
    the browser), the participant token and `params` kept."""
    query_params = {k: v for k, v in params.items() if v}
    if token:
        query_params["p"] = token
    if lang:
        query_params["lang"] = lang
    return f"{path}?{urlencode(query_params)}" if query_params else path


def _hidden_lang(lang: str | None) -> str:
    """A form's `lang` field, so the page after it stays in the language chosen by `?lang=`."""
    return f'<input type="hidden" name="lang" value="{esc(lang)}">' if lang else ""


def page(
    title: str,
    body: str,
    lang: str = DEFAULT,
    subtitle: str = "",
    refresh_js: bool = False,
    switch: str | None = None,
) -> str:
    """A whole HTML document with the course's header and one main landmark.

    `switch` is the address of this page in the other language (default: this address with
    only `?lang=` changed); its link text is that language's own name, marked with its `lang`.
    """
    script = '<script src="/workshop/static/refresh.js" defer></script>' if refresh_js else ""
    sub = f"<p>{esc(subtitle)}</p>" if subtitle else ""
    other = other_language(lang)
    target = switch if switch is not None else f"?lang={other}"
    course = f"<strong>{esc(gettext('Partnering with Families', lang))}</strong>"
    tagline = esc(gettext("{course}: a course for school staff", lang)).format(course=course)
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="same-origin"><link rel="icon" href="data:,">'
        f"<title>{esc(title)}</title><style>{CSS}</style>{script}</head><body>"
        f'<a class="skip" href="#main">{esc(gettext("Skip to the main content", lang))}</a>'
        f"<header><p>{tagline}</p>{sub}"
        f'<p class="switch"><a class="pc-switch" href="{esc(target)}" lang="{esc(other)}" '
        f'hreflang="{esc(other)}">{esc(LANGUAGE_NAMES.get(other, other))}</a></p>'
        f'</header><main id="main"><h1>{esc(title)}</h1>{body}</main></body></html>'
    )


def query(token: str | None, lang: str | None) -> str:
    """`?p=<token>&lang=<lang>`; an explicit English is kept too, so a link keeps the language
    the person chose over their browser's (None: the browser's language decides)."""
    params = {}
    if token:
        params["p"] = token
    if lang:
        params["lang"] = lang
    return ("?" + urlencode(params)) if params else ""


def landing(
    modules: tuple[Module, ...],
    token: str | None,
    lang: str,
    participant: Participant | None,
    done: dict[str, int],
    workshop: str | None,
    titles: dict[str, str] | None = None,
    certificate: tuple[bool, bool] | None = None,
    chosen: bool = True,
) -> str:
    """The start page: every module and page, with the participant's progress and downloads.

    `titles` maps a page path to its title in `lang`; `certificate` is (completed the whole
    course, PDF available), or None where no certificate is offered; `chosen` says `lang` was
    asked for with `?lang=` (links then carry it) rather than taken from the browser.
    """
    keep = lang if chosen else None
    q = query(token, keep)
    titles = titles or {}
    parts: list[str] = []
    if participant is not None:
        name = f"<strong>{esc(participant.display_name)}</strong>"
        welcome = esc(
            gettext(
                "Welcome, {name}. Keep this page's address (bookmark it): it brings you back "
                "to your own answers on any reload.",
                lang,
            )
        ).format(name=name)
        parts.append(f"<p>{welcome}</p>")
    else:
        start = gettext("Choose a page to start. Every answer saves itself as you go.", lang)
        parts.append(f"<p>{esc(start)}</p>")
    for module in modules:
        parts.append(f"<h2>{esc(module.name)}</h2><ul class='pages'>")
        for pg in module.pages:
            total = len(pg.activities)
            answered = sum(done.get(a, 0) for a in pg.activities)
            mark = (
                " <span class='done'>"
                f"{esc(gettext('(all {total} done)', lang).format(total=total))}</span>"
                if total and answered == total
                else ""
            )
            count = gettext("{answered} of {total} activities answered", lang).format(
                answered=answered, total=total
            )
            title = titles.get(pg.path, pg.title)
            parts.append(
                f'<li><a href="/voila/render/{esc(pg.path)}{esc(q)}">{esc(title)}</a>{mark}'
                f"<p class='hint'>{esc(count)}</p></li>"
            )
        parts.append("</ul>")
    parts.append(
        f"<h2>{esc(gettext('Your answers', lang))}</h2>"
        f"<p>{esc(gettext('Download everything you have answered so far:', lang))}</p><p>"
        f'<a class="button" href="/workshop/answers.csv{esc(q)}">'
        f"{esc(gettext('Download my answers (CSV)', lang))}</a> "
        f'<a class="button" href="/workshop/answers.json{esc(q)}">'
        f"{esc(gettext('Download my answers (JSON)', lang))}</a></p>"
    )
    if certificate is not None:
        complete, pdf = certificate
        parts.append(f"<h2>{esc(gettext('Your certificate', lang))}</h2>")
        if complete:
            parts.append(
                "<p>"
                + esc(gettext("You have answered every activity of every module.", lang))
                + "</p><p>"
                + (
                    f'<a class="button" href="/workshop/certificate.pdf{esc(q)}">'
                    f"{esc(gettext('Download my certificate (PDF)', lang))}</a> "
                    if pdf
                    else ""
                )
                + f'<a class="button" href="/workshop/certificate.html{esc(q)}">'
                f"{esc(gettext('Download my certificate (web page)', lang))}</a></p>"
            )
        else:
            parts.append(
                "<p>"
                + esc(
                    gettext(
                        "When every activity of every module has an answer (and no reflection "
                        "is left empty), you can download your certificate here.",
                        lang,
                    )
                )
                + "</p>"
            )
    if workshop and participant is not None:
        join_link = (
            f'<a href="{esc(here_in("/workshop/join", keep, new="1"))}">'
            f"{esc(gettext('Join as someone else', lang))}</a>"
        )
        parts.append(
            '<p class="meta">'
            + esc(gettext("Not you? {link}.", lang)).format(link=join_link)
            + "</p>"
        )
    subtitle = gettext("Workshop {code}", lang).format(code=workshop) if workshop else ""
    return page(
        gettext("Course pages", lang),
        "".join(parts),
        lang,
        subtitle,
        switch="/" + query(token, other_language(lang)),
    )


def join(
    error: str = "", name: str = "", code: str = "", lang: str = DEFAULT, chosen: bool = True
) -> str:
    """The join form. `error` is an English message, shown translated into `lang`; `chosen`:
    `lang` came from `?lang=`, so the form carries it to the start page."""
    err = f'<p class="error" role="alert">{esc(gettext(error, lang))}</p>' if error else ""
    body = (
        "<p>"
        + esc(
            gettext(
                "Type the workshop code your facilitator shared and the name you would like "
                "them to see. You will get your own link; it keeps your answers private to you.",
                lang,
            )
        )
        + "</p>"
        f'{err}<form method="post" action="/workshop/join">'
        f"{_hidden_lang(lang if chosen else None)}"
        f'<label for="code">{esc(gettext("Workshop code", lang))}</label>'
        f'<input type="text" id="code" name="code" required autocomplete="off" value="{esc(code)}"'
        ' aria-describedby="code-hint">'
        '<p class="hint" id="code-hint">'
        f"{esc(gettext('For example: {code}', lang).format(code='room-4821'))}</p>"
        f'<label for="name">{esc(gettext("Your name", lang))}</label>'
        f'<input type="text" id="name" name="name" required maxlength="60" value="{esc(name)}"'
        ' autocomplete="name" aria-describedby="name-hint">'
        '<p class="hint" id="name-hint">'
        f"{esc(gettext('Shown to your facilitator next to your reflections.', lang))}</p>"
        f'<button type="submit">{esc(gettext("Join the workshop", lang))}</button></form>'
    )
    return page(
        gettext("Join the workshop", lang),
        body,
        lang,
        switch=here_in("/workshop/join", other_language(lang)),
    )


def refused(
    message: str, lang: str = DEFAULT, switch: str | None = None, chosen: bool = True
) -> str:
    """The page for a participant link that does not work. `message` is English (a marked
    msgid), shown translated into `lang`; `switch` is this address in the other language."""
    body = (
        f'<p class="error" role="alert">{esc(gettext(message, lang))}</p>'
        f'<p><a href="{esc(here_in("/workshop/join", lang if chosen else None))}">'
        f"{esc(gettext('Go to the join page', lang))}</a></p>"
    )
    return page(gettext("This link does not work", lang), body, lang, switch=switch)


def message_page(title: str, message: str, lang: str = DEFAULT, switch: str | None = None) -> str:
    """A page with one plain sentence (already translated), e.g. for a refused certificate."""
    return page(title, f"<p>{esc(message)}</p>", lang, switch=switch)


def facilitator_login(error: str = "", lang: str = DEFAULT, chosen: bool = True) -> str:
    """The facilitator's key form. `error` is already in `lang`; `chosen` as for `join`."""
    err = f'<p class="error" role="alert">{esc(error)}</p>' if error else ""
    body = (
        "<p>"
        + esc(gettext("Enter the facilitator key printed when the workshop was started.", lang))
        + "</p>"
        f'{err}<form method="post" action="/workshop/facilitator">'
        f"{_hidden_lang(lang if chosen else None)}"
        f'<label for="key">{esc(gettext("Facilitator key", lang))}</label>'
        '<input type="password" id="key" name="key" required autocomplete="current-password">'
        f'<button type="submit">{esc(gettext("Open the facilitator view", lang))}</button></form>'
    )
    return page(
        gettext("Facilitator view", lang),
        body,
        lang,
        switch=here_in("/workshop/facilitator", other_language(lang)),
    )


def _tally_table(summary: ActivitySummary, lang: str = DEFAULT) -> str:
    rows: list[str] = []
    for tally in summary.tallies:
        total = sum(c for _, c, _ in tally.counts) or 1
        rows.append(
            f"<table><caption class='meta'>{esc(tally.question)}</caption>"
            f"<thead><tr><th scope='col'>{esc(gettext('Answer', lang))}</th>"
            f"<th scope='col'>{esc(gettext('People', lang))}</th>"
            f"<th scope='col'>{esc(gettext('Share', lang))}</th></tr></thead><tbody>"
        )
        for label, count, key in tally.counts:
            width = round(100 * count / total)
            mark = f" <span class='key'>{esc(gettext('(key)', lang))}</span>" if key else ""
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
    lang: str = DEFAULT,
    titles: dict[str, str] | None = None,
) -> str:
    """The live part of the facilitator view (re-fetched every few seconds), in `lang`;
    `titles` maps a page path to its title in `lang`."""
    titles = titles or {}
    total = sum(len(m.activities) for m in modules)
    room = len(participants)

    def of(count: int, whole: int) -> str:
        return gettext("{count} of {total}", lang).format(count=count, total=whole)

    parts = [
        f"<h2 id='joined'>{esc(gettext('Who has joined ({count})', lang).format(count=room))}</h2>",
        f"<table><thead><tr><th scope='col'>{esc(gettext('Name', lang))}</th>"
        f"<th scope='col'>{esc(gettext('Joined (UTC)', lang))}</th><th scope='col'>"
        f"{esc(gettext('Activities answered (of {total})', lang).format(total=total))}</th>"
        "</tr></thead><tbody>",
    ]
    for p in participants:
        parts.append(
            f"<tr><td>{esc(p.display_name)}</td><td>{esc(p.joined_at[11:16])}</td>"
            f"<td class='num'>{done.get(p.learner, 0)}</td></tr>"
        )
    parts.append("</tbody></table>")
    by_id = {s.activity: s for s in summaries}
    parts.append(
        f"<h2 id='progress'>{esc(gettext('Progress per activity', lang))}</h2><table><thead><tr>"
        f"<th scope='col'>{esc(gettext('Page', lang))}</th>"
        f"<th scope='col'>{esc(gettext('Activity', lang))}</th>"
        f"<th scope='col'>{esc(gettext('Answered', lang))}</th>"
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
                    f"<tr><td>{esc(titles.get(pg.path, pg.title))}</td><td>{link}</td>"
                    f"<td class='num'>{esc(of(s.answered, room))}</td></tr>"
                )
    parts.append(
        f"</tbody></table><h2 id='answers'>{esc(gettext('Answers in the room', lang))}</h2>"
    )
    shown = 0
    for module in modules:
        for pg in module.pages:
            answered = [by_id[a] for a in pg.activities if a in by_id and by_id[a].answered]
            if not answered:
                continue
            parts.append(f"<h3>{esc(titles.get(pg.path, pg.title))}</h3>")
            for s in answered:
                shown += 1
                count = gettext("answered by {count} of {total}", lang).format(
                    count=s.answered, total=room
                )
                parts.append(
                    f"<section aria-labelledby='{_anchor(s.activity)}'>"
                    f"<h4 id='{_anchor(s.activity)}'>{esc(s.title)}</h4>"
                    f"<p class='meta'>{esc(s.activity)} · {esc(kind_label(s.kind, lang))} · "
                    f"{esc(count)}</p>{_tally_table(s, lang)}"
                )
                if s.texts:
                    parts.append(
                        f"<details><summary>{esc(gettext('Show what people wrote', lang))}"
                        "</summary>"
                    )
                    for name, text in s.texts:
                        parts.append(
                            f"<p><strong>{esc(name)}</strong></p><blockquote>{esc(text)}</blockquote>"
                        )
                    parts.append("</details>")
                parts.append("</section>")
    if not shown:
        parts.append(f"<p>{esc(gettext('No answers yet.', lang))}</p>")
    return "".join(parts)


def dashboard(workshop: str, fragment: str, lang: str = DEFAULT, chosen: bool = True) -> str:
    """The facilitator view around its live fragment (which refreshes itself in `lang`)."""
    live = here_in("/workshop/facilitator/live", lang if chosen else None)
    body = (
        f"<p>{esc(gettext('This page updates itself every 10 seconds.', lang))} "
        '<a class="button" href="/workshop/facilitator/export.csv">'
        f"{esc(gettext('Export all answers (CSV)', lang))}</a> "
        '<a class="button" href="/workshop/facilitator/participants.csv">'
        f"{esc(gettext('Export participants (CSV)', lang))}</a></p>"
        f'<div id="live" data-src="{esc(live)}">{fragment}</div>'
    )
    return page(
        gettext("Facilitator view: {code}", lang).format(code=workshop),
        body,
        lang,
        subtitle=gettext("Workshop {code}", lang).format(code=workshop),
        refresh_js=True,
        switch=here_in("/workshop/facilitator", other_language(lang)),
    )


REFRESH_JS = """
(function () {
  var live = document.getElementById('live');
  if (!live) { return; }
  setInterval(function () {
    var open = Array.prototype.map.call(live.querySelectorAll('details[open]'),
      function (d) { return d.parentNode.getAttribute('aria-labelledby'); });
    var src = live.getAttribute('data-src') || '/workshop/facilitator/live';
    fetch(src, {credentials: 'same-origin'}).then(function (r) {
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
