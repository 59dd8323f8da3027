"""The PDF writer (ReportLab): cover, contents with page numbers, numbered figures and
tables, page numbers, vector charts.

ReportLab's platypus lays out flowing text, splits long tables across pages with their
header repeated, and its two-pass `multiBuild` fills the table of contents with the pages
the chapters really start on. Charts arrive as SVG from matplotlib and are converted to
ReportLab drawings by svglib, so they stay vector graphics with real text in the PDF.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents
from svglib.svglib import svg2rlg

from workbench.report import charts, fonts
from workbench.report.model import Chart, Heading, Para, Report, Table
from workbench.report.template import Template

MARGIN = 2.0 * cm


class _Styles:
    """Paragraph styles from the template: one place for sizes, fonts and the accent."""

    def __init__(self, t: Template, width: float) -> None:
        self.width = width
        family, bold = fonts.register(), fonts.face(bold=True)
        size = t.font_size
        accent = colors.HexColor(t.accent)
        base = ParagraphStyle("body", fontName=family, fontSize=size, leading=size * 1.35,
                              spaceAfter=size * 0.5, alignment=TA_LEFT)
        self.body = base
        self.lead = ParagraphStyle("lead", base, fontSize=size * 1.1, leading=size * 1.5)
        self.note = ParagraphStyle("note", base, fontSize=size * 0.85, textColor=colors.grey)
        self.bullet = ParagraphStyle("bullet", base, leftIndent=12, bulletIndent=2)
        self.h1 = ParagraphStyle("h1", base, fontName=bold, fontSize=size * 1.9,
                                 leading=size * 2.3, textColor=accent, spaceAfter=size)
        self.h2 = ParagraphStyle("h2", base, fontName=bold, fontSize=size * 1.25,
                                 leading=size * 1.6, textColor=accent, spaceBefore=size * 0.6,
                                 keepWithNext=1)
        self.caption = ParagraphStyle("caption", base, fontName=bold, fontSize=size * 0.9,
                                      keepWithNext=1, spaceBefore=size * 0.4)
        self.figure_caption = ParagraphStyle("figure_caption", self.caption, keepWithNext=0,
                                             spaceAfter=size * 0.8)
        self.cell = ParagraphStyle("cell", base, fontSize=size * 0.78, leading=size * 0.95,
                                   spaceAfter=0)
        self.cell_right = ParagraphStyle("cell_right", self.cell, alignment=2)
        self.cell_bold = ParagraphStyle("cell_bold", self.cell, fontName=bold)
        self.cell_bold_right = ParagraphStyle("cell_bold_right", self.cell_bold, alignment=2)
        self.toc = [
            ParagraphStyle("toc1", base, fontSize=size * 1.05, leftIndent=0, leading=size * 1.6),
        ]
        self.cover_title = ParagraphStyle("cover_title", self.h1, fontSize=30, leading=36)
        self.cover_sub = ParagraphStyle("cover_sub", base, fontSize=15, leading=20,
                                        textColor=colors.HexColor("#444444"))
        self.accent = accent


def markup(para: Para) -> str:
    """A paragraph's runs as ReportLab markup: every character of typed text escaped."""
    out = []
    for run in para.runs:
        text = escape(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


class _Document(BaseDocTemplate):
    """Notifies the contents and the PDF outline of every chapter heading."""

    def __init__(self, target, report: Report, page_size, **kwargs) -> None:
        super().__init__(target, pagesize=page_size, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=MARGIN, title=report.cover.title,
                         author=report.cover.publisher, **kwargs)
        self.report = report
        frame = Frame(MARGIN, MARGIN, self.width, self.height, id="body")
        self.addPageTemplates([
            PageTemplate("cover", [frame]),
            PageTemplate("body", [frame], onPage=self._decorate),
        ])

    def afterFlowable(self, flowable) -> None:
        key = getattr(flowable, "chapter_key", None)
        if key is not None:
            title = flowable.getPlainText()
            self.notify("TOCEntry", (0, title, self.page, key))
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=0)

    def _decorate(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(fonts.face(), 7.5)
        canvas.setFillColor(colors.grey)
        width, _height = doc.pagesize
        top = doc.pagesize[1] - MARGIN + 0.6 * cm
        canvas.drawString(MARGIN, top, self.report.cover.title)
        if self.report.cover.publisher:
            canvas.drawRightString(width - MARGIN, top, self.report.cover.publisher)
        canvas.drawCentredString(width / 2, MARGIN - 1.0 * cm, f"Page {doc.page}")
        canvas.restoreState()


def write_pdf(report: Report, target, step: Callable[[], None] = lambda: None) -> None:
    """Write `report` as PDF to a path or binary file; `step()` after each chart."""
    t = report.template
    page_size = LETTER if t.page_size == "Letter" else A4
    doc = _Document(target, report, page_size)
    width = doc.width - 12  # the frame's padding, 6 points each side
    styles = _Styles(t, width)
    story = _cover(report, styles, width)
    story += [NextPageTemplate("body"), PageBreak()]
    toc = TableOfContents(levelStyles=styles.toc, dotsMinLevel=0)
    story += [Paragraph("Contents", styles.h1), toc]
    for chapter in report.chapters:
        story.append(PageBreak())
        heading = Paragraph(escape(chapter.title), styles.h1)
        heading.chapter_key = chapter.key
        story.append(heading)
        previous = None
        for block in chapter.blocks:
            if isinstance(block, Chart) and isinstance(previous, Heading):
                # keepWithNext never joins a heading to a KeepTogether (a chart and its
                # caption), and a KeepTogether inside another always starts a new page:
                # the heading, the chart and its caption are kept together as one
                story.append(KeepTogether([story.pop(), *_chart(block, styles, width, t, step)]))
            else:
                story.extend(_flowables(block, styles, width, t, step))
            previous = block
    doc.multiBuild(story)


def _cover(report: Report, s: _Styles, width: float) -> list:
    c = report.cover
    story: list = []
    if c.logo:
        logo = Image(io.BytesIO(c.logo))
        scale = min(1.0, 4 * cm / max(logo.drawHeight, 1), 8 * cm / max(logo.drawWidth, 1))
        logo.drawWidth, logo.drawHeight = logo.drawWidth * scale, logo.drawHeight * scale
        logo.hAlign = "LEFT"
        story += [logo, Spacer(1, 1 * cm)]
    story += [Spacer(1, 5 * cm if not c.logo else 2 * cm),
              Paragraph(escape(c.title), s.cover_title),
              Paragraph(escape(c.subtitle), s.cover_sub), Spacer(1, 1.2 * cm)]
    story += [Paragraph(escape(line), s.lead) for line in c.scope]
    story += [Spacer(1, 1.2 * cm), Paragraph(escape(c.edition), s.body)]
    if c.publisher:
        story.append(Paragraph(f"Published by <b>{escape(c.publisher)}</b>", s.body))
    if c.note:
        story += [Spacer(1, 0.8 * cm), Paragraph(escape(c.note), s.note)]
    return story


def _flowables(block, s: _Styles, width: float, t: Template, step) -> list:
    if isinstance(block, Para):
        if block.style == "bullet":
            return [Paragraph(markup(block), s.bullet, bulletText="•")]
        style = {"lead": s.lead, "note": s.note}.get(block.style, s.body)
        return [Paragraph(markup(block), style)]
    if isinstance(block, Heading):
        return [Paragraph(escape(block.text), s.h2)]
    if isinstance(block, Table):
        return _table(block, s, width)
    assert isinstance(block, Chart)
    return [KeepTogether(_chart(block, s, width, t, step))]


def _chart(block: Chart, s: _Styles, width: float, t: Template, step) -> list:
    """The chart as a vector drawing the frame's width, and its caption under it."""
    drawing = svg2rlg(io.BytesIO(charts.svg(block.spec, t.palette)))
    scale = width / drawing.width
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    step()
    return [drawing, Paragraph(escape(block.label), s.figure_caption)]


def _table(table: Table, s: _Styles, width: float) -> list:
    """A long table splits across pages with its header repeated.

    Cells are plain strings drawn by the table itself, which is what keeps a 1,200-row
    table fast; only the header and the cells of a column too narrow for its longest
    text become wrapping paragraphs.
    """
    widths, wraps = _column_widths(table, s)
    rows = [[_cell(text, a, True, s) for text, a in zip(table.header, table.align, strict=True)]]
    for i, row in enumerate(table.rows):
        bold = i in table.emphasis
        rows.append([_cell(text, a, bold, s) if wrap else text
                     for text, a, wrap in zip(row, table.align, wraps, strict=True)])
    grid = LongTable(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    grid.setStyle(TableStyle(_table_style(table, s)))
    out = [Paragraph(escape(table.label), s.caption), grid]
    if table.note:
        out.append(Paragraph(escape(table.note), s.note))
    return [*out, Spacer(1, 6)]


def _table_style(table: Table, s: _Styles) -> list:
    size = s.cell.fontSize
    commands = [
        ("FONTNAME", (0, 1), (-1, -1), fonts.face()),
        ("FONTSIZE", (0, 1), (-1, -1), size),
        ("LEADING", (0, 1), (-1, -1), s.cell.leading),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, s.accent),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#d0d0d0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("ALIGN", (i, 1), (i, -1), "RIGHT")
                 for i, a in enumerate(table.align) if a == "r"]
    commands += [("FONTNAME", (0, i + 1), (-1, i + 1), fonts.face(bold=True))
                 for i in sorted(table.emphasis)]
    return commands


def _cell(text: str, align: str, bold: bool, s: _Styles) -> Paragraph:
    style = {
        ("l", False): s.cell, ("r", False): s.cell_right,
        ("l", True): s.cell_bold, ("r", True): s.cell_bold_right,
    }[(align, bold)]
    return Paragraph(escape(text), style)


def _column_widths(table: Table, s: _Styles) -> tuple[list[float], list[bool]]:
    """Each column as wide as its widest cell (bold where bold); text columns wrap to fit.

    Numbers never wrap: when the table is too wide, the left-aligned text columns give up
    room first, and only then does every column shrink (with the font size kept). Returns
    the widths and, per column, whether its cells must wrap.
    """
    size = s.cell.fontSize
    padding = 7.0

    def measure(text: str, bold: bool) -> float:
        return stringWidth(text, fonts.face(bold=bold), size) + padding

    natural, longest = [], []
    for i, head in enumerate(table.header):
        widest_word = max((measure(w, True) for w in head.split()), default=padding)
        cells = [measure(r[i], n in table.emphasis) for n, r in enumerate(table.rows)]
        longest.append(max(cells, default=0.0))
        natural.append(max(widest_word, longest[-1]))
    width = s.width
    widths = list(natural)
    excess = sum(widths) - width
    text = [i for i, a in enumerate(table.align) if a == "l"]
    if excess > 0 and text:
        room = sum(widths[i] for i in text)
        floor = 0.12 * width
        for i in text:
            widths[i] = max(floor, widths[i] - excess * widths[i] / room)
    scale = min(1.0, width / sum(widths))
    widths = [w * scale for w in widths]
    return widths, [longest[i] > widths[i] + 0.01 for i in range(len(widths))]
