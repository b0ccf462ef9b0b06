"""The harness inside the sandbox: loads a candidate's source, then runs the calls the host stages.

The guest computes; the host measures. The host drives every step with an export call of its own
(`load` once, then `stage` and `invoke` for each call) and reads the fuel and the linear memory around
each of those calls itself. So nothing here is a measurement, a bracket or an allowance: candidate code
shares this interpreter and may reach, rewrite or break anything in this module, and all it can change
is the outcome of a step it is running anyway, which the host reads against a strict schema and judges
as data. What the harness still does with care is for honest code: it binds what it uses when it is
built (a solution that monkeypatches `marshal` or `builtins` does not break the report), describes
exceptions in the candidate's own line numbers, and encodes values by exact type without running any
of the candidate's methods.

It never sees expected answers, and it never holds a later call's inputs: `stage` brings one call.
"""

import builtins
import gc
import linecache
import marshal
import operator
import sys
import types

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
# Pieces the free heap is filled with before a call whose memory the host measures: large blocks first
# (the allocator's free chunks), then smaller ones (its fragments, then the object allocator's empty pools).
FILL_PIECES = (16_384, 1_024, 400)
# The object allocator's arenas hold 256 KiB in 16 KiB pools; a 400-byte piece takes a 440-byte block, 37
# to a pool (the largest small blocks, so that few pieces fill the empty pools): the pieces that fill an
# arena but its first and last pools.
ARENA_PIECES = 14 * 37
# The `sys.monitoring` tool id a call that explains where its time goes takes (one no standard tool uses),
# and how many frames a line's caller is looked for in (built-ins such as `sorted` stand between).
LINES_TOOL = 4
MAX_CALLER_FRAMES = 8


class OutputLimit(BaseException):
    """Raised into candidate code when it prints more than the output cap."""


class Missing(BaseException):
    """The function, class, method or slot a call names does not exist."""


class Output:
    """A bounded text sink standing in for stdout and stderr."""

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


class Run:
    """What one store's run holds between the host's calls: settings, the module, instances, the staged
    call, and the memory the harness keeps so that a measured call finds no free heap."""

    def __init__(self):
        self.discard = False
        self.gc_on = True
        self.loaded = False
        self.lines = []
        self.namespace = None
        self.objects = {}
        self.staged = None
        # The last call's inputs, freed when the next call is staged: freeing them is not the call's work.
        self.last = None
        # The code the next call runs under, holding the filled heap's pieces (see `_fill`).
        self.pin = None


OUTPUT = Output()
RUN = Run()


def _exact_str(value, _type=type, _str=str, _cut=MAX_TEXT):
    """`value` as an exact str, cut: names and messages can be str subclasses of the candidate's making."""
    if _type(value) is _str:
        return value[:_cut]
    return "<not a str>"


def _text(exc, _type=type, _str=str, _base=BaseException, _cut=MAX_TEXT):
    """The exception's message (`__str__` may be candidate code: it runs inside the host's step)."""
    if exc is None:
        return ""
    try:
        text = _str(exc)
    except _base:
        return "<message unavailable>"
    return text[:_cut] if _type(text) is _str else "<message unavailable>"


def _plain(value, _type=type, _all=all, _map=map, _is=operator.is_, _repeat=__import__("itertools").repeat,
           _len=len, _sum=sum, _int=int, _str=str, _float=float, _bool=bool, _list=list, _tuple=tuple,
           _max=MAX_STR, _bits=MAX_INT_BITS, _nodes=MAX_NODES):
    """True for a scalar, or a list or tuple of one exact scalar type (checked at C speed, by identity)."""
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
    """The traceback's frames that lie in the candidate's own source, innermost last (the last
    `MAX_FRAMES` of them: a recursion thousands deep is described by where it ended)."""
    out = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if _type(code.co_filename) is _str and code.co_filename == _source:
            line = tb.tb_lineno
            text = lines[line - 1].strip() if _type(line) is _int and 0 < line <= _len(lines) else ""
            out.append({"line": line if _type(line) is _int else None, "function": _exact(code.co_name),
                        "text": text[:_cut]})
            if _len(out) > 2 * _max:
                del out[:_max]
        tb = tb.tb_next
    return out[-_max:]


def _describe(exc, message, lines, _type=type, _int=int, _issubclass=issubclass, _exit=SystemExit,
              _limit=OutputLimit, _missing=Missing, _syntax=SyntaxError, _indent=IndentationError, _tab=TabError,
              _source=SOURCE_NAME, _exact=_exact_str, _name=type.__dict__["__name__"].__get__,
              _code=SystemExit.__dict__["code"].__get__, _tb=BaseException.__dict__["__traceback__"].__get__,
              _frames=_frames, _i64=2**63):
    """An exception as plain data: the candidate's line numbers, never the harness's."""
    kind = _type(exc)
    if kind is _missing:
        return {"missing": message}
    if _issubclass(kind, _exit):
        code = _code(exc)
        return {"exit": code if _type(code) is _int and -_i64 < code < _i64 else _exact(_name(_type(code)))}
    if _issubclass(kind, _limit):
        return {"output_limit": True}
    # Identity and exact types only: `==` on a candidate's class or str subclass would run its code.
    if (kind is _syntax or kind is _indent or kind is _tab) and _type(exc.filename) is str \
            and exc.filename == _source:
        line, column = exc.lineno, exc.offset
        text = exc.text if _type(exc.text) is str else ""
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


