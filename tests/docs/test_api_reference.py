"""The API reference (docs/reference/, rendered from the docstrings by mkdocstrings) covers the public API.

What must be there is read from the code, not listed here, so the test follows any restructuring:
every name in ``__all__`` of the public packages, the resource classes a client hands out as attributes,
and every public method or property those classes define in flexie (inherited ones included). Each must
appear in the built site with its docstring, and each function, method and property with its signature.
"""

from __future__ import annotations

import functools
import html
import importlib
import inspect
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

import flexie
from scripts.griffe_rst_docstrings import markdown_from_rst
from tests.conftest import ROOT

PUBLIC_PACKAGES = ("flexie", "flexie.testing")

# Gaps in modules another change is rewriting, kept here until it lands, by where each object is defined.
# An entry that is no longer a gap fails the test too: delete it then, so that the list only shrinks.
KNOWN_GAPS: frozenset[str] = frozenset()
HEADING = re.compile(r'<h(\d) id="(flexie[\w.]*)" class="doc doc-heading">')
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Rendered:
    """One object of the built reference: the page it is on, and its HTML up to the next heading."""

    page: str
    body: str

    @property
    def signature(self) -> str:
        match = re.search(r'<div class="doc-signature[^"]*">(.*?)</div>', self.body, re.S)
        return html.unescape(TAG.sub("", match.group(1))).strip() if match else ""

    @property
    def docstring_text(self) -> str:
        match = re.search(
            r'<div class="doc doc-contents[^"]*">(.*?)(?:<div class="doc doc-children">|$)', self.body, re.S
        )
        return html.unescape(TAG.sub(" ", match.group(1))).strip() if match else ""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    site = tmp_path_factory.mktemp("api-reference") / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    objects: dict[str, Rendered] = {}
    for page in sorted((site / "reference").glob("**/index.html")):
        text = page.read_text(encoding="utf-8")
        headings = list(HEADING.finditer(text))
        for heading, following in zip(headings, [*headings[1:], None], strict=True):
            end = following.start() if following else len(text)
            name = str(page.parent.relative_to(site))
            objects[heading.group(2)] = Rendered(name, text[heading.end() : end])
    assert objects, "the built site has no API reference under reference/"
    return objects


def resolve(ident: str) -> Any:
    """The object a rendered id such as ``flexie.resources.EntityResource.get`` names."""
    parts = ident.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            obj = inspect.getattr_static(obj, part) if inspect.isclass(obj) else getattr(obj, part)
        return obj
    raise LookupError(ident)


def is_flexie(obj: Any) -> bool:
    module = getattr(obj, "__module__", "") or ""
    return module == "flexie" or module.startswith("flexie.")


def exported() -> Iterator[tuple[str, Any]]:
    """``(public path, object)`` for every name in ``__all__`` of the public packages."""
    for package in PUBLIC_PACKAGES:
        module = importlib.import_module(package)
        for name in module.__all__:
            yield f"{package}.{name}", getattr(module, name)


def client_attribute_classes() -> Iterator[type]:
    """The flexie classes of what the clients hand out as attributes (``client.contacts``, ...)."""
    clients = [flexie.Flexie(base_url="http://127.0.0.1:9/api", api_key="k")]
    clients.append(flexie.AsyncFlexie(base_url="http://127.0.0.1:9/api", api_key="k"))
    try:
        for client in clients:
            for name in dir(type(client)):
                if name.startswith("_") or callable(inspect.getattr_static(client, name)):
                    continue
                value = getattr(client, name)
                if is_flexie(type(value)):
                    yield type(value)
    finally:
        clients[0].close()


def members(cls: type) -> Iterator[tuple[str, Any]]:
    """``(name, attribute)`` of each public method or property ``cls`` has from flexie code."""
    for name in dir(cls):
        if name.startswith("_"):
            continue
        owner = next(klass for klass in cls.__mro__ if name in vars(klass))
        attr = vars(owner)[name]
        if isinstance(attr, (staticmethod, classmethod)):
            attr = attr.__func__
        if is_flexie(owner) and (inspect.isfunction(attr) or isinstance(attr, (property, functools.cached_property))):
            yield name, attr


def own_doc(obj: Any) -> str:
    """The docstring written for ``obj`` itself (a class's is not inherited, as the reference shows it)."""
    if isinstance(obj, (property, functools.cached_property)):
        obj = obj.fget if isinstance(obj, property) else obj.func
    doc = vars(obj).get("__doc__") if inspect.isclass(obj) else getattr(obj, "__doc__", None)
    return (doc or "").strip()


def is_code(obj: Any) -> bool:
    """A class, function or property, as opposed to a constant such as ``__version__``."""
    return inspect.isclass(obj) or inspect.isfunction(obj) or isinstance(obj, (property, functools.cached_property))


def expected() -> dict[str, tuple[Any, type | None]]:
    """Public path → (object, the class it is a member of, if any) for everything the reference must show."""
    wanted: dict[str, tuple[Any, type | None]] = {}
    classes: dict[type, str] = {}
    for path, obj in exported():
        wanted[path] = (obj, None)
        if inspect.isclass(obj) and is_flexie(obj):
            classes.setdefault(obj, path)
    for cls in client_attribute_classes():
        path = classes.setdefault(cls, f"{cls.__module__}.{cls.__qualname__}")
        wanted.setdefault(path, (cls, None))
    for cls, path in classes.items():
        for name, attr in members(cls):
            wanted[f"{path}.{name}"] = (attr, cls)
    return wanted


