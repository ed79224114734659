"""Core: the stages every audit runs, and the records they pass.

read (bytes → ``Document``) → segment → roles → align → classify → report, with
``records`` (frozen, typed, no behaviour), ``textfold`` (undoing disguises),
``lexicon`` and ``thresholds`` (calibrated weights).

May import: ``attribution.errors`` and third-party libraries only; never the checks,
embedding, newsroom, accuracy or render layers above it.
"""