def _invoke(spec, run, _getattr=getattr, _callable=callable, _list=list, _missing=Missing,
            _attribute_error=AttributeError):
    """Runs one call's candidate code: finding the target is the candidate's too."""
    kind, target, args, slot = spec[0], spec[1], spec[2], spec[3]
    if kind == "function" or kind == "new":
        fn = run.namespace.get(target)
    elif slot not in run.objects:
        raise _missing(f"no object in slot {slot}")
    else:
        try:
            fn = _getattr(run.objects[slot], target)
        except _attribute_error:
            fn = None
    if fn is None or not _callable(fn):
        what = {"new": "class", "method": "method", "replay": "method"}.get(kind, "function")
        raise _missing(f"{what} '{target}'")
    if kind == "replay":
        return _list([fn(*call) for call in args])
    return fn(*args)


def _on_line(code, line, _getframe=sys._getframe, _source=SOURCE_NAME, _send=wit_world.line,
             _disable=sys.monitoring.DISABLE, _frames=MAX_CALLER_FRAMES, _harness=_invoke.__code__, _range=range):
    """Sends the line about to run and the line of the candidate's code that called its function (0 when
    the harness did, or when that is too many frames away); code that is not the candidate's is never
    reported again."""
    if code.co_filename != _source:
        return _disable
    frame, caller = _getframe(1).f_back, 0
    for _ in _range(_frames):
        if frame is None or frame.f_code is _harness:
            break
        if frame.f_code.co_filename == _source:
            caller = frame.f_lineno
            break
        frame = frame.f_back
    _send(line, caller)


def _explained(body, _monitoring=sys.monitoring, _tool=LINES_TOOL, _on_line=_on_line, _value_error=ValueError,
               _send=wit_world.line):
    """Runs `body()` with each line of the candidate's code reported to the host as it starts (see the
    `line` import), and line 0 when the candidate's code is done. A tool id the candidate's code holds
    already leaves the call unexplained."""
    try:
        _monitoring.use_tool_id(_tool, "screenjudge")
    except _value_error:
        return body()
    line = _monitoring.events.LINE
    _monitoring.register_callback(_tool, line, _on_line)
    _monitoring.set_events(_tool, line)
    try:
        return body()
    finally:
        _send(0, 0)
        _monitoring.set_events(_tool, 0)
        _monitoring.register_callback(_tool, line, None)
        _monitoring.free_tool_id(_tool)


def _around(body, run, _sys=sys, _out=OUTPUT, _gc_enable=gc.enable, _gc_disable=gc.disable,
            _gc_isenabled=gc.isenabled, _freeze=gc.freeze, _base=BaseException, _text=_text):
    """Runs `body()` as the candidate's code: output captured, the collector as the candidate left it.
    Returns `(value,)` and None, or None and the exception."""
    _sys.stdout = _out
    _sys.stderr = _out
    if run.gc_on:
        _gc_enable()
    try:
        result, exc = (body(),), None
    except _base as error:
        result, exc = None, error
    run.gc_on = _gc_isenabled()
    _gc_disable()
    # What is alive now leaves the collector's sight: a later call pays for collecting its own garbage,
    # not for walking what earlier calls left, so a call costs the same early and late in a run.
    _freeze()
    return result, exc


def _outcome(outcome, run, _take=_take, _out=OUTPUT, _dumps=marshal.dumps):
    """Adds the step's output to its outcome and encodes it for the host."""
    text, overflowed = _take(_out)
    if overflowed:
        outcome["output_limit"] = True
    if text:
        outcome["output"] = text
    return _dumps(outcome, 2)


