"""The workshop's own pages (start, join, facilitator view, projector, waiting page), rendered
from `templates/workshop/` through the one Jinja2 environment (`rendering.render`).

They are server-rendered, so they cost no kernel: a room of 200 opening the start page at once
uses no more memory than one. The templates autoescape everything a person or the content wrote;
this module only gathers what each page shows (links with the token and the chosen language,
counts, charts' rows) so the templates stay plain.

Every page is shown in `lang`: interface strings are `t("...")` in the templates and read from
`translations/<lang>/interface.po`; what people wrote is shown exactly as written. Each page's
header links to the same page in the other language, keeping the participant token.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from ..i18n import DEFAULT, N_, SUPPORTED
from ..rendering import render
from ..rendering import translate as t
from .outline import Module
from .pacing import Pacing
from .report import ActivitySummary, kind_label
from .sessions import Participant
from .warmup import WarmUp

STATIC = Path(__file__).resolve().parent / "static"
REFRESH_JS = (STATIC / "refresh.js").read_text(encoding="utf-8")

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


def query(token: str | None, lang: str | None) -> str:
    """`?p=<token>&lang=<lang>`; an explicit English is kept too, so a link keeps the language
    the person chose over their browser's (None: the browser's language decides)."""
    return here_in("", lang, token)


def _switch(lang: str, href: str | None) -> dict[str, str]:
    """The base template's language links: this page in the other language."""
    return {other_language(lang): href} if href is not None else {}


def send_link(pacing: Pacing, titles: dict[str, str], token: str | None, keep: str | None) -> Any:
    """The link to the part everyone is asked to open, or None."""
    if pacing.send_to is None:
        return None
    href = f"/voila/render/{pacing.send_to}{query(token, keep)}"
    return Markup('<a href="{}">{}</a>').format(href, titles.get(pacing.send_to, pacing.send_to))


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
    pacing: Pacing | None = None,
) -> str:
    """The start page: every module and page, with the participant's progress and downloads.

    `titles` maps a page path to its title in `lang` (English titles otherwise); `certificate`
    is (completed the whole course, PDF available), or None where no certificate is offered;
    `chosen` says `lang` was asked for with `?lang=` (links then carry it) rather than taken
    from the browser; `pacing` says which parts are open and where the room is sent.
    """
    keep = lang if chosen else None
    pacing = pacing or Pacing(None, None)
    titles = {pg.path: pg.title for m in modules for pg in m.pages} | (titles or {})
    counts = {
        pg.path: (sum(done.get(a, 0) for a in pg.activities), len(pg.activities))
        for m in modules
        for pg in m.pages
    }
    return render(
        "workshop/landing.html.j2",
        lang,
        title=t("Course pages", lang),
        subtitle=t("Workshop {code}", lang, code=workshop) if workshop else "",
        switch=_switch(lang, "/" + query(token, other_language(lang))),
        scripts=["/workshop/static/now.js"] if workshop else [],
        modules=modules,
        titles=titles,
        counts=counts,
        q=query(token, keep),
        participant=participant,
        workshop=workshop,
        certificate=certificate,
        open_pages={pg.path for m in modules for pg in m.pages if pacing.is_open(pg.path)},
        paced=pacing.open is not None,
        send_to=send_link(pacing, titles, token, keep),
        join_again=here_in("/workshop/join", keep, new="1"),
    )


def join(
    error: str = "", name: str = "", code: str = "", lang: str = DEFAULT, chosen: bool = True
) -> str:
    """The join form. `error` is an English message, shown translated into `lang`; `chosen`:
    `lang` came from `?lang=`, so the form carries it to the start page."""
    return render(
        "workshop/join.html.j2",
        lang,
        title=t("Join the workshop", lang),
        switch=_switch(lang, here_in("/workshop/join", other_language(lang))),
        error=t(error, lang) if error else "",
        name=name,
        code=code,
        chosen=lang if chosen else None,
    )


