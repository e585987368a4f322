"""Reading the links out of the e-mails the tests' locmem backend keeps."""

from __future__ import annotations

import re

from django.core import mail


def last_link(path_part: str) -> str:
    """The path of the last link in the outbox that contains ``path_part``."""
    for message in reversed(mail.outbox):
        found = re.findall(r"https?://[^/\s]+(/\S+)", message.body)
        for path in found:
            if path_part in path:
                return path
    raise AssertionError(f"no e-mail with a link to {path_part}")
