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


def page_names(html: str) -> tuple[str, ...]:
    """Names a page gives its publisher and author: ``og:site_name``, JSON-LD publisher, ``author``.

    trafilatura's metadata (``extract_metadata``) settles on one site name (JSON-LD's
    publisher over ``og:site_name``) and one author string; a derivative may credit
    either form ("The Guardian", "Guardian News and Media"), so the site-name meta tag
    is read as well, from the same lxml tree trafilatura parses.
    """
    from trafilatura import extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return ()
    names: list[str] = []
    for value in tree.xpath('//meta[@property="og:site_name" or @name="og:site_name"]/@content'):
        names.append(str(value))
    metadata = extract_metadata(tree)
    if metadata is not None:
        names.extend(n for n in (metadata.sitename, *(metadata.author or "").split(";")) if n)
    cleaned = (" ".join(n.split()) for n in names)
    return tuple(dict.fromkeys(n for n in cleaned if 1 < len(n) <= 80))


def page_urls(html: str) -> tuple[str, ...]:
    """Where a page says it is published: its canonical link and ``og:url`` (absolute URLs only)."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return ()
    found = tree.xpath(
        '//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href'
        '|//meta[@property="og:url" or @name="og:url"]/@content'
    )
    urls = (str(u).strip() for u in found)
    return tuple(dict.fromkeys(u for u in urls if u.lower().startswith(("http://", "https://"))))
