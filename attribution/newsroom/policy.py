"""What a newsroom fails, warns on, or allows, and how a report measures up to it.

Read from ``[tool.attrib]`` in ``pyproject.toml`` or from ``attrib.toml``, the
nearest one walking up from the working directory. Unknown keys are errors that name
the key.

An article's front matter may override the policy under ``attrib:``, but the
repository decides how far: an article's author is the person the check is about, so
by default it may only tighten ``fail`` (add rules, lower ``max_verbatim_share``) and
change what merely warns. Any other key needs the repository's ``article_overrides``
list. Every override an article uses is recorded and shown in every output format.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..core.records import Derivation, FindingKind, QuoteStatus, Severity
from ..core.report import Report
from ..core.textfold import plain
from ..errors import ConfigError

RULES = (*tuple(str(k) for k in FindingKind), "verbatim_share")
PARTIALLY_DERIVED = ("uncredited", "warn", "ignore")


@dataclass(frozen=True)
class Policy:
    fail: tuple[str, ...] = ("quote_not_in_source", "uncredited", "evasion", "changed_fact", "quote_misattributed")
    warn: tuple[str, ...] = (
        "added_claim",
        "unsourced_attribution",
        "quote_altered",
        "source_unnamed",
        "hedge_dropped",
        "attribution_dropped",
    )
    max_verbatim_share: float | None = None
    """Fail an article whose verbatim share is above this (0..1)."""
    warn_verbatim_share: float | None = None
    allow_quotes: tuple[str, ...] = ()
    """Quotations reporters got first-hand: never flagged."""
    partially_derived: str = "uncredited"
    """Partial reuse (a few passages inside original text) without credit: ``uncredited`` (as for whole
    rewrites: the ``uncredited`` rule applies as configured), ``warn`` (at most a warning) or ``ignore``."""
    model: str | None = None
    backend: str = "auto"
    article_overrides: tuple[str, ...] = ("warn", "warn_verbatim_share")
    """Keys an article's front matter may set however it likes (repository configuration only)."""
    source_roots: tuple[str, ...] = ()
    """Folders besides the repository from which ``source:`` may be read (relative to the configuration)."""
    archive: str | None = None
    """An archive folder (``attrib index``) where articles that name no source have their sources found;
    relative to the configuration file."""
    config_path: str | None = field(default=None, compare=False)

    def severity(self, rule: str) -> Severity | None:
        if rule in self.fail:
            return Severity.ERROR
        if rule in self.warn:
            return Severity.WARNING
        return None


_KEYS = {f.name for f in fields(Policy)} - {"config_path"}
_REPOSITORY_ONLY = frozenset({"article_overrides", "source_roots", "archive"})
_ARTICLE_KEYS = _KEYS - _REPOSITORY_ONLY


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest attrib configuration walking up from ``start``: attrib.toml, or pyproject's [tool.attrib]."""
    for directory in (start, *start.parents):
        own = directory / "attrib.toml"
        if own.is_file():
            return own, _load_toml(own)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            section = _load_toml(pyproject).get("tool", {}).get("attrib")
            if section is not None:
                if not isinstance(section, dict):
                    raise ConfigError(f"{pyproject}: [tool.attrib] must be a table")
                return pyproject, section
    return None


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def load_policy(start: Path, explicit: Path | None = None) -> Policy:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: no such configuration file")
        data = _load_toml(explicit)
        if explicit.name == "pyproject.toml":
            data = data.get("tool", {}).get("attrib", {})
        return apply(Policy(config_path=str(explicit)), data, str(explicit))
    found = find_config(start)
    if found is None:
        return Policy()
    path, data = found
    return apply(Policy(config_path=str(path)), data, str(path))


