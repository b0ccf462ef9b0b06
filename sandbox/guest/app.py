"""The harness inside the sandbox: loads a candidate's source and runs the calls the host asks for.

It never sees expected answers; it only reports what the candidate's code did, encoded by exact type.
Every piece of candidate code runs between `begin_step()` and `end_step()` so that the host can read
the fuel at those two points; decoding arguments and encoding results happen outside that bracket.
Requests and outcomes cross the boundary in `marshal` format (version 2): inside the sandbox it is many
times cheaper than `json`, and it refuses any object whose type is not exactly a built-in one.
"""

import builtins
import gc
import json
import marshal
import sys
import tracemalloc

import wit_world
from componentize_py_types import Err

# Modules a candidate may reasonably import. Only modules imported while the component is built exist
# at run time, so importing them here is what makes them available.
import abc, array, bisect, collections, collections.abc, contextlib, copy, dataclasses, datetime  # noqa: E401,F401
import decimal, enum, fractions, functools, hashlib, heapq, itertools, math, numbers, operator  # noqa: E401,F401
import queue, random, re, statistics, string, struct, threading, time, types, typing  # noqa: E401,F401
import unicodedata, weakref  # noqa: E401,F401

# References taken now, before candidate code can rebind the names they come from.
_begin_step = wit_world.begin_step
_end_step = wit_world.end_step
_record_step = wit_world.record_step
_dumps = json.dumps
_marshal = marshal.dumps
_unmarshal = marshal.loads
_type = type
_isinstance = isinstance
_len = len
_str = str
_repr = repr
_int = int
_float = float
_list = list
_tuple = tuple
_dict = dict
_set = set
_frozenset = frozenset
_bool = bool
_getattr = getattr
_callable = callable
_BaseException = BaseException
_trace_start = tracemalloc.start
_trace_stop = tracemalloc.stop
_trace_read = tracemalloc.get_traced_memory
_trace_on = tracemalloc.is_tracing
_gc_enable = gc.enable
_gc_disable = gc.disable
_gc_isenabled = gc.isenabled

# The host bounds the fuel the harness spends between steps by the size of what it reports. Freeing the
# candidate's objects there would be unbounded work, so nothing of a run is ever freed: the request, the
# session and every result stay referenced here until the host drops the whole instance.
_KEEP = []

SOURCE_NAME = "solution.py"
# A dict costs three JSON levels and a tuple two; the host's JSON reader stops at 128.
MAX_DEPTH = 40
# Encoding costs about 10k fuel a node: this many stays well inside the harness's fuel between steps.
MAX_NODES = 300_000
MAX_INT_DIGITS = 10_000
I64 = 2**63
MAX_TEXT = 2_000
MAX_STR = 4_000_000


class OutputLimit(BaseException):
    """Raised into candidate code when it prints more than the output cap."""


# The harness's own modules. Hiding them keeps honest code from stumbling on them; a determined
# candidate can still reach the harness, which is why the host bounds the fuel spent outside steps.
HIDDEN = ("app", "wit_world", "componentize_py_runtime", "componentize_py_types", "componentize_py_async_support",
          "tracemalloc", "_tracemalloc")


def unavailable(name):
    return ModuleNotFoundError(f"module '{name}' is not available in the sandbox", name=name)


class Unavailable:
    """A meta-path finder that names the module a candidate tried to import and why it failed."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        raise unavailable(name)


class Hidden:
    """The first meta-path finder: the harness's modules are not importable by candidate code."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.partition(".")[0] in HIDDEN:
            raise unavailable(name)
        return None


class Output:
    """A bounded text sink standing in for stdout and stderr."""

    def __init__(self, cap):
        self.cap = cap
        self.parts = []
        self.size = 0
        self.overflowed = False

    def write(self, text):
        if not _isinstance(text, _str):
            raise TypeError(f"write() argument must be str, not {_type(text).__name__}")
        room = self.cap - self.size
        if _len(text) > room:
            self.parts.append(text[: max(room, 0)])
            self.size = self.cap
            self.overflowed = True
            raise OutputLimit(f"output exceeded {self.cap} characters")
        self.parts.append(text)
        self.size += _len(text)
        return _len(text)

    def flush(self):
        pass

    def take(self):
        text = "".join(self.parts)
        self.parts = []
        return text


