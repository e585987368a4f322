"""Anyone holding a letter may check that the AI Office sent it: by its reference and the short
code printed on it, or by uploading the PDF (its SHA-256 is compared with the issued file's).
The answer says whether it is authentic, its date and kind — nothing else about the case
(docs/adr/0011-letter-verification.md). Attempts are counted per client address."""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache

from gpai_cases.cases import deadlines

from .models import Letter, LetterStatus

#: No 0/O, 1/I: a code read from paper and typed again.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
#: Attempts per client address and window (settings may lower or raise them).
ATTEMPTS = 10
WINDOW_SECONDS = 600


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def shown(code: str) -> str:
    """The code as printed: in groups of five."""
    return " ".join(code[i : i + 5] for i in range(0, len(code), 5))


def normalised(code: str) -> str:
    """What a person typed, as stored: spaces and dashes dropped, upper case."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


@dataclasses.dataclass(frozen=True)
class Verdict:
    """The whole answer: nothing about the case beyond the letter's own reference, date, kind."""

    authentic: bool
    reference: str = ""
    letter_date: str = ""
    kind: str = ""


NOT_FOUND = Verdict(authentic=False)


def _verdict(letter: Letter | None) -> Verdict:
    if letter is None:
        return NOT_FOUND
    return Verdict(
        authentic=True,
        reference=letter.reference,
        letter_date=deadlines.format_day_long(letter.letter_date),
        kind=letter.get_kind_display(),
    )


def _issued() -> Any:
    return Letter.objects.filter(status=LetterStatus.RENDERED, document__isnull=False)


def verify_code(reference: str, code: str) -> Verdict:
    code = normalised(code)
    if not code:
        return NOT_FOUND
    # found by its reference (no secret), then its code compared in constant time
    letter = _issued().filter(reference=reference.strip()).first()
    if letter is None or not secrets.compare_digest(letter.verification_code, code):
        return NOT_FOUND
    return _verdict(letter)


def verify_pdf(content: bytes) -> Verdict:
    """An uploaded PDF is authentic when it is, byte for byte, a letter the AI Office issued."""
    digest = hashlib.sha256(content).hexdigest()
    return _verdict(_issued().filter(document__sha256=digest).first())


def attempt(client: str) -> int:
    """Count an attempt of this client in the current window; return how many it made."""
    key = f"letters-verify:{client}"
    cache.add(key, 0, timeout=window_seconds())
    try:
        return cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, timeout=window_seconds())
        return 1


def attempts_allowed() -> int:
    return int(getattr(settings, "GPAI_LETTER_VERIFY_ATTEMPTS", ATTEMPTS))


def window_seconds() -> int:
    return int(getattr(settings, "GPAI_LETTER_VERIFY_WINDOW_SECONDS", WINDOW_SECONDS))
