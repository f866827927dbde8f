"""The HTML report: one self-contained page an analyst can open from a run file.

Charts are inline SVG drawn here, styles are inline, and a Content Security
Policy forbids every fetch, so the page looks the same offline, in a mail
attachment or years later. It reads only the tables of ``export.run_tables``,
so the report and the exported tables never disagree.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pandas as pd

from pipeline.analytics.grouping import format_value
from pipeline.analytics.series_report import points_table, progress_rows, series_charts
from pipeline.analytics.tables import read_run, run_tables
from pipeline.batch.io import run_files, write_text_atomic
from pipeline.errors import OutputOverInput
from pipeline.records import CLAIM_LABELS

COLORS = {"metric": "#2b6cb0", "target": "#c05621", "policy": "#2f855a",
          "ORG": "#6b46c1", "PERSON": "#b83280"}
TOP_ENTITIES = 12
TOP_DOCUMENTS = 30
DOTS_PER_YEAR = 20
# The timeline's years: a deadline outside them (a misread number, an edited
# file) stays in the table but would stretch the axis over millions of ticks.
TIMELINE_YEARS = (1900, 2200)
MAX_TICKS = 30
MAX_ROWS = 200
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1180px;
color:#1a202c;padding:0 16px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #e2e8f0}
.meta{color:#4a5568;margin-bottom:16px}.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border:1px solid #e2e8f0;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:22px}.grid{display:grid;grid-template-columns:1fr 1fr;gap:24px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #edf2f7;padding:4px 6px;
text-align:left;vertical-align:top}th{background:#f7fafc}td.num{text-align:right;white-space:nowrap}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;
margin-right:4px;border-radius:2px}.bad{color:#c53030;font-weight:600}.note{color:#718096}
svg text{font-family:inherit;font-size:12px;fill:#2d3748}
.series-grid{display:flex;flex-wrap:wrap;gap:16px}figure.series{margin:0}
"""


@dataclass(frozen=True)
class Bar:
    label: str
    parts: tuple[tuple[str, float], ...]  # (series, value), stacked left to right

    @property
    def total(self) -> float:
        return sum(v for _, v in self.parts)


def esc(value) -> str:
    return html.escape("" if value is None or value is pd.NA else str(value))


LABEL_CHARS = 48  # longer bar labels are cut, with the whole name in the tooltip


