"""The per-language word lists `kiosk i18n lint` checks against (translations/lint-rules.yaml).

The file is data a translator edits; it is read with line numbers so a mistake in it is
reported as `file:line: message`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core import paths
from kiosk.core.errors import ContentError
from kiosk.core.yamlsrc import LineDict, YamlSourceError, load_file

RULES_NAME = "lint-rules.yaml"
FORMAT = 1
_LIST_FIELDS = (
    "child_markers",
    "adult_markers",
    "not_markers",
    "ability_markers",
    "permission_markers",
    "promise_markers",
    "gendered_markers",
    "keep_in_english",
)
_LANGUAGE_FIELDS = frozenset({"words", "avoid", *_LIST_FIELDS})
_AVOID_FIELDS = frozenset({"term", "say", "why"})
_REGEX_PREFIX = "re:"
MASK = "\u2060"  # WORD JOINER: stands in for masked text, so offsets and boundaries hold
_BOTH_FORMS = re.compile(r"\w+/\w+")  # e.g. تريد/ين: a form of address written for both genders


@dataclass(frozen=True)
class Markers:
    """A list of words (or `re:` patterns) matched as whole words (`spaced`) or anywhere."""

    words: tuple[str, ...]
    pattern: re.Pattern[str] | None
    spaced: bool = True

    def find(self, text: str) -> list[str]:
        """The marker words present in `text` (already masked and normalised), in order."""
        if self.pattern is None:
            return []
        found = (
            match.group(0)
            for match in self.pattern.finditer(text)
            if not self.spaced or _whole_word(text, match.start(), match.end())
        )
        return list(dict.fromkeys(found))


def _is_word_char(ch: str) -> bool:
    # Letters, digits and combining marks (Bengali vowel signs, Arabic harakat) belong to a word.
    return ch == MASK or unicodedata.category(ch)[0] in "LMN"


def _whole_word(text: str, start: int, end: int) -> bool:
    before = start == 0 or not _is_word_char(text[start - 1])
    after = end == len(text) or not _is_word_char(text[end])
    return before and after


@dataclass(frozen=True)
class Avoid:
    term: str
    say: str
    why: str
    markers: Markers


@dataclass(frozen=True)
class LanguageRules:
    code: str
    spaced: bool
    child: Markers
    adult: Markers
    ability: Markers
    permission: Markers
    promise: Markers
    gendered: Markers  # addresses the person as one gender only (ar: masculine verb forms)
    not_markers: tuple[str, ...]
    avoid: tuple[Avoid, ...]
    keep_in_english: frozenset[str]

    def masked(self, text: str) -> str:
        """`text` with the words that only look like markers blanked out (same length)."""
        text = normalise(text)
        for word in self.not_markers:
            text = re.sub(re.escape(word), lambda m: MASK * len(m.group(0)), text, flags=re.I)
        return text

    def one_gender(self, text: str) -> list[str]:
        """Gendered forms of address in (masked) `text` that do not come with the other gender's
        form: a word written with both (`تريد/ين`, `متأكد/ة`) is fine."""
        return self.gendered.find(_BOTH_FORMS.sub(lambda m: MASK * len(m.group(0)), text))


@dataclass(frozen=True)
class LintRules:
    path: Path
    keep_in_english: frozenset[str]
    languages: dict[str, LanguageRules]

    def language(self, code: str) -> LanguageRules:
        return self.languages.get(code) or _empty(code)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _empty(code: str) -> LanguageRules:
    none = Markers((), None)
    return LanguageRules(code, True, none, none, none, none, none, none, (), (), frozenset())


def _word_pattern(words: list[str]) -> re.Pattern[str] | None:
    """One pattern for `words`, longest first so "các em" wins over "em"."""
    if not words:
        return None
    parts = [
        w[len(_REGEX_PREFIX) :] if w.startswith(_REGEX_PREFIX) else re.escape(normalise(w))
        for w in sorted(words, key=len, reverse=True)
    ]
    return re.compile("|".join(f"(?:{part})" for part in parts), re.IGNORECASE)


def load_rules(path: Path | None = None) -> LintRules:
    path = path or paths.translations_dir() / RULES_NAME
    try:
        data = load_file(path)
    except YamlSourceError as error:
        raise ContentError(f"{path}:{error.line}: {error.message}") from None
    where = _Where(path)
    if not isinstance(data, LineDict):
        raise where.error(1, "the lint rules must be a mapping with `format` and `languages`")
    if data.get("format") != FORMAT:
        raise where.error(data.line_of("format"), f"`format` must be {FORMAT}")
    languages = data.get("languages")
    if not isinstance(languages, LineDict):
        raise where.error(data.line_of("languages"), "`languages` must map codes to rules")
    keep = frozenset(_strings(data, "keep_in_english", where))
    out = {code: _language(code, raw, where) for code, raw in languages.items()}
    return LintRules(path, keep, out)


class _Where:
    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, line: int, message: str) -> ContentError:
        return ContentError(f"{self.path}:{line}: {message}", str(self.path), line, message)


def _strings(raw: LineDict, name: str, where: _Where) -> list[str]:
    value = raw.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise where.error(raw.line_of(name), f"`{name}` must be a list of words")
    for word in value:
        if word.startswith(_REGEX_PREFIX):
            try:
                re.compile(word[len(_REGEX_PREFIX) :])
            except re.error as error:
                raise where.error(raw.line_of(name), f"bad pattern {word!r}: {error}") from None
    return list(value)


def _language(code: str, raw: Any, where: _Where) -> LanguageRules:
    from kiosk.core.i18n.languages import TRANSLATED

    if code not in TRANSLATED:
        raise where.error(getattr(raw, "line", 0), f"unknown language {code!r}")
    if not isinstance(raw, LineDict):
        raise where.error(0, f"the rules of {code!r} must be a mapping")
    unknown = sorted(set(raw) - _LANGUAGE_FIELDS)
    if unknown:
        raise where.error(raw.line_of(unknown[0]), f"unknown field {unknown[0]!r} in {code!r}")
    words = raw.get("words", "spaced")
    if words not in ("spaced", "unspaced"):
        raise where.error(raw.line_of("words"), "`words` must be `spaced` or `unspaced`")
    spaced = words == "spaced"

    def markers(name: str) -> Markers:
        found = _strings(raw, name, where)
        return Markers(tuple(found), _word_pattern(found), spaced)

    avoid = []
    entries = raw.get("avoid", [])
    if not isinstance(entries, list):
        raise where.error(raw.line_of("avoid"), "`avoid` must be a list of {term, say, why}")
    for entry in entries:
        line = getattr(entry, "line", raw.line_of("avoid"))
        if not isinstance(entry, LineDict) or set(entry) - _AVOID_FIELDS or "term" not in entry:
            raise where.error(line, "each `avoid` entry needs `term`, and may have `say`, `why`")
        term = str(entry["term"])
        found = Markers((term,), _word_pattern([term]), spaced)
        avoid.append(Avoid(term, str(entry.get("say", "")), str(entry.get("why", "")), found))
    return LanguageRules(
        code=code,
        spaced=spaced,
        child=markers("child_markers"),
        adult=markers("adult_markers"),
        ability=markers("ability_markers"),
        permission=markers("permission_markers"),
        promise=markers("promise_markers"),
        gendered=markers("gendered_markers"),
        not_markers=tuple(normalise(w) for w in _strings(raw, "not_markers", where)),
        avoid=tuple(avoid),
        keep_in_english=frozenset(_strings(raw, "keep_in_english", where)),
    )
