"""A small run of the concurrency script: saves land or are refused, and none is lost."""

from __future__ import annotations

from tests.benchmarks.concurrency_server import run


def test_concurrent_saves_land_or_are_refused_and_none_is_lost(cluster, tmp_path):
    figures = run(cluster.url(), processes=3, edits=45, folder=tmp_path)
    assert figures["errors"] == 0, figures["error_samples"]
    assert figures["lost_updates"] == 0
    assert figures["revisions_in_order"]
    assert figures["saves_landed"] + figures["saves_refused"] == 45
    assert figures["saves_landed"] >= 3
