"""The report template: styles and cover text an analyst changes without code.

It is a small JSON file kept beside the project (`market.mwp` → `market.report.json`),
so it travels with the model. Every key is optional; a missing file is the house style.
A file that is not JSON, or a value of the wrong kind, is refused with one sentence that
names the file and the key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path

from workbench.core.errors import ModelError

PALETTE = ("#1f4e79", "#e07b39", "#3c9d5d", "#c0392b", "#8e6bbf", "#2a9fb0", "#b8860b",
           "#7f7f7f")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Template:
    subtitle: str = "Market size, trends and forecast"
    cover_note: str = ""
    font_size: float = 9.5
    accent: str = "#1f4e79"
    palette: tuple[str, ...] = PALETTE
    page_size: str = "A4"


def template_path(project_path: Path) -> Path:
    """Where the template of a project lives: beside it, named after it."""
    return project_path.with_name(project_path.stem + ".report.json")


def load_template(path: Path) -> Template:
    """The template in `path`; the house style when there is no such file."""
    if not path.exists():
        return Template()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        sentence = f"The report template {path} is not a readable JSON file ({exc})."
        raise ModelError(sentence) from None
    if not isinstance(data, dict):
        raise ModelError(f"The report template {path} must be a JSON object of settings.")
    return template_from(data, str(path))


def template_from(data: dict, where: str = "the template") -> Template:
    known = {f.name: f for f in fields(Template)}
    template = Template()
    for key, value in data.items():
        if key not in known:
            raise ModelError(f"{where}: unknown setting {key!r}; use {', '.join(known)}.")
        template = replace(template, **{key: _checked(key, value, where)})
    return template


def _checked(key: str, value, where: str):
    if key in ("subtitle", "cover_note"):
        if not isinstance(value, str):
            raise ModelError(f"{where}: {key} must be text.")
        return value
    if key == "font_size":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 6 <= value <= 16:
            raise ModelError(f"{where}: font_size must be a number from 6 to 16.")
        return float(value)
    if key == "page_size":
        if value not in ("A4", "Letter"):
            raise ModelError(f"{where}: page_size must be \"A4\" or \"Letter\".")
        return value
    colours = [value] if key == "accent" else value
    if not isinstance(colours, list | str) or not colours or not all(
        isinstance(c, str) and _COLOUR.match(c) for c in colours
    ):
        raise ModelError(f"{where}: {key} must be colours written like \"#1f4e79\".")
    return value if key == "accent" else tuple(value)


def save_template(template: Template, path: Path) -> None:
    """Write a template (the app's export dialog keeps the analyst's choices this way)."""
    data = {f.name: getattr(template, f.name) for f in fields(Template)}
    data["palette"] = list(template.palette)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
