"""The core never imports the UI: parse, search, answer and check stay free of textual/click."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = ["assistant.parse", "assistant.passages", "assistant.search", "assistant.answer",
        "assistant.check", "assistant.corpus", "assistant.model", "assistant.config"]


def test_core_modules_import_neither_textual_nor_click() -> None:
    code = (
        "import importlib, importlib.util, sys\n"
        f"for name in {CORE!r}:\n"
        "    if importlib.util.find_spec(name) is not None:\n"
        "        importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'click'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""


PACKAGE = Path(__file__).resolve().parent.parent / "assistant"


def _imports(path: Path) -> list[str]:
    """Absolute names of the modules a file imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            out.append(name)
            out.extend(f"{name}.{alias.name}" for alias in node.names)
    return out


def test_only_the_whoosh_package_imports_whoosh() -> None:
    engine = PACKAGE / "search" / "whoosh"
    offenders = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                       if engine not in p.parents
                       and any(n == "whoosh" or n.startswith("whoosh.") for n in _imports(p)))
    assert offenders == []


def test_answer_uses_the_search_interface_not_its_internals() -> None:
    allowed = {"assistant.search", "assistant.search.SearchIndex", "assistant.search.Hit",
               "assistant.search.DocInfo"}
    offenders = sorted({f"{p.relative_to(PACKAGE)}: {n}" for p in (PACKAGE / "answer").rglob("*.py")
                        for n in _imports(p)
                        if n.startswith("assistant.search") and n not in allowed})
    assert offenders == []
