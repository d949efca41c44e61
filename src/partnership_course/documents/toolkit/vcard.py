"""The contact card as a vCard (`.vcf`), so a family can save the teacher to their phone.

Written with vobject, which escapes commas, semicolons and new lines the way vCard 3.0 requires
(a school name such as "Lincoln Elementary; Room 4" would otherwise split into two fields).
"""

from __future__ import annotations

from ...i18n import DEFAULT, gettext
from .sources import Teacher


def vcard_text(teacher: Teacher, lang: str = DEFAULT) -> str:
    """A vCard 3.0 for the teacher; the note (best times and ways) is in `lang`."""
    import vobject

    card = vobject.vCard()
    name = teacher.name.strip() or gettext("Your child's teacher", lang)
    card.add("fn").value = name
    parts = name.rsplit(" ", 1)
    family, given = (parts[1], parts[0]) if len(parts) == 2 else (name, "")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if teacher.school:
        card.add("org").value = [teacher.school]
    if teacher.role:
        card.add("title").value = teacher.role
    if teacher.phone:
        tel = card.add("tel")
        tel.value = teacher.phone
        tel.type_param = "WORK"
    if teacher.email:
        mail = card.add("email")
        mail.value = teacher.email
        mail.type_param = "INTERNET"
    notes = []
    if teacher.times:
        notes.append(gettext("Best times to reach me: {times}", lang).format(times=teacher.times))
    if teacher.ways:
        notes.append(gettext("Best ways to reach me: {ways}", lang).format(ways=teacher.ways))
    if notes:
        card.add("note").value = "\n".join(notes)
    return str(card.serialize())
