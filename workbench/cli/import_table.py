"""`workbench import-table IN PROJECT [mapping options]`: bring a foreign spreadsheet in.

Detection decides what the options leave open; `--dry-run` prints the detected tables,
the mapping as options, the change summary and a preview of the resulting market tables,
and changes nothing. The decisions can be saved as a mapping file (`--save-mapping`) and
reused for next year's edition of the same source (`--mapping`); options given on the
command line override the file's choices.
"""

from __future__ import annotations

import argparse
import sys

from workbench.cli.loading import (
    CommandError,
    add_project_argument,
    check_new_target,
    existing,
    load_document,
    project_exists,
    save_document,
    wants_sample,
)
from workbench.core.document import Document
from workbench.core.measures import VOLUME, view

_PAIRS = {"group": "groups", "member": "members"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import-table",
        help="bring a foreign workbook or CSV in (years across or down, or long format)",
        description="Find the table of numbers by year in IN (xlsx, xls, ods or csv), map "
        "its rows to segments and its years to history and forecast, and apply it to "
        "PROJECT (created when missing). Every number is cited to its file, sheet and cell.",
    )
    parser.add_argument("source", metavar="IN", help="the workbook or CSV file to read")
    add_project_argument(parser, "the project file to update or create")
    _mapping_options(parser)
    parser.add_argument("--mapping", metavar="FILE", help="read the choices from a mapping file")
    parser.add_argument("--save-mapping", metavar="FILE", help="write the choices to a file")
    parser.add_argument("--dry-run", action="store_true", help="print what would happen only")
    parser.set_defaults(run=run)


def _mapping_options(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("--sheet", help="the sheet of the table (default: the first with a table)")
    add("--table", type=int, metavar="N", help="which table on the sheet, from 1 (default 1)")
    add("--dimension", metavar="NAME", help="dimension of the rows (existing or new)")
    add("--group", action="append", default=[], metavar="HEADING=DIMENSION",
        help="the dimension a block of rows under a heading belongs to (repeatable)")
    add("--member", action="append", default=[], metavar="LABEL=SEGMENT",
        help="the segment a row label means, where the default is wrong (repeatable)")
    add("--skip", action="append", default=[], metavar="LABEL", help="leave a row out")
    add("--total", metavar="LABEL", help="label of the total row")
    add("--no-total", action="store_true", help="the table has no total row")
    add("--base-year", type=int, metavar="YEAR", help="last history year of a new project")
    add("--forecast", choices=("pins", "targets", "ignore"),
        help="forecast years become pins (default), CAGR targets, or are left out")
    add("--scenario", metavar="S", help="scenario that receives forecast values")
    add("--unit", help="the source's unit, e.g. 'USD millions'")
    add("--scale", type=float, help="multiply every number by this")
    add("--rate", action="append", default=[], metavar="RATE|YEAR=RATE",
        help="currency rate: project currency per source currency (repeatable per year)")
    add("--rate-source", metavar="TEXT", help="where the rate comes from (cited)")
    add("--mode", choices=("top_down", "bottom_up"), help="default: from the total row")
    add("--title", help="title of a new project")
    add("--measure", choices=("value", "volume"),
        help="the numbers are the value (default) or the volume (subscriptions, episodes…)")
    add("--include-hidden", action="store_true",
        help="read hidden rows and columns like the others (by default they are left out)")
    add("--volume-unit", metavar="UNIT",
        help="the volume's unit, e.g. 'million subscriptions', when the project has no "
        "volume yet (it is added in the same step)")  # fmt: skip


def mapping_from(args: argparse.Namespace):
    """The mapping file's choices (if any) with the command line's options over them."""
    from workbench.ingest import Mapping

    mapping = Mapping.load(existing(args.mapping)) if args.mapping else Mapping()
    simple = ("sheet", "table", "dimension", "total", "base_year", "forecast", "scenario",
              "unit", "scale", "rate_source", "mode", "title", "measure",
              "volume_unit")  # fmt: skip
    for name in simple:
        value = getattr(args, name)
        if value is not None:
            setattr(mapping, name, value)
    if args.no_total:
        mapping.total = ""
    if args.include_hidden:
        mapping.include_hidden = True
    for option, field in _PAIRS.items():
        for pair in getattr(args, option):
            key, value = _pair(pair, f"--{option}")
            getattr(mapping, field)[key] = value
    mapping.skip.extend(args.skip)
    if args.rate:
        mapping.rate = _rates(args.rate)
    return mapping.check()


def _pair(text: str, option: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise CommandError(f"{option} takes LABEL=NAME; got {text!r}.")
    return key.strip(), value.strip()


def _rates(texts: list[str]) -> float | dict[int, float]:
    rates: dict[int, float] = {}
    for text in texts:
        year, sep, rate = text.rpartition("=")
        try:
            value = float(rate)
            rates[int(year) if sep else 0] = value
        except ValueError:
            raise CommandError(f"--rate takes RATE or YEAR=RATE; got {text!r}.") from None
    return rates[0] if list(rates) == [0] else rates


def run(args: argparse.Namespace) -> int:
    from workbench.ingest import plan, tables_in

    source = existing(args.source)
    mapping = mapping_from(args)
    target = None if wants_sample(args) else _target(args)
    exists = wants_sample(args) or (target is not None and project_exists(target))
    document = load_document(args) if exists else None
    if document is None and target is not None:
        check_new_target(target)
    made = plan(source, mapping, document.project if document else None)
    if args.save_mapping:
        mapping.save(args.save_mapping)
    if args.dry_run:
        _print_detected(tables_in(source, mapping.include_hidden))
    for line in made.summary:
        print(line)
    if args.dry_run or target is None:
        _print_preview(made)
        print("Dry run: nothing was changed.")
        return 0
    return _apply(made, document, target)


def _target(args: argparse.Namespace) -> str | None:
    """The project file; a dry run without one previews the import as a new project."""
    if args.project is None and not args.dry_run:
        raise CommandError("Name the project file to import into (or look first: --dry-run).")
    return args.project


def _apply(made, document: Document | None, target: str) -> int:
    if document is None:
        save_document(Document(made.result()), target)
        print(f"Created {target}.")
        return 0
    document.execute(made.command)
    save_document(document, target)
    print(f"Applied the import to {target}.")
    return 0


def _print_detected(tables) -> None:
    print("Tables found:")
    for table in tables:
        total = f"; total: {table.total.label!r} ({table.total.total_by})" if table.total else ""
        print(f"  {table.describe()}{total}")


def _print_preview(made) -> None:
    from workbench.cli.show import write_text
    from workbench.cli.tables import market_tables

    preview = made.preview()
    if made.resolved.mapping.measure == VOLUME:  # the volume's tables, in its unit
        preview = Document(view(preview.project, VOLUME))
    scenario = preview.project.scenarios[0].id
    if made.resolved.mapping.scenario:
        scenario = next(
            s.id for s in preview.project.scenarios
            if made.resolved.mapping.scenario in (s.id, s.name)
        )
    print("Preview:")
    write_text(market_tables(preview, scenario), sys.stdout)
