"""Peak memory of refusing each hostile workbook: every refusal must stay ≤ 300 MB.

    python tests/benchmarks/bench_hostile_memory.py [--lie-mb 2048] [--json PATH]

Each file of the hostile corpus (tests/excel/test_hostile.py: zip and XML bombs, a cell
at XFD1048576, zip sizes that lie, damaged and encrypted files...) plus a zip whose
directory claims 1 MB for a sheet that inflates to `--lie-mb` is imported by
`workbench import --dry-run` in a fresh process; that process's peak resident memory
(ru_maxrss) is reported, with the same command on the good sample workbook as the
baseline. Every case must exit 2 with one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the corpus lives with the tests

from tests.excel.conftest import edit, row_of  # noqa: E402
from tests.excel.test_hostile import CORPUS  # noqa: E402
from tests.guards.forging import forge_size  # noqa: E402
from workbench.core.dump import dump_json  # noqa: E402
from workbench.core.sample import sample_document  # noqa: E402
from workbench.excel import export_workbook  # noqa: E402

PEAK = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(done.returncode, peak, repr(done.stderr))\n"
)
"""A watcher process: the command's own peak, not the benchmark's."""


def peak_of(workbook: Path, project: Path) -> dict:
    command = [sys.executable, "-m", "workbench", "import", str(workbook), str(project)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", PEAK, *command, "--dry-run"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    status, peak_kb, stderr = out.split(" ", 2)
    stderr = eval(stderr)
    return {"exit": int(status), "peak_mb": int(peak_kb) / 1024, "stderr": stderr.strip()}


def lying_zip(good: Path, target: Path, megabytes: int) -> None:
    """A sheet padded to `megabytes` of XML (streamed in, never held) whose zip entries
    then claim 1 MB."""
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                new.writestr(info.filename, data)
                continue
            head, _, tail = data.partition(b"</worksheet>")
            with new.open(info.filename, "w", force_zip64=True) as part:
                part.write(head + b"<!--")
                for _ in range(megabytes):
                    part.write(b"x" * 1024 * 1024)
                part.write(b"--></worksheet>" + tail)
    forge_size(target, "xl/worksheets/sheet1.xml", 1024 * 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lie-mb", type=int, default=2048)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = {}
    xl = SimpleNamespace(row_of=row_of, edit=edit, dump=dump_json)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        project = folder / "model.mwp"
        from workbench.store import save_project_as

        save_project_as(sample_document(), project)
        good = folder / "good.xlsx"
        export_workbook(sample_document(), good)
        results["baseline: the good sample workbook"] = peak_of(good, project)
        for case, (make, _message) in CORPUS.items():
            make(good, folder, xl)
            results[case] = peak_of(folder / "bad.xlsx", project)
        lying_zip(good, folder / "bad.xlsx", args.lie_mb)
        results[f"zip sizes that lie ({args.lie_mb:,} MB inflated)"] = peak_of(
            folder / "bad.xlsx", project
        )
    wrong = []
    for case, r in results.items():
        refused = r["exit"] == 2 and r["stderr"].count("\n") == 0 and "Traceback" not in r["stderr"]
        baseline = case.startswith("baseline")
        ok = baseline or (refused and r["peak_mb"] <= 300)
        wrong += [] if ok else [case]
        print(f"{r['peak_mb']:7.1f} MB  exit {r['exit']}  {case}: {r['stderr'][:110]}")
    worst = max(r["peak_mb"] for c, r in results.items() if not c.startswith("baseline"))
    print(f"worst refused: {worst:.1f} MB (target ≤ 300); not as expected: {wrong or 'none'}")
    if args.json:
        args.json.write_text(json.dumps({"cases": results, "worst_mb": worst}, indent=1) + "\n")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
