"""Edits only a spreadsheet can make, made by LibreOffice itself: run by a Python that has
LibreOffice's `uno` bridge (the system's python3 with python3-uno), not by the tests' own.

    python3 libreoffice_edit.py SOFFICE PROFILE_URL IN.xlsx OUT.xlsx OPERATIONS_JSON

Operations, applied in order, rows and columns 0-based:
    {"op": "sort", "sheet": S, "first_row": a, "last_row": b, "last_col": c,
     "key_col": k, "descending": false}   sorts rows a..b (columns 0..c) by column k, as
                                           Data > Sort does (formulas move with their row)
    {"op": "insert_rows", "sheet": S, "row": r, "count": n}   inserts blank rows before r
Then LibreOffice recalculates everything and saves OUT.xlsx as Excel 2007-365.
"""

import json
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table import TableSortField


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 120
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def apply(doc, op):
    sheet = doc.Sheets.getByName(op["sheet"])
    if op["op"] == "sort":
        rows = sheet.getCellRangeByPosition(0, op["first_row"], op["last_col"], op["last_row"])
        field = TableSortField()
        field.Field = op["key_col"]
        field.IsAscending = not op.get("descending", False)
        fields = uno.Any("[]com.sun.star.table.TableSortField", (field,))
        rows.sort((prop("SortFields", fields), prop("ContainsHeader", False)))
    elif op["op"] == "insert_rows":
        sheet.Rows.insertByIndex(op["row"], op.get("count", 1))
    else:
        raise ValueError(op)


def main():
    soffice, profile, source, target, operations = sys.argv[1:6]
    pipe = f"workbench-edit-{id(sys)}-{time.monotonic_ns()}"
    office = subprocess.Popen(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible",
         "--norestore", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(source)
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise SystemExit(f"LibreOffice could not open {source}")
        for op in json.loads(operations):
            apply(doc, op)
        doc.calculateAll()
        save = (prop("FilterName", "Calc MS Excel 2007 XML"),)
        doc.storeToURL(uno.systemPathToFileUrl(target), save)
        doc.close(True)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office: that is the terminate working
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()


main()
