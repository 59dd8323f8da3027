"""Every exported formula uses only functions that Excel 2010+ and LibreOffice 7.4 both
know: no XLOOKUP, LET, FILTER or SEQUENCE, which an older Excel shows as #NAME?."""

import re
import zipfile

from tests.excel.volumes import with_volume
from workbench.core.document import Document
from workbench.core.methods import REGISTERED
from workbench.core.project import Growth
from workbench.core.sample import sample_document

CLASSIC = {
    "ABS", "AND", "AVERAGE", "COUNT", "EXP", "IF", "IFERROR", "INDEX", "ISBLANK", "ISERROR",
    "ISNUMBER", "LN", "LOG", "MATCH", "MAX", "MIN", "NA", "NOT", "OR", "POWER", "ROUND", "ROWS",
    "SQRT", "SUM", "SUMPRODUCT",
}  # fmt: skip
"""Functions both spreadsheets have known for over a decade (Excel 2010, LibreOffice 7.4)."""

FORMULA = re.compile(rb'<c r="([A-Z]+\d+)"[^>]*><f>(.*?)</f>')
QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
"""Sheet names and text literals, which may hold anything that looks like a call."""
CALL = re.compile(r"([A-Z][A-Z0-9._]*)\(")


def functions_in(path) -> dict[str, str]:
    """Each function name used by a formula, with one cell ("Sheet3!D7") that uses it."""
    found: dict[str, str] = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/sheet"):
                continue
            for ref, formula in FORMULA.findall(archive.read(name)):
                text = QUOTED.sub("", formula.decode())
                for function in CALL.findall(text):
                    found.setdefault(function, f"{name.rsplit('/', 1)[-1]}!{ref.decode()}")
    return found


def every_method(document: Document) -> Document:
    """The sample with each growth method used by some series, so each formula is there."""
    project = document.project
    scenario = project.scenarios[0].id
    members = [m.id for d in project.dimensions for m in d.members]
    for method, member in zip(REGISTERED, members, strict=False):
        current = project.growth_of(scenario, member)
        k = 10 * max(1.0, project.history.get((member, project.metadata.base_year), 1.0))
        project.growth[(scenario, member)] = Growth(
            method.code, current.rate, current.rates, k, 0.3, current.values
        )
    return Document(project)


def test_every_exported_formula_uses_classic_functions_only(exported):
    path = exported(every_method(sample_document()))
    found = functions_in(path)
    assert {"IF", "SUM", "NA", "EXP", "INDEX", "MATCH"} <= set(found), found  # every kind
    newer = {f: cell for f, cell in found.items() if f not in CLASSIC}
    assert not newer, f"functions an older Excel or LibreOffice lacks: {newer}"


def test_the_volume_and_price_sheets_use_classic_functions_only(exported):
    found = functions_in(exported(with_volume(every_method(sample_document(volume=False)))))
    newer = {f: cell for f, cell in found.items() if f not in CLASSIC}
    assert not newer, f"functions an older Excel or LibreOffice lacks: {newer}"
