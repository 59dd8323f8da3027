"""SIGKILL at random moments while saving: the file always opens and holds state A or B.

A handful of trials here; `tests/benchmarks/crash_store.py` runs a hundred or more.
"""

from __future__ import annotations

import random

import pytest

from tests.benchmarks.crash_store import expected_dumps, run_trial


@pytest.fixture(scope="module")
def states() -> tuple[str, str]:
    return expected_dumps("small")


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4))
def test_killed_while_saving_leaves_one_of_the_two_states(tmp_path, states, seed):
    result = run_trial(tmp_path, "small", "save", states, random.Random(seed))
    assert result["state"] in ("A", "B")


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(2))
def test_killed_while_autosaving_still_recovers(tmp_path, states, seed):
    result = run_trial(tmp_path, "small", "recovery", states, random.Random(seed))
    assert result["state"] in ("A", "B")
