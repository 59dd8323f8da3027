"""The Assumptions sheet: one row per scenario × series with its growth method and inputs.

The forecast formulas on the value sheets point at these cells (the CAGR, K, r, the rate
of each year, the typed value of each year), so changing an assumption here changes the
forecast live in Excel, and the import reads it back as the same `Growth`.
"""

from __future__ import annotations

from workbench.core.methods import REGISTERED, codes, method, named
from workbench.core.methods.base import Parameter
from workbench.core.project import Growth, Metadata, Project
from workbench.excel.grid import Grid
from workbench.excel.layout import cell
from workbench.excel.styles import Context, header_row, write_number, write_text

SCENARIO_COL, SERIES_COL, SCENARIO_NAME_COL, SERIES_NAME_COL = 0, 1, 2, 3
METHOD_COL, RATE_COL, K_COL, R_COL, RATES_COL0 = 4, 5, 6, 7, 8
HEADER_ROW = 2
FIRST_ROW = 3
ID_HEADERS = ["Scenario id", "Series id", "Scenario", "Series", "Method"]


def manual_col(meta: Metadata, j: int) -> int:
    """The column of the j-th forecast year's typed (manual) value."""
    return RATES_COL0 + len(meta.forecast_years) + j


KEY_HEADER = "Key (scenario|series, for the formulas)"


def key_col(meta: Metadata) -> int:
    """The key column, right of the last manual value: the forecast formulas find a row
    by it, so sorting or inserting rows here changes no result."""
    return manual_col(meta, len(meta.forecast_years))


def assumption_key(scenario_id: str, series_id: str) -> str:
    """The key of a row, as its key column computes it from the two id columns."""
    return f"{scenario_id}|{series_id}"


def headers(meta: Metadata) -> list[str]:
    """Column headers, each parameter's with its unit in brackets (the reader compares the
    text before the bracket, so a changed unit is not a moved column)."""
    years = list(meta.forecast_years)
    return [
        *ID_HEADERS,
        "CAGR (% a year)",
        f"K (saturation, {meta.unit})",
        "r (S-curve rate, per year)",
        *(f"Growth {y} (%)" for y in years),
        *(f"Manual {y} ({meta.unit})" for y in years),
    ]


def assumption_rows(project: Project) -> dict[tuple[str, str], int]:
    series = project.series_ids()
    return {
        (s.id, series_id): FIRST_ROW + k * len(series) + i
        for k, s in enumerate(project.scenarios)
        for i, series_id in enumerate(series)
    }


def write_assumptions(ctx: Context, ws) -> None:
    p, f = ctx.project, ctx.formats
    meta = p.metadata
    write_text(ws, 0, 0, ctx.headed("Forecast assumptions"), f["title"])
    write_text(
        ws,
        1,
        0,
        (
            f"Method is {', '.join(codes()[:-1])} or {codes()[-1]}; only its own inputs are used "
            "(the others are grey). Rates are percentages: type 5% or 0.05."
        ),
        f["hint"],
    )
    widths = {0: 9, 1: 9, 2: 16, 3: 34, 4: 15, 5: 10, 6: 14, 7: 14}
    header_row(ws, HEADER_ROW, [*headers(meta), KEY_HEADER], f["header"], widths)
    ws.set_column(RATES_COL0, manual_col(meta, len(meta.forecast_years) - 1), 12)
    ws.set_column(key_col(meta), key_col(meta), 18, f["id"])
    ws.freeze_panes(FIRST_ROW, SERIES_NAME_COL + 1)
    for (scenario_id, series_id), row in ctx.assumption_rows.items():
        _write_row(ctx, ws, row, scenario_id, series_id)
    last = FIRST_ROW + len(ctx.assumption_rows) - 1
    if ctx.assumption_rows:
        _validate(ws, last, meta)


def _validate(ws, last: int, meta: Metadata) -> None:
    """Drop-down of methods; each parameter column accepts only numbers in its range."""
    methods = {
        "validate": "list",
        "source": list(codes()),
        "error_title": "Not a growth method",
        "error_message": f"Choose one of: {', '.join(codes())}.",
    }
    ws.data_validation(FIRST_ROW, METHOD_COL, last, METHOD_COL, methods)
    n = len(meta.forecast_years)
    spans = {
        "rate": (RATE_COL, RATE_COL),
        "k": (K_COL, K_COL),
        "r": (R_COL, R_COL),
        "rates": (RATES_COL0, RATES_COL0 + n - 1),
        "values": (manual_col(meta, 0), manual_col(meta, n - 1)),
    }
    for field, (first, end) in spans.items():
        if end >= first:
            ws.data_validation(FIRST_ROW, first, last, end, number_rule(parameter(field)))


def parameter(field: str) -> Parameter:
    """The registry's parameter held by the growth field `field`."""
    return next(p for m in REGISTERED for p in m.parameters if p.field == field)


def number_rule(parameter: Parameter) -> dict:
    """A data validation that takes numbers in the parameter's range, saying so in words."""
    low, high = parameter.low, parameter.high
    shown = (lambda v: f"{v:.0%}") if parameter.style == "percent" else (lambda v: f"{v:g}")
    if low is not None and high is not None:
        rule, words = (
            {"criteria": "between", "minimum": low, "maximum": high},
            (f"from {shown(low)} to {shown(high)}"),
        )
    elif low is not None:
        op, words = (">", "above") if parameter.exclusive else (">=", "of at least")
        rule, words = {"criteria": op, "value": low}, f"{words} {shown(low)}"
    elif high is not None:
        op, words = ("<", "below") if parameter.exclusive else ("<=", "of at most")
        rule, words = {"criteria": op, "value": high}, f"{words} {shown(high)}"
    else:
        rule, words = {"criteria": "between", "minimum": -1e300, "maximum": 1e300}, ""
    return {
        "validate": "decimal",
        **rule,
        "error_title": f"Not a valid {parameter.symbol}",
        "error_message": f"The {parameter.label} must be a number {words}".rstrip() + ".",
    }


