"""Documents to extract quotes from: plain text, Markdown or a saved HTML page, as plain text.

The main text of an HTML page (without menus, footers and scripts) is taken out by trafilatura, a kept library
for exactly this; Markdown loses its markup marks; plain text is read as it is. Nothing here fetches a URL.
"""

from __future__ import annotations

import re
from pathlib import Path

from rhetoric.errors import RhetoricError
from rhetoric.io import sniff

MAX_DOCUMENT_BYTES = 20 * 2**20
HTML, MARKDOWN, TEXT = "html", "markdown", "text"
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<article|<div|<p[\s>])", re.I)


def kind_of(name: str, data: bytes) -> str:
    """html, markdown or text: by the file's ending, else by its first bytes."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")) or _HTML_START.match(data[:2048]):
        return HTML
    if lower.endswith((".md", ".markdown")):
        return MARKDOWN
    return TEXT


def read_document(data: bytes | str | Path, name: str | None = None) -> str:
    """The text of a document given as bytes (with its file name), a path, or a str of text.

    Raises RhetoricError, naming the file, for an empty, binary or over-large file, or an HTML page with no
    main text.
    """
    if isinstance(data, str) and name is None:
        return normalise(data)
    if isinstance(data, (str, Path)):
        path = Path(data)
        name = name or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise RhetoricError(f"it cannot be read ({exc.strerror or exc})", file=name) from None
    label = name or "the document"
    if len(data) > MAX_DOCUMENT_BYTES:
        raise RhetoricError(f"it is over {MAX_DOCUMENT_BYTES // 2**20} MB; split it", file=label)
    if not data.strip():
        raise RhetoricError("it is empty", file=label)
    if b"\x00" in data[:4096]:
        raise RhetoricError("it is not text (a binary file); save it as text, Markdown or HTML", file=label)
    decoded = sniff.decode(data, label)  # the encoding as for uploads: BOM, strict UTF-8, then cp1252
    text = decoded.payload.decode("utf-8-sig", errors="replace")
    kind = kind_of(label, data)
    if kind == HTML:
        return _html_text(text, label)
    if kind == MARKDOWN:
        return normalise(_markdown_text(text))
    return normalise(text)


def _html_text(html: str, label: str) -> str:
    import trafilatura  # loaded only for HTML

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True, deduplicate=False)
    if not text or not text.strip():
        raise RhetoricError("no article text was found in this HTML page", file=label)
    return normalise(text)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(^|\s)(#{1,6}\s+|>\s?|[*+-]\s+)", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _markdown_text(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return _MD_MARKS.sub(r"\1", text)


def normalise(text: str) -> str:
    """Line ends as \\n, no-break spaces as spaces, runs of blank lines as one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return re.sub(r"\n{3,}", "\n\n", text).strip()
