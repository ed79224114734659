"""attrib: what a rewrite copied, paraphrased and added, sentence by sentence.

    >>> from attribution import compare
    >>> report = compare(source_text, derivative_text)
    >>> report.to_dict()["verdict"]

Heavy libraries (sentence-transformers, torch) load only when a model is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

__all__ = ["Report", "__version__", "compare"]

if TYPE_CHECKING:
    from .core.report import Report
    from .pipeline import compare


def __getattr__(name: str) -> Any:
    # Lazy, so that importing the package (and `attrib --help`) stays cheap.
    if name == "compare":
        from .pipeline import compare

        return compare
    if name == "Report":
        from .core.report import Report

        return Report
    raise AttributeError(name)
