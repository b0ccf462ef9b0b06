"""The standard library inside the sandbox: common modules pre-imported, the rest loaded on demand.

Only what exists while the component is built survives into the snapshot every run starts from, and a
run has no file system. So, at build time, this module imports the modules candidates commonly use (they
then cost nothing at run time) and packs the source of every other pure-Python module into the snapshot,
compressed; a meta-path finder compiles one of those when it is first imported (inside the candidate's
step, so at the candidate's cost). Modules that cannot work here fail with a message that names the
module and says why.
"""

import importlib.abc
import importlib.util
import os
import sys
import zlib

# Pre-imported: what phone-screen code reaches for, and what the task statement promises.
COMMON = """
__future__ abc argparse array ast asyncio base64 binascii bisect calendar cmath collections
collections.abc colorsys contextlib contextvars copy copyreg csv dataclasses datetime decimal difflib
dis doctest enum fnmatch fractions functools graphlib hashlib heapq hmac html inspect io ipaddress
itertools json keyword linecache logging logging.handlers math numbers operator pathlib pickle pprint
queue random re reprlib secrets shlex statistics string struct textwrap threading time timeit token
tokenize traceback types typing unicodedata unittest unittest.mock uuid warnings weakref zlib zoneinfo
""".split()

# Why a module is refused, for those that cannot work in the sandbox.
NO_PROCESSES = ": the sandbox cannot start processes"
REFUSED = {
    "subprocess": NO_PROCESSES,
    "multiprocessing": NO_PROCESSES,
    "concurrent.futures.process": NO_PROCESSES,
    "pty": NO_PROCESSES,
    "ctypes": ": native code cannot be loaded in the sandbox",
    "ssl": ": the sandbox has no network",
    "ftplib": ": the sandbox has no network",
    "smtplib": ": the sandbox has no network",
    "poplib": ": the sandbox has no network",
    "imaplib": ": the sandbox has no network",
    "socketserver": ": the sandbox has no network",
    "urllib.request": ": the sandbox has no network",
    "http.client": ": the sandbox has no network",
    "http.server": ": the sandbox has no network",
    "xmlrpc": ": the sandbox has no network",
    "webbrowser": ": the sandbox has no display",
    "tkinter": ": the sandbox has no display",
    "turtle": ": the sandbox has no display",
    "turtledemo": ": the sandbox has no display",
    "idlelib": ": the sandbox has no display",
    "curses": ": the sandbox has no terminal",
    "readline": ": the sandbox has no terminal",
    "venv": ": the sandbox cannot install packages",
    "ensurepip": ": the sandbox cannot install packages",
}


def refusal(name):
    """The reason `name` (or a package above it) is refused, or None."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        why = REFUSED.get(".".join(parts[:end]))
        if why is not None:
            return why
    return None


for _name in COMMON:
    try:
        __import__(_name)
    except ImportError:
        pass


def quiet_event_loops():
    """asyncio's event loop wakes itself through a socket pair, which WASI has not: without one, a loop
    with no I/O still runs (its sleeps pass in the sandbox's virtual time)."""
    from asyncio import selector_events

    loop = selector_events.BaseSelectorEventLoop
    make, close, wake = loop._make_self_pipe, loop._close_self_pipe, loop._write_to_self

    def make_self_pipe(self):
        try:
            make(self)
        except (AttributeError, OSError):
            self._ssock = self._csock = None

    def close_self_pipe(self):
        if self._ssock is not None:
            close(self)

    def write_to_self(self):
        if self._csock is not None:
            wake(self)

    loop._make_self_pipe, loop._close_self_pipe, loop._write_to_self = make_self_pipe, close_self_pipe, write_to_self


if "asyncio" in sys.modules:
    quiet_event_loops()


def pack(root):
    """`{module: (is_package, compressed source)}` for every module under `root` not yet imported."""
    store = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and d not in ("test", "tests", "idle_test"))
        package = os.path.relpath(folder, root).replace(os.sep, ".")
        for file in sorted(files):
            if not file.endswith(".py"):
                continue
            stem = file[:-3]
            if package == ".":
                name, is_package = stem, False
            elif stem == "__init__":
                name, is_package = package, True
            else:
                name, is_package = f"{package}.{stem}", False
            if name in sys.modules or refusal(name) is not None or not name.isascii():
                continue
            with open(os.path.join(folder, file), "rb") as source:
                store[name] = (is_package, zlib.compress(source.read(), 6))
    return store


# While the component is built the standard library is a folder of sources (at run time it is not);
# `os` is frozen and names another place, so ask a module that was read from that folder.
STDLIB = os.path.dirname(__import__("__future__").__file__)
STORE = pack(STDLIB)
assert len(STORE) > 100, f"the standard library was not found in {STDLIB}"


class Packed(importlib.abc.Loader):
    """Compiles a packed module's source when it is first imported."""

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        is_package, packed = STORE[module.__name__]
        path = f"{STDLIB}/{module.__name__.replace('.', '/')}{'/__init__' if is_package else ''}.py"
        module.__file__ = path
        code = compile(zlib.decompress(packed), path, "exec", dont_inherit=True)
        exec(code, module.__dict__)


LOADER = Packed()


class Finder(importlib.abc.MetaPathFinder):
    """Finds packed standard-library modules, and names the reason for those the sandbox refuses."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        why = refusal(name)
        if why is not None:
            raise ModuleNotFoundError(f"module '{name}' is not available in the sandbox{why}", name=name)
        entry = STORE.get(name)
        if entry is None:
            return None
        return importlib.util.spec_from_loader(name, LOADER, is_package=entry[0])


class Unavailable(importlib.abc.MetaPathFinder):
    """The last finder: any other module is not part of the sandbox."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        raise ModuleNotFoundError(f"module '{name}' is not available in the sandbox", name=name)


# Refusals come first, so that a module already imported by the standard library's own imports (none
# of those listed) is still refused by name; the packed store and the refusal of everything else last.
sys.meta_path.insert(0, Finder())
sys.meta_path.append(Unavailable())
for _name in list(sys.modules):
    if refusal(_name) is not None:
        del sys.modules[_name]
