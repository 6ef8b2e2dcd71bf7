"""The condition language of flows: tokenise, parse into a tree, type-check, evaluate.

Grammar (lowest precedence first)::

    expr    := and ('or' and)*
    and     := not ('and' not)*
    not     := 'not' not | compare
    compare := operand [ ('=='|'!='|'<'|'<='|'>'|'>=') operand
                       | ['not'] 'in' operand
                       | 'is' ['not'] STATE ]
    operand := NAME | STRING | NUMBER | 'true' | 'false' | '[' [operand (',' operand)*] ']'
             | '(' expr ')'

Nothing is ever handed to `eval`. A comparison involving a question that has no answer is
false, so a declined question never counts as "no".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.core.vocabulary import AnswerState

ANSWER_STATES = tuple(AnswerState)
STATE_WORDS = (*ANSWER_STATES, "unknown")  # `unknown`: anything but answered
# `sensitive` (the question coming on screen is marked sensitive) only means something in a
# flow policy's `break_before`; the validator allows it nowhere else.
BUILTIN_NAMES = ("child", "path", "language", "organisation", "sensitive")
MAX_LENGTH = 2000
MAX_DEPTH = 50


class ConditionError(Exception):
    """A condition that does not parse or does not fit the flow. `column` is 1-based."""

    def __init__(self, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


# ---------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<number>-?\d+(?:\.\d+)?)
      | (?P<string>'[^'\n]*'|"[^"\n]*")
      | (?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in", "is", "true", "false"}


@dataclass(frozen=True)
class Token:
    kind: str  # number | string | op | name | keyword | end
    text: str
    column: int


def tokenize(source: str) -> list[Token]:
    if len(source) > MAX_LENGTH:
        raise ConditionError(f"condition is too long (limit {MAX_LENGTH} characters)")
    tokens: list[Token] = []
    position = 0
    while position < len(source):
        if source[position:].strip() == "":
            break
        match = _TOKEN.match(source, position)
        if not match or match.end() == position:
            column = position + 1 + (len(source[position:]) - len(source[position:].lstrip()))
            raise ConditionError("unexpected character", column)
        kind = match.lastgroup or "op"
        text = match.group(kind)
        column = match.start(kind) + 1
        if kind == "name" and text in _KEYWORDS:
            kind = "keyword"
        tokens.append(Token(kind, text, column))
        position = match.end()
    tokens.append(Token("end", "", len(source) + 1))
    return tokens


# ---------------------------------------------------------------- tree


@dataclass(frozen=True)
class Literal:
    value: Any  # str | int | float | bool | tuple


@dataclass(frozen=True)
class Name:
    name: str
    column: int


@dataclass(frozen=True)
class ListExpr:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Not:
    operand: Expr


@dataclass(frozen=True)
class BoolOp:
    op: str  # and | or
    operands: tuple[Expr, ...]


@dataclass(frozen=True)
class Compare:
    op: str  # == != < <= > >= in notin
    left: Expr
    right: Expr
    column: int


@dataclass(frozen=True)
class StateTest:
    name: Name
    state: str
    negated: bool


Expr = Literal | Name | ListExpr | Not | BoolOp | Compare | StateTest


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept(self, text: str) -> bool:
        if self.current.kind in ("op", "keyword") and self.current.text == text:
            self.index += 1
            return True
        return False

    def expect(self, text: str) -> None:
        if not self.accept(text):
            self.fail(f"expected '{text}'")

    def fail(self, message: str) -> None:
        token = self.current
        found = "the end" if token.kind == "end" else f"'{token.text}'"
        raise ConditionError(f"{message}, found {found}", token.column)

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError("condition is nested too deeply", self.current.column)

    def parse(self) -> Expr:
        if self.current.kind == "end":
            raise ConditionError("condition is empty", 1)
        expr = self.parse_or()
        if self.current.kind != "end":
            self.fail("expected the end of the condition")
        return expr

    def parse_or(self) -> Expr:
        operands = [self.parse_and()]
        while self.accept("or"):
            operands.append(self.parse_and())
        return operands[0] if len(operands) == 1 else BoolOp("or", tuple(operands))

    def parse_and(self) -> Expr:
        operands = [self.parse_not()]
        while self.accept("and"):
            operands.append(self.parse_not())
        return operands[0] if len(operands) == 1 else BoolOp("and", tuple(operands))

    def parse_not(self) -> Expr:
        if self.accept("not"):
            self.nested()
            operand = self.parse_not()
            self.depth -= 1
            return Not(operand)
        return self.parse_compare()

    def parse_compare(self) -> Expr:
        left = self.parse_operand()
        token = self.current
        if token.kind == "op" and token.text in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            return Compare(token.text, left, self.parse_operand(), token.column)
        if self.accept("in"):
            return Compare("in", left, self.parse_operand(), token.column)
        if token.kind == "keyword" and token.text == "not":
            self.take()
            self.expect("in")
            return Compare("notin", left, self.parse_operand(), token.column)
        if self.accept("is"):
            negated = self.accept("not")
            state_token = self.current
            if state_token.kind != "name" or state_token.text not in STATE_WORDS:
                self.fail("expected an answer state (" + ", ".join(STATE_WORDS) + ")")
            self.take()
            if not isinstance(left, Name):
                raise ConditionError("'is' needs a question name on its left", token.column)
            return StateTest(left, state_token.text, negated)
        return left

    def parse_operand(self) -> Expr:
        token = self.current
        if token.kind == "number":
            self.take()
            return Literal(float(token.text) if "." in token.text else int(token.text))
        if token.kind == "string":
            self.take()
            return Literal(token.text[1:-1])
        if token.kind == "keyword" and token.text in ("true", "false"):
            self.take()
            return Literal(token.text == "true")
        if token.kind == "name":
            self.take()
            return Name(token.text, token.column)
        if self.accept("("):
            self.nested()
            inner = self.parse_or()
            self.depth -= 1
            self.expect(")")
            return inner
        if self.accept("["):
            self.nested()  # `[[[[…` would otherwise recurse once per bracket
            items: list[Expr] = []
            if not self.accept("]"):
                while True:
                    item = self.parse_operand()
                    if not isinstance(item, Literal):
                        raise ConditionError("list items must be literal values", token.column)
                    items.append(item)
                    if self.accept("]"):
                        break
                    self.expect(",")
            self.depth -= 1
            return ListExpr(tuple(items))
        self.fail("expected a value or a question name")
        raise AssertionError("unreachable")


def parse(source: str) -> Expr:
    """Parse a condition; raise `ConditionError` with a column on failure."""
    if not isinstance(source, str):
        raise ConditionError("a condition must be text")
    return _Parser(source).parse()


def names_in(expr: Expr) -> list[Name]:
    """Every name the condition refers to, in order."""
    match expr:
        case Name():
            return [expr]
        case Not(operand):
            return names_in(operand)
        case BoolOp(_, operands):
            return [name for operand in operands for name in names_in(operand)]
        case Compare(_, left, right, _):
            return names_in(left) + names_in(right)
        case StateTest(name, _, _):
            return [name]
        case _:
            return []


# ---------------------------------------------------------------- evaluation


class AnswerLookup(Protocol):
    """What evaluation needs from the interview: answer values, states and built-ins."""

    def answer_state(self, name: str) -> str: ...

    def answer_value(self, name: str) -> Any: ...

    def builtin(self, name: str) -> Any: ...


_MISSING = object()


def evaluate(expr: Expr, lookup: AnswerLookup) -> bool:
    """True when the condition holds. A bare yes/no question name means "answered yes"."""
    value = _value(expr, lookup)
    if value is _MISSING:
        return False
    if isinstance(value, str) and value in ("yes", "no"):
        return value == "yes"
    return bool(value)


def _value(expr: Expr, lookup: AnswerLookup) -> Any:
    match expr:
        case Literal(value):
            return value
        case ListExpr(items):
            return tuple(_value(item, lookup) for item in items)
        case Name(name, _):
            if name in BUILTIN_NAMES:
                return lookup.builtin(name)
            if lookup.answer_state(name) != "answered":
                return _MISSING
            return lookup.answer_value(name)
        case Not(operand):
            return not evaluate(operand, lookup)
        case BoolOp("and", operands):
            return all(evaluate(operand, lookup) for operand in operands)
        case BoolOp(_, operands):
            return any(evaluate(operand, lookup) for operand in operands)
        case Compare() | StateTest():
            return _test(expr, lookup)
    raise AssertionError(f"unknown node {expr!r}")


_ORDERING: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _test(expr: Compare | StateTest, lookup: AnswerLookup) -> bool:
    if isinstance(expr, StateTest):
        state = lookup.answer_state(expr.name.name)
        holds = state != "answered" if expr.state == "unknown" else state == expr.state
        return holds != expr.negated
    left = _value(expr.left, lookup)
    right = _value(expr.right, lookup)
    if left is _MISSING or right is _MISSING:
        return False  # no answer: no comparison holds, in either direction
    try:
        if expr.op == "==":
            return bool(left == right)
        if expr.op == "!=":
            return bool(left != right)
        if expr.op in ("in", "notin"):
            container = right if isinstance(right, tuple | list | str) else ()
            return (left in container) != (expr.op == "notin")
        if isinstance(left, bool) or isinstance(right, bool):
            return False
        return _ORDERING[expr.op](left, right)
    except TypeError:
        return False


# ---------------------------------------------------------------- type checking


@dataclass(frozen=True)
class NameInfo:
    """What the validator knows about a name: its value kind and, for choices, the values."""

    kind: str  # yes_no | choice | multi | number | date | text | bool | language | path
    values: tuple[str, ...] = ()


def check_types(expr: Expr, info: Mapping[str, NameInfo]) -> list[ConditionError]:
    """Problems with values that can never match the question they are compared with."""
    problems: list[ConditionError] = []
    _check(expr, info, problems)
    return problems


def _kind_of(expr: Expr, info: Mapping[str, NameInfo]) -> NameInfo | None:
    if isinstance(expr, Name):
        return info.get(expr.name)
    return None


def _check(expr: Expr, info: Mapping[str, NameInfo], problems: list[ConditionError]) -> None:
    match expr:
        case Not(operand):
            _check(operand, info, problems)
        case BoolOp(_, operands):
            for operand in operands:
                _check(operand, info, problems)
        case Name(name, column):
            meta = info.get(name)
            if meta and meta.kind not in ("bool", "yes_no"):
                problems.append(
                    ConditionError(f"'{name}' is not true/false; compare it with a value", column)
                )
        case Compare(op, left, right, column):
            _check_compare(op, left, right, column, info, problems)


def _literals(expr: Expr) -> list[Any]:
    if isinstance(expr, Literal):
        return [expr.value]
    if isinstance(expr, ListExpr):
        return [item.value for item in expr.items if isinstance(item, Literal)]
    return []


def _check_compare(
    op: str,
    left: Expr,
    right: Expr,
    column: int,
    info: Mapping[str, NameInfo],
    problems: list[ConditionError],
) -> None:
    left_meta, right_meta = _kind_of(left, info), _kind_of(right, info)
    if op in ("in", "notin"):
        if right_meta is not None and right_meta.kind == "multi":
            subject, values = right_meta, _literals(left)
        elif left_meta is not None:
            if not isinstance(right, ListExpr):
                problems.append(ConditionError("'in' needs a list like ['a', 'b']", column))
                return
            subject, values = left_meta, _literals(right)
        else:
            return
    else:
        if left_meta is None and right_meta is None:
            return
        found = left_meta or right_meta
        assert found is not None
        subject = found
        values = _literals(right if left_meta else left)
        if subject.kind == "multi":
            problems.append(
                ConditionError(
                    "a multiple-choice answer is a list: use 'value' in question", column
                )
            )
            return
    if op in ("<", "<=", ">", ">=") and subject.kind not in ("number", "date"):
        problems.append(ConditionError(f"'{op}' only compares numbers or dates", column))
        return
    for value in values:
        problem = _value_problem(subject, value)
        if problem:
            problems.append(ConditionError(problem, column))


def _value_problem(subject: NameInfo, value: Any) -> str | None:
    if subject.kind in ("yes_no", "choice", "multi", "path", "language"):
        if not isinstance(value, str):
            return f"expected a quoted value, not {value!r}"
        if subject.values and value not in subject.values:
            allowed = ", ".join(repr(v) for v in subject.values)
            return f"'{value}' is not one of the answers ({allowed})"
    elif subject.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"expected a number, not {value!r}"
    elif subject.kind == "bool":
        if not isinstance(value, bool):
            return f"expected true or false, not {value!r}"
    elif subject.kind == "date":
        if not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
            return f"expected a date like '2024-01-31', not {value!r}"
    elif subject.kind == "text":
        return "free-text answers can only be tested with 'is answered' and similar"
    return None
