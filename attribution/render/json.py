"""The JSON document: the report's own serialisation, kept as a renderer for symmetry."""

from __future__ import annotations

from ..core.report import Report


def render_json(report: Report) -> str:
    return report.to_json()