def refused(
    message: str, lang: str = DEFAULT, switch: str | None = None, chosen: bool = True
) -> str:
    """The page for a participant link that does not work. `message` is English (a marked
    msgid), shown translated into `lang`; `switch` is this address in the other language."""
    return render(
        "workshop/message.html.j2",
        lang,
        title=t("This link does not work", lang),
        switch=_switch(lang, switch),
        message=t(message, lang),
        alert=True,
        link=(
            here_in("/workshop/join", lang if chosen else None),
            t("Go to the join page", lang),
        ),
    )


def message_page(
    title: str,
    message: str,
    lang: str = DEFAULT,
    switch: str | None = None,
    link: tuple[str, str] | None = None,
) -> str:
    """A page with one plain sentence (already translated) and perhaps one link onwards."""
    return render(
        "workshop/message.html.j2",
        lang,
        title=title,
        switch=_switch(lang, switch),
        message=message,
        alert=False,
        link=link,
    )


def facilitator_login(error: str = "", lang: str = DEFAULT, chosen: bool = True) -> str:
    """The facilitator's key form. `error` is already in `lang`; `chosen` as for `join`."""
    return render(
        "workshop/facilitator_login.html.j2",
        lang,
        title=t("Facilitator view", lang),
        switch=_switch(lang, here_in("/workshop/facilitator", other_language(lang))),
        error=error,
        chosen=lang if chosen else None,
    )


def anchor(activity: str) -> str:
    return "a-" + activity.replace("/", "-")


def tally_charts(summary: ActivitySummary, lang: str) -> list[dict[str, Any]]:
    """One chart per question of `summary`: rows of label (the key marked), count and
    "count (share%)" as written beside the bar and in the table."""
    charts = []
    for number, tally in enumerate(summary.tallies, start=1):
        whole = sum(count for _, count, _ in tally.counts)
        rows = []
        for label, count, key in tally.counts:
            share = round(100 * count / whole) if whole else 0
            mark = f" {t('(key)', lang)}" if key else ""
            shown = str(t("{count} ({share}%)", lang, count=count, share=share))
            rows.append({"label": f"{label}{mark}", "value": count, "shown": shown})
        charts.append(
            {
                "id": f"{anchor(summary.activity)}-{number}",
                "title": tally.question,
                "rows": rows,
                "maximum": max([1, *(r["value"] for r in rows)]),
            }
        )
    return charts


def dashboard_fragment(
    modules: tuple[Module, ...],
    participants: list[Participant],
    done: dict[str, int],
    summaries: list[ActivitySummary],
    lang: str = DEFAULT,
    titles: dict[str, str] | None = None,
    warm_up: WarmUp | None = None,
    knowledge: dict[str, Any] | None = None,
) -> str:
    """The live part of the facilitator view (re-fetched every few seconds), in `lang`;
    `titles` maps a page path to its title in `lang`; `warm_up` says whether the room's first
    page is ready for everyone expected (`serve --expect N`); `knowledge` is the knowledge
    test's gain per question (`knowledge_view.responses_context`)."""
    titles = titles or {}
    total = sum(len(m.activities) for m in modules)
    room = len(participants)
    by_id = {s.activity: s for s in summaries}
    joined = [[p.display_name, p.joined_at[11:16], done.get(p.learner, 0)] for p in participants]
    progress_rows: list[list[Any]] = []
    answered_pages = []
    for module in modules:
        for pg in module.pages:
            shown = []
            for activity in pg.activities:
                s = by_id.get(activity)
                if s is None:
                    continue
                link = (
                    Markup('<a href="#{}">{}</a>').format(anchor(activity), s.title)
                    if s.answered
                    else s.title
                )
                count = t("{count} of {total}", lang, count=s.answered, total=room)
                progress_rows.append([titles.get(pg.path, pg.title), link, count])
                if s.answered:
                    shown.append((s, tally_charts(s, lang), anchor(activity)))
            if shown:
                answered_pages.append((titles.get(pg.path, pg.title), shown))
    return render(
        "workshop/dashboard_live.html.j2",
        lang,
        participants=participants,
        total=total,
        joined_rows=joined,
        progress_rows=progress_rows,
        answered_pages=answered_pages,
        kind_label=lambda kind: kind_label(kind, lang),
        warm_up=warm_up or WarmUp(),
        warm_page=_title_of(warm_up.page, modules, titles) if warm_up else "",
        knowledge=knowledge,
    )


