"""``attrib check``: the articles of a newsroom repository against their wire copy, under a policy.

One process for every pair: the model loads once, and all story sentences of all
pairs are embedded up front in one batch (through the cache), so a source shared
by many articles is embedded once. A pair that cannot be read is reported and the
rest go on.
"""

from __future__ import annotations

import csv
import glob
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import embed
from .articles import Article, read_article, read_derivative
from .embed import Embedder
from .pipeline import compare, prepare
from .policy import ConfigError, Policy, Violation, apply, evaluate
from .read import DEFAULT_MAX_CHARS, InputError, read_path, text_document
from .records import Document
from .report import Report


@dataclass(frozen=True)
class Pair:
    derivative: Path
    sources: tuple[Path, ...]


@dataclass(frozen=True)
class ArticleResult:
    path: Path
    sources: tuple[Path, ...]
    violations: tuple[Violation, ...] = ()
    report: Report | None = None
    article: Article | None = None
    error: str | None = None

    @property
    def status(self) -> str:
        if self.error:
            return "error"
        if any(v.severity == "error" for v in self.violations):
            return "fail"
        if self.violations:
            return "warn"
        return "ok"

    def line(self, offset: int | None) -> int:
        if offset is None or self.article is None:
            return 1
        return self.article.line_of(offset)

    def column(self, offset: int | None) -> int:
        if offset is None or self.article is None:
            return 1
        return self.article.column_of(offset)


@dataclass
class CheckResult:
    results: list[ArticleResult] = field(default_factory=list)
    root: Path = Path(".")

    @property
    def exit_code(self) -> int:
        if any(r.status == "error" for r in self.results):
            return 2
        if any(r.status == "fail" for r in self.results):
            return 1
        return 0


def discover(paths: Iterable[str], root: Path) -> list[Path]:
    """Article files from paths, directories (their *.md) and glob patterns, in a stable order."""
    found: list[Path] = []
    for item in paths:
        matches = sorted(glob.glob(item, recursive=True)) if glob.has_magic(item) else [item]
        if not matches:
            raise InputError(f"{item}: matches no file")
        for match in matches:
            p = Path(match)
            if p.is_dir():
                found.extend(sorted(p.rglob("*.md")))
            elif p.exists():
                found.append(p)
            else:
                raise InputError(f"{item}: no such file")
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p, None)
    return list(unique)


def manifest_rows(manifest: Path) -> list[dict[str, str]]:
    """The rows of a pairs CSV: columns source,derivative (and any others), paths relative to it."""
    try:
        with manifest.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise InputError(f"{manifest}: cannot be read ({exc.strerror or exc})") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise InputError(f"{manifest}: not a readable CSV ({exc})") from None
    if not rows or not {"source", "derivative"} <= set(rows[0] or {}):
        raise InputError(f"{manifest}: needs the columns source,derivative")
    return rows


def read_manifest(manifest: Path) -> list[Pair]:
    """Pairs from a CSV with columns source,derivative (paths relative to the manifest)."""
    rows = manifest_rows(manifest)
    base = manifest.parent
    return [Pair(base / row["derivative"], (base / row["source"],)) for row in rows]


def changed_files(ref: str, root: Path) -> set[Path]:
    """Files changed since ``ref`` (committed or not, and new files), as resolved paths."""
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], root).strip())
        names = _git(["diff", "--name-only", "--no-renames", ref, "--"], root).splitlines()
        names += _git(["ls-files", "--others", "--exclude-standard"], root).splitlines()
    except FileNotFoundError:
        raise ConfigError("--changed-since needs git, which is not installed") from None
    return {(top / n).resolve() for n in names if n}


