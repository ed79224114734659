"""Checks: what an editor is warned about, each read off the prepared texts.

quotes (every quotation against the source), details (names, numbers, places the
source never had), credit (who the source is and whether the derivative says so),
tricks (character disguises), findings (all of them as one ranked list).

May import: ``attribution.core`` and ``attribution.errors``.
"""
