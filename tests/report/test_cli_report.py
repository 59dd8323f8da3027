"""`workbench report PROJECT OUT.pdf|OUT.docx [--scenario S]` and its bad input."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from workbench.cli import main
from workbench.core.document import Document
from workbench.core.project import Metadata, Project, Scenario
from workbench.core.sample import sample_project
from workbench.store import save_project_as


def run_cli(home, *args: str) -> subprocess.CompletedProcess:
    """The command in a fresh process on a fresh machine: empty HOME and XDG folders."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MPL"))}
    env["HOME"] = str(home)
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[name] = str(home / name.lower())
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True,
                          text=True, timeout=300, env=env)


def test_report_of_a_saved_project_in_a_named_scenario(tmp_path):
    project = tmp_path / "market.mwp"
    save_project_as(Document(sample_project()), project)
    (tmp_path / "market.report.json").write_text('{"subtitle": "From the template"}')
    out = tmp_path / "market.pdf"
    home = tmp_path / "home"
    home.mkdir()
    done = run_cli(home, "report", str(project), str(out), "--scenario", "Pessimistic")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote {out}."
    text = "".join(p.extract_text() for p in PdfReader(out).pages[:3])
    assert "Pessimistic scenario" in text and "From the template" in text


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["sample", "{tmp}/out.pdf", "--scenario", "Bullish"],
         "There is no scenario 'Bullish'; the scenarios are Base, Optimistic, Pessimistic."),
        (["sample", "/proc/out.pdf"], "The report cannot be written to /proc/out.pdf"),
        (["sample", "{tmp}/missing/out.pdf"], "There is no folder {tmp}/missing to write"),
        (["sample", "{tmp}/out.txt"], "{tmp}/out.txt must end in .pdf or .docx."),
        (["{tmp}/empty.mwp", "{tmp}/out.docx"], "has no market values yet"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(tmp_path, capsys, args, sentence):
    empty = Project(Metadata("Empty market", 2020, 2024, 2030), [], [Scenario("base", "Base")])
    save_project_as(Document(empty), tmp_path / "empty.mwp")
    status = main(["report", *(a.format(tmp=tmp_path) for a in args)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and err.startswith("workbench: ")
    assert sentence.format(tmp=tmp_path) in err
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.docx"))
    assert not list(tmp_path.glob(".out.*"))  # no temporary file left behind
