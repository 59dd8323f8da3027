"""The DOCX writer (python-docx): Word's own styles, so the analyst can edit and restyle.

Chapters are "Heading 1", sections "Heading 2", bullets "List Bullet", captions
"Caption", tables "Table Grid" with a repeated header row. The contents lists every
chapter in "TOC 1" paragraphs, each with a PAGEREF field to a bookmark on its chapter
heading: LibreOffice computes those pages as it lays the document out, and Word updates
them on opening (the file asks it to). A Word TOC field would not do: both show its
stored text, which python-docx cannot fill with pages it never lays out. Charts are
PNGs at 300 dpi, full text width.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from xml.sax.saxutils import escape

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from workbench.report import charts
from workbench.report.model import Chart, Heading, Para, Report, Table
from workbench.report.template import Template

CHART_DPI = 300
WIDTH_CM = 16.0
CELL_HALF_POINTS = 15  # table cells in 7.5 pt
CHAR_CM, MARGINS_CM = 0.2, 0.5  # a 7.5 pt character (bold digits), Word's cell margins
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write_docx(report: Report, target, step: Callable[[], None] = lambda: None) -> None:
    """Write `report` as DOCX to a path or binary file; `step()` after each chart."""
    t = report.template
    document = docx.Document()
    _page(document, t)
    _styles(document, t)
    _cover(document, report)
    _contents(document, report)
    for chapter in report.chapters:
        heading = document.add_paragraph(chapter.title, style="Heading 1")
        heading.paragraph_format.page_break_before = True
        _bookmark(heading, _bookmark_name(chapter.key))
        for block in chapter.blocks:
            _block(document, block, t, step)
    _update_fields_on_open(document)
    document.save(target)


def _page(document, t: Template) -> None:
    section = document.sections[0]
    if t.page_size == "Letter":
        section.page_width, section.page_height = Cm(21.59), Cm(27.94)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")


def _styles(document, t: Template) -> None:
    accent = RGBColor.from_string(t.accent.lstrip("#").upper())
    styles = document.styles
    styles["Normal"].font.name = "DejaVu Sans"
    styles["Normal"].font.size = Pt(t.font_size)
    for name, factor in (("Title", 2.8), ("Heading 1", 1.8), ("Heading 2", 1.25)):
        styles[name].font.color.rgb = accent
        styles[name].font.size = Pt(t.font_size * factor)
        styles[name].font.name = "DejaVu Sans"
    if "TOC 1" not in [s.name for s in styles]:
        toc = styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = styles["Normal"]
        toc.paragraph_format.tab_stops.add_tab_stop(Cm(WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT,
                                                    WD_TAB_LEADER.DOTS)
        toc.paragraph_format.space_after = Pt(3)


def _cover(document, report: Report) -> None:
    c = report.cover
    if c.logo:
        document.add_picture(io.BytesIO(c.logo), height=Cm(2.5))
    for _ in range(4):
        document.add_paragraph()
    document.add_paragraph(c.title, style="Title")
    document.add_paragraph(c.subtitle, style="Subtitle")
    for line in c.scope:
        document.add_paragraph(line)
    document.add_paragraph(c.edition)
    if c.publisher:
        p = document.add_paragraph("Published by ")
        p.add_run(c.publisher).bold = True
    if c.note:
        document.add_paragraph(c.note).runs[0].italic = True


def _contents(document, report: Report) -> None:
    """The chapters with live page references, written out (see the module's docstring)."""
    heading = document.add_paragraph("Contents", style="TOC Heading")
    heading.paragraph_format.page_break_before = True
    for chapter in report.chapters:
        p = document.add_paragraph(style="TOC 1")
        p.add_run(chapter.title)
        p.add_run("\t")
        _field(p, f"PAGEREF {_bookmark_name(chapter.key)} \\h", "")


def _block(document, block, t: Template, step) -> None:
    if isinstance(block, Para):
        style = _style(document, "List Bullet") if block.style == "bullet" else None
        p = document.add_paragraph(style=style)
        for run in block.runs:
            r = p.add_run(_clean(run.text))  # text as text: nothing is markup
            r.bold, r.italic = run.bold or None, run.italic or None
        if block.style == "lead":
            p.runs and setattr(p.runs[0].font, "size", Pt(t.font_size * 1.1))
        elif block.style == "note":
            for r in p.runs:
                r.italic, r.font.color.rgb = True, RGBColor(0x66, 0x66, 0x66)
    elif isinstance(block, Heading):
        document.add_paragraph(_clean(block.text), style=_style(document, "Heading 2"))
    elif isinstance(block, Table):
        _table(document, block)
    else:
        assert isinstance(block, Chart)
        picture = document.add_paragraph()
        picture.paragraph_format.keep_with_next = True  # the caption never starts a page
        picture.add_run().add_picture(io.BytesIO(charts.png(block.spec, t.palette, CHART_DPI)),
                                      width=Cm(WIDTH_CM))
        document.add_paragraph(block.label, style=_style(document, "Caption"))
        step()


def _style(document, name: str):
    """A style object by name, looked up once per document (a name look-up is slow)."""
    cache = document.__dict__.setdefault("_workbench_styles", {})
    if name not in cache:
        cache[name] = document.styles[name]
    return cache[name]


def _table(document, table: Table) -> None:
    caption = document.add_paragraph(_clean(table.label), style=_style(document, "Caption"))
    caption.paragraph_format.keep_with_next = True
    grid = document.add_table(rows=1, cols=len(table.header), style="Table Grid")
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    _fill_row(grid.rows[0].cells, table.header, table.align, bold=True, size=7.5)
    _repeat_header(grid.rows[0])
    for i, width in enumerate(_column_widths(table)):
        grid.columns[i].width = width
        grid.rows[0].cells[i].width = width
    body = "".join(_row_xml(row, table.align, i in table.emphasis)
                   for i, row in enumerate(table.rows))
    if body:  # the rows as one parsed block: python-docx's per-cell API is far slower
        for row in parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>"):
            grid._tbl.append(row)
    if table.note:
        document.add_paragraph(table.note).runs[0].italic = True
    document.add_paragraph()


def _fill_row(cells, texts, align, bold: bool, size: float) -> None:
    for cell, text, a in zip(cells, texts, align, strict=True):
        p = cell.paragraphs[0]
        run = p.add_run(text)
        run.bold = bold or None
        run.font.size = Pt(size)
        if a == "r":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _column_widths(table: Table) -> list:
    """Each column as wide as its longest text (its header's longest word at least) plus
    Word's cell margins; when that is too wide, the text columns give up room first (they
    wrap), so numbers never do."""
    natural = []
    for i, head in enumerate(table.header):
        longest = max([len(w) for w in head.split()] + [len(r[i]) for r in table.rows[:300]])
        natural.append(longest * CHAR_CM + MARGINS_CM)
    excess = sum(natural) - WIDTH_CM
    text = [i for i, a in enumerate(table.align) if a == "l"]
    if excess > 0 and text:
        room = sum(natural[i] for i in text)
        for i in text:
            natural[i] = max(2.5, natural[i] - excess * natural[i] / room)
    scale = min(1.0, WIDTH_CM / sum(natural))
    return [Cm(w * scale) for w in natural]


def _row_xml(texts, align, bold: bool) -> str:
    """One body row as WordprocessingML, every text escaped (nothing typed is markup)."""
    weight = "<w:b/>" if bold else ""
    cells = []
    for text, a in zip(texts, align, strict=True):
        justify = '<w:pPr><w:jc w:val="right"/></w:pPr>' if a == "r" else ""
        cells.append(
            f"<w:tc><w:p>{justify}<w:r><w:rPr>{weight}<w:sz w:val=\"{CELL_HALF_POINTS}\"/>"
            f"</w:rPr><w:t xml:space=\"preserve\">{xml_text(text)}</w:t></w:r></w:p></w:tc>"
        )
    return f"<w:tr>{''.join(cells)}</w:tr>"


def xml_text(text: str) -> str:
    """Text for an XML text node: escaped, and without the control characters XML forbids."""
    return escape(_clean(text))


def _clean(text: str) -> str:
    """`text` without the control characters XML forbids (a pasted \\x0c, say)."""
    return _FORBIDDEN.sub("", text)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


# -- fields and bookmarks -------------------------------------------------------------------


def _bookmark_name(key: str) -> str:
    return "_Toc_" + "".join(ch if ch.isalnum() else "_" for ch in key)[:34]


_bookmark_ids = iter(range(1, 1_000_000))


def _bookmark(paragraph, name: str) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(next(_bookmark_ids)))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), start.get(qn("w:id")))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def _char(paragraph, kind: str) -> None:
    run = paragraph.add_run()
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run._r.append(element)


def _instruction(paragraph, code: str) -> None:
    run = paragraph.add_run()
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = f" {code} "
    run._r.append(element)


def _field_begin(paragraph, code: str) -> None:
    _char(paragraph, "begin")
    _instruction(paragraph, code)
    _char(paragraph, "separate")


def _field_end(paragraph) -> None:
    _char(paragraph, "end")


def _field(paragraph, code: str, shown: str) -> None:
    _field_begin(paragraph, code)
    paragraph.add_run(shown)
    _field_end(paragraph)


def _update_fields_on_open(document) -> None:
    """Ask Word to refresh the TOC's page numbers when the file is opened."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)

