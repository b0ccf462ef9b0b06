"""The harness inside the sandbox: loads a candidate's source and runs the steps the host asks for.

It never sees expected answers; it only reports what the candidate's code did, encoded by exact type.
Every piece of candidate code runs between `begin_step()` and `end_step()` so that the host can read
the fuel at those two points; decoding arguments and encoding results happen outside that bracket.

Candidate code shares this interpreter (this CPython build has no sub-interpreters), so it can reach
every object here: through frames, `__globals__`, `__subclasses__`. The harness is written so that
reaching it buys nothing:

- Every function that runs after candidate code has started is *sealed*: it names nothing through
  globals or builtins, only its parameters and the defaults bound when it was defined (a tuple, and the
  audit hook refuses to replace `__defaults__` or `__code__`). `seal()` checks that at build time.
- A function below candidate code on the stack uses, after the call returns, only values it pushed on
  its evaluation stack before the call (`f(g, h, candidate(...))`), never its locals, which
  `frame.f_locals` can rewrite. The `with` statement keeps `__exit__` on that stack the same way.
- The calls arrive as one marshal blob each and are decoded just before they run, so candidate code
  cannot edit the inputs of a later call. Nothing that runs between steps calls candidate code: types
  are checked by identity, and attributes read through `type`'s own descriptors.
- An audit hook, which cannot be removed, refuses the ways to run code outside a step or to walk the
  heap (trace and audit hooks, `gc.get_objects` / `get_referrers` / `get_referents`, rewriting a
  harness function) and tells the host, which reports the step as tampering; after every step the
  harness's own namespaces are compared with their snapshot and a change is reported the same way.
- The host trusts no figure from here alone: it reads fuel at the brackets, bounds the fuel between
  steps by the size of the outcome it decodes, and checks the memory peak against its own view.
"""

import builtins
import collections
import dis
import gc
import linecache
import marshal
import operator
import sys
import types

import _tracemalloc
import wit_world
from componentize_py_types import Err

import preimport  # noqa: F401  (pre-imports the standard library and loads the rest on demand)

SOURCE_NAME = "solution.py"
MODULE_NAME = "solution"
# The encoder follows this many levels and nodes; the host refuses texts longer than these.
MAX_DEPTH = 40
MAX_NODES = 300_000
MAX_INT_BITS = 30_000
MAX_TEXT = 2_000
MAX_STR = 4_000_000
MAX_FRAMES = 50

# Run-wide settings and state, as lists the sealed functions hold (indices named in comments):
# CONF = [0 trace_peaks, 1 trace_live, 2 discard_values, 3 gc_on, 4 loaded, 5 lines, 6 namespace, 7 started]
CONF = [False, False, False, True, False, [], None, False]
# What the step that just closed left: [0 exception or None, 1 message, 2 peak, 3 live]
STASH = [None, "", None, None]
# The instances made by `new` calls, by slot.
OBJECTS = {}
# Nothing of a run is freed between steps (freeing could run candidate finalizers there, and the host
# bounds the fuel between steps by the size of the outcome): every value stays referenced here.
KEEP = []


class OutputLimit(BaseException):
    """Raised into candidate code when it prints more than the output cap."""


class Missing(BaseException):
    """The function, class, method or slot a call names does not exist."""


class Output:
    """A bounded text sink standing in for stdout and stderr (candidate code calls it, inside steps)."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self):
        self.cap = 0
        self.parts = []
        self.size = 0
        self.overflowed = False

    def write(self, text):
        if type(text) is not str:
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if not text:
            return 0
        room = self.cap - self.size
        if room <= 0:
            raise OutputLimit(f"output exceeded {self.cap} characters")
        if len(text) > room:
            self.parts.append(text[: max(room, 0)])
            self.size = self.cap
            self.overflowed = True
            raise OutputLimit(f"output exceeded {self.cap} characters")
        self.parts.append(text)
        self.size += len(text)
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    def writable(self):
        return True

    def writelines(self, lines):
        for line in lines:
            self.write(line)


OUTPUT = Output()


# ---- sealed functions: defaults only, no globals (checked by `seal` at the end) ----

def _exact_str(value, _type=type, _str=str, _join="".join, _cut=MAX_TEXT):
    """`value` as an exact str, cut: names and messages can be str subclasses of the candidate's making."""
    if _type(value) is _str:
        return value[:_cut]
    return "<not a str>"


