"""The project explains itself in docs/: the pages link to what exists, and the code points
there (never to a design file the repository does not hold)."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
CITED = re.compile(r"docs/([\w./-]+\.md)")
OUTSIDE_FILE = re.compile(r"\bDESIGN\b")


def sources() -> list[Path]:
    return [p for folder in ("workbench", "tests", "packaging") for p in (ROOT / folder).rglob("*")
            if p.suffix in {".py", ".md", ".sh", ".spec", ".toml"} and "fixtures" not in p.parts
            and p != Path(__file__)]


def test_every_link_between_pages_resolves():
    broken = [
        f"{page.relative_to(ROOT)} → {target}"
        for page in DOCS.rglob("*.md")
        for target in LINK.findall(page.read_text(encoding="utf-8"))
        if "://" not in target and not (page.parent / target).exists()
    ]
    assert not broken, broken


def test_the_index_lists_every_page():
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    unlisted = [p.name for p in DOCS.glob("*.md") if p.name != "README.md" and p.name not in index]
    assert not unlisted, f"docs/README.md does not list {unlisted}"


def test_the_code_cites_pages_that_exist_and_no_outside_design_file():
    missing, outside = [], []
    for path in sources():
        text = path.read_text(encoding="utf-8", errors="replace")
        where = str(path.relative_to(ROOT))
        missing += [f"{where} → docs/{page}" for page in CITED.findall(text)
                    if not (DOCS / page).exists()]
        if OUTSIDE_FILE.search(text):
            outside.append(where)
    assert not missing, missing
    assert not outside, f"these cite a design file the repository does not have: {outside}"
