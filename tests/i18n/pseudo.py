"""A pseudo-translation of the project's catalogue, and the words left untranslated on a page.

Every msgstr of the English catalogue becomes ``⟦msgid⟧``. A page rendered in that language shows
every marked string between the brackets; what stays outside them is data (names, references,
dates, numbers), Django's own words, or a string nobody marked. :func:`untranslated_words` keeps the
words of the last kind: English words that occur in the catalogue's msgids and in no data of the
page's database.

The pseudo language travels under the code ``mt`` (Maltese, one of the 24 in ``LANGUAGES``): it has
no catalogue in Django or in this project, so nothing else translates its pages, and the middleware
and the account's language accept it as they accept any real choice.
"""

from __future__ import annotations

import re
import struct
from html.parser import HTMLParser
from pathlib import Path

PSEUDO = "mt"
OPEN, CLOSE = "⟦", "⟧"
PART = "\x00"  # between the text nodes of a page
CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"

# Words that come from elsewhere than this project's strings: Django's own catalogue (months and
# days), units and acronyms that are the same in every language, and the language names of the
# switcher (each written in its own language).
_ELSEWHERE = (
    "january february march april may june july august september october november december",
    "monday tuesday wednesday thursday friday saturday sunday",
    "flop flops pdf csv json atom api gpai eu ai ecl tfeu utc id ok",
    "english deutsch français",
)
NOT_ENGLISH_ONLY = {word for line in _ELSEWHERE for word in line.split()}
WORD = re.compile(r"[A-Za-z][a-z]+")
# Words so common that a sentence of English always has some, whether or not the catalogue has them.
FUNCTION_WORDS = set(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "are",
        "be",
        "by",
        "for",
        "with",
        "this",
        "that",
        "your",
        "you",
        "we",
        "our",
        "it",
        "its",
        "not",
        "or",
        "will",
        "has",
        "have",
        "was",
        "were",
        "from",
        "on",
        "in",
        "at",
        "as",
        "an",
        "can",
        "may",
        "must",
        "no",
        "yes",
        "if",
        "when",
        "which",
        "who",
        "what",
        "there",
        "here",
    ]
)