def rendered_by_object(rendered: dict[str, Rendered]) -> dict[tuple[int, str], Rendered]:
    """The rendered objects keyed by what they are, whatever public path a page used for them:
    ``(id(class), member name)`` for a member of a class, ``(id(object), "")`` for anything."""
    found = {}
    for ident, item in rendered.items():
        parent_path, _, name = ident.rpartition(".")
        try:
            obj, parent = resolve(ident), resolve(parent_path) if parent_path else None
        except (LookupError, AttributeError):
            continue
        if inspect.isclass(parent):
            found[(id(parent), name)] = item
        found[(id(obj), "")] = item
    return found


def defined_at(obj: Any) -> str:
    """Where ``obj`` is written: ``module.qualname`` of the class, function, or property getter."""
    code = obj.fget if isinstance(obj, property) else getattr(obj, "func", obj)
    return f"{code.__module__}.{code.__qualname__}" if hasattr(code, "__qualname__") else repr(code)


def problem(path: str, obj: Any, cls: type | None, item: Rendered | None) -> str | None:
    """What is wrong with how ``obj`` (public at ``path``) appears in the reference, if anything."""
    if item is not None:
        return None if item.docstring_text else f"{path}: rendered on {item.page} without its docstring"
    directive = f"`::: {path.rpartition('.')[0] if cls else path}` in a page of docs/reference/"
    if not is_code(obj):
        return f"{path}: not in the reference (give it a docstring, a string right after the assignment; {directive})"
    if not own_doc(obj):
        return f"{path}: has no docstring (write one where it is defined, {defined_at(obj)})"
    return f"{path}: not in the reference (render it with {directive})"


def test_every_public_name_and_method_is_in_the_reference_with_its_docstring(rendered: dict[str, Rendered]) -> None:
    found = rendered_by_object(rendered)
    problems, known = [], set()
    for path, (obj, cls) in sorted(expected().items()):
        item = found.get((id(cls), path.rpartition(".")[2]) if cls else (id(obj), ""))
        message = problem(path, obj, cls, item)
        if message and defined_at(obj) in KNOWN_GAPS:
            known.add(defined_at(obj))
        elif message:
            problems.append(message)
    problems += [f"{gap}: no longer a gap, delete it from KNOWN_GAPS" for gap in sorted(KNOWN_GAPS - known)]
    assert problems == [], f"{len(problems)} problems with the API reference:\n" + "\n".join(problems)


def shows_signature(obj: Any, signature: str) -> bool:
    """Whether a rendered signature has the parameters and the annotations of ``obj``."""
    if isinstance(obj, (property, functools.cached_property)):
        return re.search(r"\w: \S", signature) is not None  # ``name: type``
    annotated = inspect.signature(obj).return_annotation is not inspect.Signature.empty
    return "(" in signature and ("->" in signature or not annotated)


def test_functions_and_methods_show_their_signatures(rendered: dict[str, Rendered]) -> None:
    unsigned = []
    for ident, item in rendered.items():
        try:
            obj = resolve(ident)
        except (LookupError, AttributeError):
            continue
        if isinstance(obj, (staticmethod, classmethod)):
            obj = obj.__func__
        if is_code(obj) and not inspect.isclass(obj) and not shows_signature(obj, item.signature):
            unsigned.append(f"{ident} on {item.page}: {item.signature!r}")
    assert unsigned == [], "rendered without its annotated signature:\n" + "\n".join(unsigned)


def test_what_the_reference_must_show_is_read_from_the_code() -> None:
    # Guards the check above against passing vacuously: it must see resources reached only through a client
    # attribute, the methods they inherit from their building blocks, the testing package and the clients.
    paths = expected()
    resource_classes = set(client_attribute_classes())
    assert {"EntityResource", "AsyncEntityResource", "TasksResource"} <= {cls.__name__ for cls in resource_classes}
    inherited = {path for path, (_, cls) in paths.items() if cls in resource_classes and path.endswith(".get_many")}
    assert len(inherited) >= len(resource_classes) // 2
    assert {"flexie.testing.FakeFlexie", "flexie.Flexie.request", "flexie.AsyncPager"} <= set(paths)


def test_restructuredtext_habits_of_docstrings_render_as_markdown(rendered: dict[str, Rendered]) -> None:
    text = (
        "See :class:`~flexie.errors.NotFoundError` and :meth:`Pager.pages`::\n\n    code()\n\n::\n\n    more()\n"
        + "End ::"
    )
    assert markdown_from_rst(text) == "See `NotFoundError` and `Pager.pages`:\n\n    code()\n\n\n    more()\nEnd"
    literal = [
        ident for ident, item in rendered.items() if re.search(r"<p>::</p>|:(class|func|meth|attr):<code>", item.body)
    ]
    assert literal == [], f"reStructuredText shown as text under {literal}"
