"""The report's series section: one small chart per series, with its targets on it.

A series (``analytics.series``) is one measure of one owner from every article of the run that
gives it. Its chart puts each year's metric values on a line, every article's value as a dot
(two dots in one year, ringed in red, where articles disagree) and the series' targets as
diamonds, each with a dashed line from the latest metric before its deadline. Inline SVG, drawn
here, no script: the page's Content Security Policy forbids fetching anything.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from pipeline.analytics.grouping import format_value

METRIC, TARGET, DISAGREE = "#2b6cb0", "#c05621", "#c53030"  # report.COLORS' metric and target
MAX_CHARTS = 24
WIDTH, HEIGHT = 360, 190
LEFT, RIGHT, TOP, BOTTOM = 88, 16, 44, 30


def esc(value) -> str:
    return html.escape("" if value is None or value is pd.NA else str(value))


def _is_na(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def charted_series(series: pd.DataFrame) -> list[pd.DataFrame]:
    """The series worth a chart: at least two points and one with a year; those with the most
    articles first, then the most points (at most ``MAX_CHARTS``)."""
    if series.empty:
        return []
    wanted = series[(series["points"] >= 2)]
    dated = wanted[wanted["period"].notna()]
    order = (dated.drop_duplicates("series").sort_values(["articles", "points", "measure_key"],
                                                         ascending=[False, False, True])["series"])
    return [series[series["series"] == s] for s in order.head(MAX_CHARTS)]


def title_of(rows: pd.DataFrame) -> str:
    first = rows.iloc[0]
    parts = [first["measure_key"], first["subject_key"] if not _is_na(first["subject_key"]) else "no subject",
             first["kind"], first["unit"] if not _is_na(first["unit"]) else "count"]
    return " · ".join(str(p) for p in parts)


TITLE_CHARS = 50  # what fits the chart's width; the whole title is its tooltip


def _cut(text: str) -> str:
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1] + "…"


def round_up(value: float) -> float:
    """``value`` rounded up to two significant digits (4.334 trillion -> 4.4 trillion): an axis
    label that reads at a glance, and fits."""
    if value <= 0:
        return 0.0
    step = 10 ** (math.floor(math.log10(value)) - 1)
    return math.ceil(value / step - 1e-9) * step


def unit_text(unit) -> str:
    return "" if _is_na(unit) else f" {unit}"


def series_chart(rows: pd.DataFrame) -> str:
    """One series' dated points as a small inline SVG."""
    dated = rows[rows["period"].notna()].sort_values(["period", "label"])
    values = [float(v) for vs in dated["values_list"] for v in vs]
    years = [int(y) for y in dated["period"]]
    first, last = min(years) - 1, max(years) + 1
    low, high = 0.0 - round_up(-min(0.0, min(values)) * 1.05), round_up(max(0.0, max(values)) * 1.05)
    high = high if high > low else low + 1.0

    def x(year: int) -> float:
        return LEFT + (year - first) * (WIDTH - LEFT - RIGHT) / (last - first)

    def y(value: float) -> float:
        return TOP + (high - value) * (HEIGHT - TOP - BOTTOM) / (high - low)

    title = title_of(rows)
    unit = unit_text(rows.iloc[0]["unit"])
    out = [f'<svg class="series-chart" data-series="{esc(rows.iloc[0]["series"])}" role="img" '
           f'aria-label="{esc(title)}" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'xmlns="http://www.w3.org/2000/svg"><title>{esc(title)}</title>',
           f'<text x="4" y="14" font-weight="600">{esc(_cut(title))}</text>',
           f'<text x="4" y="30" fill="#718096">{int(rows.iloc[0]["articles"])} article(s), '
           f'{int(rows.iloc[0]["points"])} figure(s)</text>',
           f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#4a5568"/>',
           f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#4a5568"/>',
           f'<text x="{LEFT - 4}" y="{y(high) + 4:.1f}" text-anchor="end">{esc(format_value(high))}</text>',
           f'<text x="{LEFT - 4}" y="{y(low) + 4:.1f}" text-anchor="end">{esc(format_value(low))}</text>']
    step = max(1, (last - first) // 6)
    for year in range(first + 1, last, step):
        out.append(f'<text x="{x(year):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{year}</text>')
    metrics = dated[dated["label"] == "metric"]
    line = " ".join(f"{x(int(r.period)):.1f},{y(float(r.value)):.1f}" for r in metrics.itertuples())
    if len(metrics) > 1:
        out.append(f'<polyline class="series-line" points="{line}" fill="none" stroke="{METRIC}" stroke-width="2"/>')
    for r in metrics.itertuples():
        for v in r.values_list:
            ring = f' stroke="{DISAGREE}" stroke-width="2"' if r.disagree else ""
            out.append(f'<circle class="point" data-label="metric" data-year="{int(r.period)}" cx="{x(int(r.period)):.1f}" '
                       f'cy="{y(float(v)):.1f}" r="4.5" fill="{METRIC}"{ring}><title>{int(r.period)}: '
                       f'{esc(format_value(float(v)))}{esc(unit)} ({esc(r.doc_ids)})</title></circle>')
    for r in dated[dated["label"] == "target"].itertuples():
        tx, ty = x(int(r.period)), y(float(r.value))
        before = metrics[metrics["period"] < r.period]
        if not before.empty:
            last_metric = before.iloc[-1]
            out.append(f'<line x1="{x(int(last_metric["period"])):.1f}" y1="{y(float(last_metric["value"])):.1f}" '
                       f'x2="{tx:.1f}" y2="{ty:.1f}" stroke="{TARGET}" stroke-dasharray="4 3"/>')
        out.append(f'<path class="target-point" data-year="{int(r.period)}" d="M{tx:.1f} {ty - 7:.1f} L{tx + 7:.1f} '
                   f'{ty:.1f} L{tx:.1f} {ty + 7:.1f} L{tx - 7:.1f} {ty:.1f} Z" fill="{TARGET}"><title>target for '
                   f'{int(r.period)}: {esc(format_value(float(r.value)))}{esc(unit)} ({esc(r.doc_ids)})</title></path>')
    out.append("</svg>")
    undated = rows[rows["period"].isna()]
    note = (f'<p class="note">and {len(undated)} figure(s) without a year.</p>' if len(undated) else "")
    return f'<figure class="series">{"".join(out)}{note}</figure>'


def series_charts(tables: dict[str, pd.DataFrame]) -> str:
    """The charts of the run's series, as HTML."""
    series, figures = tables["series"], tables["figures"]
    charts = [series_chart(rows.assign(values_list=point_values(rows, figures))) for rows in charted_series(series)]
    head = ('<p class="note">Each measure of one owner from every article that gives it (series with at '
            'least two figures, one with a year): metric values by year, every article\'s value a dot (ringed '
            'in red where articles give one year different values), targets as diamonds.</p>')
    if not charts:
        return head + '<p class="note">No series has two figures in this run.</p>'
    more = (f'<p class="note">The {MAX_CHARTS} series with the most articles, of '
            f'{series["series"].nunique()}.</p>' if len(charts) == MAX_CHARTS else "")
    return head + "<div class='series-grid'>" + "".join(charts) + "</div>" + more


def point_values(rows: pd.DataFrame, figures: pd.DataFrame) -> list[list[float]]:
    """Every distinct value the articles give for each point of ``rows`` (the series table keeps
    them as text), from the figures of the same series, label and year."""
    from pipeline.analytics.grouping import Figure

    out = []
    for r in rows.itertuples():
        same = figures[(figures["series"] == r.series) & (figures["label"] == r.label)]
        same = same[same["period"] == r.period] if not _is_na(r.period) else same.iloc[0:0]
        found = sorted({Figure.of(float(v), None).value for v in same["value"].dropna()})
        out.append(found or [float(r.value)])
    return out


def points_table(series: pd.DataFrame) -> pd.DataFrame:
    """Every point of the series with two figures or more, with the documents that give it."""
    shown = series[series["points"] >= 2].sort_values(["articles", "series", "period"], ascending=[False, True, True])
    return pd.DataFrame({
        "measure": shown["measure_key"], "subject": shown["subject_key"].fillna(""), "kind": shown["kind"],
        "unit": shown["unit"].fillna("count"), "label": shown["label"],
        "year": shown["period"].astype("string").fillna("none"), "values": shown["values"],
        "values differ": ["yes" if d else "no" for d in shown["disagree"]], "documents": shown["doc_ids"],
    })


def progress_rows(progress: pd.DataFrame) -> pd.DataFrame:
    """The ``target_progress`` table as the report shows it, by deadline."""
    if progress.empty:
        return progress
    done = progress.sort_values(["target_year", "doc_id", "sent_id"])
    return pd.DataFrame({
        "document": done["doc_id"], "measure": done["measure_key"], "subject": done["subject_key"].fillna(""),
        "unit": done["unit"].fillna("count"), "deadline": done["target_year"],
        "target": [format_value(float(v)) for v in done["target_value"]],
        "latest year": done["latest_year"].astype("string").fillna("none before it"),
        "latest": ["" if _is_na(v) else format_value(float(v)) for v in done["latest_value"]],
        "distance": ["" if _is_na(v) else format_value(float(v)) for v in done["distance"]],
        "reached": ["" if _is_na(v) else f"{float(v):.0%}" for v in done["progress"]],
    })
