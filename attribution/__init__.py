"""attrib: what a rewrite copied, paraphrased and added, sentence by sentence.

    >>> from attribution import compare
    >>> report = compare(source_text, derivative_text)
    >>> report.to_dict()["verdict"]

Heavy libraries (sentence-transformers, torch) load only when a model is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Report", "__version__", "compare"]

if TYPE_CHECKING:
    from .pipeline import compare
    from .report import Report


def __getattr__(name: str) -> Any:
    # Lazy, so that importing the package (and `attrib --help`) stays cheap.
    if name == "compare":
        from .pipeline import compare

        return compare
    if name == "Report":
        from .report import Report

        return Report
    raise AttributeError(name)
