"""Newsroom articles: Markdown files with front matter that name their wire copy.

An article is read as its file's text with the front matter and Markdown markup
blanked out character for character (newlines kept), so every offset the audit
reports is an offset into the file itself and line numbers come straight from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.read import read_path
from ..core.records import Document
from ..errors import InputError

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# Every pattern runs in linear time on any input: a bracket or tag class excludes its own
# opening character (a link target, the closing bracket), so a run of "![" or "<a" cannot make
# every match scan to the end of the text (90 s on "![" * 60000); comments: see _comments.
_MARKUP = [
    re.compile(r"!\[[^\]\[]*\]\([^)\]]*\)"),  # images: no article text in them
    re.compile(r"(?<=\])\([^)\]]*\)"),  # link targets, keeping the link text
    re.compile(r"^\s{0,3}#{1,6}[ \t]+", re.M),  # heading marks
    re.compile(r"^\s{0,3}>[ \t]?", re.M),  # block quotes
    re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])[ \t]+", re.M),  # list marks
    re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`+)"),  # emphasis and code marks
    re.compile(r"</?[A-Za-z][^<>\n]*>"),  # inline HTML tags
]
_LINK_BRACKETS = re.compile(r"\[([^\]\[\n]*)\](?=\()")


@dataclass(frozen=True)
class Article:
    path: Path
    document: Document
    """Text with front matter and markup blanked: offsets are file offsets."""
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def sources(self) -> list[str]:
        value = self.meta.get("source", self.meta.get("sources"))
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        raise InputError(f"{self.path}: front matter 'source' must be a path or a list of paths")

    @property
    def source_names(self) -> tuple[str, ...]:
        """Names the source goes by, as front matter gives them (``source_name:``, a name or a list)."""
        return self._one_or_many("source_name", "a name or a list of names")

    @property
    def source_urls(self) -> tuple[str, ...]:
        """The source's own URLs, as front matter gives them (``source_url:``, a URL or a list): a link to one
        of their domains credits the source (``--source-url``)."""
        return self._one_or_many("source_url", "a URL or a list of URLs")

    def _one_or_many(self, key: str, what: str) -> tuple[str, ...]:
        """Front matter ``key`` (or ``key`` + "s"): one string or a list of strings."""
        value = self.meta.get(key, self.meta.get(key + "s"))
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise InputError(f"{self.path}: front matter '{key}' must be {what}")

    @property
    def published(self) -> str | None:
        """The article's date, as front matter gives it (``published``, else ``date``), in ISO 8601; None
        without one. Stories published after it cannot be its source (``attrib check`` with an archive,
        ``attrib batch --archive``, ``attrib find``'s default); a date that is not ISO 8601 is an InputError."""
        from ..archive.ingest import iso_date

        when = self.meta.get("published", self.meta.get("date"))
        return iso_date(when, str(self.path)) if when is not None else None

    def line_of(self, offset: int) -> int:
        return self.document.text.count("\n", 0, offset) + 1

    def column_of(self, offset: int) -> int:
        return offset - (self.document.text.rfind("\n", 0, offset) + 1) + 1


def read_article(path: Path, *, max_chars: int) -> Article:
    document = read_path(path, max_chars=max_chars, html="never")
    text = document.text
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        meta = _parse_front_matter(match.group(1), path)
        text = _blank(text, 0, match.end())
    text = mask_markdown(text)
    if not text.strip():
        raise InputError(f"{path}: has front matter but no article text")
    return Article(path, Document(text, str(path), document.sha256, document.encoding), meta)


def read_derivative(path: Path, *, max_chars: int) -> tuple[Document, Article | None]:
    """A derivative file: a Markdown article (front matter and markup blanked) or plain text."""
    if path.suffix.lower() in (".md", ".markdown"):
        article = read_article(path, max_chars=max_chars)
        return article.document, article
    return read_path(path, max_chars=max_chars), None


def mask_markdown(text: str) -> str:
    chars = list(text)
    spans = [(start, end) for start, end in _comments(text)]
    for pattern in _MARKUP:
        for m in pattern.finditer(text):
            group = 1 if pattern.groups and m.group(1) is not None else 0
            spans.append((m.start(group), m.end(group)))
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    for m in _LINK_BRACKETS.finditer(text):
        chars[m.start()] = " "
        chars[m.end() - 1] = " "
    return "".join(chars)


def _comments(text: str) -> list[tuple[int, int]]:
    """HTML comments, ``<!--`` to the next ``-->``: one pass, where ``<!--.*?-->`` is quadratic on "<!--" * n."""
    found = []
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break  # no comment closes after this one: none after it can either
        found.append((start, end + 3))
        start = text.find("<!--", end + 3)
    return found


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\r\n]", " ", text[start:end]) + text[end:]


def _parse_front_matter(block: str, path: Path) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(block) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(f"{path}: front matter is not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: front matter must be a mapping of keys to values")
    return data
