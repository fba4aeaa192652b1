"""Every hook is documented: in its docstring (params, return, versionadded) and in docs/architecture.md.

When this fails after a hook was added or changed, the assertion message shows the section the
hook reference in docs/architecture.md should have.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aegir.core import hookspecs

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"
REFERENCE_HEADING = "## Hook reference"


def _hooks() -> dict[str, Callable[..., Any]]:
    return {
        name: func
        for name, func in inspect.getmembers(hookspecs, inspect.isfunction)
        if name.startswith("aegir_") and func.__module__ == hookspecs.__name__
    }


HOOKS = _hooks()


def _reference() -> str:
    text = DOC.read_text(encoding="utf-8")
    assert REFERENCE_HEADING in text, f"{DOC} has no '{REFERENCE_HEADING}' section"
    return text.split(REFERENCE_HEADING, 1)[1]


def _sections() -> dict[str, str]:
    parts = re.split(r"^### `([^`]+)`\s*$", _reference(), flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _signature(func: Callable[..., Any]) -> str:
    # hookspecs uses postponed annotations: the signature shows them as quoted strings
    return func.__name__ + str(inspect.signature(func)).replace("'", "")


def _summary(func: Callable[..., Any]) -> str:
    doc = inspect.getdoc(func) or ""
    return doc.split("\n\n", 1)[0].replace("\n", " ").replace("``", "`")


def _expected_section(func: Callable[..., Any]) -> str:
    doc = inspect.getdoc(func) or ""
    lines = [f"### `{func.__name__}`", "", "```python", _signature(func), "```", "", _summary(func), ""]
    for name, text in re.findall(r":param (\w+):\s*(.+)", doc):
        lines.append(f"- `{name}`: {text.replace('``', '`')}")
    returns = re.search(r":return:\s*(.+)", doc)
    if returns:
        lines.append(f"- returns: {returns.group(1).replace('``', '`')}")
    version = re.search(r"versionadded::\s*(\S+)", doc)
    if version:
        lines.append(f"- since {version.group(1)}")
    return "\n".join(lines)


def test_there_are_hooks() -> None:
    assert "aegir_register_apps" in HOOKS
    assert len(HOOKS) >= 8


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_every_hook_has_a_complete_docstring(name: str) -> None:
    func = HOOKS[name]
    doc = inspect.getdoc(func)
    assert doc, f"hook {name} has no docstring"
    for param in inspect.signature(func).parameters:
        assert f":param {param}:" in doc, f"hook {name}: no ':param {param}:' in its docstring"
    documented = set(re.findall(r":param (\w+):", doc))
    assert documented <= set(inspect.signature(func).parameters), f"hook {name} documents unknown params"
    assert ":return:" in doc, f"hook {name}: no ':return:' in its docstring"
    assert re.search(r"\.\. versionadded:: \d+\.\d+", doc), f"hook {name}: no '.. versionadded::'"
    firstresult = bool(getattr(func, "aegir_spec", {}).get("firstresult"))
    says_all = "all implementations are called" in doc.lower()
    if firstresult:
        assert "first" in doc.lower() and not says_all, f"hook {name} is firstresult: say so"
    else:
        assert says_all, f"hook {name}: say that all implementations are called"


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_every_hook_is_in_the_architecture_reference(name: str) -> None:
    func = HOOKS[name]
    sections = _sections()
    expected = _expected_section(func)
    assert name in sections, f"docs/architecture.md lacks the hook {name}; add:\n\n{expected}"
    section = sections[name]
    assert _signature(func) in section, f"the signature of {name} in the docs is stale; use:\n\n{expected}"
    assert _summary(func) in " ".join(section.split()), f"the summary of {name} is stale; use:\n\n{expected}"
    for param in inspect.signature(func).parameters:
        assert f"- `{param}`:" in section, f"docs/architecture.md: {name} does not describe `{param}`"
    assert "- returns:" in section
    assert "- since " in section


def test_the_reference_lists_no_hook_that_does_not_exist() -> None:
    listed = set(_sections())
    assert listed <= set(HOOKS), (
        f"docs/architecture.md documents hooks that do not exist: {listed - set(HOOKS)}"
    )
    mentioned = set(
        re.findall(r"\baegir_(?:register|scan|site|plan|task)_\w+", DOC.read_text(encoding="utf-8"))
    )
    assert mentioned <= set(HOOKS), f"docs/architecture.md mentions unknown hooks: {mentioned - set(HOOKS)}"


def test_hookspec_markers_are_the_aegir_project() -> None:
    for name, func in HOOKS.items():
        assert hasattr(func, "aegir_spec"), f"{name} is not marked with @hookspec"