def _text(exc, _type=type, _str=str, _base=BaseException, _cut=MAX_TEXT):
    """The exception's message. Runs inside the step: `__str__` is candidate code."""
    if exc is None:
        return ""
    try:
        text = _str(exc)
    except _base:
        return "<message unavailable>"
    return text[:_cut] if _type(text) is _str else "<message unavailable>"


def _open(_sys=sys, _out=OUTPUT, _conf=CONF, _gc_enable=gc.enable, _trace=_tracemalloc.start,
          _tracing=_tracemalloc.is_tracing, _begin=wit_world.begin_step):
    """Before candidate code: its output sink, its collector setting, tracing, then the host's bracket."""
    _sys.stdout = _out
    _sys.stderr = _out
    if _conf[3]:
        _gc_enable()
    # Peaks are traced per step; live memory from the first call on, and never stopped.
    if (_conf[0] or (_conf[1] and _conf[4])) and not _tracing():
        _trace(1)
    _begin()


def _close(exc, message, _stash=STASH, _conf=CONF, _gc_isenabled=gc.isenabled, _gc_disable=gc.disable,
           _tracing=_tracemalloc.is_tracing, _read=_tracemalloc.get_traced_memory, _stop=_tracemalloc.stop,
           _end=wit_world.end_step, _freeze=gc.freeze):
    """After candidate code (a fresh frame: nothing of it was on the stack while candidate code ran)."""
    _conf[3] = _gc_isenabled()
    _gc_disable()
    # Everything alive now (the step's inputs, what it made and kept) leaves the collector's sight: a later
    # step pays for collecting its own garbage, not for walking what earlier steps left, so a call costs
    # the same early and late in a run. Freezing takes time in proportion to what the step allocated, so
    # it is done inside the step.
    _freeze()
    peak = None
    if _conf[0] and _tracing():
        peak = _read()[1]
        # Stopping frees one record per block the candidate allocated: that belongs in the step.
        _stop()
    _end()
    live = _read()[0] if _conf[1] and _tracing() else None
    _stash[0] = exc
    _stash[1] = message
    _stash[2] = peak
    _stash[3] = live
    return True


class Guard:
    """The bracket around candidate code; `with` loads `__exit__` before the body runs."""

    __slots__ = ()

    def __enter__(self, _open=_open):
        _open()

    def __exit__(self, kind, exc, tb, _close=_close, _text=_text):
        # `_close` and `exc` are pushed before `_text` runs the candidate's `__str__`.
        return _close(exc, _text(exc))


GUARD = Guard()


def _invoke(spec, _objects=OBJECTS, _conf=CONF, _getattr=getattr, _callable=callable, _exec=exec,
            _compile=compile, _missing=Missing, _list=list, _attribute_error=AttributeError, _source=SOURCE_NAME):
    """Runs one step's candidate code (inside the bracket): finding the target is the candidate's too."""
    kind, target, args, slot, _ = spec
    if kind == "load":
        return _exec(_compile(target, _source, "exec", dont_inherit=True), _conf[6])
    if kind == "function" or kind == "new":
        fn = _conf[6].get(target)
    elif slot not in _objects:
        raise _missing(f"no object in slot {slot}")
    else:
        try:
            fn = _getattr(_objects[slot], target)
        except _attribute_error:
            fn = None
    if fn is None or not _callable(fn):
        what = {"new": "class", "method": "method", "replay": "method"}.get(kind, "function")
        raise _missing(f"{what} '{target}'")
    if kind == "replay":
        return _list([fn(*call) for call in args])
    return fn(*args)


def _step(spec, _guard=GUARD, _invoke=_invoke):
    """`(value,)` if the candidate's code returned, None if it raised (the exception is in STASH)."""
    with _guard:
        return (_invoke(spec),)
    return None


