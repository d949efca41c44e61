"""Checks on one activity as the browser draws it: named radio groups, a visible label on every
control, axe with no violation of any impact, no sideways scrolling, and a screenshot of it alone.

Scoped to one activity element, so a test of one kind does not depend on how the other kinds on
the same page are drawn.
"""

from __future__ import annotations

from typing import Any

from browsing import SCROLL_HEIGHT, SHOTS, axe_violations  # noqa: F401  (tests import it from here)

#: inside `el`: every radio in a fieldset with a legend that says something, one name per group;
#: every input, select, textarea and button with a visible, non-empty label (a button its text)
CONTROLS = """el => {
  const problems = [];
  const names = new Map();
  for (const radio of el.querySelectorAll('input[type=radio]')) {
    const set = radio.closest('fieldset');
    const legend = set && set.querySelector(':scope > legend');
    if (!legend || !legend.innerText.trim()) problems.push(`radio ${radio.id}: no named group`);
    if (!radio.name) problems.push(`radio ${radio.id}: no name`);
    if (set) names.set(set, (names.get(set) || new Set()).add(radio.name));
  }
  for (const found of names.values()) {
    if (found.size !== 1) problems.push(`one group, names ${[...found]}`);
  }
  for (const control of el.querySelectorAll('input, textarea, select, button')) {
    let text = '';
    if (control.tagName === 'BUTTON') text = control.innerText;
    else for (const label of control.labels || []) {
      const box = label.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) text += label.innerText;
    }
    if (!text.trim()) problems.push(`${control.tagName.toLowerCase()} without a visible label`);
  }
  const headings = [...el.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(x => +x.tagName[1]);
  headings.forEach((level, i) => {
    if (i && level > headings[i - 1] + 1) problems.push(`heading h${level} skips a level`);
  });
  return {problems, groups: names.size};
}"""

WIDER = "el => el.scrollWidth > el.clientWidth + 1 ? `${el.scrollWidth} > ${el.clientWidth}` : ''"


def audit_controls(activity: Any) -> dict[str, Any]:
    """Problems with the activity's groups, labels and headings (an empty list when none)."""
    return activity.evaluate(CONTROLS)


def overflow(activity: Any) -> str:
    """'' when the activity fits its width, else its scroll width against its width."""
    return activity.evaluate(WIDER)


def look(page: Any, activity: Any, name: str) -> None:
    """A screenshot of the activity alone; the viewport grows to the page's height first, since
    Voila scrolls inside `#rendered_cells`."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = min(int(page.evaluate(SCROLL_HEIGHT)), 14000)
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    page.wait_for_timeout(300)
    activity.scroll_into_view_if_needed()
    activity.screenshot(path=str(SHOTS / f"{name}.png"))
    page.set_viewport_size(size)
