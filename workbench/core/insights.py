"""Insights: sentences and figures computed from the model, and live figures in answers.

An analyst's answer to a key question ("Mini Program grows fastest, at {{cagr:mini:2025:2031}}
a year") must not go stale when an assumption changes, so answers hold placeholders whose
keys name a figure, and every figure is computed here from the scenario's forecast. A key
is `kind:arguments`; the kinds are listed in `KINDS`. The same keys name the insights shown
on the Overview page, so a figure the analyst sees there can be pasted into an answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from workbench.core.derived import growth_ratio, series_names
from workbench.core.document import Document
from workbench.core.engine import ScenarioResult
from workbench.core.errors import ModelError
from workbench.core.project import TOTAL, Dimension, Project
from workbench.numbers import DASH, number, percent, points
from workbench.numbers import money as amount  # "USD 2.55 billion"; importable from here too

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


@dataclass(frozen=True, slots=True)
class Insight:
    """One figure: `text` is what a placeholder renders, `sentence` what a reader is told."""

    key: str
    value: float
    text: str
    sentence: str
    series_id: str | None = None


class _Context:
    """One scenario's forecast and the project, with the look-ups every figure needs."""

    def __init__(self, document: Document, scenario_id: str) -> None:
        self.project: Project = document.project
        self.result: ScenarioResult = document.result(scenario_id)
        self.unit = self.project.metadata.unit
        self.names = series_names(self.project)

    def year(self, text: str) -> int:
        year = int(text)
        if year not in self.project.metadata.years:
            raise ModelError(f"{year} is outside the project's years.")
        return year

    def period(self, args: list[str]) -> tuple[int, int]:
        """Years a, b from the arguments, or the default first forecast year → last year."""
        meta = self.project.metadata
        if not args:
            return meta.forecast_cagr_years
        if len(args) != 2:
            raise ModelError("A period is two years.")
        a, b = self.year(args[0]), self.year(args[1])
        if not a < b:
            raise ModelError(f"The period {a}–{b} must run forward.")
        return a, b

    def series(self, series_id: str) -> str:
        if series_id not in self.names:
            raise ModelError(f"There is no segment with id {series_id!r}.")
        return series_id

    def name(self, series_id: str) -> str:
        return self.names[series_id]

    def value(self, series_id: str, year: int) -> float:
        return self.result.value(series_id, year)

    def share(self, series_id: str, year: int) -> float:
        total = self.value(TOTAL, year)
        return self.value(series_id, year) / total if total else math.nan

    def cagr(self, series_id: str, a: int, b: int) -> float:
        return float(growth_ratio(self.value(series_id, a), self.value(series_id, b), b - a))

    def cagrs(self, dim: Dimension, a: int, b: int) -> list[tuple[str, float]]:
        """(member id, CAGR) of the members with a defined CAGR, fastest first, ties by order."""
        pairs = [(m, self.cagr(m, a, b)) for m in dim.member_ids()]
        return sorted((p for p in pairs if math.isfinite(p[1])), key=lambda p: -p[1])


# -- words ------------------------------------------------------------------------------------