def _plain(value, _type=type, _all=all, _map=map, _is=operator.is_, _repeat=__import__("itertools").repeat,
           _len=len, _sum=sum, _int=int, _str=str, _float=float, _bool=bool, _list=list, _tuple=tuple,
           _max=MAX_STR, _bits=MAX_INT_BITS, _nodes=MAX_NODES):
    """True for a scalar, or a list or tuple of one exact scalar type (checked at C speed, by identity) of
    at most `MAX_NODES` items: a longer one is not walked between steps at all."""
    kind = _type(value)
    if kind is _str:
        return _len(value) <= _max
    if kind is _int:
        return value.bit_length() <= _bits
    if value is None or kind is _float or kind is _bool:
        return True
    if kind is not _list and kind is not _tuple:
        return False
    if not value:
        return True
    if _len(value) > _nodes:
        return False
    first = _type(value[0])
    if first is _str:
        return _all(_map(_is, _map(_type, value), _repeat(_str))) and _sum(_map(_len, value)) <= _max
    if first is _int or first is _float:
        return _all(_map(_is, _map(_type, value), _repeat(first)))
    return False


def _tag(value, depth, budget, _self=None, _plain=_plain, _type=type, _int=int, _float=float, _str=str,
         _bool=bool, _list=list, _tuple=tuple, _dict=dict, _set=set, _frozenset=frozenset, _len=len,
         _flags=type.__dict__["__flags__"].__get__, _name=type.__dict__["__name__"].__get__,
         _qualname=type.__dict__["__qualname__"].__get__, _module=type.__dict__["__module__"].__get__,
         _mro=type.__dict__["__mro__"].__get__, _exact=_exact_str, _object=object,
         _max_depth=MAX_DEPTH, _max_bits=MAX_INT_BITS, _max_str=MAX_STR, _heap=1 << 9):
    """A value as marshal-native data: lists stay lists, other containers and objects become tagged tuples.

    Reads nothing through the value's own type: no method, property or metaclass of the candidate's runs.
    """
    budget[0] -= 1
    if budget[0] < 0:
        return ("too_large",)
    if depth > _max_depth:
        return ("too_deep",)
    kind = _type(value)
    if value is None or kind is _bool or kind is _float:
        return value
    if kind is _int:
        return value if value.bit_length() <= _max_bits else ("int_bits", value.bit_length())
    if kind is _str:
        return value if _len(value) <= _max_str else ("too_large",)
    if (kind is _list or kind is _tuple or kind is _dict or kind is _set or kind is _frozenset) \
            and _len(value) > budget[0]:
        budget[0] = -1
        return ("too_large",)
    if kind is _list:
        if _plain(value):
            budget[0] -= _len(value)
            return value
        return [_self(v, depth + 1, budget) for v in value]
    if kind is _tuple:
        return ("tuple", [_self(v, depth + 1, budget) for v in value])
    if kind is _dict:
        return ("dict", [[_self(k, depth + 1, budget), _self(v, depth + 1, budget)] for k, v in value.items()])
    if kind is _set or kind is _frozenset:
        return ("set", [_self(v, depth + 1, budget) for v in value])
    # Static types are the interpreter's own; candidate classes are heap types.
    bases = [_name(b) for b in _mro(kind)[1:] if not _flags(b) & _heap and b is not _object]
    return ("object", _exact(_qualname(kind)), _exact(_module(kind)), bases)


_tag.__defaults__ = (_tag,) + _tag.__defaults__[1:]


def _encode(value, _plain=_plain, _tag=_tag, _nodes=MAX_NODES):
    """`("plain", value)` for plain data, else `("tagged", tree)`."""
    if _plain(value):
        return ("plain", value)
    return ("tagged", _tag(value, 0, [_nodes]))


