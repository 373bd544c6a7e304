"""The sandbox user-editable templates render in: no code, no file access, no way to change
the data other documents are built from, and limits on time, output size, loops, numbers
and the strings or lists an expression may build.

A template breaking a limit raises :class:`LimitError`, a Jinja ``SecurityError``, which
the renderer reports as a template error.
"""
from __future__ import annotations

import functools
import re
import signal
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace
from ..i18n import _

MAX_SECONDS = 30                  # per document part
MAX_OUTPUT_CHARS = 64 * 1024 * 1024
MAX_LOOP_STEPS = 1_000_000        # loop iterations over one rendering, nested ones included
MAX_RANGE = 100_000               # items of one range()
MAX_INT_BITS = 64 * 1024          # about 20,000 decimal digits
MAX_SIZE = 4 * 1024 * 1024        # characters of a string, items of a list, built by an expression
MAX_ARGUMENT = 10_000_000         # any whole number passed to a filter or a method
_WIDE_FORMAT = re.compile(r"\d{7,}")


class LimitError(SecurityError):
    """A template went beyond one of the sandbox's limits."""


class _Budget:
    """What one rendering has used so far."""

    def __init__(self) -> None:
        self.steps = self.operations = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def tick(self) -> None:
        """One operation (attribute, call, operator): look at the clock now and then."""
        self.operations += 1
        if not self.operations % 4096:
            self.check_time()

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > MAX_LOOP_STEPS:
            raise LimitError(_("its loops ran more than {limit:,} times").format(
                limit=MAX_LOOP_STEPS))
        if not self.steps % 1024:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitError(_("it took longer than {limit} s to fill in").format(
                limit=MAX_SECONDS))


def _check_size(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, bytes)) and len(value) > MAX_SIZE:
        raise LimitError(_("it builds a text or list of more than {limit:,} items").format(
            limit=MAX_SIZE))
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise LimitError(_("it computes a number with more than 20,000 digits"))
    return value


def _check_arguments(args: tuple, kwargs: dict) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
            raise LimitError(_("it passes the number {value:.3g} to a filter or method, more than "
                               "{limit:,}").format(
                value=value, limit=MAX_ARGUMENT))
        _check_size(value)


def _bounded_filter(function):
    @functools.wraps(function)  # keeps Jinja's pass_context/pass_environment marks
    def bounded(*args, **kwargs):
        _check_arguments(args, kwargs)
        if function is _FORMAT_FILTER and args and isinstance(args[0], str) \
                and _WIDE_FORMAT.search(args[0]):
            raise LimitError(_("it formats with a width of millions of characters"))
        return _check_size(function(*args, **kwargs))
    return bounded


_FORMAT_FILTER = jinja2.filters.FILTERS["format"]


class BoundedNamespace(Namespace):
    """``namespace()`` whose attributes cannot grow past the size limit."""

    def __setitem__(self, name: str, value: Any) -> None:
        super().__setitem__(name, _check_size(value))


class _Generator(CodeGenerator):
    """Compiles ``a ~ b`` so that the joined text is checked against the size limit."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.bounded_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


class Environment(ImmutableSandboxedEnvironment):
    """Immutable sandbox (lists and dicts of the data cannot be changed) with limits."""

    code_generator_class = _Generator
    intercepted_binops = frozenset(["*", "**", "+", "%", "//"])

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.budget = _Budget()
        self.filters = {name: _bounded_filter(f) for name, f in self.filters.items()}
        self.globals.pop("lipsum", None)
        self.globals.update(range=self._range, namespace=BoundedNamespace,
                            _counted_loop=self._counted)

    def _parse(self, source, name, filename):
        """Parse, then make every ``for`` loop count its iterations against the budget."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.Name("_counted_loop", "load"), [loop.iter], [], None,
                                   None, lineno=loop.lineno)
        return tree

    def _range(self, *args: int) -> range:
        _check_arguments(args, {})
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise LimitError(_("it loops over range() of more than {limit:,} numbers").format(
                limit=MAX_RANGE))
        return numbers

    def _counted(self, iterable: Any) -> Iterator[Any]:
        for item in iterable:
            self.budget.step()
            yield item

    def bounded_concat(self, text: Any) -> Any:
        return _check_size(text)

    def call_binop(self, context, op: str, left: Any, right: Any) -> Any:
        self.budget.tick()
        if op == "**" and _is_int(left) and _is_int(right) and abs(left) > 1 and right > 0 \
                and right * abs(left).bit_length() > MAX_INT_BITS:
            raise LimitError(_("it computes a number with more than 20,000 digits"))
        if op == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and _is_int(count) \
                        and len(seq) * count > MAX_SIZE:
                    raise LimitError(_("it builds a text or list of more than {limit:,} "
                                       "items").format(
                        limit=MAX_SIZE))
            if _is_int(left) and _is_int(right) \
                    and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise LimitError(_("it computes a number with more than 20,000 digits"))
        if op == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise LimitError(_("it formats with a width of millions of characters"))
        try:
            return _check_size(self.binop_table[op](left, right))
        except OverflowError:
            raise LimitError(_("it computes a number too large to hold")) from None

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        __self.budget.tick()
        _check_arguments(args, kwargs)
        return _check_size(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.tick()
        if isinstance(obj, str) and attribute in ("format", "format_map") \
                and _WIDE_FORMAT.search(obj):
            raise LimitError(_("it formats with a width of millions of characters"))
        return super().getattr(obj, attribute)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def environment() -> Environment:
    return Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                       keep_trailing_newline=True)


def render(template: jinja2.Template, context: dict) -> str:
    """``template`` filled in with ``context`` within the limits."""
    env = template.environment
    if isinstance(env, Environment):
        env.budget = _Budget()
    chunks, size = [], 0
    with _alarm(MAX_SECONDS):
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise LimitError(_("it writes more than {size} MB of text").format(
                    size=MAX_OUTPUT_CHARS // 2**20))
            chunks.append(chunk)
            if isinstance(env, Environment):
                env.budget.tick()
    return "".join(chunks)


@contextmanager
def _alarm(seconds: int):
    """Interrupt a rendering that runs longer than ``seconds`` (a loop over loops of the data
    with no output calls nothing the budget could count). Main thread only; elsewhere the
    budget's own time checks stand alone."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise LimitError(_("it took longer than {seconds} s to fill in").format(seconds=seconds))

    previous = signal.signal(signal.SIGALRM, expired)
    started = time.monotonic()
    outer, _interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's alarm was running: give it back what remains of it
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))


__all__ = ["Environment", "LimitError", "environment", "render"]
