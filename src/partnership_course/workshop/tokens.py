"""Participant tokens as the database keeps them: their form and their hash.

Apart from `sessions.py` so that a participant's kernel can look its token up (`kernel.py`)
without importing SQLAlchemy, which the sessions' tables need and a kernel on SQLite does not.
"""

from __future__ import annotations

import hashlib
import re

TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


def token_hash(token: str) -> str:
    """What the database keeps instead of a participant token or a facilitator key."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
