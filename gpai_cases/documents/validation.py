"""What may be uploaded: recognised by content (magic bytes), never by the file's name.

Allowed: PDF, plain text, CSV, JSON, XLSX, ZIP. Pure functions over bytes, so they are easy to test.
Every error a parser can raise on a stranger's bytes ends in :class:`UploadRefused` with words,
never in a server error. PDFs with active content — JavaScript, launch actions, embedded files,
scriptable forms — and PDFs that are ZIP archives too (polyglots) are refused before anyone can
open them (:func:`pdf_problems`).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from gpai_cases.core import jsonsafe

SNIFF_BYTES = 64 * 1024
ZIP_MAX_RATIO = 100  # uncompressed / compressed; above this a ZIP is treated as a bomb
ZIP_MAX_UNCOMPRESSED = 1024 * 1024 * 1024  # 1 GiB
ZIP_MAX_MEMBERS = 10_000

ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "text/plain": "plain text",
    "text/csv": "CSV",
    "application/json": "JSON",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook (XLSX)",
    "application/zip": "ZIP archive",
}
ALLOWED_DESCRIPTION = "PDF, plain text, CSV, JSON, XLSX or ZIP"


class UploadRefused(ValueError):
    """The upload is refused; the message names the file and the reason in plain words."""


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    label: str


def clean_filename(name: str) -> str:
    """A safe display name: no directories, no control characters, bounded length."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().strip(".") or "upload"
    return name[:200]


def _looks_like_text(head: bytes) -> str | None:
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sniff boundary is still text.
        if exc.start < len(head) - 4:
            return None
        text = head[: exc.start].decode("utf-8")
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    if text and printable / len(text) < 0.95:
        return None
    return text


def _zip_check(name: str, data: io.BufferedIOBase | io.BytesIO, size: int) -> str:
    """Return the ZIP flavour ('xlsx' or 'zip') or refuse a damaged archive or a zip bomb."""
    try:
        return _zip_flavour(name, data, size)
    except UploadRefused:
        raise
    except Exception as exc:  # zipfile raises many kinds on damaged archives
        raise UploadRefused(f"“{name}” is not a readable ZIP archive.") from exc


def _zip_flavour(name: str, data: io.BufferedIOBase | io.BytesIO, size: int) -> str:
    with zipfile.ZipFile(data) as archive:
        members = archive.infolist()
        if len(members) > ZIP_MAX_MEMBERS:
            raise UploadRefused(f"“{name}” holds more than {ZIP_MAX_MEMBERS} files.")
        total = sum(m.file_size for m in members)
        if total > ZIP_MAX_UNCOMPRESSED or (size and total / max(size, 1) > ZIP_MAX_RATIO):
            raise UploadRefused(
                f"“{name}” expands to far more than its own size (a “zip bomb”); "
                "send the files uncompressed or in smaller archives."
            )
        names = {m.filename for m in members}
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return "xlsx"
    return "zip"


