"""Concurrency on a team server: 8 processes, 1,000 random edits and saves on one project.

Run `python tests/benchmarks/concurrency_server.py [--processes 8] [--edits 1000]
[--server postgresql://…/db] [--json PATH]`. Without --server a throwaway PostgreSQL is
started in a temporary folder (as `tests/server` does) and stopped at the end.

Each process opens the project and, in turn, edits a random cell (history values and
cell notes, drawn from a small set of cells so that saves collide) and saves. A save
either lands (a new revision) or is refused because someone saved since; after a refusal
the process reloads, re-applies its own unsaved edits on top (keeping its own values
where both changed a cell) and goes on: its next save carries them. Every process logs,
per landed save, the revision and the values it wrote.

Checked at the end: the revisions that landed are exactly 2..N+1, each once; the final
project equals the initial one with every landed save's values replayed in revision
order (a lost update would differ); and no error other than refusals happened.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import sys
import time
from pathlib import Path

from workbench.core import commands as c
from workbench.core.document import Document

if __package__:  # imported by the tests, as tests.benchmarks.<this module>
    from tests.benchmarks.synthetic import synthetic_project
else:  # run as a script (and as its own child processes): its folder is on sys.path
    from synthetic import synthetic_project

PROJECT = "concurrency"


def initial_project():
    return synthetic_project(dimensions=2, members=6, scenarios=2, years=12, companies=5,
                             developments=20)


def cells(project, count: int = 24) -> list[tuple[str, int]]:
    """The cells every process edits: few enough that saves often collide."""
    return sorted(project.history)[:count]


def worker(address: str, seed: int, edits: int, out: str) -> None:
    """Edit and save `edits` times; write what landed to `out` as JSON."""
    from workbench.store.postgres import (
        SaveConflict,
        open_server_project,
        reapply,
        save_to_server,
    )

    rng = random.Random(seed)
    document = open_server_project(address)
    targets = cells(document.project)
    pending: dict[str, list] = {}
    log = {"landed": [], "refused": 0, "errors": [], "save_ms": []}
    for _ in range(edits):
        series, year = rng.choice(targets)
        if rng.random() < 0.8:
            value = round(rng.uniform(1, 1000), 3)
            document.execute(c.SetHistory(series, year, value))
            pending[f"history|{series}|{year}"] = ["history", series, year, value]
        else:
            text = f"note {seed}-{rng.randrange(10**6)}"
            document.execute(c.SetNote("", series, year, text))
            pending[f"notes|{series}|{year}"] = ["notes", series, year, text]
        started = time.perf_counter()
        try:
            revision = save_to_server(document)
        except SaveConflict:
            log["refused"] += 1
            again = reapply(document)
            again.keep_mine(again.conflicts)
            document = again.document
            continue
        except Exception as exc:  # every other failure is a finding of this script
            log["errors"].append(f"{type(exc).__name__}: {exc}")
            continue
        log["save_ms"].append((time.perf_counter() - started) * 1000)
        log["landed"].append([revision, list(pending.values())])
        pending = {}
    Path(out).write_text(json.dumps(log))


def replay(landed: list) -> Document:
    """The initial project with every landed save's values applied in revision order."""
    document = Document(initial_project())
    for _revision, values in sorted(landed, key=lambda entry: entry[0]):
        for field, series, year, value in values:
            if field == "history":
                document.execute(c.SetHistory(series, year, value))
            else:
                document.execute(c.SetNote("", series, year, value))
    return document


def run(server: str, processes: int, edits: int, folder: Path) -> dict:
    from workbench.core.dump import dump_json
    from workbench.store.postgres import open_server_project, save_to_server

    address = f"{server}#{PROJECT}-{int(time.time() * 1000)}"
    save_to_server(Document(initial_project()), address)
    share = [edits // processes + (i < edits % processes) for i in range(processes)]
    context = multiprocessing.get_context("spawn")
    started = time.perf_counter()
    jobs = [
        context.Process(target=worker, args=(address, i, share[i], str(folder / f"{i}.json")))
        for i in range(processes)
    ]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
    seconds = time.perf_counter() - started
    logs = [json.loads((folder / f"{i}.json").read_text()) for i in range(processes)
            if (folder / f"{i}.json").exists()]
    landed = [entry for log in logs for entry in log["landed"]]
    revisions = sorted(entry[0] for entry in landed)
    final = open_server_project(address)
    errors = [e for log in logs for e in log["errors"]]
    errors += [f"process {i} exited with {job.exitcode}" for i, job in enumerate(jobs)
               if job.exitcode != 0]
    return {
        "processes": processes,
        "edits": edits,
        "saves_landed": len(landed),
        "saves_refused": sum(log["refused"] for log in logs),
        "revisions_in_order": revisions == list(range(2, len(landed) + 2)),
        "lost_updates": 0 if dump_json(final) == dump_json(replay(landed)) else 1,
        "errors": len(errors),
        "error_samples": errors[:5],
        "seconds": round(seconds, 2),
        "save_ms_median": round(statistics.median(
            [ms for log in logs for ms in log["save_ms"]] or [0.0]), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--server", help="postgresql://user@host:port/db (default: a new one)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    import tempfile

    from tests.server.cluster import Cluster

    cluster = None if args.server else Cluster().start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            figures = run(args.server or cluster.url(), args.processes, args.edits, Path(folder))
    finally:
        if cluster is not None:
            cluster.stop()
    for key, value in figures.items():
        print(f"{key:22} {value}")
    if args.json:
        Path(args.json).write_text(json.dumps({"benchmark": "concurrency_server",
                                               "figures": figures}, indent=1))
    ok = figures["lost_updates"] == 0 and figures["errors"] == 0
    return 0 if ok and figures["revisions_in_order"] else 1


if __name__ == "__main__":
    sys.exit(main())
