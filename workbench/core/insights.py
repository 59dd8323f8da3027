"""Insights: sentences and figures computed from the model, and live figures in answers.

An analyst's answer to a key question ("Mini Program grows fastest, at {{cagr:mini:2025:2031}}
a year") must not go stale when an assumption changes, so answers hold placeholders whose
keys name a figure, and every figure is computed here from the scenario's forecast. A key
is `kind:arguments[:measure]`; the kinds are listed in `KINDS`, the measure (value,
volume or price; value when left out) picks the forecast, so `{{fastest:technology:volume}}`
is the fastest-growing technology by volume and `{{price_trend}}` the average price's trend
(docs/key-questions.md lists every form). The same keys name the insights shown on the
Overview page, so a figure the analyst sees there can be pasted into an answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.core.insight_context import Context, Scenario, split_measure
from workbench.core.measures import PRICE, VALUE, VOLUME
from workbench.core.project import TOTAL, Dimension
from workbench.numbers import DASH, number, percent, points

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


@dataclass(frozen=True, slots=True)
class Insight:
    """One figure: `text` is what a placeholder renders, `sentence` what a reader is told."""

    key: str
    value: float
    text: str
    sentence: str
    series_id: str | None = None


# -- words ------------------------------------------------------------------------------------


def possessive(name: str) -> str:
    """"TikTok's", but "Others'" (a name ending in s takes only the apostrophe)."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def _moves(v: float) -> str:
    """"grows 4.0 %", "falls 2.3 %", "stays flat": a rate in words, its sign in the verb."""
    if not math.isfinite(v):
        return f"changes by {DASH}"
    if v == 0:
        return "stays flat at 0.0 %"
    return f"{'grows' if v > 0 else 'falls'} {percent(abs(v))}"


def _whose(c: Context, series_id: str) -> str:
    """"The market's" for the total, "TikTok's" for a segment: whose measure a sentence
    is about."""
    return "The market's" if series_id == TOTAL else possessive(c.name(series_id))


def _of_market(c: Context) -> str:
    """"the market" for a value-only project, "the market's volume (million subscriptions)"
    once the project has a volume (then every sentence says which measure it is about)."""
    return f"the market's {c.label} ({c.unit})" if c.named else "the market"


# -- the figures, one function per kind -----------------------------------------------------


def _value(c: Context, key: str, args: list[str]) -> Insight:
    series_id, year = c.series(args[0]), c.year(args[1])
    v = c.value(series_id, year)
    name = c.name(series_id)
    who = f"{_whose(c, series_id)} {c.label}" if c.named else name
    return Insight(key, v, number(v), f"{who}: {c.money(v)} in {year}", series_id)


def _share(c: Context, key: str, args: list[str]) -> Insight:
    c.additive("shares")
    series_id, year = c.series(args[0]), c.year(args[1])
    v = c.share(series_id, year)
    text = percent(v)
    sentence = f"{c.name(series_id)} holds {text} of {_of_market(c)} in {year}"
    return Insight(key, v, text, sentence, series_id)


def _cagr(c: Context, key: str, args: list[str]) -> Insight:
    series_id = c.series(args[0])
    a, b = c.period(args[1:])
    v = c.cagr(series_id, a, b)
    name = c.name(series_id)
    text = percent(v)
    if not c.named:
        return Insight(key, v, text, f"{name} grows {text} a year (CAGR {a}–{b})", series_id)
    sentence = (f"{_whose(c, series_id)} {c.label} {_moves(v)} a year (CAGR {a}–{b}), from "
                f"{c.money(c.value(series_id, a))} to {c.money(c.value(series_id, b))}")
    return Insight(key, v, text, sentence, series_id)


def _yoy(c: Context, key: str, args: list[str]) -> Insight:
    series_id, year = c.series(args[0]), c.year(args[1])
    if year == c.project.metadata.first_year:
        raise ModelError(f"{year} has no previous year.")
    v = c.cagr(series_id, year - 1, year)
    name = c.name(series_id)
    text = percent(v)
    sentence = f"{name} grows {text} in {year}"
    if c.named:
        sentence = (f"{_whose(c, series_id)} {c.label} {_moves(v)} in {year}, to "
                    f"{c.money(c.value(series_id, year))}")
    return Insight(key, v, text, sentence, series_id)


