"""A real, throwaway PostgreSQL server in a temporary folder, for tests and benchmarks.

`initdb` and `pg_ctl` refuse to run as root, and CI runs as root: then they run as the
`postgres` user (`runuser`) in a folder it owns, created directly under the system's
temporary folder (pytest's own folders are private to root). The server listens on
127.0.0.1 at a port chosen free at start, and on a socket inside the folder only.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql


def _binaries() -> Path:
    """Debian keeps the server's programs off PATH, one folder per major version (15 here)."""
    if os.environ.get("WORKBENCH_PG_BIN"):
        return Path(os.environ["WORKBENCH_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


BIN = _binaries()
DATABASE = "workbench"


def missing_binaries() -> str | None:
    """Why a server cannot be started here, or None when it can."""
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not (BIN / tool).exists():
            return f"PostgreSQL server binaries are not installed ({BIN / tool} is missing)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, and there is no 'postgres' user to run the server as"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """One server: `start()`, `url(user)`, `admin()`, `kill()`, `restart()`, `stop()`."""

    def __init__(self, fsync: bool = False) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.fsync = fsync
        self._as_postgres = os.geteuid() == 0
        self._watchdogs: list[subprocess.Popen] = []
        if self._as_postgres:
            entry = pwd.getpwnam("postgres")
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self._as_postgres else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)

    def start(self) -> Cluster:
        if not self.data.exists():
            self._run(str(BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                      "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
                   f" -c fsync={'on' if self.fsync else 'off'} -c max_connections=60")
        self._run(str(BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
                  "-w", "-t", "60", "-o", options, "start")
        self._watch()
        with self.admin("postgres") as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)
            ).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
        return self

    def _watch(self) -> None:
        """A watchdog that stops the server if this process dies without stopping it (a
        test that aborts the interpreter, a SIGKILL), so no server outlives its tests."""
        prefix = ["runuser", "-u", "postgres", "--"] if self._as_postgres else []
        stop = [*prefix, str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]
        self._watchdogs.append(subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(self.folder), *stop],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        ))

    def url(self, user: str = "postgres", project: str | None = None) -> str:
        base = f"postgresql://{user}@127.0.0.1:{self.port}/{DATABASE}"
        return base if project is None else f"{base}#{project}"

    def admin(self, database: str = DATABASE) -> psycopg.Connection:
        """A superuser connection (autocommit) for setting up roles and watching sessions."""
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=database, autocommit=True
        )

    def add_user(self, name: str) -> None:
        with self.admin() as connection:
            connection.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def kill(self) -> None:
        """SIGKILL the server and every process of it, as a power cut would stop them."""
        master = self.postmaster_pid()
        children = [pid for pid in _pids() if _parent(pid) == master]
        for pid in [master, *children]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in [master, *children]) and time.monotonic() < deadline:
            time.sleep(0.05)

    def restart(self) -> None:
        """Start again after `kill`: PostgreSQL recovers from its write-ahead log.

        The killed server's lock files go first: its process may linger as a zombie that
        no one reaps (in a container), which the new server would take for a live one."""
        (self.data / "postmaster.pid").unlink(missing_ok=True)
        for lock in self.folder.glob(".s.PGSQL.*.lock"):
            lock.unlink()
        self.start()

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._run(str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                      "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
        for watchdog in self._watchdogs:  # each sees the folder gone within a second
            with contextlib.suppress(subprocess.TimeoutExpired):
                watchdog.wait(10)


_WATCHDOG = """
import os, shutil, subprocess, sys, time
owner, folder, stop = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
while os.path.isdir(folder) and os.path.exists(f"/proc/{owner}"):
    time.sleep(1)
if os.path.isdir(folder):
    subprocess.run(stop, capture_output=True, timeout=60)
    shutil.rmtree(folder, ignore_errors=True)
"""


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rpartition(")")[2].split()[1])


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"