class Encoder:
    """Encodes a returned value by its exact type, without running any of the candidate's methods."""

    def __init__(self):
        self.nodes = 0

    def encode(self, value, depth=0):
        self.nodes += 1
        if self.nodes > MAX_NODES:
            return {"$too_large": True}
        if depth > MAX_DEPTH:
            return {"$too_deep": True}
        kind = _type(value)
        if value is None or kind is _bool:
            return value
        if kind is _int:
            if -I64 < value < I64:
                return value
            if value.bit_length() > MAX_INT_DIGITS * 3:
                return {"$int_bits": value.bit_length()}
            return {"$int": _str(value)}
        if kind is _float:
            if value != value or value in (float("inf"), float("-inf")):
                return {"$float": _repr(value)}
            return value
        if kind is _str:
            if _len(value) > MAX_STR:
                return {"$too_large": True}
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return {"$str_unpaired": value.encode("utf-8", "backslashreplace").decode("ascii")}
            return value
        if kind is _list:
            if plain_ints(value) or plain_strs(value):
                self.nodes += _len(value)
                return value
            return [self.encode(v, depth + 1) for v in value]
        if kind is _tuple:
            return {"$tuple": [self.encode(v, depth + 1) for v in value]}
        if kind is _dict:
            return {"$dict": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in value.items()]}
        if kind is _set or kind is _frozenset:
            return {"$set": [self.encode(v, depth + 1) for v in value]}
        bases = [b.__name__ for b in kind.__mro__[1:] if b.__module__ == "builtins" and b is not object]
        return {"$object": kind.__qualname__, "module": kind.__module__, "bases": bases}


def plain_ints(items):
    """True for a list of exact ints within 64 bits, checked at C speed."""
    return _set(map(_type, items)) <= {_int} and (not items or (-I64 < min(items) and max(items) < I64))


def plain_strs(items):
    """True for a list of exact strs, each encodable as UTF-8."""
    if not _set(map(_type, items)) <= {_str}:
        return False
    try:
        "".join(items).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return sum(map(_len, items)) <= MAX_STR


SCALARS = frozenset({type(None), bool, int, float, str})
MARSHAL_VERSION = 2


def plain(value):
    """True for a scalar, or a list or tuple of scalars, of exact built-in types (checked at C speed)."""
    kind = _type(value)
    if kind is _str:
        return _len(value) <= MAX_STR
    if kind in SCALARS:
        return True
    if kind is not _list and kind is not _tuple:
        return False
    kinds = _set(map(_type, value))
    if not kinds <= SCALARS:
        return False
    return _str not in kinds or sum(_len(v) for v in value if _type(v) is _str) <= MAX_STR


def encode(value):
    """A value for the host: `("plain", value)` for plain data, else the encoder's tagged JSON."""
    if plain(value):
        return ("plain", value)
    return ("tagged", _dumps(Encoder().encode(value)))


def exact_int(value):
    """`value` if it is exactly an int (what the host can read), else None."""
    return value if _type(value) is _int else None


def exact_str(value):
    """`value` as an exact str: names and messages can be str subclasses of the candidate's making."""
    if _type(value) is _str:
        return value
    try:
        return "".join([value, ""]) if _isinstance(value, _str) else "<not a str>"
    except _BaseException:
        return "<not a str>"


def frames(tb, lines):
    """The traceback's frames that lie in the candidate's own source, innermost last."""
    out = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == SOURCE_NAME:
            line = tb.tb_lineno
            text = lines[line - 1].strip() if 0 < line <= _len(lines) else ""
            out.append({"line": exact_int(line), "function": exact_str(code.co_name), "text": text[:MAX_TEXT]})
        tb = tb.tb_next
    return out[-50:]


def safe_text(exc):
    """The exception's message, unless producing it runs away or fails."""
    try:
        text = _str(exc)
    except _BaseException:
        return "<message unavailable>"
    if _type(text) is not _str:
        return "<message unavailable>"
    return text[:MAX_TEXT]


def describe(exc, lines):
    """An exception as plain data: the candidate's line numbers, never the harness's."""
    if _isinstance(exc, SystemExit):
        code = exc.code
        return {"exit": code if _type(code) is _int and -I64 < code < I64 else exact_str(_type(code).__name__)}
    if _isinstance(exc, OutputLimit):
        return {"output_limit": True}
    if _isinstance(exc, SyntaxError) and exc.filename == SOURCE_NAME:
        return {"syntax": {"message": safe_text(exc.msg), "line": exact_int(exc.lineno), "column": exact_int(exc.offset),
                           "text": safe_text(exc.text or "").rstrip("\n")}}
    trace = frames(exc.__traceback__, lines)
    return {"error": {"type": exact_str(_type(exc).__name__), "message": safe_text(exc), "traceback": trace,
                      "line": trace[-1]["line"] if trace else None}}