def _extreme(c: Context, key: str, args: list[str], fastest: bool) -> Insight:
    dim = c.project.dimension(args[0])
    a, b = c.period(args[1:])
    ranked = c.cagrs(dim, a, b)
    word = "fastest" if fastest else "slowest"
    by = f" by {c.label}" if c.named else ""
    if not ranked:
        return Insight(key, math.nan, DASH,
                       f"No segment of {dim.name} has a CAGR{by} for {a}–{b}")
    member, v = ranked[0] if fastest else _last_of_ties(ranked)
    name = c.name(member)
    figure = f"{percent(v)} CAGR {a}–{b}"
    text = f"{name} ({figure}{by if c.measure != VALUE else ''})"
    unit = f" ({c.unit})" if c.named else ""
    return Insight(key, v, text, f"{name} grows {word}{by}{unit}: {figure}", member)


def _last_of_ties(ranked: list[tuple[str, float]]) -> tuple[str, float]:
    """The slowest member; among equals, the first in member order (as for the fastest)."""
    lowest = ranked[-1][1]
    return next(p for p in ranked if p[1] == lowest)


def _largest(c: Context, key: str, args: list[str]) -> Insight:
    c.additive("largest segment")
    dim = c.project.dimension(args[0])
    year = c.year(args[1]) if len(args) > 1 else c.project.metadata.base_year
    values = [(m, c.value(m, year)) for m in dim.member_ids()]
    values = [p for p in values if math.isfinite(p[1])]
    by = f" by {c.label}" if c.named else ""
    if not values:
        return Insight(key, math.nan, DASH, f"No segment of {dim.name} has a {year} {c.label}")
    member, v = max(values, key=lambda p: p[1])
    name = c.name(member)
    share = percent(c.share(member, year))
    whole = f"the {c.label}" if c.named else "the market"
    sentence = (f"{name} is the largest {dim.name} segment{by} in {year}: {c.money(v)} "
                f"({share} of {whole})")
    return Insight(key, v, name, sentence, member)


def _shift(c: Context, key: str, args: list[str]) -> Insight:
    c.additive("shares")
    series_id = c.series(args[0])
    a, b = c.period(args[1:])
    before, after = c.share(series_id, a), c.share(series_id, b)
    v = after - before
    text = points(v)
    of = f" of {_of_market(c)}" if c.named else ""
    sentence = (
        f"{possessive(c.name(series_id))} share{of} moves from {percent(before)} in {a} to "
        f"{percent(after)} in {b} ({text})"
    )
    return Insight(key, v, text, sentence, series_id)


def _ranking(c: Context, key: str, args: list[str]) -> Insight:
    dim = c.project.dimension(args[0])
    a, b = c.period(args[1:])
    ranked = c.cagrs(dim, a, b)
    names = [c.name(m) for m, _v in ranked]
    listed = ", ".join(
        f"{n} ({percent(v)})" for n, (_m, v) in zip(names, ranked, strict=True)
    )
    top = ranked[0][1] if ranked else math.nan
    of = f" of the {c.label} ({c.unit})" if c.named else ""
    sentence = f"{dim.name} by CAGR{of} {a}–{b}: {listed or DASH}"
    return Insight(key, top, ", ".join(names) or DASH, sentence)


def _trend(c: Context, key: str, args: list[str]) -> Insight:
    """A series from the first to the last year of a period, with its CAGR: the volume's
    headline and the average price's trend ("falls from USD 3.40 to USD 2.95 per
    subscription, -2.3 % a year"). Arguments: [series] [a b]."""
    series_id = c.series(args[0]) if len(args) in (1, 3) else TOTAL
    a, b = c.period(args[1:] if len(args) in (1, 3) else args)
    start, end, v = c.value(series_id, a), c.value(series_id, b), c.cagr(series_id, a, b)
    if not (math.isfinite(start) and math.isfinite(end)):
        sentence = f"{_whose(c, series_id)} {c.label} has no figures for {a} and {b}"
        return Insight(key, v, DASH, sentence, series_id)
    if start == end:
        moves = f"stays at {c.money(start)} from {a} to {b}"
    else:
        verb = "rises" if end > start else "falls"
        moves = f"{verb} from {c.money(start)} in {a} to {c.money(end)} in {b}"
    sentence = f"{_whose(c, series_id)} {c.label} {moves}, {percent(v)} a year"
    text = f"{c.money(start)} → {c.money(end)} ({percent(v)} a year, {a}–{b})"
    return Insight(key, v, text, sentence, series_id)


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
    "trend": (_trend, range(0, 4)),
    "price_trend": (_trend, range(0, 4)),
}
"""Kind → (function, how many arguments it takes before the measure). Periods default to
the first forecast year → last year; `price_trend` is `trend` of the average price."""

