"""The address of a project on a team server: `postgresql://user@host:port/db#project`.

It lives beside the file store, not inside the server backend, because it is what picks
the backend: checking an address never loads the PostgreSQL driver.

The part before `#` is a libpq connection URI, handed to the driver as is (so a service
file, `.pgpass`, `PGPASSWORD` and the other libpq conventions work unchanged); the part
after it names the project. Addresses are shown and remembered without their password:
passwords belong in libpq's password file, never in the app's settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from workbench.store.errors import StoreError

SCHEMES = ("postgresql://", "postgres://")


def is_server_address(text: str | object) -> bool:
    """True when `text` names a project (or a server) rather than a local file."""
    return isinstance(text, str) and text.lower().startswith(SCHEMES)


@dataclass(frozen=True)
class ServerAddress:
    """A server (`conninfo`, a libpq URI) and a project name on it."""

    conninfo: str
    project: str

    @classmethod
    def parse(cls, text: str, need_project: bool = True) -> ServerAddress:
        """`postgresql://…/db#project`; the project is percent-decoded (`%23` is a `#`)."""
        if not is_server_address(text):
            raise StoreError(f"{text!r} is not a server address (postgresql://user@host/db#project).")
        conninfo, _hash, fragment = text.partition("#")
        project = unquote(fragment)
        if need_project and not project.strip():
            raise StoreError(
                f"The address {server_text(conninfo)} names no project: add #project-name."
            )
        return cls(conninfo, project)

    @property
    def server(self) -> str:
        """The server part, without any password: safe to show and to remember."""
        return server_text(self.conninfo)

    def with_project(self, project: str) -> ServerAddress:
        return ServerAddress(self.conninfo, project)

    def __str__(self) -> str:
        return f"{self.server}#{self.project}"


def server_text(conninfo: str) -> str:
    """A libpq URI with the password taken out (user@host:port/db?options stay)."""
    parts = urlsplit(conninfo)
    if parts.password is None:
        return conninfo
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}" if user else host))
