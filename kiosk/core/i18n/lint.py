"""`kiosk i18n lint`: checks that catch the classes of translation defect a native review found.

Register (who is addressed how), sensitive wording, English left behind, and catalog hygiene.
Each entry's register comes from the extractor (`SourceString.register`), the word lists from
translations/lint-rules.yaml (`lint_rules`). Findings are counted per language and kind; a
baseline file (translations/lint-baseline.json) lets the tests fail on any new defect while
the known ones are being fixed, and shrinks as translators fix them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from kiosk.core import paths
from kiosk.core.errors import KioskError
from kiosk.core.i18n.extract import UI_CONTEXT, SourceString, collect, read_catalog
from kiosk.core.i18n.languages import TRANSLATED, language
from kiosk.core.i18n.lint_rules import (
    RULES_NAME,
    LanguageRules,
    LintRules,
    load_rules,
    normalise,
)
from kiosk.core.i18n.placeholders import mismatch
from kiosk.core.i18n.register import Register, split_field

BASELINE_NAME = "lint-baseline.json"


class Kind(StrEnum):
    CHILD_WORD_FOR_ADULT = "child-word-for-adult"
    CHILD_WORD_FOR_ANYONE = "child-word-for-anyone"  # before the age is known, or any reader
    ADULT_WORD_FOR_CHILD = "adult-word-for-child"
    SHARED_ADULT_CHILD = "shared-adult-child"
    CONSENT_AS_ABILITY = "consent-as-ability"
    PROMISE = "promise"
    AVOID_TERM = "avoid-term"
    ONE_GENDER = "one-gender"  # the person addressed as a man (or a woman) only
    ENGLISH_LEFT = "english-left"
    BUTTON_NAME = "button-name"  # a sentence names a button other than as the button reads
    PLACEHOLDER = "placeholder"
    MARKUP = "markup"
    STRAY_COMMENT = "stray-comment"


# Hygiene: never acceptable in a shipped catalog, whatever the state of the review.
HYGIENE = frozenset({Kind.PLACEHOLDER, Kind.MARKUP, Kind.STRAY_COMMENT})
# Short column titles for the per-language table.
COLUMNS: dict[Kind, str] = {
    Kind.CHILD_WORD_FOR_ADULT: "child>adult",
    Kind.CHILD_WORD_FOR_ANYONE: "child>any",
    Kind.ADULT_WORD_FOR_CHILD: "adult>child",
    Kind.SHARED_ADULT_CHILD: "shared",
    Kind.CONSENT_AS_ABILITY: "ability",
    Kind.PROMISE: "promise",
    Kind.AVOID_TERM: "avoid",
    Kind.ONE_GENDER: "gender",
    Kind.ENGLISH_LEFT: "english",
    Kind.BUTTON_NAME: "button",
    Kind.PLACEHOLDER: "placeh.",
    Kind.MARKUP: "markup",
    Kind.STRAY_COMMENT: "comment",
}


@dataclass(frozen=True)
class Finding:
    language: str
    file: str
    line: int
    kind: Kind
    context: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: [{self.kind}] {self.context}: {self.message}"


@dataclass
class LintReport:
    languages: list[str]
    findings: list[Finding] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        """language -> kind -> number of findings (every kind present, zeros included)."""
        out = {code: {kind.value: 0 for kind in Kind} for code in self.languages}
        for finding in self.findings:
            out[finding.language][finding.kind.value] += 1
        return out

    def hygiene(self) -> list[Finding]:
        return [f for f in self.findings if f.kind in HYGIENE]


# -- English left in a translation ----------------------------------------------------------

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PLACEHOLDER_TEXT = re.compile(r"\{[^{}]*\}")
_URL = re.compile(r"\S+://\S+|\S+@\S+\.\S+")
_LATIN_LANGUAGES = frozenset({"id", "ms", "vi", "fil"})


def _latin_words(text: str, keep: frozenset[str]) -> list[str]:
    text = _URL.sub(" ", _PLACEHOLDER_TEXT.sub(" ", text))
    kept = {k.lower() for k in keep}
    for phrase in sorted((k for k in kept if " " in k), key=len, reverse=True):
        text = re.sub(re.escape(phrase), " ", text, flags=re.I)
    return [w for w in _LATIN_WORD.findall(text) if w.lower().strip("'’-") not in kept]


def english_left(code: str, source: str, translation: str, keep: frozenset[str]) -> list[str]:
    """English words or phrases of `source` still in `translation` (empty when none)."""
    source_words = [w.lower() for w in _latin_words(source, keep)]
    words = _latin_words(translation, keep)
    if not source_words or not words:
        return []
    if code not in _LATIN_LANGUAGES:
        # Another script: any English word of three letters or more that came from the source.
        known = set(source_words)
        return list(dict.fromkeys(w for w in words if len(w) >= 3 and w.lower() in known))
    lowered = [w.lower() for w in words]
    if lowered == source_words and any(len(w) >= 3 for w in lowered):
        return [" ".join(words)]  # not translated at all
    # Two or more words in a row, in the same order as in the English, one of them 4+ letters.
    pairs = set(zip(source_words, source_words[1:], strict=False))
    runs: list[str] = []
    run: list[str] = []
    for i in range(len(lowered) - 1):
        if (lowered[i], lowered[i + 1]) in pairs:
            run = run or [words[i]]
            run.append(words[i + 1])
            continue
        if run:
            runs.append(" ".join(run))
        run = []
    if run:
        runs.append(" ".join(run))
    return [r for r in dict.fromkeys(runs) if any(len(w) >= 4 for w in r.split())]


# -- markup ---------------------------------------------------------------------------------

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_MNEMONIC = re.compile(r"(?<!&)&(?=[^&\s])")


def markup_problem(source: str, translation: str) -> str | None:
    """Tags, mnemonics (`&Save`) and line breaks must survive translation."""
    problems = []
    if sorted(_TAG.findall(source)) != sorted(_TAG.findall(translation)):
        problems.append("tags differ from the source")
    if len(_MNEMONIC.findall(source)) != len(_MNEMONIC.findall(translation)):
        problems.append("the keyboard shortcut marker '&' differs from the source")
    if source.count("\n") != translation.count("\n"):
        problems.append("line breaks differ from the source")
    return "; ".join(problems) or None


# -- register ---------------------------------------------------------------------------------


def _quote(words: Iterable[str]) -> str:
    return ", ".join(f"'{w}'" for w in words)


def pair_context(context: str) -> str | None:
    """The adult entry of a child entry: `...:child_text` -> `...:text` (else None)."""
    head, _, name = context.rpartition(":")
    base, register = split_field(name)
    if register is not Register.CHILD or not head:
        return None
    return f"{head}:{base}"


@dataclass(frozen=True)
class _Entry:
    context: str
    source: str
    text: str
    line: int
    comments: tuple[str, ...]


def _entries(catalog: Any) -> list[_Entry]:
    out = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        text = message.string if isinstance(message.string, str) else ""
        out.append(
            _Entry(
                message.context or "",
                message.id,
                text,
                message.lineno or 0,
                tuple(message.user_comments),
            )
        )
    return out


# -- a button named in a sentence ------------------------------------------------------------

_QUOTED = re.compile(r'["“]([^"”]+)["”]')
_SHORTCUT = re.compile(r"&(?!&)")  # Qt's keyboard-shortcut marker, not shown as such


def _button_words(entries: list[_Entry]) -> dict[str, str]:
    """English UI word -> its translation as shown (without the shortcut marker)."""
    return {
        _SHORTCUT.sub("", e.source): _SHORTCUT.sub("", e.text)
        for e in entries
        if e.context == UI_CONTEXT and e.text
    }


def _buttons_named(entry: _Entry, buttons: dict[str, str]) -> list[tuple[str, str]]:
    """(English label, translated label) of each button the English quotes ('choose "I'd
    rather not say"') whose translation the sentence does not contain: the person would look
    for a button that is not there."""
    if entry.context == UI_CONTEXT or not entry.text:
        return []
    return [
        (label, buttons[label])
        for label in _QUOTED.findall(entry.source)
        if label in buttons and buttons[label] not in entry.text
    ]


def registers_of(
    context: str, source: str, strings: dict[tuple[str, str], SourceString]
) -> frozenset[Register]:
    """Who reads an entry: from the extractor, or (for an entry no source has any more) from
    its key."""
    found = strings.get((context, source))
    if found is not None:
        return found.registers
    if context == UI_CONTEXT or context.startswith("documents."):
        staff = context.startswith("documents.referral.")
        return frozenset({Register.STAFF if staff else Register.NEUTRAL})
    _base, register = split_field(context.rpartition(":")[2])
    return frozenset({register or Register.ADULT})


def lint_catalog(
    code: str,
    path: Path,
    strings: dict[tuple[str, str], SourceString],
    rules: LintRules,
) -> list[Finding]:
    """Every finding in one language's catalog."""
    lang = rules.language(code)
    catalog = read_catalog(path, language(code).locale_id)
    entries = _entries(catalog)
    by_context = {entry.context: entry for entry in entries if entry.context != UI_CONTEXT}
    keep = rules.keep_in_english | lang.keep_in_english
    findings: list[Finding] = []

    def add(entry: _Entry, kind: Kind, message: str) -> None:
        findings.append(Finding(code, str(path), entry.line, kind, entry.context, message))

    buttons = _button_words(entries)
    for entry in entries:
        for comment in entry.comments:
            if comment.lstrip().startswith("|"):
                add(entry, Kind.STRAY_COMMENT, f"leftover comment line {comment.strip()!r}")
        if not entry.text:
            continue  # untranslated: `kiosk i18n status` counts these
        if problem := mismatch(entry.source, entry.text):
            add(entry, Kind.PLACEHOLDER, problem)
        if problem := markup_problem(entry.source, entry.text):
            add(entry, Kind.MARKUP, problem)
        if left := english_left(code, entry.source, entry.text, keep):
            add(entry, Kind.ENGLISH_LEFT, f"English left in the translation: {_quote(left)}")
        for label, shown in _buttons_named(entry, buttons):
            add(entry, Kind.BUTTON_NAME, f'names the button "{label}", which reads {shown!r}')
        source = strings.get((entry.context, entry.source))
        registers = registers_of(entry.context, entry.source, strings)
        _check_wording(entry, registers, lang, source, add)
        _check_pair(entry, registers, lang, by_context, strings, add)
    return findings


def _check_wording(
    entry: _Entry,
    registers: frozenset[Register],
    lang: LanguageRules,
    source: SourceString | None,
    add: Any,
) -> None:
    if not registers:
        return  # no screen shows this wording
    text = lang.masked(entry.text)
    child_words = lang.child.find(text)
    if child_words and registers & {Register.ADULT, Register.STAFF}:
        add(
            entry,
            Kind.CHILD_WORD_FOR_ADULT,
            f"a child's form of address for an adult: {_quote(child_words)}",
        )
    elif child_words and Register.NEUTRAL in registers:
        add(
            entry,
            Kind.CHILD_WORD_FOR_ANYONE,
            "a child's form of address where the age is not "
            f"known (or anyone reads it): {_quote(child_words)}",
        )
    if Register.CHILD in registers and (adult_words := lang.adult.find(text)):
        add(
            entry,
            Kind.ADULT_WORD_FOR_CHILD,
            f"an adult's form of address for a child: {_quote(adult_words)}",
        )
    asks_permission = bool(lang.permission.find(text))
    if (
        source is not None
        and source.consent
        and not asks_permission
        and (ability := lang.ability.find(text))
    ):
        add(
            entry,
            Kind.CONSENT_AS_ABILITY,
            f"asks whether the person can, not whether they agree: {_quote(ability)}",
        )
    promises_nothing = not re.search(r"\bwill\b", entry.source, re.I)
    person = registers - {Register.STAFF}
    if person and promises_nothing and (will := lang.promise.find(text)):
        add(entry, Kind.PROMISE, f"promises where the English does not: {_quote(will)}")
    if person and entry.context != UI_CONTEXT and (gendered := lang.one_gender(text)):
        add(
            entry,
            Kind.ONE_GENDER,
            f"addresses one gender only: {_quote(gendered)}; the person's gender is not "
            "known: neutral wording, or both forms (e.g. تريد/ين, متأكد/ة)",
        )
    for avoid in lang.avoid:
        if found := avoid.markers.find(text):
            say = f"; say instead: {avoid.say}" if avoid.say else ""
            why = f" ({avoid.why})" if avoid.why else ""
            # The words as written (a `re:` term would otherwise show as its pattern).
            add(entry, Kind.AVOID_TERM, f"avoid {_quote(found)}{why}{say}")


def _check_pair(
    entry: _Entry,
    registers: frozenset[Register],
    lang: LanguageRules,
    by_context: dict[str, _Entry],
    strings: dict[tuple[str, str], SourceString],
    add: Any,
) -> None:
    if Register.CHILD not in registers:
        return
    adult_context = pair_context(entry.context)
    adult = by_context.get(adult_context) if adult_context else None
    if adult is None or normalise(adult.text.strip()) != normalise(entry.text.strip()):
        return
    if Register.ADULT not in registers_of(adult.context, adult.source, strings):
        return  # no adult reads the other wording (a child-only node): one wording is right
    text = lang.masked(entry.text)
    words = lang.child.find(text) + lang.adult.find(text)
    if words:
        add(
            entry,
            Kind.SHARED_ADULT_CHILD,
            f"the same translation as the adult entry, with "
            f"{_quote(words)}: an adult or a child is addressed in the wrong register",
        )


def lint(
    codes: Iterable[str] = TRANSLATED,
    *,
    root: Path | None = None,
    folder: Path | None = None,
    rules: LintRules | None = None,
) -> LintReport:
    """Lint the catalogs of `codes` (default: every shipped language)."""
    root = root or paths.resource_root()
    folder = folder or root / "translations"
    if rules is None:
        own = folder / RULES_NAME  # a catalog folder without its own rules uses Lantern's
        rules = load_rules(own if own.is_file() else None)
    strings = {(s.context, s.msgid): s for s in collect(root)}
    report = LintReport(list(codes))
    for code in report.languages:
        path = folder / f"{code}.po"
        if path.is_file():
            report.findings.extend(lint_catalog(code, path, strings, rules))
    return report


def summary_table(report: LintReport) -> str:
    from kiosk.core.textwidth import format_table

    counts = report.counts()
    header = ("lang", *COLUMNS.values(), "total")
    rows = [header]
    for code in report.languages:
        values = [counts[code][kind.value] for kind in COLUMNS]
        rows.append((code, *(str(v) for v in values), str(sum(values))))
    return format_table(rows, right_aligned_from=1)


# -- baseline ---------------------------------------------------------------------------------


def read_baseline(path: Path) -> dict[str, dict[str, int]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise KioskError(f"{path}: cannot read the lint baseline ({error})") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise KioskError(f"{path}: the lint baseline must map languages to counts per kind")
    return data


def write_baseline(report: LintReport, path: Path) -> None:
    counts = report.counts()
    kept = {code: {k: n for k, n in kinds.items() if n} for code, kinds in counts.items()}
    path.write_text(json.dumps(kept, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def above_baseline(report: LintReport, baseline: dict[str, dict[str, int]]) -> list[str]:
    """One line per (language, kind) with more findings than the baseline allows."""
    out = []
    for code, kinds in report.counts().items():
        for kind, count in kinds.items():
            allowed = int(baseline.get(code, {}).get(kind, 0))
            if count > allowed:
                out.append(f"{code}: {count} {kind} finding(s), baseline allows {allowed}")
    return out
