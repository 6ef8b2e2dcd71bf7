"""XLSForm `relevant` expressions <-> Lantern conditions, for the common subset only.

Supported XPath: `${x} = 'v'`, `!=`, `<`, `<=`, `>`, `>=` against a quoted value, a number or
another `${y}`; `selected(${x}, 'v')`; `and`, `or`, `not(...)`, parentheses, `true()`, `false()`;
`${x} = ''` / `${x} != ''` (not answered / answered). Anything else is refused with a reason,
never guessed at.

The meaning is kept, not just the spelling. In ODK an unanswered question is the empty string,
so `${x} != 'v'` holds when `x` was never answered; in Lantern a comparison with an unanswered
question is false both ways. `${x} != 'v'` therefore becomes `not (x == 'v')`, which holds in
exactly the same cases. The other comparisons are false on an empty answer in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from kiosk.core.conditions import (
    BoolOp,
    Compare,
    Expr,
    ListExpr,
    Literal,
    Name,
    Not,
    StateTest,
)

SUPPORTED_SUBSET = "${x} = 'v', selected(), and, or, not(), comparisons"


class ValueKind(Enum):
    """What a question's answer is, as far as a condition is concerned."""

    YES_NO = "yes_no"
    CHOICE = "choice"
    MULTI = "multi"
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"


# Lantern question type -> what its answer is in a condition.
VALUE_KINDS = {
    "yes_no": ValueKind.YES_NO,
    "single_choice": ValueKind.CHOICE,
    "multiple_choice": ValueKind.MULTI,
    "number": ValueKind.NUMBER,
    "age": ValueKind.NUMBER,
    "date": ValueKind.DATE,
    "free_text": ValueKind.TEXT,
}


@dataclass(frozen=True)
class QuestionRef:
    """A question a `relevant` expression may name: its Lantern id, kind and choice values."""

    node_id: str
    kind: ValueKind
    # XLSForm choice name -> Lantern option value (they differ when a name had to be adapted)
    values: Mapping[str, str] = field(default_factory=dict)
    xls_name: str = ""  # as the form spells it, for messages


class RelevanceError(Exception):
    """An expression outside the supported subset, or one that does not fit its questions."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------- printing Lantern conditions


def lantern_source(expr: Expr) -> str:
    """A condition tree written in Lantern's condition language (one canonical spelling)."""
    match expr:
        case Name(name, _):
            return name
        case Literal(value):
            return _literal(value)
        case ListExpr(items):
            return "[" + ", ".join(lantern_source(item) for item in items) + "]"
        case Not(operand):
            inner = lantern_source(operand)
            return f"not {inner}" if isinstance(operand, Name | Literal) else f"not ({inner})"
        case BoolOp(op, operands):
            parts = []
            for operand in operands:
                text = lantern_source(operand)
                # `or` binds looser than `and`: an `or` inside an `and` needs parentheses.
                nested = isinstance(operand, BoolOp) and (op == "and" or operand.op == "or")
                parts.append(f"({text})" if nested else text)
            return f" {op} ".join(parts)
        case Compare(op, left, right, _):
            word = "not in" if op == "notin" else op
            return f"{_operand(left)} {word} {_operand(right)}"
        case StateTest(name, state, negated):
            return f"{name.name} is {'not ' if negated else ''}{state}"
    raise AssertionError(f"unknown condition node {expr!r}")


def _operand(expr: Expr) -> str:
    text = lantern_source(expr)
    return text if isinstance(expr, Name | Literal | ListExpr) else f"({text})"


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"' if "'" in value else f"'{value}'"
    if isinstance(value, tuple):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    return repr(value)


# ---------------------------------------------------------------- reading XPath

