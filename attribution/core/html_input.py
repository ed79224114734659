"""Saved article pages: the article text is extracted before anything is compared."""

from __future__ import annotations


def extract_article(html: str, name: str) -> str:
    import trafilatura

    from ..errors import InputError

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not text or not text.strip():
        raise InputError(
            f"{name}: is an HTML page but no article text was found in it; pass --plain to read it as text"
        )
    return str(text)