class Session:
    """One candidate module and the objects its calls create."""

    def __init__(self, request):
        self.source = request["source"]
        self.lines = self.source.splitlines()
        self.trace_memory = request["trace_memory"]  # the host leaves it off under trace_live
        self.trace_live = request["trace_live"]
        self.discard_values = request["discard_values"]
        self.output = Output(request["output_limit"])
        self.namespace = {"__name__": "solution", "__file__": SOURCE_NAME, "__builtins__": builtins}
        self.objects = {}
        self.loaded = False
        self.gc_on = _gc_isenabled()
        _gc_disable()

    def step(self, fn, args):
        """Runs `fn(*args)` as candidate code between the host's brackets; returns (ok, value, outcome)."""
        outcome = {}
        tracing = self.trace_memory
        if tracing:
            _trace_start()
        # Automatic collection runs only inside steps: collecting the candidate's garbage is their cost.
        if self.gc_on:
            _gc_enable()
        _begin_step()
        try:
            value = fn(*args)
            ok = True
        except _BaseException as exc:  # candidate faults of every kind are results, not harness errors
            value = exc
            ok = False
        # Stopping the trace frees one record per block the candidate allocated: that belongs in the step.
        # (A traced run measures memory; its fuel is never used as a time figure.)
        if tracing and _trace_on():
            outcome["memory_peak"] = _trace_read()[1]
            _trace_stop()
        _end_step()
        self.gc_on = _gc_isenabled()
        _gc_disable()
        _KEEP.append(value)
        sys.stdout = sys.stderr = self.output
        try:
            if ok:
                outcome["value"] = ("plain", None) if self.discard_values else encode(value)
            else:
                outcome.update(describe(value, self.lines))
        except _BaseException as exc:  # e.g. MemoryError while encoding a gigantic result
            outcome = {"unencodable": f"{_type(exc).__name__}: {safe_text(exc)}"}
        if self.trace_live and _trace_on():
            outcome["memory_live"] = _trace_read()[0]
        if self.output.parts:
            if self.output.overflowed:
                outcome["output_limit"] = True
            outcome["output"] = self.output.take()
        return ok, value, outcome

    def load(self):
        def run():
            exec(compile(self.source, SOURCE_NAME, "exec", dont_inherit=True), self.namespace)

        ok, _, outcome = self.step(run, ())
        self.loaded = ok
        return outcome

    def resolve(self, kind, target, slot):
        """The callable a call names, or a description of what is missing."""
        if kind == "method" or kind == "replay":
            if slot not in self.objects:
                return None, f"no object in slot {slot}"
            try:
                fn = _getattr(self.objects[slot], target)
            except _BaseException:
                fn = None
        else:
            fn = self.namespace.get(target)
        if fn is None or not _callable(fn):
            what = {"new": "class", "method": "method", "replay": "method"}.get(kind, "function")
            return None, f"{what} '{target}'"
        return fn, None

    def run_call(self, spec):
        kind, target, args, slot, report_args = spec
        fn, missing = self.resolve(kind, target, slot)
        if missing:
            return {"missing": missing}
        if kind == "replay":
            fn, args = replay, (fn, args)
        ok, value, outcome = self.step(fn, args)
        if kind == "new" and ok:
            self.objects[slot] = value
            outcome["value"] = ("plain", None)  # the instance itself stays in the sandbox
        if report_args and "unencodable" not in outcome:
            try:
                outcome["args_after"] = [encode(arg) for arg in args]
            except _BaseException:
                pass
        return outcome


def replay(method, calls):
    """Calls `method` once per argument tuple, in order, inside one step; returns the results."""
    return [method(*args) for args in calls]


def evaluate(request_bytes):
    hide_harness()
    request = _unmarshal(request_bytes)
    _KEEP.append(request)
    sys.set_int_max_str_digits(0)
    session = Session(request)
    _KEEP.append(session)
    sys.stdout = sys.stderr = session.output
    _record_step(_marshal(session.load(), MARSHAL_VERSION))
    if session.trace_live:
        _trace_start()  # from here on, every allocation that stays alive counts
    ran = 0
    if session.loaded:
        run_call = session.run_call
        for spec in request["calls"]:
            # One expression: the encoded outcome is freed here, in the segment it belongs to.
            _record_step(_marshal(run_call(spec), MARSHAL_VERSION))
            ran += 1
    return f"loaded={session.loaded} calls={ran}"


class WitWorld(wit_world.WitWorld):
    def evaluate(self, request: bytes) -> str:
        try:
            return evaluate(request)
        except _BaseException as exc:  # an escaping exception would trap the instance
            raise Err(f"harness: {_type(exc).__name__}: {safe_text(exc)}")


def hide_harness():
    """Takes the harness's modules out of `sys.modules` once the first request is under way."""
    for name in _list(sys.modules):
        if name.partition(".")[0] in HIDDEN:
            del sys.modules[name]
    sys.meta_path.insert(0, Hidden())


sys.meta_path.append(Unavailable())

# Everything built so far lives in the snapshot every run starts from: the collector never needs to walk
# it, and walking it would write to (and so copy) pages of that snapshot in every run.
gc.freeze()
