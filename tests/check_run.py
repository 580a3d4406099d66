"""Running ``assistant check`` in-process, for the tests of the check workflows."""

from __future__ import annotations

import pytest

from assistant.cli import main


def run_check(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``assistant check ARGS`` -> (exit code, stdout, stderr). FM305 measures against the
    real today: it is left out so the output does not age."""
    code = main(["check", "--ignore", "FM305", *args])
    out, err = capsys.readouterr()
    return code, out, err
