"""Accuracy: scoring attrib on hand-labelled gold files and public corpora, and the
logistic fitting behind ``core.thresholds``.

May import: ``attribution.pipeline`` and the layers below it.
"""
