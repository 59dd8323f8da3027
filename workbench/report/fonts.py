"""The report's typeface: DejaVu Sans, the font matplotlib ships and draws its charts in.

Taking it from matplotlib's own data folder means it is there wherever the report can
run, covers far more characters than the PDF base fonts (names in any Latin, Greek or
Cyrillic script, "–", "€", "≥"), and gives the charts and the text one typeface.
"""

from __future__ import annotations

import functools
from pathlib import Path

import matplotlib
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from svglib.fonts import register_font

FAMILY = "DejaVuSans"
_FACES = {
    (False, False): ("DejaVuSans", "DejaVuSans.ttf"),
    (True, False): ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
    (False, True): ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
    (True, True): ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
}


@functools.cache
def register() -> str:
    """Register the four faces with ReportLab (and svglib's font map) once; the family name."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for (bold, italic), (name, file) in _FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        addMapping(FAMILY, int(bold), int(italic), name)
        register_font("DejaVu Sans", None, "bold" if bold else "normal",
                      "italic" if italic else "normal", rlgFontName=name)
    return FAMILY


def face(bold: bool = False, italic: bool = False) -> str:
    register()
    return _FACES[(bold, italic)][0]