def _git(args: list[str], cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise ConfigError(
            f"git {' '.join(args[:2])}: {result.stderr.strip().splitlines()[-1] if result.stderr.strip() else 'failed'}"
        )
    return result.stdout


def resolve_source(article: Path, source: str, roots: tuple[Path, ...]) -> Path:
    """A source path from front matter: relative to the article, else to the repository root."""
    for base in (article.parent, *roots):
        candidate = (base / source).resolve()
        if candidate.exists():
            return candidate
    return (article.parent / source).resolve()


@dataclass(frozen=True)
class _Loaded:
    path: Path
    sources: tuple[Path, ...]
    derivative: Document | None
    article: Article | None
    policy: Policy
    error: str | None


def run_check(
    articles: list[Path],
    manifest_pairs: list[Pair],
    policy: Policy,
    root: Path,
    *,
    changed: set[Path] | None = None,
    model: str | Embedder | None = None,
    cache: bool = True,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> CheckResult:
    loaded = [_load_article(path, policy, root, max_chars) for path in articles]
    loaded += [_load_pair(pair, policy, max_chars) for pair in manifest_pairs]
    if changed is not None:
        loaded = [entry for entry in loaded if _touched(entry.path, entry.sources, changed)]

    embedder = embed.get_embedder(model if model is not None else policy.model, backend=policy.backend, cache=cache)
    source_docs: dict[tuple[Path, ...], Document | str] = {}
    for entry in loaded:
        if entry.error is None and entry.sources not in source_docs:
            source_docs[entry.sources] = _read_sources(entry.sources, max_chars)
    # Embed every story sentence of every pair in one batch; the comparisons then hit the cache.
    documents = [doc for doc in source_docs.values() if isinstance(doc, Document)]
    documents += [entry.derivative for entry in loaded if entry.derivative is not None]
    prepare(documents, embedder)

    result = CheckResult(root=root)
    for entry in loaded:
        source = source_docs.get(entry.sources)
        error = entry.error or (source if isinstance(source, str) else None)
        if error is not None or entry.derivative is None or not isinstance(source, Document):
            result.results.append(ArticleResult(entry.path, entry.sources, error=error or f"{entry.path}: unreadable"))
            continue
        report = compare(source, entry.derivative, model=embedder)
        violations = tuple(evaluate(report, entry.policy))
        result.results.append(ArticleResult(entry.path, entry.sources, violations, report, entry.article))
    return result


def _load_article(path: Path, policy: Policy, root: Path, max_chars: int) -> _Loaded:
    try:
        article = read_article(path, max_chars=max_chars)
        roots = (Path(policy.config_path).parent, root) if policy.config_path else (root,)
        sources = tuple(resolve_source(path, s, roots) for s in article.sources)
        if not sources:
            raise InputError(f"{path}: names no source in its front matter (source: path/to/wire.txt)")
        own = article.meta.get("attrib")
        pair_policy = apply(policy, own, f"{path}: front matter 'attrib'") if own is not None else policy
        return _Loaded(path, sources, article.document, article, pair_policy, None)
    except (InputError, ConfigError) as exc:
        return _Loaded(path, (), None, None, policy, str(exc))


def _load_pair(pair: Pair, policy: Policy, max_chars: int) -> _Loaded:
    try:
        document, article = read_derivative(pair.derivative, max_chars=max_chars)
        return _Loaded(pair.derivative, pair.sources, document, article, policy, None)
    except InputError as exc:
        return _Loaded(pair.derivative, pair.sources, None, None, policy, str(exc))


def _touched(path: Path, sources: tuple[Path, ...], changed: set[Path]) -> bool:
    return path.resolve() in changed or any(s.resolve() in changed for s in sources)


def _read_sources(sources: tuple[Path, ...], max_chars: int) -> Document | str:
    """One source document (several wire stories are read as one), or the error that stopped it."""
    try:
        docs = [read_path(s, max_chars=max_chars) for s in sources]
    except InputError as exc:
        return str(exc)
    if len(docs) == 1:
        return docs[0]
    return text_document("\n\n".join(d.text for d in docs), ", ".join(str(s) for s in sources), "mixed")