def _write_row(ctx: Context, ws, row: int, scenario_id: str, series_id: str) -> None:
    p, f = ctx.project, ctx.formats
    meta = p.metadata
    g = p.growth_of(scenario_id, series_id)
    write_text(ws, row, SCENARIO_COL, scenario_id, f["id"])
    write_text(ws, row, SERIES_COL, series_id, f["id"])
    write_text(ws, row, SCENARIO_NAME_COL, p.scenario(scenario_id).name)
    write_text(ws, row, SERIES_NAME_COL, ctx.series_label(series_id))
    key = f"={cell(row, SCENARIO_COL)}&\"|\"&{cell(row, SERIES_COL)}"
    ws.write_formula(row, key_col(meta), key, f["id"], assumption_key(scenario_id, series_id))
    used = {parameter.field for parameter in method(g.method).parameters}

    def style(field: str, name: str):
        return f[name] if field in used else f[f"unused_{name.removeprefix('input_')}"]

    write_text(ws, row, METHOD_COL, g.method, f["input_text"])
    write_number(ws, row, RATE_COL, g.rate, style("rate", "input_rate"))
    write_number(ws, row, K_COL, g.k, style("k", "input_number"))
    write_number(ws, row, R_COL, g.r, style("r", "input_plain"))
    for j, year in enumerate(meta.forecast_years):
        write_number(ws, row, RATES_COL0 + j, g.rates.get(year), style("rates", "input_rate"))
        write_number(
            ws, row, manual_col(meta, j), g.values.get(year), style("values", "input_number")
        )


def check_headers(grid: Grid, row: int, expected: list[str]) -> None:
    """A moved or removed column is refused at its header, before any value is read; a
    header is compared by its text before any bracket (where units and notes go)."""
    for col, label in enumerate(expected):
        found = grid.text(row, col) if grid.get(row, col)[1] != "f" else None
        if found is None or _stem(found) != _stem(label):
            raise grid.error(
                row, col, f"expected the column {label!r} here; a column was removed or moved."
            )


def _stem(header: str) -> str:
    return header.split(" (", 1)[0].strip()


def read_assumptions(
    grid: Grid, target: Project, retired: set[str] = frozenset()
) -> dict[tuple[str, str], tuple[Growth, int]]:
    """Every assumption row as (Growth, row index), keyed by (scenario id, series id); rows
    of `retired` segments or scenarios (removed elsewhere in the workbook) go with them."""
    meta = target.metadata
    check_headers(grid, HEADER_ROW, headers(meta))
    scenarios = {s.id for s in target.scenarios}
    series = set(target.series_ids())
    out: dict[tuple[str, str], tuple[Growth, int]] = {}
    for row in range(FIRST_ROW, len(grid)):
        if grid.row_is_blank(row):
            continue
        scenario_id, series_id = grid.text(row, SCENARIO_COL), grid.text(row, SERIES_COL)
        if scenario_id in retired or series_id in retired:
            continue
        if scenario_id not in scenarios:
            raise grid.error(
                row, SCENARIO_COL, f"{scenario_id!r} is not a scenario id of this workbook."
            )
        if series_id not in series:
            raise grid.error(row, SERIES_COL, f"{series_id!r} is not a series id of this workbook.")
        if (scenario_id, series_id) in out:
            raise grid.error(
                row, SERIES_COL, f"a second row for {series_id!r} in scenario {scenario_id!r}."
            )
        out[(scenario_id, series_id)] = (_read_growth(grid, row, meta), row)
    return out


def _read_growth(grid: Grid, row: int, meta: Metadata) -> Growth:
    typed = grid.text(row, METHOD_COL).strip()
    method = named(typed) or typed  # the label the app shows ("Gompertz") means its code
    if method not in codes():
        raise grid.error(
            row, METHOD_COL, f"{method!r} is not a growth method; use one of {', '.join(codes())}."
        )
    years = list(meta.forecast_years)
    rates = {y: grid.number(row, RATES_COL0 + j) for j, y in enumerate(years)}
    values = {y: grid.number(row, manual_col(meta, j)) for j, y in enumerate(years)}
    rate, k, r = (grid.number(row, col) for col in (RATE_COL, K_COL, R_COL))
    return Growth(
        method,
        rate=0.0 if rate is None else rate,
        rates={y: v for y, v in rates.items() if v is not None},
        k=k,
        r=r,
        values={y: v for y, v in values.items() if v is not None},
    )


def growth_cell(meta: Metadata, row: int, part: str, year: int | None = None) -> int:
    """The column of one part (a `Growth` field) of a growth row: where the formulas read
    it and where the change summary points."""
    fixed = {"method": METHOD_COL, "rate": RATE_COL, "k": K_COL, "r": R_COL}
    if part in fixed:
        return fixed[part]
    j = year - meta.base_year - 1
    return RATES_COL0 + j if part == "rates" else manual_col(meta, j)