def _unquote(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def read_po(path: Path = CATALOGUE) -> list[tuple[str, str | None]]:
    """The (msgid, msgid_plural) pairs of a .po file, header excluded; fuzzy and obsolete skipped."""
    entries: list[tuple[str, str | None]] = []
    current: dict[str, str] = {}
    field = ""
    context = ""

    def flush() -> None:
        if current.get("msgid"):
            key = current["msgid"]
            if "msgctxt" in current:
                key = f"{current['msgctxt']}\x04{key}"
            entries.append((key, current.get("msgid_plural")))
        current.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line:
                flush()
            continue
        match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
        if match:
            field, value = match.group(1), _unquote(match.group(2))
            if field == "msgid" and "msgid" in current and context != "msgctxt":
                flush()
            context = field
            current[field] = value
        elif line.startswith('"') and field:
            current[field] = current.get(field, "") + _unquote(line[1:-1])
    flush()
    return entries


def third_party_catalogues() -> list[Path]:
    """Catalogues that other projects translate, bracketed like the project's strings in the
    pseudo language: django-countries' country names, and Django's own strings (the file sizes
    of ``filesizeformat``, month names, form errors), which Django's catalogues translate in
    French and German. Bracketing them masks nothing unmarked: only a looked-up string is
    bracketed."""
    import django
    import django_countries

    return [
        Path(django_countries.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po",
        Path(django.__file__).parent / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    ]


def _pseudo(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}"


def write_pseudo_mo(target_dir: Path) -> Path:
    """Write ``<target_dir>/mt/LC_MESSAGES/django.mo`` with every msgstr pseudo-translated."""
    pairs: dict[bytes, bytes] = {
        b"": b"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
    }
    entries = read_po() + [e for po in third_party_catalogues() for e in read_po(po)]
    for msgid, plural in entries:
        text = msgid.split("\x04", 1)[-1]
        if plural is None:
            pairs[msgid.encode()] = _pseudo(text).encode()
        else:
            key = f"{msgid}\x00{plural}".encode()
            pairs[key] = f"{_pseudo(text)}\x00{_pseudo(plural)}".encode()
    # The GNU .mo format: a header, two tables of (length, offset), then the strings.
    keys = sorted(pairs)
    ids = b"\x00".join(keys) + b"\x00"
    strs = b"\x00".join(pairs[k] for k in keys) + b"\x00"
    start = 7 * 4 + 16 * len(keys)
    id_offsets, str_offsets, offset = [], [], 0
    for key in keys:
        id_offsets += [len(key), start + offset]
        offset += len(key) + 1
    offset = 0
    for key in keys:
        str_offsets += [len(pairs[key]), start + len(ids) + offset]
        offset += len(pairs[key]) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    body = struct.pack(f"{len(id_offsets)}i", *id_offsets)
    body += struct.pack(f"{len(str_offsets)}i", *str_offsets)
    mo = target_dir / PSEUDO / "LC_MESSAGES" / "django.mo"
    mo.parent.mkdir(parents=True, exist_ok=True)
    mo.write_bytes(header + body + ids + strs)
    return mo


def catalogue_words() -> set[str]:
    """The English words of the catalogue (lower case), placeholders left out."""
    words: set[str] = set()
    for msgid, plural in read_po():
        text = re.sub(r"%\(\w+\)[sdfr]|%[sdfr]|<[^>]+>|\{[^}]*\}", " ", f"{msgid} {plural or ''}")
        words.update(w.lower() for w in WORD.findall(text.split("\x04", 1)[-1]))
    return words - NOT_ENGLISH_ONLY


class _Text(HTMLParser):
    """The text a reader sees or hears: text nodes and the attributes read out.

    Content declared in another language than the page's (an element whose ``lang`` differs from
    the ``lang`` of ``<html>``, such as a letter shown in its addressee's language) is not the
    page's text: it is left out, with everything inside it."""

    SKIP = {"script", "style", "template"}
    READ = {"alt", "title", "placeholder", "aria-label"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._page_language = ""
        self._foreign: list[str] = []  # the tag of the element in another language, then nesting
        self._foreign_depth = 0

    @staticmethod
    def _primary(lang: str | None) -> str:
        return (lang or "").split("-")[0].strip().lower()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self._page_language = self._primary(values.get("lang"))
        if self._foreign:
            if tag == self._foreign[0]:
                self._foreign_depth += 1
            return
        lang = self._primary(values.get("lang"))
        if tag != "html" and lang and self._page_language and lang != self._page_language:
            if tag not in self.VOID:
                self._foreign, self._foreign_depth = [tag], 1
            return
        if tag in self.SKIP:
            self._skipping += 1
        for name in self.READ:
            if values.get(name):
                self.parts.append(values[name] or "")
        if tag == "input" and values.get("type") in {"submit", "button"} and values.get("value"):
            self.parts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._foreign:
            if tag == self._foreign[0]:
                self._foreign_depth -= 1
                if self._foreign_depth == 0:
                    self._foreign = []
            return
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping and not self._foreign:
            self.parts.append(data)


def outside_translations(text: str) -> str:
    """The text with every pseudo-translated part (nested ones included) taken out."""
    previous = None
    while previous != text:
        previous = text
        text = re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", " ", text)
    # a translated string cut short (truncated) loses its closing bracket: it ends with its text
    return re.sub(f"{OPEN}[^{CLOSE}{PART}]*", " ", text).replace(CLOSE, " ")


def untranslated_words(
    html: str, english: set[str], data_words: set[str], data: tuple[str, ...] = ()
) -> list[str]:
    """Each English word (of the catalogue, or a function word) left outside a translation and
    outside the page's data, with a little of its context. ``data`` are stored texts (longest
    first), taken out whole; ``data_words`` the words of stored names, allowed anywhere."""
    parser = _Text()
    parser.feed(html)
    found: list[str] = []
    english = english | FUNCTION_WORDS
    stored = (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, data)) + r")(?!\w)") if data else None
    )
    # A translated sentence may hold markup (a link, <strong>): its brackets then open in one text
    # node and close in a later one, so the brackets are matched across the page's text nodes.
    for rest in outside_translations(PART.join(parser.parts)).split(PART):
        if stored is not None:
            rest = stored.sub(" ", rest)
        for match in WORD.finditer(rest):
            word = match.group(0).lower()
            if word in english and word not in data_words:
                context = " ".join(rest[max(0, match.start() - 30) : match.end() + 30].split())
                found.append(f"{match.group(0)!r} in “{context}”")
    return found
