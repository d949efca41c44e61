"""A Spanish interface catalogue for the workshop pages, written to a temporary folder.

Tests point PARTNERSHIP_COURSE_TRANSLATIONS at it, so they check that the pages *use* the
catalogue without depending on the state of `translations/es/interface.po`. The texts are the
proposed translations of the workshop pages' strings (usted, plain language).
"""

from __future__ import annotations

from pathlib import Path

from support.catalogue import po_string, write_catalogue

__all__ = ["SPANISH", "po_string", "write_spanish_catalogue"]

SPANISH = {
    # start page
    "Course pages": "Páginas del curso",
    "Partnering with Families": "Alianzas con las familias",
    "{course}: a course for school staff": "{course}: un curso para el personal escolar",
    "Skip to the main content": "Saltar al contenido principal",
    "Workshop {code}": "Taller {code}",
    "Welcome, {name}. Keep this page's address (bookmark it): it brings you back to your own "
    "answers on any reload.": "Le damos la bienvenida, {name}. Guarde la dirección de esta "
    "página en sus marcadores: le lleva de vuelta a sus propias respuestas cada vez que vuelva "
    "a cargarla.",
    "Choose a page to start. Every answer saves itself as you go.": "Elija una página para "
    "empezar. Cada respuesta se guarda sola a medida que avanza.",
    "{answered} of {total} activities answered": "{answered} de {total} actividades respondidas",
    "(all {total} done)": "(las {total} completadas)",
    "Your answers": "Sus respuestas",
    "Download everything you have answered so far:": "Descargue todo lo que ha respondido "
    "hasta ahora:",
    "Download my answers (CSV)": "Descargar mis respuestas (CSV)",
    "Download my answers (JSON)": "Descargar mis respuestas (JSON)",
    "Your certificate": "Su certificado",
    "You have answered every activity of every module.": "Ha respondido todas las actividades "
    "de todos los módulos.",
    "Download my certificate (PDF)": "Descargar mi certificado (PDF)",
    "Download my certificate (web page)": "Descargar mi certificado (página web)",
    "When every activity of every module has an answer (and no reflection is left empty), you "
    "can download your certificate here.": "Cuando todas las actividades de todos los módulos "
    "tengan una respuesta (y ninguna reflexión esté vacía), podrá descargar aquí su certificado.",
    "Not you? {link}.": "¿No es usted? {link}.",
    "Join as someone else": "Unirse como otra persona",
    # join page
    "Join the workshop": "Unirse al taller",
    "Type the workshop code your facilitator shared and the name you would like them to see. "
    "You will get your own link; it keeps your answers private to you.": "Escriba el código del "
    "taller que le dio la persona que facilita y el nombre que quiere que vea. Recibirá su propio "
    "enlace; con él, sus respuestas quedan solo para usted.",
    "Workshop code": "Código del taller",
    "For example: {code}": "Por ejemplo: {code}",
    "Your name": "Su nombre",
    "Shown to your facilitator next to your reflections.": "La persona que facilita lo verá "
    "junto a sus reflexiones.",
    "That workshop code was not found. Please check it and try again.": "No se encontró ese "
    "código de taller. Revíselo e inténtelo de nuevo.",
    "Please enter the name you would like the facilitator to see.": "Escriba el nombre que "
    "quiere que vea la persona que facilita.",
    # refused link, errors
    "This link does not work": "Este enlace no funciona",
    "This participant link is not valid for this workshop. Please join again with the workshop "
    "code; if you had answers, use the link you bookmarked.": "Este enlace de participante no es "
    "válido para este taller. Vuelva a unirse con el código del taller; si ya tenía respuestas, "
    "use el enlace que guardó en sus marcadores.",
    "This participant link is not valid for this workshop. Please join again with the workshop "
    "code.": "Este enlace de participante no es válido para este taller. Vuelva a unirse con el "
    "código del taller.",
    "Go to the join page": "Ir a la página para unirse",
    "Something went wrong": "Algo salió mal",
    "Please reload the page.": "Vuelva a cargar la página.",
    # certificate
    "No certificate here": "Aquí no hay certificado",
    "Certificates are given to participants of a workshop.": "Los certificados son para "
    "participantes de un taller.",
    "Not finished yet": "Todavía no ha terminado",
    "Your certificate is ready when every activity of every module has an answer and no "
    "reflection is left empty. The start page shows what is left.": "Su certificado estará "
    "listo cuando todas las actividades de todos los módulos tengan una respuesta y ninguna "
    "reflexión esté vacía. La página de inicio muestra lo que falta.",
    "Certificate of completion": "Certificado de finalización",
    "This certifies that": "Se certifica que",
    # facilitator view
    "Facilitator view": "Vista de la persona que facilita",
    "Facilitator view: {code}": "Vista de la persona que facilita: {code}",
    "Enter the facilitator key printed when the workshop was started.": "Escriba la clave de "
    "la persona que facilita, que se mostró al iniciar el taller.",
    "Facilitator key": "Clave de la persona que facilita",
    "Open the facilitator view": "Abrir la vista de la persona que facilita",
    "That key does not open this workshop.": "Esa clave no abre este taller.",
    "The facilitator key is required.": "Se necesita la clave de la persona que facilita.",
    "No workshop": "No hay taller",
    "This server is not running a workshop.": "Este servidor no tiene ningún taller en marcha.",
    "This page updates itself every 10 seconds.": "Esta página se actualiza sola cada 10 segundos.",
    "Export all answers (CSV)": "Exportar todas las respuestas (CSV)",
    "Export participants (CSV)": "Exportar participantes (CSV)",
    "Who has joined ({count})": "Quién se ha unido ({count})",
    "Name": "Nombre",
    "Joined (UTC)": "Se unió (UTC)",
    "Activities answered (of {total})": "Actividades respondidas (de {total})",
    "Progress per activity": "Avance por actividad",
    "Page": "Página",
    "Activity": "Actividad",
    "Answered": "Respondido",
    "{count} of {total}": "{count} de {total}",
    "Answers in the room": "Respuestas del grupo",
    "answered by {count} of {total}": "respondida por {count} de {total}",
    "Answer": "Respuesta",
    "People": "Personas",
    "(key)": "(respuesta esperada)",
    "Show what people wrote": "Mostrar lo que escribieron las personas",
    "No answers yet.": "Todavía no hay respuestas.",
    "Endings reached": "Finales alcanzados",
    "action plan": "plan de acción",
    "branching scenario": "situación con decisiones",
    "multiple choice": "opción múltiple",
    "contact planner": "planificador de contactos",
    "ladder of inference": "escalera de inferencias",
    "plain-language rewrite": "reescritura en lenguaje sencillo",
    "reflection": "reflexión",
    "self-check": "autoevaluación",
    "sort": "clasificación",
    "conversation starters": "frases para empezar una conversación",
}


def write_spanish_catalogue(root: Path) -> Path:
    """`root/es/interface.po` with SPANISH; returns `root` (for PARTNERSHIP_COURSE_TRANSLATIONS)."""
    return write_catalogue(root, SPANISH)
