"""Where a check runs: the repository's root, its articles, and what changed in git."""

from __future__ import annotations

import glob
import os
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..errors import ConfigError, InputError

MARKDOWN_SUFFIXES = (".md", ".markdown")


def repository_root(cwd: Path, config_path: str | None) -> Path:
    """The git work tree's top, else the configuration's folder, else the working directory."""
    for directory in (cwd, *cwd.parents):
        if (directory / ".git").exists():
            return directory
    return Path(config_path).parent if config_path else cwd


def discover(paths: Iterable[str], root: Path) -> list[Path]:
    """Article files from paths, directories (their *.md) and glob patterns, in a stable order.

    Folders are walked without following symlinks to folders (a link loop made the glob
    grow without end and checked one article 41 times), and files are de-duplicated by
    their real path, so each article is checked once.
    """
    found: list[Path] = []
    for item in paths:
        matches = walk_glob(item) if glob.has_magic(item) else [Path(item)]
        if not matches:
            raise InputError(f"{item}: matches no file")
        for p in matches:
            if p.is_dir():
                found.extend(walk_glob(str(p / "**" / "*.md")))
            elif p.exists():
                found.append(p)
            else:
                raise InputError(f"{item}: no such file")
    unique: dict[Path, Path] = {}
    for p in found:
        try:
            unique.setdefault(p.resolve(), p)
        except (OSError, RuntimeError):  # a link loop: reported when the article is read
            unique.setdefault(p, p)
    return list(unique.values())


def walk_glob(pattern: str) -> list[Path]:
    """Files and folders matching a glob pattern (``**`` for any depth), sorted; never follows a folder symlink.

    ``glob.glob(recursive=True)`` follows folder symlinks under ``**`` (Python 3.11), so
    a loop makes it run for ever: this walks with ``os.walk(followlinks=False)`` instead.
    """
    parts = pattern.split("/")
    fixed = 0
    while fixed < len(parts) - 1 and not glob.has_magic(parts[fixed]):
        fixed += 1
    base = "/".join(parts[:fixed]) or ("/" if pattern.startswith("/") else ".")
    if pattern.startswith("/") and fixed == 0:
        base = "/"
    rest = parts[fixed:]
    regex = re.compile("".join(_segment_regex(part, last=k == len(rest) - 1) for k, part in enumerate(rest)) + r"\Z")
    found: list[Path] = []
    top = Path(base)
    if not top.is_dir():
        return []
    for directory, folders, files in os.walk(top, followlinks=False):
        folders.sort()
        relative = os.path.relpath(directory, top)
        prefix = "" if relative == "." else relative + "/"
        for name in (*folders, *files):
            if not name.startswith(".") and regex.match(prefix + name):
                found.append(Path(directory) / name if base != "." or prefix else Path(name))
    return sorted(found, key=str)  # the order glob.glob gave


def _segment_regex(part: str, *, last: bool) -> str:
    if part == "**":
        return "" if last else r"(?:[^/]+/)*"
    out = []
    k = 0
    while k < len(part):
        ch = part[k]
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[" and "]" in part[k + 1 :]:
            close = part.index("]", k + 1)
            body = part[k + 1 : close].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            k = close
        else:
            out.append(re.escape(ch))
        k += 1
    return "".join(out) + ("" if last else "/")


_REF = re.compile(r"[\w./@{}~^:+\-]+")


def changed_files(ref: str, root: Path) -> set[Path]:
    """Files changed since ``ref`` (committed or not, and new files), as resolved paths under ``root``.

    ``ref`` comes from a workflow (often from the pull request): one starting with ``-``
    would be read by git as an option (``--output=FILE`` writes a file), so it is refused,
    and the ref is resolved to a commit first, after ``--end-of-options``.
    """
    if not ref or ref.startswith("-") or not _REF.fullmatch(ref):
        raise ConfigError(f"--changed-since {ref!r}: not a git revision")
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], root).strip()
        names = _git(["diff", "--name-only", "--no-renames", commit, "--"], root).splitlines()
        names += _git(["ls-files", "--others", "--exclude-standard", "--full-name"], root).splitlines()
    except FileNotFoundError:
        raise ConfigError("--changed-since needs git, which is not installed") from None
    return {(root / n).resolve() for n in names if n}


def _git(args: list[str], cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise ConfigError(
            f"git {' '.join(args[:2])}: {result.stderr.strip().splitlines()[-1] if result.stderr.strip() else 'failed'}"
        )
    return result.stdout


def resolve_source(article: Path, source: str, roots: tuple[Path, ...]) -> Path:
    """A source path from front matter: relative to the article, else to the repository root.

    The path must stay inside ``roots`` once every symlink is followed: front matter is
    written by the author of a pull request, and a source outside the repository
    (``/etc/passwd``, ``../secret.env``, a symlink out) would print its lines into
    annotations. The error names the article and the value, never the target's content.
    """
    if "\x00" in source:
        raise InputError(f"{article}: source {source!r} is not a path")
    for base in (article.parent, *roots):
        candidate = base / source
        if candidate.exists():
            return confine(article, candidate, roots, source)
    return confine(article, article.parent / source, roots, source)


def confine(article: Path, path: Path, roots: tuple[Path, ...], shown: str | None = None) -> Path:
    """``path`` with symlinks followed, if it lies inside one of ``roots``; else an InputError naming ``article``."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise InputError(f"{article}: {shown or path}: is a symlink loop") from None
    if any(real.is_relative_to(root / ".git") for root in roots):
        raise InputError(f"{article}: {shown or path} is inside the repository's .git folder, not wire copy")
    if any(real.is_relative_to(root) for root in roots):
        return real
    what = f"source {shown!r} is" if shown is not None else "is" if path == article else f"{path} is"
    raise InputError(f"{article}: {what} outside the repository ({roots[0]}); attrib reads only files inside it")


def repository_markdown(root: Path) -> list[Path]:
    """Every Markdown file of the repository: git's tracked and untracked-but-not-ignored ones, else a walk."""
    try:
        names = _git(["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "*.md", "*.markdown"], root)
        return sorted({root / n for n in names.split("\0") if n})
    except (ConfigError, FileNotFoundError):  # not a git work tree, or no git: every file not in a hidden folder
        found = (p for suffix in MARKDOWN_SUFFIXES for p in root.rglob(f"*{suffix}"))
        return sorted(p for p in found if not any(part.startswith(".") for part in p.relative_to(root).parts[:-1]))