def _frames(tb, lines, _len=len, _exact=_exact_str, _source=SOURCE_NAME, _int=int, _type=type, _str=str,
            _max=MAX_FRAMES, _cut=MAX_TEXT):
    """The traceback's frames that lie in the candidate's own source, innermost last."""
    out = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if _type(code.co_filename) is _str and code.co_filename == _source:
            line = tb.tb_lineno
            text = lines[line - 1].strip() if _type(line) is _int and 0 < line <= _len(lines) else ""
            out.append({"line": line if _type(line) is _int else None, "function": _exact(code.co_name),
                        "text": text[:_cut]})
        tb = tb.tb_next
    return out[-_max:]


def _describe(exc, message, lines, _type=type, _int=int, _issubclass=issubclass, _exit=SystemExit,
              _limit=OutputLimit, _missing=Missing, _syntax=SyntaxError, _indent=IndentationError, _tab=TabError,
              _source=SOURCE_NAME, _exact=_exact_str, _name=type.__dict__["__name__"].__get__,
              _code=SystemExit.__dict__["code"].__get__, _tb=BaseException.__dict__["__traceback__"].__get__,
              _frames=_frames, _str=str, _i64=2**63):
    """An exception as plain data: the candidate's line numbers, never the harness's."""
    kind = _type(exc)
    if kind is _missing:
        return {"missing": message}
    if _issubclass(kind, _exit):
        code = _code(exc)
        return {"exit": code if _type(code) is _int and -_i64 < code < _i64 else _exact(_name(_type(code)))}
    if _issubclass(kind, _limit):
        return {"output_limit": True}
    # Identity and exact types only: `==` on a candidate's class or str subclass would run its code here.
    if (kind is _syntax or kind is _indent or kind is _tab) and _type(exc.filename) is _str \
            and exc.filename == _source:
        line, column = exc.lineno, exc.offset
        text = exc.text if _type(exc.text) is _str else ""
        return {"syntax": {"message": _exact(exc.msg), "line": line if _type(line) is _int else None,
                           "column": column if _type(column) is _int else None,
                           "text": _exact(text.rstrip("\n"))}}
    trace = _frames(_tb(exc), lines)
    return {"error": {"type": _exact(_name(kind)), "message": message, "traceback": trace,
                      "line": trace[-1]["line"] if trace else None}}


def _take(out, _join="".join):
    """The step's output, and whether it overflowed; the sink starts empty for the next step."""
    text = _join(out.parts)
    overflowed = out.overflowed
    out.parts = []
    out.size = 0
    out.overflowed = False
    return text, overflowed


def _intact(_snapshot=None, _all=all, _map=map, _is=operator.is_, _len=len, _tuple=tuple):
    """The harness namespace that changed since the build, or None. Compared by identity only."""
    for name, mapping, keys, values in _snapshot:
        if _len(mapping) != _len(keys) or not _all(_map(_is, _tuple(mapping), keys)) \
                or not _all(_map(_is, _tuple(mapping.values()), values)):
            return name
    return None


def _finish(spec, result, _stash=STASH, _conf=CONF, _objects=OBJECTS, _keep=KEEP, _out=OUTPUT,
            _describe=_describe, _encode=_encode, _take=_take, _intact=_intact, _exit=SystemExit,
            _issubclass=issubclass, _type=type, _base=BaseException, _name=type.__dict__["__name__"].__get__,
            _exact=_exact_str):
    """The step's outcome as a dict for the host (runs between steps: no candidate code)."""
    exc, message, peak, live = _stash
    kind, target, args, slot, report_args = spec
    _conf[7] = True  # a step has run: from here on, calls run only if the module loaded
    # Kept, not freed: freeing could run a candidate's `__del__` here, between steps.
    _keep.append(spec)
    _keep.append(result)
    _keep.append(exc)
    outcome = {}
    try:
        if result is not None:
            if kind == "load":
                _conf[4] = True
                outcome["value"] = ("plain", None)
            elif kind == "new":
                _keep.append(_objects.get(slot))
                _objects[slot] = result[0]
                outcome["value"] = ("plain", None)  # the instance itself stays in the sandbox
            else:
                outcome["value"] = ("plain", None) if _conf[2] else _encode(result[0])
        elif kind == "load" and _issubclass(_type(exc), _exit):
            # A script that ends with its own checks (`unittest.main()`) exits: it still loaded.
            _conf[4] = True
            outcome["value"] = ("plain", None)
        else:
            outcome.update(_describe(exc, message, _conf[5]))
        if report_args and result is not None:
            outcome["args_after"] = [_encode(arg) for arg in args]
    except _base as error:  # e.g. MemoryError while encoding a gigantic result
        outcome = {"unencodable": f"{_exact(_name(_type(error)))}"}
    if peak is not None:
        outcome["memory_peak"] = peak
    if live is not None:
        outcome["memory_live"] = live
    text, overflowed = _take(_out)
    if overflowed:
        outcome["output_limit"] = True
    if text:
        outcome["output"] = text
    changed = _intact()
    if changed is not None:
        outcome["tampered"] = f"the harness's {changed} changed"
    return outcome


