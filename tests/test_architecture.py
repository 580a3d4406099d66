"""The core never imports the UI: parse, search, answer and check stay free of textual/click."""

from __future__ import annotations

import subprocess
import sys

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
