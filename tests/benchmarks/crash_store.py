"""Crash stress: a child saves a project over and over and is killed with SIGKILL at random.

Every trial then opens the file (rolling back SQLite's hot journal if the kill landed in a
transaction) and checks that it holds exactly one of the two states the child alternates
between: never a mix, never a damaged file, and no temporary left once it has opened (a
kill during a whole-file write leaves one; opening sweeps it). The child alternates
incremental saves onto the same file with whole-file saves (temporary file and rename),
and in `recovery` mode writes the autosave recovery file instead, which must then recover.

In `recovery-save` mode the child works as the app does: autosave the edit to the
recovery file, Save (incrementally, with a page cache so small that the transaction
writes into the file before it commits), remove the recovery file, and again. After the
kill, the recovery file must be offered exactly when the project does not hold its work,
and the recovery save (a whole file written over the project before anything opened it,
so over a hot journal) must give a file that opens and holds the recovered work.

    python tests/benchmarks/crash_store.py [--trials 100] [--size large|small]
                                           [--mode save|recovery|recovery-save|both]
                                           [--json PATH]

With `both` (the default) every fifth trial is a recovery trial.

The test suite runs a handful of small trials through `run_trial`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from workbench.core import commands as c
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.store import (
    StoreError,
    find_recovery,
    open_project,
    recover,
    recovery_path,
    save_project,
    save_project_as,
    schema,
    write_recovery,
)

if __package__:  # imported by the tests, as tests.benchmarks.<this module>
    from tests.benchmarks.synthetic import synthetic_project
else:  # run as a script (and as its own child processes): its folder is on sys.path
    from synthetic import synthetic_project

SIZES = {
    "large": {},
    "small": {"members": 30, "companies": 50, "developments": 400},
}


def make_document(size: str) -> Document:
    """State A: the synthetic project of `size`, deterministic."""
    return Document(synthetic_project(**SIZES[size]))


def edit_to_b(document: Document) -> None:
    """State B: one undoable step touching history, growth, notes and entities."""
    p = document.project
    members = [m.id for d in p.dimensions for m in d.members]
    base = p.metadata.base_year
    edits: list[c.Command] = [
        c.SetHistory(m, base - k, 1.0 + k) for k in range(3) for m in members
    ]
    edits += [c.SetNote(p.scenarios[0].id, m, base + 1, f"Checked {m}") for m in members[:50]]
    edits.append(c.ShiftGrowth(p.scenarios[-1].id, 0.01))
    edits.append(c.UpdateEntity("developments", replace(p.developments[3], text="Edited.")))
    edits.append(c.RemoveEntity("companies", p.companies[1].id))
    document.execute(c.Batch("Crash edit", edits))


def child(path: Path, size: str, mode: str) -> None:
    """Save forever, alternating states A and B; the parent kills us at some moment."""
    document = make_document(size)
    save_project_as(document, path)
    if mode == "recovery":
        write_recovery(document, path)
    if mode == "recovery-save":
        _spill_early()
    print("ready", flush=True)
    edit_to_b(document)
    for turn in itertools.count():
        if mode == "recovery-save":
            write_recovery(document, path)
            save_project(document, path)
            recovery_path(path).unlink()
        elif mode == "recovery":
            write_recovery(document, path)
        elif turn % 3 == 2:
            save_project_as(document, path)
        else:
            save_project(document, path)
        if document.can_undo:
            document.undo()
        else:
            document.redo()


def _spill_early() -> None:
    """A page cache of 20 pages: a Save's transaction writes into the file before it
    commits, as a large project's does, so a kill leaves a file that only its hot journal
    can repair."""
    configure = schema.configure

    def small_cache(connection) -> None:
        configure(connection)
        connection.execute("PRAGMA cache_size = 20")

    schema.configure = small_cache


def expected_dumps(size: str) -> tuple[str, str]:
    document = make_document(size)
    before = dump_json(document)
    edit_to_b(document)
    return before, dump_json(document)


def run_trial(
    folder: Path, size: str, mode: str, states: tuple[str, str], rng: random.Random
) -> dict:
    """One child, killed after a random delay; returns what the file held afterwards."""
    path = folder / "crash.mwp"
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", str(path), "--size", size, "--mode", mode],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError("the child did not start")
        time.sleep(rng.uniform(0.0, 0.6 if size == "small" else 2.0))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
    journal = path.with_name(path.name + "-journal").exists()
    temporary = any(folder.glob(".*.tmp"))
    if mode == "recovery-save":
        return _recovery_save(path, states) | {"hot_journal": journal, "temporary": temporary}
    try:
        document = recover(path) if mode == "recovery" else open_project(path)
    except StoreError as exc:
        return {"state": f"refused: {exc}", "hot_journal": journal, "temporary": temporary}
    dumped = dump_json(document)
    state = "A" if dumped == states[0] else "B" if dumped == states[1] else "neither"
    if any(folder.glob(".*.tmp")):
        state = "temporary left after opening"
    return {"state": state, "hot_journal": journal, "temporary": temporary}


def _state(document: Document, states: tuple[str, str]) -> str:
    dumped = dump_json(document)
    return "A" if dumped == states[0] else "B" if dumped == states[1] else "neither"


def _recovery_save(path: Path, states: tuple[str, str]) -> dict:
    """What the analyst does after the crash: restore the offered work and save it over
    the project before opening it; the project must then hold that work. When nothing
    is offered, the project itself must hold what the recovery file held."""
    recovery = recovery_path(path)
    try:
        if find_recovery(path) is None:
            saved = _state(open_project(path), states)
            held = _state(open_project(recovery), states) if recovery.exists() else saved
            return {"state": saved if held == saved else "recovery hidden", "offered": False}
        recovered = recover(path)
        save_project(recovered, path)
        reopened = open_project(path)
    except StoreError as exc:
        return {"state": f"refused: {exc}", "offered": None}
    same = dump_json(reopened) == dump_json(recovered)
    return {"state": _state(reopened, states) if same else "recovery lost", "offered": True}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--size", choices=sorted(SIZES), default="large")
    parser.add_argument(
        "--mode", choices=["save", "recovery", "recovery-save", "both"], default="both"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.size, args.mode)
        return
    states = expected_dumps(args.size)
    rng = random.Random(args.seed)
    results = []
    for trial in range(args.trials):
        mode = args.mode if args.mode != "both" else "recovery" if trial % 5 == 4 else "save"
        with tempfile.TemporaryDirectory() as folder:
            results.append(run_trial(Path(folder), args.size, mode, states, rng) | {"mode": mode})
        print(f"trial {trial + 1}: {results[-1]}", flush=True)
    summary = {
        "trials": len(results),
        "state_a": sum(r["state"] == "A" for r in results),
        "state_b": sum(r["state"] == "B" for r in results),
        "wrong": sum(r["state"] not in ("A", "B") for r in results),
        "killed_mid_transaction": sum(r["hot_journal"] for r in results),
        "killed_mid_whole_write": sum(r["temporary"] for r in results),
        "recovery_trials": sum(r["mode"] == "recovery" for r in results),
        "recovery_offered": sum(r.get("offered") is True for r in results),
    }
    print(json.dumps(summary, indent=1))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n")
    sys.exit(1 if summary["wrong"] else 0)


if __name__ == "__main__":
    main()