def _run(blob, _loads=marshal.loads, _dumps=marshal.dumps, _record=wit_world.record_step, _step=_step,
         _finish=_finish, _conf=CONF):
    """Decodes one step, runs it and records its outcome. A call after a failed load is not run."""
    # After a load that failed, the calls are not even decoded: the host bounds this segment by the
    # outcome of the load alone.
    if _conf[7] and not _conf[4]:
        return None
    spec = _loads(blob)
    # `_record`, `_dumps`, `_finish` and `spec` are on the stack before `_step` runs candidate code.
    # The marshal version is a literal: a local read after the step could have been rewritten.
    return _record(_dumps(_finish(spec, _step(spec)), 2))


def _prepare(request_bytes, _loads=marshal.loads, _conf=CONF, _out=OUTPUT, _sys=sys, _types=types,
             _linecache=linecache, _builtins=builtins, _keep=KEEP, _source=SOURCE_NAME, _module=MODULE_NAME,
             _tuple=tuple, _len=len, _gc_isenabled=gc.isenabled, _gc_disable=gc.disable, _hide=None):
    """Reads the request (before any candidate code) and makes the candidate's module."""
    request = _loads(request_bytes)
    _keep.append(request)
    _hide()
    steps = _tuple(request["steps"])
    source = _loads(steps[0])[1]
    _conf[0] = request["trace_memory"]  # the host leaves it off under trace_live
    _conf[1] = request["trace_live"]
    _conf[2] = request["discard_values"]
    _conf[3] = _gc_isenabled()
    _gc_disable()
    _out.cap = request["output_limit"]
    _sys.set_int_max_str_digits(0)
    # The candidate's module is a real module named `solution`, never `__main__`: an
    # `if __name__ == "__main__":` block of their own checks does not run while grading. It also stands
    # as `__main__`, so that `doctest.testmod()` and `unittest.main()` at the end of the file find it.
    module = _types.ModuleType(_module)
    namespace = module.__dict__
    namespace["__file__"] = _source
    namespace["__builtins__"] = _builtins
    _sys.modules[_module] = module
    _sys.modules["__main__"] = module
    _sys.argv = [_source]
    _linecache.cache[_source] = (_len(source), None, source.splitlines(True), _source)
    _conf[5] = source.splitlines()
    _conf[6] = namespace
    return steps


def _evaluate(request_bytes, _prepare=_prepare, _drain=collections.deque, _map=map, _run=_run):
    """Runs every step. The loop is `map` inside `deque`, in C: no frame of it holds anything to rewrite."""
    _drain(_map(_run, _prepare(request_bytes)), 0)
    return "done"


class WitWorld(wit_world.WitWorld):
    def evaluate(self, request: bytes, _evaluate=None, _base=BaseException, _err=Err, _type=type,
                 _name=type.__dict__["__name__"].__get__) -> str:
        try:
            return _evaluate(request)
        except _base as exc:  # an escaping exception would trap the instance
            raise _err(f"harness: {_name(_type(exc))}")


# ---- the audit hook ----

