"""Segment pages: the total market and each dimension as an editable table and a chart."""

from workbench.gui.segments.page import SegmentPage

__all__ = ["SegmentPage"]
