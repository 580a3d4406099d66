"""Doc text is shown as written: markup stays literal, control characters become visible."""

from __future__ import annotations

from rich.console import Console

from assistant.tui.literal import ESCAPE_STYLE, literal, printable


def rendered(text) -> str:  # noqa: ANN001
    console = Console(width=200, color_system="truecolor", force_terminal=True)
    with console.capture() as capture:
        console.print(text, end="")
    return capture.get()


def test_markup_is_not_interpreted() -> None:
    text = literal("[bold red]X[/] and [link=http://evil]y[/link]")
    assert text.plain == "[bold red]X[/] and [link=http://evil]y[/link]"
    assert not text.spans


def test_escape_sequences_become_visible_and_never_reach_the_terminal() -> None:
    text = literal("a\x1b[31mRED\x1b[0m\x07b\x9bc\u202eevil")
    assert text.plain == "a\\x1b[31mRED\\x1b[0m\\x07b\\x9bc\\u202eevil"
    assert all(span.style == ESCAPE_STYLE for span in text.spans)
    assert len(text.spans) == 5
    # The only ESC bytes in the terminal output are Rich's own style codes (reverse video),
    # never the doc's "ESC [ 3 1 m".
    assert "\x1b[31m" not in rendered(text)
    assert "\x07" not in rendered(text)


def test_tabs_and_line_ends() -> None:
    assert printable("a\tb\nc") == "a b c"
    assert printable("\ta\tb", multiline=True) == "    a   b"
    assert literal("x\ny", multiline=True).plain == "x\ny"


def test_plain_text_is_untouched() -> None:
    sample = "Québec City — “regions” · 東京 · emoji 🙂"
    assert printable(sample) == sample
    assert literal(sample, "bold").plain == sample
