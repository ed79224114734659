"""``attrib check`` as a library call: a newsroom repository's articles against their wire copy, under a policy.

``run_check(request, embedder_for)`` does the whole run (policy, repository root,
discovery, manifest, changed files, comparing, judging); the CLI only renders the
result and exits with ``result.exit_code``. One process for every pair: each model
loads once, and all story sentences of all pairs are embedded up front in one batch
(through the cache), so a source shared by many articles is embedded once. A pair
that cannot be read is reported and the rest go on. An article whose sources the
policy's archive finds is not compared again: the archive's audit of it against
them (``archive.sources.SourceFinder.audit_of``) is its report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.read import DEFAULT_MAX_CHARS, is_url, read_path
from ..core.records import Document, Severity
from ..core.report import Report
from ..core.text import SOURCE_SEPARATOR, TextStore
from ..embedding import Embedder
from ..errors import EXIT_OK, EXIT_POLICY, EXIT_USAGE, ConfigError, InputError
from ..pipeline import compare, given_urls, prepare
from .articles import Article, read_article, read_derivative
from .manifest import Pair, read_manifest, with_front_matter
from .policy import Policy, Violation, apply_article, evaluate, load_policy
from .repository import (
    MARKDOWN_SUFFIXES,
    changed_files,
    confine,
    discover,
    repository_markdown,
    repository_root,
    resolve_source,
)

SourceRef = Path | str
"""A source file (or an archive story's ``ARCHIVE#ID``), or the URL of an archive story that has no file."""

EmbedderFor = Callable[[str | None, str], Embedder]
"""(model, backend) → an embedder; the CLI caches it so each model loads once."""


@dataclass(frozen=True)
class CheckRequest:
    """What to check, as the command line says it."""

    articles: tuple[str, ...] = ()
    manifest: Path | None = None
    changed_since: str | None = None
    config: Path | None = None
    cwd: Path = field(default_factory=Path.cwd)
    model: str | None = None
    """Overrides the policy's model for every pair."""
    max_chars: int = DEFAULT_MAX_CHARS
    skip_unsourced: bool = False
    """Pass Markdown files whose front matter names no source (a README, notes) instead of reporting an error."""
    changed_files: bool = False
    """``articles`` are changed files (as pre-commit passes them): check the Markdown articles among them and
    every article in the repository that names one of them as its source."""


@dataclass(frozen=True)
class ArticleResult:
    path: Path
    sources: tuple[SourceRef, ...]
    violations: tuple[Violation, ...] = ()
    report: Report | None = None
    article: Article | None = None
    error: str | None = None
    overrides: tuple[str, ...] = ()
    """The front-matter policy overrides this article used ("key=value"), shown in every format."""

    @property
    def status(self) -> str:
        if self.error:
            return "error"
        if any(v.severity is Severity.ERROR for v in self.violations):
            return "fail"
        if any(v.severity is Severity.WARNING for v in self.violations):
            return "warn"
        return "ok"

    @property
    def problems(self) -> tuple[Violation, ...]:
        """Violations that fail or warn (not the quotations ``allow_quotes`` excused)."""
        return tuple(v for v in self.violations if v.severity is not Severity.INFO)

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
            return EXIT_USAGE
        if any(r.status == "fail" for r in self.results):
            return EXIT_POLICY
        return EXIT_OK


@dataclass(frozen=True)
class _Loaded:
    path: Path
    sources: tuple[SourceRef, ...]
    derivative: Document | None
    article: Article | None
    policy: Policy
    error: str | None
    unsourced: bool = False
    source_names: tuple[str, ...] = ()
    source_urls: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()
    original: bool = False
    """Names no source, and the policy's archive holds no story it draws on: nothing to check it against."""
    report: Report | None = None
    """The archive's audit of it against the sources found there (``archive.find``'s, reused, not repeated)."""


def run_check(request: CheckRequest, embedder_for: EmbedderFor) -> CheckResult:
    """Check every article of ``request``; raises ``AttribError`` only for a run that cannot start."""
    if not request.articles and request.manifest is None:
        raise InputError("give articles (paths or globs) or --manifest pairs.csv")
    policy = load_policy(request.cwd, request.config)
    root = repository_root(request.cwd, policy.config_path)
    if request.changed_files:
        paths = _affected_articles(request.articles, policy, root, request.max_chars)
    else:
        paths = discover(request.articles, root)
    pairs = read_manifest(request.manifest) if request.manifest is not None else []
    changed = changed_files(request.changed_since, root) if request.changed_since else None

    roots = source_roots(root, policy)
    loaded = [_load_article(path, policy, roots, request.max_chars) for path in paths]
    loaded += [_load_pair(pair, policy, roots, request.max_chars) for pair in pairs]
    found: dict[tuple[SourceRef, ...], list[Document]] = {}
    if policy.archive and any(entry.unsourced and entry.derivative is not None for entry in loaded):
        # Articles that name no source: their sources are found in the archive (ok when it holds none).
        loaded = _sources_from_archive(loaded, policy, request, embedder_for, found)
    if request.skip_unsourced:
        loaded = [entry for entry in loaded if not entry.unsourced]
    if changed is not None:
        loaded = [entry for entry in loaded if _touched(entry.path, entry.sources, changed)]

    source_docs: dict[tuple[SourceRef, ...], list[Document] | str] = {}
    for entry in loaded:
        if entry.error is None and entry.sources not in source_docs:
            source_docs[entry.sources] = found.get(entry.sources) or _read_sources(entry.sources, request.max_chars)

    def embedder_of(entry: _Loaded) -> Embedder:
        return embedder_for(request.model or entry.policy.model, entry.policy.backend)

    # Embed every story sentence of every pair in one batch per model; the comparisons then hit the cache.
    store = TextStore()
    by_embedder: dict[int, tuple[Embedder, list[Document]]] = {}
    for entry in loaded:
        sources = source_docs.get(entry.sources)
        if entry.derivative is None or entry.original or entry.report is not None or not isinstance(sources, list):
            continue
        embedder = embedder_of(entry)
        documents = by_embedder.setdefault(id(embedder), (embedder, []))[1]
        documents += [*sources, entry.derivative]
    for embedder, documents in by_embedder.values():
        prepare(list(dict.fromkeys(documents)), embedder, store)

    result = CheckResult(root=root)
    for entry in loaded:
        if entry.original:
            result.results.append(ArticleResult(entry.path, (), article=entry.article))
            continue
        sources = source_docs.get(entry.sources)
        error = entry.error or (sources if isinstance(sources, str) else None)
        if error is not None or entry.derivative is None or not isinstance(sources, list):
            result.results.append(
                ArticleResult(
                    entry.path, entry.sources, error=error or f"{entry.path}: unreadable", overrides=entry.overrides
                )
            )
            continue
        report = entry.report or compare(
            sources,
            entry.derivative,
            embedder=embedder_of(entry),
            store=store,
            source_names=entry.source_names,
            source_urls=entry.source_urls,
        )
        violations = tuple(evaluate(report, entry.policy))
        result.results.append(
            ArticleResult(entry.path, entry.sources, violations, report, entry.article, overrides=entry.overrides)
        )
    return result


def source_roots(root: Path, policy: Policy) -> tuple[Path, ...]:
    """Folders a check may read from: the repository root, the configuration's folder, its ``source_roots``."""
    config_dir = Path(policy.config_path).parent if policy.config_path else root
    extra = tuple(config_dir / p for p in policy.source_roots)
    return tuple(dict.fromkeys(p.resolve() for p in (root, config_dir, *extra)))


def _load_article(path: Path, policy: Policy, roots: tuple[Path, ...], max_chars: int) -> _Loaded:
    try:
        confine(path, path, roots)
        article = read_article(path, max_chars=max_chars)
        sources = tuple(resolve_source(path, s, roots) for s in article.sources)
        names = article.source_names
        urls = given_urls(article.source_urls, f"{path}: source_url")
        if not sources:
            message = f"{path}: names no source in its front matter (source: path/to/wire.txt)"
            if policy.archive:  # its sources are found in the archive (run_check), named as front matter says
                return _Loaded(path, (), article.document, article, policy, message, unsourced=True, source_names=names)
            return _Loaded(path, (), None, None, policy, message, unsourced=True)
        own = article.meta.get("attrib")
        pair_policy, overrides = (
            (policy, ()) if own is None else apply_article(policy, own, f"{path}: front matter 'attrib'")
        )
        document = article.document
        return _Loaded(
            path,
            sources,
            document,
            article,
            pair_policy,
            None,
            source_names=names,
            source_urls=urls,
            overrides=overrides,
        )
    except (InputError, ConfigError) as exc:
        return _Loaded(path, (), None, None, policy, str(exc))


def _sources_from_archive(
    loaded: list[_Loaded],
    policy: Policy,
    request: CheckRequest,
    embedder_for: EmbedderFor,
    found: dict[tuple[SourceRef, ...], list[Document]],
) -> list[_Loaded]:
    """Unsourced articles with the sources they draw on found in the policy's archive (ok where it holds none)."""
    from ..archive.sources import SourceFinder

    base = Path(policy.config_path).parent if policy.config_path else request.cwd
    finder = SourceFinder(base / str(policy.archive), embedder_for(request.model or policy.model, policy.backend))
    out = []
    try:
        for entry in loaded:
            if not entry.unsourced or entry.derivative is None or entry.article is None:
                out.append(entry)
                continue
            try:
                date = entry.article.published
            except InputError as exc:
                out.append(replace(entry, derivative=None, error=str(exc)))
                continue
            audit = finder.audit_of(entry.derivative, published_before=date, source_names=entry.source_names)
            if not audit.sources:
                out.append(replace(entry, error=None, unsourced=False, original=True))
                continue
            sources = tuple(_source_ref(source.label) for source in audit.sources)
            found[sources] = [source.document for source in audit.sources]
            out.append(replace(entry, sources=sources, error=None, unsourced=False, report=audit.report))
    finally:
        finder.close()
    return out


def _source_ref(label: str) -> SourceRef:
    """An archive story's label as a source: a URL as written (``Path`` would fold ``https://`` into
    ``https:/``), a file or ``ARCHIVE#ID`` as a path."""
    return label if is_url(label) else Path(label)


def _affected_articles(files: tuple[str, ...], policy: Policy, root: Path, max_chars: int) -> list[Path]:
    """The Markdown files among ``files``, and every repository article that names one of the others as its source."""
    changed = [Path(f) for f in files if Path(f).is_file()]
    chosen = dict.fromkeys(p for p in changed if p.suffix.lower() in MARKDOWN_SUFFIXES)
    # A changed file that is not itself an article with a source may be wire copy (a .txt, or Markdown).
    others = {p.resolve() for p in changed if not (p in chosen and _named_sources(p, policy, root, max_chars))}
    if others:
        known = {p.resolve() for p in chosen}
        for article in repository_markdown(root):
            if article.resolve() not in known and others & set(_named_sources(article, policy, root, max_chars)):
                chosen[article] = None
    return list(chosen)


def _named_sources(path: Path, policy: Policy, root: Path, max_chars: int) -> tuple[Path, ...]:
    """The resolved sources an article's front matter names; none for a file that is not a readable article."""
    try:
        article = read_article(path, max_chars=max_chars)
        roots = (Path(policy.config_path).parent, root) if policy.config_path else (root,)
        return tuple(resolve_source(path, s, roots) for s in article.sources)
    except (InputError, ConfigError):
        return ()


def _load_pair(pair: Pair, policy: Policy, roots: tuple[Path, ...], max_chars: int) -> _Loaded:
    """A manifest row: its source is the row's, named by the row's ``source_name``/``source_url`` and by the
    derivative's front matter's (``manifest.with_front_matter``: both, unless the front matter names another
    source)."""
    try:
        confine(pair.derivative, pair.derivative, roots)
        for source in pair.sources:
            confine(pair.derivative, source, roots)
        document, article = read_derivative(pair.derivative, max_chars=max_chars)
        names, urls = with_front_matter(
            pair.source_names,
            pair.source_urls,
            article,
            pair.sources,
            lambda s: resolve_source(pair.derivative, s, roots),
        )
        urls = given_urls(urls, f"{pair.derivative}: source_url")
        return _Loaded(
            pair.derivative, pair.sources, document, article, policy, None, source_names=names, source_urls=urls
        )
    except InputError as exc:
        return _Loaded(pair.derivative, pair.sources, None, None, policy, str(exc))


def _touched(path: Path, sources: tuple[SourceRef, ...], changed: set[Path]) -> bool:
    return path.resolve() in changed or any(isinstance(s, Path) and s.resolve() in changed for s in sources)


def _read_sources(sources: tuple[SourceRef, ...], max_chars: int) -> list[Document] | str:
    """The article's source documents (audited together), or the error that stopped them."""
    try:
        docs = [read_path(s, max_chars=max_chars) for s in sources]
    except InputError as exc:
        return str(exc)
    joined = sum(len(d.text) for d in docs) + len(SOURCE_SEPARATOR) * (len(docs) - 1)
    if joined > max_chars:  # the limit is for what is compared, not for each file: 150 sources x 5,000 is 750,000
        return f"{len(docs)} sources joined have {joined:,} characters, over the limit of {max_chars:,}"
    return docs
