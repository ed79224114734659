"""Golden cases (fixtures/cases/*): input and expected audit side by side, compared exactly."""

import json
import os
from pathlib import Path

import pytest

from attribution import compare
from attribution.core.read import read_path
from tests.conftest import FIXTURES

CASES = sorted(p for p in (FIXTURES / "cases").iterdir() if p.is_dir())


def summary(case: Path, embedder) -> dict:  # type: ignore[no-untyped-def, type-arg]
    report = compare(read_path(case / "source.txt"), read_path(case / "derivative.txt"), embedder=embedder)
    doc = report.to_dict()
    return {
        "derivative": [[s["label"], s["sources"], s["text"][:50]] for s in doc["derivative"]["sentences"]],
        "source": [[s["role"], s["label"], s["text"][:50]] for s in doc["source"]["sentences"]],
        "quotes": [[q["status"], q["text"]] for q in doc["quotes"]],
        "added_details": [[d["kind"], d["text"]] for d in doc["added_details"]],
        "unsourced_attributions": [a["text"] for a in doc["unsourced_attributions"]],
        "verdict": {k: doc["verdict"][k] for k in ("derived", "credits_source", "credited_as")},
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    got = summary(case, fake_embedder)
    expected_file = case / "expected.json"
    if os.environ.get("ATTRIB_UPDATE_CASES") == "1":
        expected_file.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(expected_file.read_text(encoding="utf-8"))