def apply(policy: Policy, data: dict[str, Any], where: str) -> Policy:
    """``policy`` with the keys of ``data`` (a config table or front matter's ``attrib:``) applied."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: attrib settings must be a table of keys")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown attrib setting {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("fail", "warn"):
            rules = _string_list(value, key, where)
            bad = [r for r in rules if r not in RULES]
            if bad:
                raise ConfigError(f"{where}: {key}: unknown rule {bad[0]!r} (rules: {', '.join(RULES)})")
            changes[key] = tuple(rules)
        elif key in ("max_verbatim_share", "warn_verbatim_share"):
            if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
                raise ConfigError(f"{where}: {key} must be a number from 0 to 1")
            changes[key] = float(value)
        elif key == "allow_quotes":
            changes[key] = policy.allow_quotes + tuple(_string_list(value, key, where))
        elif key == "partially_derived":
            if value not in PARTIALLY_DERIVED:
                raise ConfigError(f"{where}: partially_derived must be one of {', '.join(PARTIALLY_DERIVED)}")
            changes[key] = value
        elif key in ("model", "backend", "archive"):
            if not isinstance(value, str):
                raise ConfigError(f"{where}: {key} must be a string")
            changes[key] = value
        elif key == "article_overrides":
            names = _string_list(value, key, where)
            bad = [k for k in names if k not in _ARTICLE_KEYS]
            if bad:
                raise ConfigError(f"{where}: {key}: {bad[0]!r} is not a key an article can set")
            changes[key] = tuple(names)
        elif key == "source_roots":
            changes[key] = tuple(_string_list(value, key, where))
    if "fail" in changes and "warn" not in changes:
        changes["warn"] = tuple(r for r in policy.warn if r not in changes["fail"])
    return replace(policy, **changes)


def apply_article(policy: Policy, data: Any, where: str) -> tuple[Policy, tuple[str, ...]]:
    """An article's front-matter ``attrib:`` applied to the repository's ``policy``, as far as it allows.

    Returns the article's policy and a description of each override it used. A key the
    repository does not let articles set, used in a way that could weaken ``fail``, is a
    ``ConfigError`` naming it: the article is then an error, never a silent pass.
    """
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: attrib settings must be a table of keys")
    repository_only = sorted(set(data) & _REPOSITORY_ONLY)
    if repository_only:
        raise ConfigError(f"{where}: {repository_only[0]!r} can only be set in the repository's configuration")
    changed = apply(policy, data, where)
    used: list[str] = []
    for key in sorted(data):
        before, after = getattr(policy, key), getattr(changed, key)
        if key not in policy.article_overrides and not _tightens(key, before, after):
            raise ConfigError(
                f"{where}: overrides {key!r}, which this repository does not let an article change "
                f"(allowed: {', '.join(policy.article_overrides) or 'none'}; set article_overrides in "
                f"{policy.config_path or 'attrib.toml'})"
            )
        used.append(f"{key}={_describe(after)}")
    return changed, tuple(used)


def _tightens(key: str, before: Any, after: Any) -> bool:
    """Whether an override can only make the check stricter."""
    if key == "fail":
        return set(before) <= set(after)
    if key == "max_verbatim_share":
        return after is not None and (before is None or after <= before)
    return False


def _describe(value: Any) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    return str(value)


def _string_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ConfigError(f"{where}: {key} must be a string or a list of strings")


@dataclass(frozen=True)
class Violation:
    rule: str
    severity: Severity
    """ERROR fails the check, WARNING does not."""
    start: int | None
    end: int | None
    message: str


def evaluate(report: Report, policy: Policy) -> list[Violation]:
    """The policy's violations; a quotation excused by ``allow_quotes`` is an INFO violation, shown as allowed."""
    allowed = {plain(q) for q in policy.allow_quotes}
    quote_at = {(q.start, q.end): q for q in report.quotes}
    found: list[Violation] = []
    for f in report.findings:
        severity = policy.severity(str(f.kind))
        if f.kind is FindingKind.UNCREDITED and report.verdict.derivation == Derivation.PARTIALLY:
            if policy.partially_derived == "ignore":
                continue
            if policy.partially_derived == "warn" and severity is not None:
                severity = Severity.WARNING
        if severity is None:
            continue
        quote = quote_at.get((f.start, f.end)) if f.start is not None and f.end is not None else None
        if quote is not None and quote.status != QuoteStatus.MATCHES and plain(quote.text) in allowed:
            found.append(Violation(str(f.kind), Severity.INFO, f.start, f.end, f"allowed by allow_quotes: {f.message}"))
            continue
        in_article = not f.in_source
        found.append(
            Violation(str(f.kind), severity, f.start if in_article else None, f.end if in_article else None, f.message)
        )
    share = report.verdict.shares.verbatim
    for limit, severity in (
        (policy.max_verbatim_share, Severity.ERROR),
        (policy.warn_verbatim_share, Severity.WARNING),
    ):
        if limit is not None and share > limit:
            found.append(
                Violation(
                    "verbatim_share",
                    severity,
                    None,
                    None,
                    f"{round(share * 100)}% of the article is copied verbatim (limit {round(limit * 100)}%)",
                )
            )
            break
    return found
