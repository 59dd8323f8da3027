"""Names from a stranger's file never drive the terminal and never become spreadsheet
formulas: `show --format csv` quotes formula-like text (OWASP), and every line the command
line prints spells control characters as escapes (JSON reads them back exactly)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from workbench.cli import main
from workbench.cli.safe_text import csv_cell, printable
from workbench.core.commands import RenameMember
from workbench.core.sample import sample_document
from workbench.store import save_project_as

NAMES = {
    "tiktok": '=HYPERLINK("http://evil.example","Click")',
    "kwai": "+1 region",
    "wechat": "-2 pts",
    "others": "@SUM(A1)",
    "north-america": "\x1b]0;pwned\x07North\x1b[2J America",
    "europe": "Eu\u202erope",
}


@pytest.fixture
def hostile_names(tmp_path):
    document = sample_document()
    for member_id, name in NAMES.items():
        document.execute(RenameMember(member_id, name))
    path = tmp_path / "names.mwp"
    save_project_as(document, path)
    return path


def output(capsys, *args: str) -> str:
    assert main(list(args)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_csv_cells_are_never_formulas(capsys, hostile_names):
    rows = list(
        csv.reader(io.StringIO(output(capsys, "show", str(hostile_names), "--format", "csv")))
    )
    names = {row[2]: row[3] for row in rows[1:] if row[4] == "value"}
    assert names["tiktok"] == "'" + NAMES["tiktok"]
    assert names["kwai"] == "'+1 region" and names["wechat"] == "'-2 pts"
    assert names["others"] == "'@SUM(A1)"
    negative = [float(v) for row in rows[1:] for v in row[5:] if v.startswith("-")]
    assert negative, "numbers stay numbers: negative gaps are written as numbers"


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_terminal_output_holds_no_control_characters(capsys, hostile_names, fmt):
    out = output(capsys, "show", str(hostile_names), "--format", fmt)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\u001b]0;pwned\\u0007North\\u001b[2J America" in out
    assert "Eu\\u202erope" in out


def test_dump_stays_exact(capsys, hostile_names):
    out = output(capsys, "dump", str(hostile_names))
    assert "\u202e" not in out and "\x1b" not in out
    members = {
        m["id"]: m["name"] for d in json.loads(out)["dimensions"] for m in d["members"]
    }
    assert {k: members[k] for k in NAMES} == NAMES


def test_the_rules_themselves():
    assert printable("a\tb\nc\x00d\x9be\u2066") == "a\tb\nc\\u0000d\\u009be\\u2066"
    assert [csv_cell(v) for v in ("=1", "\t=1", "\r=1", "a=1", -3.0, None)] == [
        "'=1",
        "'\t=1",
        "'\r=1",
        "a=1",
        -3.0,
        None,
    ]
