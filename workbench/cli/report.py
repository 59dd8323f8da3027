"""`workbench report PROJECT OUT.pdf|OUT.docx [--scenario S]`: the market report.

The report's template is read from beside the project (`NAME.report.json`) unless
`--template` names another. Progress goes to stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.loading import CommandError, add_project_argument, load_document, wants_sample


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write the market report (.pdf or .docx)",
        description="Write the market report of the project as PDF or Word (DOCX): executive "
        "summary, trends and forecast, one chapter per dimension, competitors, drivers and "
        "challenges, five forces, key questions, growth opportunities, sources.",
    )
    add_project_argument(parser, "a project file, or 'sample'")
    parser.add_argument("out", metavar="OUT.pdf|OUT.docx", help="the report to write")
    parser.add_argument("--scenario", metavar="S",
                        help="scenario id or name (default: the first), or 'all' for every "
                        "scenario with a comparison chapter")
    parser.add_argument("--template", metavar="JSON", help="report template (default: "
                        "PROJECT.report.json beside the project, when there is one)")
    parser.add_argument("--publisher", default="", help="publisher name on the cover")
    parser.add_argument("--logo", metavar="IMAGE", help="a PNG or JPEG logo for the cover")
    parser.add_argument("--without", metavar="CHAPTER", action="append", default=[],
                        help="leave a chapter out (repeatable), e.g. company-profiles")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from workbench.report import FORMATS, ReportOptions, load_template, template_path, write_report

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        raise CommandError(f"{args.out} must end in .pdf or .docx.")
    document = load_document(args)
    template = _template(args, load_template, template_path)
    logo = Path(args.logo) if args.logo else None
    if logo is not None and not logo.is_file():
        raise CommandError(f"There is no logo file {args.logo}.")
    options = ReportOptions(args.scenario, frozenset(args.without), logo, args.publisher,
                            template)
    write_report(document, out, options, _progress() if sys.stderr.isatty() else None)
    print(f"Wrote {args.out}.")
    return 0


def _template(args, load_template, template_path):
    if args.template:
        path = Path(args.template)
        if not path.is_file():
            raise CommandError(f"There is no report template {args.template}.")
        return load_template(path)
    if wants_sample(args) or args.project is None:
        return load_template(Path("/nonexistent"))
    return load_template(template_path(Path(args.project)))


def _progress():
    def show(done: int, total: int) -> bool:
        sys.stderr.write(f"\rWriting the report… {100 * done // max(total, 1)} %")
        if done >= total:
            sys.stderr.write("\n")
        return True

    return show