def possessive(name: str) -> str:
    """"TikTok's", but "Others'" (a name ending in s takes only the apostrophe)."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


# -- the figures, one function per kind -----------------------------------------------------


def _value(c: _Context, key: str, args: list[str]) -> Insight:
    series_id, year = c.series(args[0]), c.year(args[1])
    v = c.value(series_id, year)
    name = c.name(series_id)
    text = number(v)
    return Insight(key, v, text, f"{name}: {amount(v, c.unit)} in {year}", series_id)


def _share(c: _Context, key: str, args: list[str]) -> Insight:
    series_id, year = c.series(args[0]), c.year(args[1])
    v = c.share(series_id, year)
    name = c.name(series_id)
    text = percent(v)
    return Insight(key, v, text, f"{name} holds {text} of the market in {year}", series_id)


def _cagr(c: _Context, key: str, args: list[str]) -> Insight:
    series_id = c.series(args[0])
    a, b = c.period(args[1:])
    v = c.cagr(series_id, a, b)
    name = c.name(series_id)
    text = percent(v)
    return Insight(key, v, text, f"{name} grows {text} a year (CAGR {a}–{b})", series_id)


def _yoy(c: _Context, key: str, args: list[str]) -> Insight:
    series_id, year = c.series(args[0]), c.year(args[1])
    if year == c.project.metadata.first_year:
        raise ModelError(f"{year} has no previous year.")
    v = c.cagr(series_id, year - 1, year)
    name = c.name(series_id)
    text = percent(v)
    return Insight(key, v, text, f"{name} grows {text} in {year}", series_id)


def _extreme(c: _Context, key: str, args: list[str], fastest: bool) -> Insight:
    dim = c.project.dimension(args[0])
    a, b = c.period(args[1:])
    ranked = c.cagrs(dim, a, b)
    word = "fastest" if fastest else "slowest"
    if not ranked:
        return Insight(key, math.nan, DASH, f"No segment of {dim.name} has a CAGR for {a}–{b}")
    member, v = ranked[0] if fastest else _last_of_ties(ranked)
    name = c.name(member)
    figure = f"{percent(v)} CAGR {a}–{b}"
    return Insight(key, v, f"{name} ({figure})", f"{name} grows {word}: {figure}", member)


def _last_of_ties(ranked: list[tuple[str, float]]) -> tuple[str, float]:
    """The slowest member; among equals, the first in member order (as for the fastest)."""
    lowest = ranked[-1][1]
    return next(p for p in ranked if p[1] == lowest)


def _largest(c: _Context, key: str, args: list[str]) -> Insight:
    dim = c.project.dimension(args[0])
    year = c.year(args[1]) if len(args) > 1 else c.project.metadata.base_year
    values = [(m, c.value(m, year)) for m in dim.member_ids()]
    values = [p for p in values if math.isfinite(p[1])]
    if not values:
        return Insight(key, math.nan, DASH, f"No segment of {dim.name} has a {year} value")
    member, v = max(values, key=lambda p: p[1])
    name = c.name(member)
    share = percent(c.share(member, year))
    sentence = (
        f"{name} is the largest {dim.name} segment in {year}: "
        f"{amount(v, c.unit)} ({share} of the market)"
    )
    return Insight(key, v, name, sentence, member)


def _shift(c: _Context, key: str, args: list[str]) -> Insight:
    series_id = c.series(args[0])
    a, b = c.period(args[1:])
    before, after = c.share(series_id, a), c.share(series_id, b)
    v = after - before
    name = c.name(series_id)
    text = points(v)
    sentence = (
        f"{possessive(name)} share moves from {percent(before)} in {a} to "
        f"{percent(after)} in {b} ({text})"
    )
    return Insight(key, v, text, sentence, series_id)


def _ranking(c: _Context, key: str, args: list[str]) -> Insight:
    dim = c.project.dimension(args[0])
    a, b = c.period(args[1:])
    ranked = c.cagrs(dim, a, b)
    names = [c.name(m) for m, _v in ranked]
    listed = ", ".join(
        f"{n} ({percent(v)})" for n, (_m, v) in zip(names, ranked, strict=True)
    )
    top = ranked[0][1] if ranked else math.nan
    sentence = f"{dim.name} by CAGR {a}–{b}: {listed or DASH}"
    return Insight(key, top, ", ".join(names) or DASH, sentence)


KINDS: dict[str, tuple[Callable[..., Insight], range]] = {
    "value": (_value, range(2, 3)),
    "share": (_share, range(2, 3)),
    "cagr": (_cagr, range(1, 4)),
    "yoy": (_yoy, range(2, 3)),
    "fastest": (lambda c, k, a: _extreme(c, k, a, True), range(1, 4)),
    "slowest": (lambda c, k, a: _extreme(c, k, a, False), range(1, 4)),
    "largest": (_largest, range(1, 3)),
    "shift": (_shift, range(1, 4)),
    "ranking": (_ranking, range(1, 4)),
}
"""Kind → (function, how many arguments it takes). Periods default to base → last year."""


def figure(document: Document, scenario_id: str, key: str) -> Insight:
    """The insight a key names, e.g. "cagr:total:2025:2031"; ModelError for a bad key."""
    return _figure(_Context(document, scenario_id), key)


def _figure(context: _Context, key: str) -> Insight:
    kind, *args = key.split(":")
    entry = KINDS.get(kind)
    if entry is None or len(args) not in entry[1]:
        raise ModelError(f"{key!r} is not a figure key.")
    try:
        return entry[0](context, key, args)
    except ValueError as exc:  # ModelError, or a year that is not a number
        raise ModelError(f"{key!r} is not a figure of this project: {exc}") from None


def insights(
    document: Document, scenario_id: str, start: int | None = None, end: int | None = None
) -> list[Insight]:
    """The headline insights of a scenario, per dimension: fastest, slowest, largest in the
    start and end years, the CAGR ranking, and each segment's share shift (default period:
    first forecast year → last year, the headline CAGR's). Nothing is said twice: a
    dimension of two segments has no ranking (fastest and slowest say it) and one shift
    (the other is its mirror), and a segment that is the largest in both years gets one
    line for both."""
    c = _Context(document, scenario_id)
    meta = c.project.metadata
    default = meta.forecast_cagr_years
    a, b = start or default[0], end or default[1]
    c.period([str(a), str(b)])
    period = [] if (a, b) == default else [str(a), str(b)]
    found = [_made(c, "cagr", [TOTAL, *period])]
    for dim in c.project.dimensions:
        if dim.members:
            found += _dimension_insights(c, dim, a, b, period)
    return found


def _dimension_insights(
    c: _Context, dim: Dimension, a: int, b: int, period: list[str]
) -> list[Insight]:
    pair = len(dim.members) == 2
    found = [_made(c, kind, [dim.id, *period]) for kind in ("fastest", "slowest")]
    first, last = (_made(c, "largest", [dim.id, str(year)]) for year in (a, b))
    if first.series_id is not None and first.series_id == last.series_id:
        sentence = (f"{c.name(last.series_id)} is the largest {dim.name} segment in {a} and "
                    f"in {b}: {amount(first.value, c.unit)} → {amount(last.value, c.unit)} "
                    f"({percent(c.share(last.series_id, b))} of the market in {b})")
        found.append(replace(last, sentence=sentence))
    else:
        found += [first, last]
    if not pair:
        found.append(_made(c, "ranking", [dim.id, *period]))
    members = dim.member_ids()[:1] if pair else dim.member_ids()
    return found + [_made(c, "shift", [m, *period]) for m in members]


def _made(c: _Context, kind: str, args: list[str]) -> Insight:
    """The insight of `kind` for `args`, called with the arguments as they are, not
    re-parsed from the key: an id may hold ":"."""
    return KINDS[kind][0](c, ":".join([kind, *args]), args)


def placeholders(text: str) -> list[str]:
    """The figure keys in `text`, in order of appearance, each once."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def render_answer(text: str, document: Document, scenario_id: str) -> str:
    """`text` with each `{{key}}` replaced by its live figure; a bad key stays visible."""
    if "{{" not in text:
        return text
    context = _Context(document, scenario_id)

    def replace(match: re.Match) -> str:
        try:
            return _figure(context, match.group(1)).text
        except ModelError:
            return f"[unknown figure: {match.group(1)}]"

    return PLACEHOLDER.sub(replace, text)
