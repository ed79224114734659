"""Capitalised runs that name nobody new: a job title alone, and a US state written short after a place.

Rules over the run's words rather than a named-entity recogniser, as ``checks.name_groups`` finds the runs.
"""

from __future__ import annotations

import re

from ..core.lexicon import ABBREVIATED_TITLES
from ..core.textfold import Word
from ..core.usstates import state_abbreviated
from .name_groups import CONNECTORS

JOB_TITLES = frozenset(
    """president vice chairman chairwoman chairperson chair chief executive officer ceo cfo coo cto director managing
    manager founder co-founder secretary minister governor senator mayor commissioner spokesman spokeswoman
    spokesperson treasurer superintendent professor deputy assistant senior general head""".split()  # noqa: SIM905
)
"""Words of a job title written out ("President", "Chief Executive Officer"); ``ABBREVIATED_TITLES`` has the short
forms. A title names nobody: a name needs a word that is not one."""


def names_nobody(text: str, group: list[Word], source_folded: str) -> bool:
    """Whether the run ``group`` of ``text`` names nobody the source (folded text ``source_folded``) does not: a job
    title alone ("President", "CEO", "Chief Executive Officer"), or a state written short after a place and its comma
    ("Tucker, Ga.", "Commerce, GA") where the source names that state."""
    words = [w.text.rstrip(".") for w in group if w.text not in CONNECTORS and w.text != "and"]
    if words and all(w in JOB_TITLES or w in ABBREVIATED_TITLES for w in words):
        return True
    state = state_abbreviated(text[group[0].start : group[-1].end]) if len(group) <= 2 else ""
    after_comma = text[max(0, group[0].start - 8) : group[0].start].rstrip().endswith(",")
    return bool(state) and after_comma and re.search(rf"\b{state}\b", source_folded) is not None