def bar_chart(bars: Sequence[Bar], *, title: str, width: int = 340) -> str:
    """Horizontal (stacked) bars as inline SVG; each rect carries its series for tests.

    The label column is as wide as the longest label needs (``National Data
    Administration`` is not cut), and ``width`` is what the bars get beside it.
    """
    if not bars or not max(b.total for b in bars):
        return f'<p class="note">No data for {esc(title.lower())}.</p>'
    label_width = 12 + 7 * min(LABEL_CHARS, max(len(b.label) for b in bars))
    width += label_width
    row, top = 22, 6
    scale = (width - label_width - 50) / max(b.total for b in bars)
    out = [f'<svg role="img" aria-label="{esc(title)}" width="{width}" height="{top * 2 + row * len(bars)}" '
           f'viewBox="0 0 {width} {top * 2 + row * len(bars)}" xmlns="http://www.w3.org/2000/svg">',
           f"<title>{esc(title)}</title>"]
    for i, bar in enumerate(bars):
        y = top + i * row
        name = bar.label if len(bar.label) <= LABEL_CHARS else bar.label[:LABEL_CHARS - 1] + "…"
        out.append(f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{esc(name)}</text>')
        x = float(label_width)
        for series, value in bar.parts:
            w = value * scale
            if w > 0:
                out.append(f'<rect class="bar" data-series="{esc(series)}" x="{x:.1f}" y="{y + 3}" '
                           f'width="{w:.1f}" height="{row - 6}" fill="{COLORS.get(series, "#4a5568")}">'
                           f"<title>{esc(bar.label)}: {esc(series)} {value:g}</title></rect>")
            x += w
        out.append(f'<text x="{x + 5:.1f}" y="{y + 15}">{bar.total:g}</text>')
    out.append("</svg>")
    return "".join(out)


def legend(series: Sequence[str]) -> str:
    return '<div class="legend">' + "".join(
        f'<span><i style="background:{COLORS[s]}"></i>{esc(s)}</span>' for s in series) + "</div>"


def timeline_chart(targets: pd.DataFrame, *, width: int = 1140) -> str:
    """Targets as dots over their deadline year, stacked per year, each with its text as a tooltip."""
    if targets.empty:
        return '<p class="note">No target states a deadline.</p>'
    low, high = TIMELINE_YEARS
    shown = targets[(targets["deadline"] >= low) & (targets["deadline"] <= high)]
    note = (f'<p class="note">{len(targets) - len(shown)} deadlines outside {low}–{high} are in the table '
            f'only.</p>' if len(shown) < len(targets) else "")
    if shown.empty:
        return note
    return timeline_svg(shown, width) + note


def timeline_svg(targets: pd.DataFrame, width: int) -> str:
    years = sorted(int(y) for y in targets["deadline"].unique())
    first, last = years[0] - 1, years[-1] + 1
    per_year = targets.groupby("deadline").size()
    dot, left, right, base = 14, 40, 30, 40 + 16 * min(int(per_year.max()), DOTS_PER_YEAR)
    span = max(1, last - first)

    def x_of(year: int) -> float:
        return left + (year - first) * (width - left - right) / span

    out = [f'<svg role="img" aria-label="Targets by deadline" width="{width}" height="{base + 40}" '
           f'viewBox="0 0 {width} {base + 40}" xmlns="http://www.w3.org/2000/svg"><title>Targets by deadline</title>',
           f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="#4a5568"/>']
    for year in range(first, last + 1, math.ceil((last - first + 1) / MAX_TICKS)):
        out.append(f'<line x1="{x_of(year):.1f}" y1="{base}" x2="{x_of(year):.1f}" y2="{base + 5}" stroke="#4a5568"/>'
                   f'<text x="{x_of(year):.1f}" y="{base + 20}" text-anchor="middle">{year}</text>')
    stacked: Counter = Counter()
    for row in targets.sort_values(["deadline", "doc_id", "sent_id"]).itertuples():
        year = int(row.deadline)
        stacked[year] += 1
        if stacked[year] > DOTS_PER_YEAR:
            continue
        y = base - 12 - 16 * (stacked[year] - 1)
        out.append(f'<circle class="target" data-year="{year}" cx="{x_of(year):.1f}" cy="{y}" r="{dot / 2 - 1}" '
                   f'fill="{COLORS["target"]}"><title>{year} · {esc(row.doc_id)}: {esc(row.text)}</title></circle>')
    for year, n in per_year.items():
        if n > DOTS_PER_YEAR:
            out.append(f'<text x="{x_of(int(year)) + 10:.1f}" y="30">+{n - DOTS_PER_YEAR}</text>')
    out.append("</svg>")
    return "".join(out)


def table(frame: pd.DataFrame, numeric: Sequence[str] = (), limit: int = MAX_ROWS) -> str:
    """An HTML table of ``frame`` (at most ``limit`` rows, the rest counted)."""
    if frame.empty:
        return '<p class="note">None in this run.</p>'
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    body = []
    for row in frame.head(limit).itertuples(index=False):
        cells = "".join(f'<td class="num">{esc(v)}</td>' if c in numeric else f"<td>{esc(v)}</td>"
                        for c, v in zip(frame.columns, row))
        body.append(f"<tr>{cells}</tr>")
    more = f'<p class="note">… and {len(frame) - limit} more rows.</p>' if len(frame) > limit else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


def _short(text: str, n: int = 180) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def label_bars(claims: pd.DataFrame) -> list[Bar]:
    counts = claims["label"].value_counts()
    return [Bar(label, ((label, float(counts.get(label, 0))),)) for label in CLAIM_LABELS]


# A headline is a line of the page above the article: boilerplate, on its own line, a handful of
# words, and none of the marks of the page's other furniture: ``Home | Tech``, a label before a
# colon (``Photo: VCG``, ``Source:Xinhua``), ``LIN SHANCHUAN/XINHUA``, a caption's full stop.
HEADLINE_WORDS = (4, 20)  # words with a letter in them: a date is no headline
NOT_A_HEADLINE = re.compile(r"[|/@©\n]|^\W*\w+\s?:|\.\s*$")
WORD_WITH_LETTERS = re.compile(r"\w*[^\W\d_]\w*")


def document_titles(sentences: pd.DataFrame) -> dict[str, str]:
    """Each document's headline, where it has one: the first of the boilerplate lines before its
    first body sentence that reads as a headline. A document without one (an article that starts
    with its body, a first line that is a date) has no title: it is named by its doc_id alone."""
    titles = {}
    for doc, rows in sentences.sort_values(["doc_id", "sent_id"]).groupby("doc_id", sort=False, observed=True):
        flags = rows["boilerplate"].fillna(False).astype(bool).tolist()
        lines = [str(t).strip() for t in rows["text"].tolist()]
        head = lines[:flags.index(False) if False in flags else None]
        for line, after in zip(head, lines[1:] + [""]):
            # a line that starts in lower case, or runs on into one that does, is part of a
            # hard-wrapped paragraph (``...plans to restrict`` / ``exports of ...``), not a headline
            if is_headline(line) and not line[:1].islower() and not after[:1].islower():
                titles[doc] = _short(line, 90)
                break
    return titles


def _words(line: str) -> int:
    return len(WORD_WITH_LETTERS.findall(line))


def is_headline(line: str) -> bool:
    """Whether a boilerplate line reads as a headline (a cut one, ``(Updates with``, does not)."""
    balanced = all(line.count(a) == line.count(b) for a, b in ("()", "[]"))
    return balanced and not NOT_A_HEADLINE.search(line) and HEADLINE_WORDS[0] <= _words(line) <= HEADLINE_WORDS[1]


def document_name(doc: str, titles: dict[str, str]) -> str:
    """``doc_id — headline``, or the doc_id alone: the id is what finds the document in the run."""
    return f"{doc} — {titles[doc]}" if doc in titles else doc


def document_bars(claims: pd.DataFrame, titles: dict[str, str]) -> list[Bar]:
    """Stacked bars of the documents with the most claims (``TOP_DOCUMENTS``), in doc_id order."""
    counts = claims.groupby(["doc_id", "label"], observed=True).size()
    top = sorted(claims["doc_id"].value_counts().head(TOP_DOCUMENTS).index)
    return [Bar(document_name(doc, titles),
                tuple((label, float(counts.get((doc, label), 0))) for label in CLAIM_LABELS))
            for doc in top]


def entity_bars(entities: pd.DataFrame, label: str) -> list[Bar]:
    """The most mentioned organisations or people, each counted once under the name its mentions
    stand for (``NDA`` under ``National Data Administration``, ``Liu`` under ``Liu Liehong``)."""
    body = entities[(entities["label"] == label) & ~entities["boilerplate"].fillna(False)]
    names = body["entity_key"].fillna(body["text"])
    return [Bar(name, ((label, float(n)),)) for name, n in names.value_counts().head(TOP_ENTITIES).items()]


def metrics_table(tables: dict[str, pd.DataFrame], titles: dict[str, str]) -> pd.DataFrame:
    """Every quantity stated in a metric sentence, with its normalised value and unit."""
    metric = tables["claims"][tables["claims"]["label"] == "metric"][["doc_id", "sent_id", "text", "speaker"]]
    q = tables["quantities"].rename(columns={"text": "quantity"}).merge(metric, on=["doc_id", "sent_id"])
    return pd.DataFrame({
        "document": q["doc_id"], "title": [titles.get(d, "") for d in q["doc_id"]], "stated": q["quantity"],
        "value": [format_value(v) if v is not pd.NA else "" for v in q["value"]],
        "unit": [unit_label(u, v) for u, v in zip(q["unit"], q["value"])], "qualifier": q["approx"].fillna(""),
        "source": q["speaker"].fillna(""), "sentence": [_short(t) for t in q["text"]],
    })


def unit_label(unit, value) -> str:
    """A unitless quantity is a count, unless it is a fraction (``more than half``: a share)."""
    if unit is not None and unit is not pd.NA:
        return str(unit)
    return "share" if value is not None and value is not pd.NA and 0 < abs(value) < 1 else "count"


def targets_table(claims: pd.DataFrame) -> pd.DataFrame:
    targets = claims[(claims["label"] == "target") & claims["deadline"].notna()]
    return targets.sort_values(["deadline", "doc_id", "sent_id"])


def repeated_table(groups: pd.DataFrame) -> pd.DataFrame:
    repeated = groups[groups["documents"] > 1].sort_values(["disagree", "documents"], ascending=False)
    return pd.DataFrame({
        "group": repeated["claim_group"], "articles": repeated["documents"], "figures": repeated["figures"],
        "values differ": ["yes: " + u if d else "no" for d, u in zip(repeated["disagree"], repeated["disagree_units"])],
        "claim": [_short(t) for t in repeated["text"]],
    })


def _documents_note(claims: pd.DataFrame) -> str:
    n = claims["doc_id"].nunique()
    return f'<p class="note">The {TOP_DOCUMENTS} documents with the most claims, of {n}.</p>' if n > TOP_DOCUMENTS else ""


def render_report(tables: dict[str, pd.DataFrame], *, title: str) -> str:
    """The whole page for the tables of one run."""
    claims, sentences, entities = tables["claims"], tables["sentences"], tables["entities"]
    targets = targets_table(claims)
    undated = int(((claims["label"] == "target") & claims["deadline"].isna()).sum())
    cards = [("documents", sentences["doc_id"].nunique()), ("sentences", len(sentences)),
             ("claims", len(claims)), ("distinct claims", tables["claim_groups"]["claim_group"].nunique()),
             ("with a speaker", int(claims.drop_duplicates(["doc_id", "sent_id"])["speaker"].notna().sum())),
             ("dated targets", len(targets))]
    titles = document_titles(sentences)
    target_rows = pd.DataFrame({"deadline": targets["deadline"], "document": targets["doc_id"],
                                "title": [titles.get(d, "") for d in targets["doc_id"]],
                                "speaker": targets["speaker"].fillna(""),
                                "target": [_short(t, 240) for t in targets["text"]]})
    parts = [
        f"<h1>{esc(title)}</h1><div class='meta'>Claims extracted by the claims pipeline "
        "(labels: metric, target, policy; spec ANNOTATION.md).</div>",
        "<div class='cards'>" + "".join(f"<div class='card'><b>{v}</b>{esc(k)}</div>" for k, v in cards) + "</div>",
        "<div class='grid'><section><h2>Claims by label</h2>",
        bar_chart(label_bars(claims), title="Claims by label"),
        "</section><section><h2>Claims by document</h2>", legend(CLAIM_LABELS),
        bar_chart(document_bars(claims, titles), title="Claims by document"), _documents_note(claims), "</section>",
        "<section><h2>Top organisations</h2>", bar_chart(entity_bars(entities, "ORG"), title="Top organisations"),
        "</section><section><h2>Top people</h2>", bar_chart(entity_bars(entities, "PERSON"), title="Top people"),
        "</section></div>",
        f"<h2>Targets by deadline</h2>{timeline_chart(targets)}"
        f"<p class='note'>{undated} target claim(s) state no year.</p>",
        table(target_rows, numeric=("deadline",)),
        "<h2>Metrics</h2>", table(metrics_table(tables, titles), numeric=("value",)),
        "<h2>Claims repeated across articles</h2>", table(repeated_table(tables["claim_groups"]),
                                                         numeric=("articles",)),
        "<h2>Figures across articles</h2>", series_charts(tables), table(points_table(tables["series"])),
        "<h2>Targets against the latest metric</h2>",
        table(progress_rows(tables["target_progress"]), numeric=("deadline", "target", "latest", "distance", "reached")),
    ]
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>{''.join(parts)}</body></html>\n")


def write_report(run_path: str | Path, out: str | Path) -> Path:
    """Render the report of a run file to ``out`` (written atomically).

    Raises ``OutputOverInput`` before reading anything when ``out`` is one of the run's own files
    (``claims report RUN --out RUN`` would replace the run with its report), and when it is a folder.
    """
    run_path, out = Path(run_path), Path(out)
    if any(out.resolve() == own.resolve() for own in run_files(run_path)):
        raise OutputOverInput(f"the report {out} would write over the run's own file; write it elsewhere "
                              "(--out report.html)")
    if out.is_dir():
        raise OutputOverInput(f"--out {out} is a folder: give the HTML file to write (--out {out / 'report.html'})")
    page = render_report(run_tables(read_run(run_path)), title=f"Claims report: {run_path.name}")
    write_text_atomic(out, page)
    return out