def _title_of(path: str, modules: tuple[Module, ...], titles: dict[str, str]) -> str:
    """A page's title in the view's language (`titles`), else its English title."""
    found = next((pg.title for m in modules for pg in m.pages if pg.path == path), path)
    return titles.get(path, found)


def dashboard(
    workshop: str,
    fragment: str,
    lang: str = DEFAULT,
    chosen: bool = True,
    modules: tuple[Module, ...] = (),
    pacing: Pacing | None = None,
    titles: dict[str, str] | None = None,
    notice: str = "",
) -> str:
    """The facilitator view around its live fragment (which refreshes itself in `lang`), with
    the exports, the projector link and the pacing forms."""
    keep = lang if chosen else None
    return render(
        "workshop/dashboard.html.j2",
        lang,
        title=t("Facilitator view: {code}", lang, code=workshop),
        subtitle=t("Workshop {code}", lang, code=workshop),
        switch=_switch(lang, here_in("/workshop/facilitator", other_language(lang))),
        scripts=["/workshop/static/refresh.js"],
        fragment=Markup(fragment),
        live_src=here_in("/workshop/facilitator/live", keep),
        present_href=here_in("/workshop/present", keep),
        guide_html=here_in("/workshop/facilitator/guide.html", keep),
        guide_pdf=here_in("/workshop/facilitator/guide.pdf", keep),
        modules=modules,
        titles=titles or {},
        pacing=pacing or Pacing(None, None),
        chosen=keep,
        notice=notice,
    )


def present_fragment(
    summary: ActivitySummary | None, page_title: str, room: int, lang: str = DEFAULT
) -> str:
    """The projector's live part: one activity's results, counts only, never a name."""
    return render(
        "workshop/present_live.html.j2",
        lang,
        summary=summary,
        page_title=page_title,
        room=room,
        charts=tally_charts(summary, lang) if summary is not None else [],
    )


def present(
    workshop: str,
    live: str,
    step: int,
    steps: int,
    lang: str = DEFAULT,
    chosen: bool = True,
) -> str:
    """The projector view around its live part, with Previous/Next links (and keys)."""
    keep = lang if chosen else None

    def at(number: int) -> str | None:
        if not 1 <= number <= steps:
            return None
        return here_in("/workshop/present", keep, step=str(number))

    return render(
        "workshop/present.html.j2",
        lang,
        title=t("Projector view", lang),
        subtitle=t("Workshop {code}", lang, code=workshop),
        switch=_switch(lang, here_in("/workshop/present", other_language(lang), step=str(step))),
        scripts=["/workshop/static/present.js"],
        live=Markup(live),
        live_src=here_in("/workshop/present/live", keep, step=str(step)),
        prev_href=at(step - 1),
        next_href=at(step + 1),
        step=step,
        steps=steps,
    )


def waiting(
    position: int,
    retry_href: str,
    lang: str = DEFAULT,
    switch: str | None = None,
    retry_ms: int = 3000,
) -> str:
    """The page for someone whose page cannot be started yet: it says so and asks again by
    itself after `retry_ms` (the server's schedule by place in the line)."""
    return render(
        "workshop/waiting.html.j2",
        lang,
        title=t("Your page is on its way", lang),
        switch=_switch(lang, switch),
        position=position,
        retry_href=retry_href,
        retry_ms=retry_ms,
    )
