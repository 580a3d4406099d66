"""One definition of printable doc text for every output (CLI, check reports, the app)."""

from __future__ import annotations

from assistant.check.formats import text as text_format
from assistant.check.runner import CheckReport
from assistant.cli import ask_cmd
from assistant.model import Answer, Citation, Finding
from assistant.printable import printable
from assistant.tui.literal import printable as tui_printable


def test_controls_and_bidi_overrides_are_escaped_tabs_and_newlines_kept() -> None:
    assert printable("a\x1b[31m\x07b") == "a\\x1b[31m\\x07b"
    assert printable("safe \u202eevil\u2066") == "safe \\u202eevil\\u2066"
    assert printable("one\ttwo\nthree") == "one\ttwo\nthree"


def test_ask_output_escapes_a_bidi_override_in_a_quote() -> None:
    cite = Citation(path="a.md", title="T", section="S", line_start=1, line_end=1,
                    quote="fine \u202egnp.exe")
    shown = ask_cmd.render_answer(Answer("q?", "answer", "x", (cite,)))
    assert "\u202e" not in shown and "\\u202e" in shown


def test_check_text_report_escapes_the_same_characters() -> None:
    finding = Finding("DOC101", "placeholder-text", "warning", "a.md", 1, 1,
                      "TODO \x1b]0;title\x07 \u202e")
    report = text_format.render(CheckReport((finding,), files=1))
    assert "\x1b" not in report and "\u202e" not in report
    assert "\\x1b]0;title\\x07 \\u202e" in report


def test_the_app_flattens_one_line_text_on_top_of_the_same_escapes() -> None:
    assert tui_printable("a\tb\nc\u202e") == "a b c\\u202e"