_IMPLIED = {"price_trend": PRICE}
"""Kinds that are about one measure whatever the key says."""


def figure(document: Document, scenario_id: str, key: str) -> Insight:
    """The insight a key names, e.g. "cagr:total:2025:2031" or "fastest:tech:volume";
    ModelError for a bad key, or for a volume or price figure of a value-only project."""
    return _figure(Scenario(document, scenario_id), key)


def _figure(scenario: Scenario, key: str) -> Insight:
    kind, *args = key.split(":")
    entry = KINDS.get(kind)
    if entry is None:
        raise ModelError(f"{key!r} is not a figure key.")
    args, measure_id = split_measure(args, entry[1])
    if kind in _IMPLIED:
        measure_id = _IMPLIED[kind]
    if len(args) not in entry[1]:
        raise ModelError(f"{key!r} is not a figure key.")
    try:
        return entry[0](scenario.of(measure_id), key, args)
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
    line for both. A project with a volume adds the volume's headline, the fastest and
    slowest segments of each dimension by volume, and the average price's trend."""
    scenario = Scenario(document, scenario_id)
    c = scenario.of(VALUE)
    meta = c.project.metadata
    default = meta.forecast_cagr_years
    a, b = start or default[0], end or default[1]
    c.period([str(a), str(b)])
    period = [] if (a, b) == default else [str(a), str(b)]
    found = [_made(c, "cagr", [TOTAL, *period])]
    for dim in c.project.dimensions:
        if dim.members:
            found += _dimension_insights(c, dim, a, b, period)
    if c.project.volume is not None:
        found += _volume_insights(scenario, period)
    return found


def _dimension_insights(
    c: Context, dim: Dimension, a: int, b: int, period: list[str]
) -> list[Insight]:
    pair = len(dim.members) == 2
    found = [_made(c, kind, [dim.id, *period]) for kind in ("fastest", "slowest")]
    first, last = (_made(c, "largest", [dim.id, str(year)]) for year in (a, b))
    if first.series_id is not None and first.series_id == last.series_id:
        by = f" by {c.label}" if c.named else ""
        sentence = (f"{c.name(last.series_id)} is the largest {dim.name} segment{by} in {a} "
                    f"and in {b}: {c.money(first.value)} → {c.money(last.value)} "
                    f"({percent(c.share(last.series_id, b))} of "
                    f"{'the ' + c.label if c.named else 'the market'} in {b})")
        found.append(replace(last, sentence=sentence))
    else:
        found += [first, last]
    if not pair:
        found.append(_made(c, "ranking", [dim.id, *period]))
    members = dim.member_ids()[:1] if pair else dim.member_ids()
    return found + [_made(c, "shift", [m, *period]) for m in members]


def _volume_insights(scenario: Scenario, period: list[str]) -> list[Insight]:
    """The volume's headline, each dimension's fastest and slowest by volume, and the
    average price's trend, over the same period as the value's insights."""
    volume = scenario.of(VOLUME)
    if not np.isfinite(volume.result.values).any():  # a volume just added: nothing to say
        return []
    found = [_made(volume, "trend", period, VOLUME)]
    for dim in volume.project.dimensions:
        if dim.members:
            fastest, slowest = (_made(volume, kind, [dim.id, *period], VOLUME)
                                for kind in ("fastest", "slowest"))
            if fastest.series_id is None:  # no segment of it has a volume yet
                continue
            found += [fastest] if slowest.series_id == fastest.series_id else [fastest, slowest]
    return [*found, _made(scenario.of(PRICE), "price_trend", period)]


def _made(c: Context, kind: str, args: list[str], measure_id: str = VALUE) -> Insight:
    """The insight of `kind` for `args`, called with the arguments as they are, not
    re-parsed from the key: an id may hold ":"."""
    tail = [measure_id] if measure_id != VALUE and kind not in _IMPLIED else []
    return KINDS[kind][0](c, ":".join([kind, *args, *tail]), args)


def placeholders(text: str) -> list[str]:
    """The figure keys in `text`, in order of appearance, each once."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def render_answer(text: str, document: Document, scenario_id: str) -> str:
    """`text` with each `{{key}}` replaced by its live figure; a bad key stays visible."""
    if "{{" not in text:
        return text
    scenario = Scenario(document, scenario_id)

    def replace(match: re.Match) -> str:
        try:
            return _figure(scenario, match.group(1)).text
        except ModelError:
            return f"[unknown figure: {match.group(1)}]"

    return PLACEHOLDER.sub(replace, text)
