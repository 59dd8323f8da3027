"""The command line with measures: `show --measure`, `check` per measure, `dump` with every
measure; numbers compared with the engine's own for the sample with its volume (paid
subscriptions, prices in USD per paid subscription).

`sample` on the command line is the value-only sample; the tests that need a volume give
the command line the sample with its volume in its place, so `workbench show sample
--measure volume` reads it.
"""

import csv
import io
import json
import subprocess
import sys

import numpy as np
import pytest

from workbench.cli import main
from workbench.core.dump import dump_json
from workbench.core.measures import PRICE, VALUE, VOLUME
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.store import save_project

TITLE = "Internet Micro Drama Market"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def with_volume(monkeypatch):
    """The sample with its volume, as the command line's `sample`."""
    document = sample_document(volume=True)
    monkeypatch.setattr("workbench.cli.loading.sample_document", lambda: document)
    return document


@pytest.fixture
def value_only(monkeypatch):
    """The sample without its volume, as the command line's `sample`."""
    document = sample_document(volume=False)
    monkeypatch.setattr("workbench.cli.loading.sample_document", lambda: document)
    return document


def test_show_volume_names_the_measure_and_unit_in_every_title(capsys, with_volume):
    code, out, err = run(capsys, "show", "sample", "--measure", "volume")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"{TITLE} — Volume, Base scenario (million paid subscriptions)"
    headers = [line for line in lines if "2025F" in line]
    assert [h.split(" (")[0] for h in headers] == [
        "Total market", "Technology", "Application", "Region"
    ]
    assert all("(Volume, million paid subscriptions)" in h for h in headers)
    total_2031 = with_volume.result("base", VOLUME).value(TOTAL, 2031)
    assert lines[3].split()[14] == f"{total_2031:,.2f}"
    assert any(line.startswith("TikTok share") for line in lines)


def test_show_value_of_a_project_with_a_volume_says_value(capsys, with_volume):
    code, out, _err = run(capsys, "show", "sample")
    assert code == 0
    assert out.splitlines()[0] == f"{TITLE} — Value, Base scenario (USD billions)"
    assert "(Value, USD billions)" in out.splitlines()[2]


def test_show_price_csv_carries_the_engine_s_prices_and_no_shares(capsys, with_volume):
    code, out, _err = run(capsys, "show", "sample", "--measure", "price", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["measure"] for r in rows} == {PRICE}  # no share, gap or scale rows
    value, volume = with_volume.result("base"), with_volume.result("base", VOLUME)
    kwai = next(r for r in rows if (r["table"], r["series"]) == ("application", "kwai"))
    expected = 1000 * value.value("kwai", 2031) / volume.value("kwai", 2031)
    assert float(kwai["2031"]) == pytest.approx(expected, rel=1e-12)
    cagr = (float(kwai["2031"]) / float(kwai["2025"])) ** (1 / 6) - 1
    assert float(kwai["cagr_2025_2031"]) == pytest.approx(cagr, rel=1e-12)


def test_show_json_of_the_volume(capsys, with_volume):
    code, out, _err = run(
        capsys, "show", "sample", "--measure", "volume", "--format", "json",
        "--scenario", "Optimistic",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert (data["measure"], data["unit"]) == (VOLUME, "million paid subscriptions")
    result = with_volume.result("optimistic", VOLUME)
    region = data["tables"][3]
    assert region["rows"][0]["values"] == [
        result.value("north-america", y) for y in range(2019, 2032)
    ]
    assert region["scale"][-1] == result.scale("region", 2031)
    price = json.loads(run(capsys, "show", "sample", "--measure", "price", "--format", "json")[1])
    assert price["unit"] == "USD per paid subscription"
    assert price["tables"][1]["gap"] is None and "shares" not in price["tables"][1]["rows"][0]


def test_a_value_only_project_shows_as_it_always_has(capsys, value_only):
    code, out, _err = run(capsys, "show", "sample", "--measure", "value")
    assert code == 0
    assert out.splitlines()[0] == f"{TITLE} — Base scenario (USD billions)"
    assert out.splitlines()[2].startswith("Total market ")
    assert out == run(capsys, "show", "sample")[1]
    data = json.loads(run(capsys, "show", "sample", "--format", "json")[1])
    assert (data["measure"], data["unit"]) == (VALUE, "USD billions")


@pytest.mark.parametrize("measure", [VOLUME, PRICE])
def test_volume_or_price_of_a_value_only_project_is_one_sentence_and_status_2(measure, tmp_path):
    path = tmp_path / "value-only.mwp"
    save_project(sample_document(volume=False), path)
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "show", str(path), "--measure", measure],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    label = "volume" if measure == VOLUME else "average price"
    assert done.stderr == (
        f"workbench: {TITLE} has no volume measure, so there is no {label} to show; "
        "it has value only.\n"
    )


def test_an_unknown_measure_is_refused_with_status_2(capsys):
    code, out, err = run(capsys, "show", "sample", "--measure", "revenue")
    assert (code, out) == (2, "")
    assert "revenue" in err and "Traceback" not in err


def test_check_reports_per_measure(capsys, with_volume):
    with_volume.project.volume.history[("tiktok", 2021)] += 1.0  # Application no longer adds up
    code, out, _err = run(capsys, "check", "sample")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("error: Volume: The 2021 history of Application adds up to")
    assert lines[-2].startswith("Value: No problems found")
    assert lines[-1].startswith("Volume: 1 error, 0 warnings")


def test_check_of_a_value_only_project_has_no_measure_lines(capsys, value_only):
    code, out, _err = run(capsys, "check", "sample")
    assert code == 0
    assert out.splitlines()[-1].startswith("No problems found")
    assert not any(line.startswith(("Value:", "Volume:")) for line in out.splitlines())


def test_dump_includes_every_measure(capsys, with_volume):
    code, out, _err = run(capsys, "dump", "sample")
    assert code == 0 and out == dump_json(with_volume)
    data = json.loads(out)
    assert data[VOLUME]["unit"] == "million paid subscriptions"
    assert data[PRICE]["factor"] == 1000.0
    shown = with_volume.result("pessimistic", PRICE).series_values("wechat")
    dumped = np.array(data[PRICE]["forecast"]["pessimistic"]["values"]["wechat"], dtype=float)
    np.testing.assert_array_equal(dumped, shown)


def test_a_saved_project_with_a_volume_shows_every_measure_from_its_file(tmp_path):
    """End to end: the file written by the store, read by a separate `workbench` process."""
    document = sample_document(volume=True)
    path = tmp_path / "with volume.mwp"
    save_project(document, path)
    outputs = {}
    for measure in (VALUE, VOLUME, PRICE):
        done = subprocess.run(
            [sys.executable, "-m", "workbench", "show", str(path), "--measure", measure,
             "--format", "json"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert (done.returncode, done.stderr) == (0, "")
        outputs[measure] = json.loads(done.stdout)
    for measure, data in outputs.items():
        total = data["tables"][0]["total"]["values"]
        assert total == document.result("base", measure).series_values(TOTAL).tolist()
    assert outputs[PRICE]["unit"] == "USD per paid subscription"
