"""The team server behind the one store interface: the same calls as a `.mwp` file."""

from __future__ import annotations

from tests.store.support import dump_of, small_project
from workbench.core import commands as c
from workbench.core.document import Document
from workbench.store import SqliteStore, store_for
from workbench.store.postgres import ServerStore, recovery_stand_in
from workbench.store.recovery import write_recovery
from workbench.store.server_address import ServerAddress


def test_the_address_picks_the_backend(tmp_path, address):
    assert isinstance(store_for(address, tmp_path), ServerStore)
    assert isinstance(store_for(tmp_path / "a.mwp", tmp_path), SqliteStore)


def test_the_same_calls_save_open_and_recover_a_server_project(tmp_path, address):
    store = store_for(address, tmp_path)
    document = Document(small_project())
    store.save_as(document, address)
    document.execute(c.SetHistory("d0m1", 2003, 5.0))
    store.save(document, address)
    assert dump_of(store.open(address)) == dump_of(document)

    assert not store.has_recovery(address)
    document.execute(c.SetHistory("d0m1", 2004, 6.0))  # unsaved, then the app is killed
    write_recovery(document, recovery_stand_in(ServerAddress.parse(address), tmp_path))
    assert store.has_recovery(address)
    recovered = store.recover(address)
    assert recovered.is_modified and dump_of(recovered) == dump_of(document)
    store.save(recovered, address)
    store.discard_recovery(address)
    assert not store.has_recovery(address)
    assert dump_of(store.open(address)) == dump_of(document)