def _load(settings_bytes, source, run=RUN, _loads=marshal.loads, _out=OUTPUT, _sys=sys, _types=types,
          _linecache=linecache, _builtins=builtins, _compile=compile, _exec=exec, _around=_around,
          _describe=_describe, _text=_text, _outcome=_outcome, _issubclass=issubclass, _type=type,
          _exit=SystemExit):
    """Applies the settings and runs the candidate's module."""
    settings = _loads(settings_bytes)
    run.discard = settings["discard_values"]
    _out.cap = settings["output_limit"]
    run.gc_on = True
    gc.disable()
    _sys.set_int_max_str_digits(0)
    # Nobody is there to type at a debugger: a `breakpoint()` left in a solution does nothing.
    _sys.breakpointhook = lambda *args, **kwargs: None
    # The candidate's module is a real module named `solution`, never `__main__`: an
    # `if __name__ == "__main__":` block of their own checks does not run while grading. It also stands
    # as `__main__`, so that `doctest.testmod()` and `unittest.main()` at the end of the file find it.
    module = _types.ModuleType(MODULE_NAME)
    namespace = module.__dict__
    namespace["__file__"] = SOURCE_NAME
    namespace["__builtins__"] = _builtins
    _sys.modules[MODULE_NAME] = module
    _sys.modules["__main__"] = module
    _sys.argv = [SOURCE_NAME]
    _linecache.cache[SOURCE_NAME] = (len(source), None, source.splitlines(True), SOURCE_NAME)
    run.lines = source.splitlines()
    run.namespace = namespace
    result, exc = _around(lambda: _exec(_compile(source, SOURCE_NAME, "exec", dont_inherit=True), namespace), run)
    # A script that ends with its own checks (`unittest.main()`) exits: it still loaded.
    if result is not None or _issubclass(_type(exc), _exit):
        run.loaded = True
        return _outcome({"value": ("plain", None)}, run)
    return _outcome(_describe(exc, _text(exc), run.lines), run)


def _fill(run, _size=wit_world.heap_size, _bytes=bytes, _tuple=tuple, _pieces=FILL_PIECES,
          _arena=ARENA_PIECES):
    """Allocates pieces of each size until the heap grows: the call that follows finds no free memory,
    so what it allocates shows as the heap's growth, which the host reads itself. The growth that ends
    the small pieces' loop is a new arena of the object allocator, nearly empty: it is filled too, short
    of its last pool, so that it does not make another. The pieces are kept as a constant of the code
    `invoke` runs the call under (see `_pinned`)."""
    pieces = []
    keep = pieces.append
    for piece in _pieces:
        start = _size()
        while _size() == start:
            keep(_bytes(piece))
    for _ in range(_arena):
        keep(_bytes(_pieces[-1]))
    code = _pinned.__code__
    run.pin = code.replace(co_consts=code.co_consts + (_tuple(pieces),))


def _pinned(run, _call=None):
    """Runs the call under a code object whose constants hold the pieces `_fill` allocated: while this
    frame runs, nothing can free them (a running frame's code cannot be replaced, nor a code object's
    constants changed), so candidate code cannot hand that memory back to itself to hide what it
    allocates."""
    return _call(run)


def _stage(blob, run=RUN, _loads=marshal.loads, _fill=_fill):
    """Decodes one call and holds it for `invoke`."""
    run.staged = None
    run.last = None
    run.pin = None
    spec = _loads(blob)
    if spec[5]:
        _fill(run)
    run.staged = spec


def _call(run=RUN, _invoke=_invoke, _around=_around, _explained=_explained, _describe=_describe, _text=_text,
          _encode=_encode, _outcome=_outcome, _base=BaseException, _exact=_exact_str,
          _name=type.__dict__["__name__"].__get__, _type=type):
    """Runs the staged call and describes how it ended."""
    spec, run.staged = run.staged, None
    run.last = spec
    if spec is None or not run.loaded:
        return _outcome({"missing": "a module that loaded"}, run)
    kind, args, slot, report_args = spec[0], spec[2], spec[3], spec[4]
    if spec[6]:
        result, exc = _around(lambda: _explained(lambda: _invoke(spec, run)), run)
    else:
        result, exc = _around(lambda: _invoke(spec, run), run)
    try:
        if result is None:
            outcome = _describe(exc, _text(exc), run.lines)
        elif kind == "new":
            # The instance stays in the sandbox; one it replaces is freed here, inside the step.
            run.objects[slot] = result[0]
            outcome = {"value": ("plain", None)}
        else:
            outcome = {"value": ("plain", None) if run.discard else _encode(result[0])}
        if report_args and result is not None:
            outcome["args_after"] = [_encode(arg) for arg in args]
    except _base as error:  # e.g. MemoryError while encoding a gigantic result
        outcome = {"unencodable": _exact(_name(_type(error)))}
    return _outcome(outcome, run)


def _guarded(step, *args, _base=BaseException, _err=Err, _type=type, _name=type.__dict__["__name__"].__get__):
    """Runs a step; an exception that escapes the harness would trap the instance, so it becomes `Err`."""
    try:
        return step(*args)
    except _base as exc:
        raise _err(f"harness: {_name(_type(exc))}")


class WitWorld(wit_world.WitWorld):
    def load(self, settings: bytes, source: str) -> bytes:
        return _guarded(_load, settings, source)

    def stage(self, call: bytes) -> None:
        return _guarded(_stage, call)

    def invoke(self) -> bytes:
        pin, RUN.pin = RUN.pin, None
        if pin is None:
            return _guarded(_call)
        return _guarded(types.FunctionType(pin, {}, "pinned", (RUN, _call)))


# Everything built so far lives in the snapshot every run starts from: the collector never needs to walk
# it, and walking it would write to (and so copy) pages of that snapshot in every run.
gc.freeze()