def _audit(event, args, _refused=frozenset({
            "sys.addaudithook", "sys.settrace", "sys.setprofile", "sys.monitoring.register_callback",
            "gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys.remote_exec"}),
           _function_attrs=frozenset({"__code__", "__defaults__", "__kwdefaults__"}), _harness=None,
           _hidden=None, _report=wit_world.report_tampering, _runtime=RuntimeError,
           _not_found=ModuleNotFoundError, _type=type, _str=str):
    """Refuses what would let candidate code run outside its step or walk the heap, and tells the host."""
    if event in _refused:
        _report(event)
        raise _runtime(f"{event} is not available in the sandbox")
    if event == "object.__setattr__" and args[1] in _function_attrs and args[0] in _harness:
        _report(f"{event} {args[1]}")
        raise _runtime(f"changing a function's {args[1]} is not available in the sandbox")
    if event == "import" and _type(args[0]) is _str:
        why = _hidden.get(args[0].partition(".")[0])
        if why is not None:
            raise _not_found(f"module '{args[0]}' is not available in the sandbox{why}", name=args[0])


# The harness's modules, and the sandbox's own instruments, are not importable by candidate code.
HIDDEN = {name: "" for name in ("app", "wit_world", "componentize_py_runtime", "componentize_py_types",
                                "componentize_py_async_support", "poll_loop", "preimport")}
HIDDEN["tracemalloc"] = HIDDEN["_tracemalloc"] = " (the sandbox measures memory with it)"


def _hide(_sys=sys, _list=list, _hidden=HIDDEN):
    """Takes the harness's modules out of `sys.modules` once the first request is under way."""
    for name in _list(_sys.modules):
        if name.partition(".")[0] in _hidden:
            del _sys.modules[name]


SEALED = [_exact_str, _text, _open, _close, Guard.__enter__, Guard.__exit__, _invoke, _step, _plain, _tag,
          _encode, _frames, _describe, _take, _intact, _finish, _run, _prepare, _evaluate, WitWorld.evaluate,
          _audit, _hide]
_FORBIDDEN = {"LOAD_GLOBAL", "LOAD_NAME", "LOAD_DEREF", "LOAD_CLOSURE", "STORE_GLOBAL", "STORE_NAME",
              "LOAD_FROM_DICT_OR_GLOBALS", "LOAD_FROM_DICT_OR_DEREF", "DELETE_GLOBAL"}


def seal():
    """Binds the late defaults and checks, at build time, that no sealed function reads a global."""
    def rebind(fn, **late):
        names = fn.__code__.co_varnames[: fn.__code__.co_argcount]
        defaults = list(fn.__defaults__)
        offset = len(names) - len(defaults)
        for name, value in late.items():
            defaults[names.index(name) - offset] = value
        fn.__defaults__ = tuple(defaults)

    rebind(_prepare, _hide=_hide)
    rebind(WitWorld.evaluate, _evaluate=_evaluate)
    classes = (Guard, Output, WitWorld, OutputLimit, Missing)
    values = list(globals().values()) + list(vars(wit_world).values())
    values += [v for c in classes for v in vars(c).values()]
    harness = frozenset(SEALED) | frozenset(v for v in values if isinstance(v, types.FunctionType))
    rebind(_audit, _harness=harness, _hidden=HIDDEN)
    namespaces = [("globals", globals()), ("wit_world", vars(wit_world))]
    # Not `WitWorld`: the runtime writes to it, and it is entered once, before any candidate code.
    namespaces += [(f"class {c.__name__}", c.__dict__) for c in classes if c is not WitWorld]
    rebind(_intact, _snapshot=tuple((name, m, tuple(m), tuple(m.values())) for name, m in namespaces))
    for fn in SEALED:
        code = fn.__code__
        used = {i.opname for i in dis.get_instructions(code)} & _FORBIDDEN
        nested = [c for c in code.co_consts if isinstance(c, types.CodeType)]
        assert not used and not nested, f"{fn.__qualname__} is not sealed: {used or nested}"


seal()
sys.addaudithook(_audit)

# Everything built so far lives in the snapshot every run starts from: the collector never needs to walk
# it, and walking it would write to (and so copy) pages of that snapshot in every run.
gc.freeze()
