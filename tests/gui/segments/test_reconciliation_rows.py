"""The honest rows (unreconciled gap, scale) and the typed-rate notice, as the table shows
them. Project of the conftest: 2022 total 15 (Alpha 9, Beta 6); everything grows 10 %."""

from PySide6.QtCore import Qt

from workbench.core.commands import SetGrowth, SetPin
from workbench.core.project import Growth

from .conftest import cell, shown

GAP, SCALE = "Unreconciled: Σ projected − total", "Scale of free segments"


def tooltip(page, row: str, column: str) -> str:
    return page.model.data(cell(page, row, column), Qt.ItemDataRole.ToolTipRole)


def test_the_scale_row_shows_the_free_segments_factor_and_says_what_it_is(page, bridge):
    bridge.execute(SetPin("base", "a", 2023, 11.0))
    # Beta (projected 6.6) is scaled to 16.5 − 11 = 5.5: × 5.5 / 6.6.
    assert shown(page, SCALE, "2023F") == f"× {5.5 / 6.6:.4f}"
    assert shown(page, SCALE, "2022") == ""
    assert shown(page, GAP, "2023F") == "1.10"
    assert "free segments (not pinned or held) are multiplied by 0.833333" in tooltip(
        page, SCALE, "2023F"
    )
    assert "before reconciliation" in tooltip(page, GAP, "2023F")


def test_a_typed_rate_that_reconciliation_bends_says_so(page, bridge):
    assert shown(page, "Alpha", "Rate") == "10.0 %"
    bridge.execute(SetGrowth("base", "a", Growth("cagr", 0.2)))
    text = shown(page, "Alpha", "Rate")
    assert text.startswith("20.0 % · shown ") and text != "20.0 % · shown 20.0 %"
    tip = tooltip(page, "Alpha", "Rate")
    assert tip.startswith("Typed CAGR 20.0 %, shown CAGR 2023–2025 ")
    assert "reconciliation scales the free segments of Technology" in tip


def test_an_impossible_year_is_blank_in_the_scale_row_with_the_reason(page, bridge):
    bridge.execute(SetPin("base", "a", 2024, 30.0))  # above the 2024 total of 18.15
    assert shown(page, SCALE, "2024F") == ""
    assert tooltip(page, SCALE, "2024F") == (
        "Technology is not reconciled in 2024: the pinned and held segments add up to more "
        "than the total."
    )
    assert shown(page, "Alpha", "2024F") == "30.00"


def test_the_inspector_says_why_a_typed_rate_is_not_the_shown_cagr(bridge):
    from workbench.gui.inspector import describe

    assert describe(bridge, ("base", "a", 2024))["Growth"] == (
        "Typed CAGR 10.0 %; the numbers shown grow at it (2023–2025)."
    )
    bridge.execute(SetGrowth("base", "a", Growth("cagr", 0.2)))
    words = describe(bridge, ("base", "a", 2024))["Growth"]
    assert words.startswith("Typed CAGR 20.0 %, shown CAGR 2023–2025 ")
    assert words.endswith("the segment keeps its share of the scaled sum, not its own growth.")


def test_a_gap_too_small_to_matter_reads_whole_in_a_year_column(page, bridge):
    """A pin 0.0000458 off the total's share leaves a muted gap; the column shows it with one
    significant digit (the sample's Technology 2025 showed "-0.000…" elided), the tooltip
    the reason; a real gap keeps two decimals, float residue reads as zero."""
    bridge.execute(SetGrowth("base", "a", Growth("cagr", 0.1 - 0.0000458 / 9)))
    assert shown(page, GAP, "2023F") == "-0.00005"
    assert shown(page, GAP, "2022") == "0.00"
    bridge.execute(SetPin("base", "a", 2023, 11.0))
    assert shown(page, GAP, "2023F") == "1.10"
