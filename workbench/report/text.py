"""Analyst text as typed: paragraphs, bullets and **bold**, never markup.

Answers, dossiers and rationales are typed in the app as plain text. The report keeps
what the analyst meant by the few conventions a plain-text writer uses: a blank line
starts a new paragraph, a line starting with "-", "*" or "•" is a bullet, and **two
stars** make bold. Everything else, including "<", "&" and markup of any kind, is text:
the writers escape it for their format, so no typed text can change the layout.
"""

from __future__ import annotations

import re

from workbench.report.model import Para, Run

_BULLET = re.compile(r"^\s*[-*•]\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def runs(text: str) -> tuple[Run, ...]:
    """`text` cut into plain and bold runs at each **pair of stars**."""
    out: list[Run] = []
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            out.append(Run(text[position : match.start()]))
        out.append(Run(match.group(1), bold=True))
        position = match.end()
    if position < len(text):
        out.append(Run(text[position:]))
    return tuple(out)


def paragraphs(text: str, style: str = "body") -> list[Para]:
    """The paragraphs and bullets of an analyst's text, in order; [] for blank text."""
    out: list[Para] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            out.append(Para(runs(" ".join(lines)), style))
            lines.clear()

    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            flush()
        elif _BULLET.match(line):
            flush()
            out.append(Para(runs(_BULLET.sub("", line).strip()), "bullet"))
        elif out and out[-1].style == "bullet" and not lines and line.startswith((" ", "\t")):
            previous = out.pop()  # an indented line continues the bullet above it
            out.append(Para(runs(previous.text + " " + line.strip()), "bullet"))
        else:
            lines.append(line.strip())
    flush()
    return out


def labelled(label: str, text: str, style: str = "body") -> list[Para]:
    """A bold label and the text after it ("**Title:** text"), the seed's list style."""
    body = paragraphs(text, style)
    if not body:
        return [Para((Run(label, bold=True),), style)]
    first = body[0]
    head = Para((Run(f"{label}: ", bold=True), *first.runs), first.style)
    return [head, *body[1:]]