_XPATH_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{[^}]*\})
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<number>-?(?:\d+(?:\.\d+)?|\.\d+))
      | (?P<op>!=|<=|>=|=|<|>|\(|\)|,)
      | (?P<word>[A-Za-z_][A-Za-z0-9_:.-]*)
      | (?P<other>[^\s()=!<>,]+|\S)
    )""",
    re.VERBOSE,
)
_ORDER_FLIP = {"=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_COMPARISONS = set(_ORDER_FLIP)


@dataclass(frozen=True)
class _Tok:
    kind: str  # ref | string | number | op | word | other | end
    text: str


def _tokens(source: str) -> list[_Tok]:
    found: list[_Tok] = []
    position = 0
    while source[position:].strip():
        match = _XPATH_TOKEN.match(source, position)
        if match is None or match.lastgroup is None:
            raise RelevanceError(f"cannot read {source[position:].strip()[:30]!r}")
        found.append(_Tok(match.lastgroup, match.group(match.lastgroup)))
        position = match.end()
    found.append(_Tok("end", ""))
    return found


@dataclass(frozen=True)
class _Value:
    """An operand before it is placed in a comparison: a question or a literal."""

    question: QuestionRef | None = None
    literal: str | float | int | None = None
    is_string: bool = False


class _XPathReader:
    def __init__(self, source: str, questions: Mapping[str, QuestionRef]) -> None:
        self.source = source
        self.tokens = _tokens(source)
        self.index = 0
        self.questions = questions
        self.depth = 0

    @property
    def current(self) -> _Tok:
        return self.tokens[self.index]

    def take(self) -> _Tok:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept(self, kind: str, text: str | None = None) -> bool:
        token = self.current
        if token.kind == kind and (text is None or token.text == text):
            self.index += 1
            return True
        return False

    def expect(self, text: str) -> None:
        if not self.accept("op", text):
            self.unsupported()

    def unsupported(self) -> None:
        token = self.current
        if token.kind == "end":
            raise RelevanceError("the expression ends too early")
        if token.kind == "word" and self.tokens[self.index + 1].text == "(":
            raise RelevanceError(
                f"the function {token.text}() is not supported (supported: {SUPPORTED_SUBSET})"
            )
        raise RelevanceError(f"{token.text!r} is outside the supported subset ({SUPPORTED_SUBSET})")

    def read(self) -> Expr:
        expr = self.read_or()
        if self.current.kind != "end":
            self.unsupported()
        return expr

    def read_or(self) -> Expr:
        operands = [self.read_and()]
        while self.accept("word", "or"):
            operands.append(self.read_and())
        return operands[0] if len(operands) == 1 else BoolOp("or", tuple(operands))

    def read_and(self) -> Expr:
        operands = [self.read_comparison()]
        while self.accept("word", "and"):
            operands.append(self.read_comparison())
        return operands[0] if len(operands) == 1 else BoolOp("and", tuple(operands))

    def read_comparison(self) -> Expr:
        left = self.read_term()
        token = self.current
        if token.kind == "op" and token.text in _COMPARISONS:
            self.take()
            right = self.read_term()
            if self.current.kind == "op" and self.current.text in _COMPARISONS:
                raise RelevanceError("chained comparisons (a = b = c) are not supported")
            return _comparison(token.text, left, right)
        return _truth(left)

    def read_term(self) -> Expr | _Value:
        token = self.current
        if token.kind == "word" and self.tokens[self.index + 1].text == "(":
            return self.read_call(token.text)
        if self.accept("op", "("):
            self.depth += 1
            if self.depth > 50:
                raise RelevanceError("the expression is nested too deeply")
            inner = self.read_or()
            self.depth -= 1
            self.expect(")")
            return inner
        if token.kind == "ref":
            self.take()
            return _Value(question=self.question(token.text))
        if token.kind == "string":
            self.take()
            return _Value(literal=token.text[1:-1], is_string=True)
        if token.kind == "number":
            self.take()
            number = float(token.text)
            return _Value(literal=int(number) if number.is_integer() else number)
        self.unsupported()
        raise AssertionError("unreachable")

    def read_call(self, name: str) -> Expr:
        if name == "not":
            self.take()
            self.expect("(")
            inner = self.read_or()
            self.expect(")")
            return Not(inner)
        if name in ("true", "false"):
            self.take()
            self.expect("(")
            self.expect(")")
            return Literal(name == "true")
        if name == "selected":
            self.take()
            self.expect("(")
            if self.current.kind != "ref":
                raise RelevanceError("selected() needs a question like ${name} first")
            question = self.question(self.take().text)
            self.expect(",")
            if self.current.kind != "string":
                raise RelevanceError("selected() needs a quoted choice name second")
            value = self.take().text[1:-1]
            self.expect(")")
            return _selected(question, value)
        self.unsupported()
        raise AssertionError("unreachable")

    def question(self, ref: str) -> QuestionRef:
        name = ref[2:-1].strip()
        if name not in self.questions:
            raise RelevanceError(
                f"${{{name}}} is not a question Lantern imports from this form "
                "(see its own row), so nothing can depend on it"
            )
        return self.questions[name]


def _truth(term: Expr | _Value) -> Expr:
    """A lone operand used as a condition."""
    if not isinstance(term, _Value):
        return term
    if term.question is not None:
        # XPath: a non-empty answer is true. (A bare yes/no name in Lantern means "yes".)
        return StateTest(_name(term.question), "answered", False)
    raise RelevanceError(f"the value {term.literal!r} on its own is not a condition")


def _name(question: QuestionRef) -> Name:
    return Name(question.node_id, 0)


def _selected(question: QuestionRef, value: str) -> Expr:
    if question.kind == ValueKind.MULTI:
        return Compare("in", Literal(_choice(question, value)), _name(question), 0)
    if question.kind in (ValueKind.CHOICE, ValueKind.YES_NO):
        return Compare("==", _name(question), Literal(_choice(question, value)), 0)
    raise RelevanceError(f"selected() needs a select question; {_ref(question)} is not one")


def _ref(question: QuestionRef) -> str:
    return f"${{{question.xls_name or question.node_id}}}"


def _choice(question: QuestionRef, value: str) -> str:
    return question.values.get(value, value)


def _comparison(op: str, left: Expr | _Value, right: Expr | _Value) -> Expr:
    if not isinstance(left, _Value) or not isinstance(right, _Value):
        raise RelevanceError("only answers and values can be compared, not conditions")
    if left.question is None and right.question is not None:
        op, left, right = _ORDER_FLIP[op], right, left
    if left.question is None:
        raise RelevanceError("a comparison needs at least one question like ${name}")
    question = left.question
    if right.question is not None:
        return _negated(op, Compare(_lantern_op(op), _name(question), _name(right.question), 0))
    if right.is_string and right.literal == "":
        if op not in ("=", "!="):
            raise RelevanceError("an empty value can only be tested with = or !=")
        return StateTest(_name(question), "unknown" if op == "=" else "answered", False)
    literal = _literal_for(question, op, right)
    return _negated(op, Compare(_lantern_op(op), _name(question), Literal(literal), 0))


def _lantern_op(op: str) -> str:
    return "==" if op in ("=", "!=") else op


def _negated(op: str, compare: Compare) -> Expr:
    # ODK: '' != 'v' is true for an unanswered question; Lantern's != would be false there.
    return Not(compare) if op == "!=" else compare


def _literal_for(question: QuestionRef, op: str, value: _Value) -> str | int | float:
    kind = question.kind
    ref = _ref(question)
    if kind == ValueKind.MULTI:
        raise RelevanceError(f"{ref} has several answers: test it with selected({ref}, 'value')")
    if kind == ValueKind.TEXT:
        raise RelevanceError(
            f"{ref} is free text: Lantern only tests whether it was answered ({ref} != '')"
        )
    if kind == ValueKind.NUMBER:
        if isinstance(value.literal, str):
            try:
                number = float(value.literal)
            except ValueError:
                raise RelevanceError(f"{ref} is a number, not {value.literal!r}") from None
            return int(number) if number.is_integer() else number
        assert value.literal is not None
        return value.literal
    if op not in ("=", "!=") and kind != ValueKind.DATE:
        raise RelevanceError(f"'{op}' compares numbers or dates; {ref} is a choice")
    if not value.is_string:
        raise RelevanceError(f"{ref} is compared with {value.literal!r}: quote the value")
    assert isinstance(value.literal, str)
    return _choice(question, value.literal) if kind != ValueKind.DATE else value.literal


def from_xpath(source: str, questions: Mapping[str, QuestionRef]) -> Expr:
    """The Lantern condition for an XLSForm `relevant` (`questions` by XLSForm name)."""
    if len(source) > 2000:
        raise RelevanceError("the expression is too long")
    return _XPathReader(source, questions).read()


# ---------------------------------------------------------------- writing XPath


def to_xpath(expr: Expr, kinds: Mapping[str, ValueKind]) -> str | None:
    """The XLSForm `relevant` for a Lantern condition, or None when XPath cannot say it.

    Callers keep a result only if `from_xpath` reads it back to the same condition; this only
    writes the forms that reading understands.
    """
    match expr:
        case Literal(bool(value)):
            return "true()" if value else "false()"
        case Not(operand):
            inner = to_xpath(operand, kinds)
            return None if inner is None else f"not({inner})"
        case BoolOp(op, operands):
            parts = []
            for operand in operands:
                text = to_xpath(operand, kinds)
                if text is None:
                    return None
                nested = isinstance(operand, BoolOp) and (op == "and" or operand.op == "or")
                parts.append(f"({text})" if nested else text)
            return f" {op} ".join(parts)
        case StateTest(Name(name, _), state, False) if name in kinds:
            if state == "answered":
                return f"${{{name}}} != ''"
            if state == "unknown":
                return f"${{{name}}} = ''"
            return None
        case Compare("in", Literal(str(value)), Name(name, _), _):
            if kinds.get(name) != ValueKind.MULTI:
                return None
            quoted = _xpath_string(value)
            return None if quoted is None else f"selected(${{{name}}}, {quoted})"
        case Compare(op, Name(name, _), right, _) if op in ("==", "<", "<=", ">", ">="):
            if name not in kinds:
                return None
            xpath_op = "=" if op == "==" else op
            if isinstance(right, Name):
                return (
                    None if right.name not in kinds else f"${{{name}}} {xpath_op} ${{{right.name}}}"
                )
            if isinstance(right, Literal) and not isinstance(right.value, bool | tuple):
                value = right.value
                text = _xpath_string(value) if isinstance(value, str) else repr(value)
                return None if text is None else f"${{{name}}} {xpath_op} {text}"
    return None


def _xpath_string(value: str) -> str | None:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    return None