def sniff(
    name: str, head: bytes, *, stream: io.BufferedIOBase | io.BytesIO | None, size: int
) -> Sniffed:
    """Recognise an upload by its first bytes. ``stream`` (seekable) is needed for ZIP checks."""
    if size == 0 or not head:
        raise UploadRefused(f"“{name}” is empty (0 bytes).")
    if head.startswith(b"%PDF-"):
        if stream is not None:
            stream.seek(0)
            problems = pdf_problems(stream.read())
            stream.seek(0)
            if problems:
                raise UploadRefused(
                    f"“{name}” is refused: it {' and '.join(problems)}. Active content could run "
                    "when the file is opened. Print the document to PDF again (or export it as "
                    "PDF/A) and send that; send attached files separately."
                )
        return Sniffed("application/pdf", ALLOWED_TYPES["application/pdf"])
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if stream is None:
            raise UploadRefused(f"“{name}” could not be checked.")
        stream.seek(0)
        flavour = _zip_check(name, stream, size)
        stream.seek(0)
        ctype = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            if flavour == "xlsx"
            else "application/zip"
        )
        return Sniffed(ctype, ALLOWED_TYPES[ctype])
    text = _looks_like_text(head)
    if text is None:
        raise UploadRefused(
            f"“{name}” is not an accepted type: its content is not {ALLOWED_DESCRIPTION} "
            "(the file's name does not matter, its content does)."
        )
    stripped = text.lstrip("\ufeff \r\n\t")
    if stripped[:1] in "{[" and jsonsafe.nesting_depth(stripped) > jsonsafe.MAX_DEPTH:
        raise UploadRefused(
            f"“{name}” nests its data more than {jsonsafe.MAX_DEPTH} levels deep; "
            "send it flatter, or as a ZIP archive."
        )
    if stripped[:1] in "{[" and size <= SNIFF_BYTES:
        try:
            jsonsafe.loads(stripped)
            return Sniffed("application/json", ALLOWED_TYPES["application/json"])
        except ValueError:
            pass
    elif stripped[:1] in "{[":
        return Sniffed("application/json", ALLOWED_TYPES["application/json"])
    lines = [line for line in stripped.splitlines()[:5] if line.strip()]
    if len(lines) >= 2:
        try:
            dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t")
            widths = {len(row) for row in csv.reader(lines, dialect)}
            if len(widths) == 1 and widths.pop() > 1:
                return Sniffed("text/csv", ALLOWED_TYPES["text/csv"])
        except Exception:  # noqa: S110  # nosec B110 - the sniffer's errors on odd text: it is text
            pass
    return Sniffed("text/plain", ALLOWED_TYPES["text/plain"])


# ---- PDFs with active content ----------------------------------------------------------------

#: PDF names that make a file act when opened, and what they mean, in words.
ACTIVE_NAMES = {
    b"/JavaScript": "holds JavaScript",
    b"/JS": "holds JavaScript",
    b"/Launch": "launches a program",
    b"/EmbeddedFile": "carries embedded files",
    b"/EmbeddedFiles": "carries embedded files",
    b"/RichMedia": "carries embedded media that can run",
    b"/XFA": "holds a scriptable (XFA) form",
}
_NAME = re.compile(rb"/(?:[A-Za-z0-9_.+-]|#[0-9A-Fa-f]{2})+")
_STREAM = re.compile(rb"stream\r?\n")
#: How much a PDF's compressed streams may expand while being checked.
INFLATE_LIMIT = 256 * 1024 * 1024


def _names(data: bytes) -> set[bytes]:
    """The PDF names in ``data``, with ``#xx`` escapes decoded (``/J#61vaScript`` is /JavaScript)."""
    found = set()
    for match in _NAME.finditer(data):
        name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), match.group())
        found.add(name)
    return found


def _inflated_streams(data: bytes) -> list[bytes]:
    """The content of the Flate-compressed streams (where object streams hide dictionaries),
    bounded in total size; streams that do not inflate are skipped."""
    out, budget = [], INFLATE_LIMIT
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        try:
            inflater = zlib.decompressobj()
            chunk = inflater.decompress(data[start:end], budget)
        except zlib.error:
            continue
        budget -= len(chunk)
        out.append(chunk)
        if budget <= 0:
            out.append(b"/EmbeddedFile")  # a PDF that expands this far is treated as a carrier
            break
    return out


def pdf_problems(data: bytes) -> list[str]:
    """What makes this PDF unsafe to pass on, in words (empty: nothing found)."""
    names: set[bytes] = set()
    for part in (data, *_inflated_streams(data)):
        names |= _names(part)
    problems = list(dict.fromkeys(ACTIVE_NAMES[n] for n in ACTIVE_NAMES if n in names))
    tail = data[-(65536 + 22) :]
    if b"PK\x05\x06" in tail and zipfile.is_zipfile(io.BytesIO(data)):
        problems.append("is also a ZIP archive (a polyglot file)")
    return problems


def refuse_too_large(name: str, size: int, limit: int) -> None:
    """Refuse an upload larger than ``limit`` bytes, naming the file and the limit in MB."""
    if size > limit:
        raise UploadRefused(f"“{name}” is larger than the {limit // (1024 * 1024)} MB limit.")
