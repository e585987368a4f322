"""What may be uploaded: recognised by content (magic bytes), never by the file's name.

Allowed: PDF, plain text, CSV, JSON, XLSX, ZIP. Pure functions over bytes, so they are easy to test.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import zipfile
from dataclasses import dataclass

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
    except zipfile.BadZipFile as exc:
        raise UploadRefused(f"“{name}” is not a readable ZIP archive.") from exc
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
    if stripped[:1] in "{[" and size <= SNIFF_BYTES:
        try:
            json.loads(stripped)
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
        except csv.Error:
            pass
    return Sniffed("text/plain", ALLOWED_TYPES["text/plain"])


def refuse_too_large(name: str, size: int, limit: int) -> None:
    """Refuse an upload larger than ``limit`` bytes, naming the file and the limit in MB."""
    if size > limit:
        raise UploadRefused(f"“{name}” is larger than the {limit // (1024 * 1024)} MB limit.")
