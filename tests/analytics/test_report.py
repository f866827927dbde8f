"""The HTML report: what the page holds, and what a real browser shows of it."""

import os
import struct
import zlib
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.analytics.browser import dump_dom, find_chromium, screenshot
from pipeline.cli import app
from pipeline.analytics.tables import run_tables
from pipeline.analytics.report import COLORS, render_report, write_report
from runfile import FIGURE_RECORDS, write_figure_run, write_run


@pytest.fixture
def page(tmp_path) -> Path:
    return write_report(write_run(tmp_path / "run.jsonl"), tmp_path / "report.html")


@pytest.fixture
def browser():
    if find_chromium() is None and os.environ.get("CI"):
        pytest.fail("CI must run the browser tests: .ci/run installs Debian's chromium")
    if find_chromium() is None:
        pytest.skip("no Chromium on PATH: the browser tests need Debian's chromium package "
                    "(.ci/run installs it; locally: apt-get install chromium)")


def test_page_is_self_contained(page):
    text = page.read_text(encoding="utf-8")
    assert "default-src 'none'" in text  # the browser may fetch nothing
    for ref in ('src="http', "src='http", 'href="http', "@import", "url(http", "<script"):
        assert ref not in text


def test_page_holds_every_section(page):
    text = page.read_text(encoding="utf-8")
    for heading in ("Claims by label", "Claims by document", "Top organisations", "Top people",
                    "Targets by deadline", "Metrics", "Claims repeated across articles"):
        assert f"<h2>{heading}</h2>" in text
    assert text.count('class="bar" data-series="metric"') == 1 + 2  # label chart + two documents
    assert 'class="target" data-year="2027"' in text
    assert "41.06" in text and "zettabyte" in text and "yes: %" in text


def test_a_series_across_articles_has_its_chart_with_its_target():
    page = render_report(run_tables(FIGURE_RECORDS), title="figures")
    section = page.split("<h2>Figures across articles</h2>")[1]
    assert section.count('class="series-chart"') == 1  # the undated growth rate is a series of one figure
    assert 'aria-label="digital economy · China · level · CNY"' in section
    assert [section.count(f'class="point" data-label="metric" data-year="{y}"') for y in (2022, 2023)] == [1, 2]
    assert section.count('stroke="#c53030"') == 2  # the two values articles give for 2023, ringed
    assert section.count('class="target-point" data-year="2025"') == 1 and "stroke-dasharray" in section
    progress = section.split("<h2>Targets against the latest metric</h2>")[1]
    assert "<td>x</td><td>digital economy</td><td>China</td><td>CNY</td>" in progress
    assert "53.9 trillion" in progress and "90%" in progress


def test_a_run_without_series_says_so(page):
    assert "No series has two figures in this run." in page.read_text(encoding="utf-8")


def test_empty_run_still_renders(tmp_path):
    tables = run_tables([])
    page = render_report(tables, title="empty")
    assert "No target states a deadline" in page and "None in this run" in page


def test_report_command(tmp_path):
    run = write_run(tmp_path / "run.jsonl")
    result = CliRunner().invoke(app, ["report", str(run), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")


def test_browser_shows_the_tables(page, browser):
    dom = dump_dom(page)
    assert "<h1>Claims report: run.jsonl</h1>" in dom
    assert dom.count("<svg") == 5  # four bar charts and the timeline
    assert "By 2027, the NDA plans to build 10 data hubs." in dom


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, bytes per pixel and unfiltered rows of an 8-bit RGB(A) PNG (no imaging library needed)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        filt = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a, b = (line[i - bpp] if i >= bpp else 0), prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (0, a, b, (a + b) // 2, _paeth(a, b, c))[filt]) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, bpp, rows


def colour_counts(path: Path) -> Counter:
    """How many pixels of the screenshot have each exact RGB colour."""
    width, bpp, rows = read_png(path)
    return Counter(row[x * bpp:x * bpp + 3] for row in rows for x in range(width))


def test_screenshot_shows_the_charts(page, browser, tmp_path):
    """Fails when the charts do not render: every series colour must be painted, in bars not specks."""
    counts = colour_counts(screenshot(page, tmp_path / "report.png", width=1000, height=1100))
    for series in ("metric", "target", "policy", "ORG", "PERSON"):
        assert counts[bytes.fromhex(COLORS[series].lstrip("#"))] > 1000, f"{series} bars are not on the screenshot"


def test_a_large_run_keeps_the_page_bounded():
    from pipeline.analytics.report import DOTS_PER_YEAR, TOP_DOCUMENTS

    records = [{"doc_id": f"doc{d:03d}", "sent_id": k, "start": 0, "end": 9, "text": f"By 2027, X will act {d} {k}.",
                "labels": ["target"], "scores": {"target": 0.9}, "boilerplate": False, "entities": [],
                "quantities": [], "speaker": None, "deadline": 2027} for d in range(TOP_DOCUMENTS + 10) for k in range(2)]
    page = render_report(run_tables(records), title="large")
    assert page.count("<circle") == DOTS_PER_YEAR and f"+{len(records) - DOTS_PER_YEAR}" in page
    assert page.count('data-series="target"') == 1 + TOP_DOCUMENTS
    assert f"of {TOP_DOCUMENTS + 10}." in page


def test_one_entity_counts_once_under_its_key():
    import pandas as pd

    from pipeline.analytics.report import entity_bars, unit_label

    entities = pd.DataFrame({
        "doc_id": ["a"] * 4, "label": ["ORG", "ORG", "ORG", "PERSON"], "boilerplate": [False] * 4,
        "text": ["National Data Administration", "NDA", "NDA", "Liu"],
        "entity_key": ["National Data Administration"] * 3 + ["Liu Liehong"]})
    assert [(b.label, b.total) for b in entity_bars(entities, "ORG")] == [("National Data Administration", 3.0)]
    assert [(b.label, b.total) for b in entity_bars(entities, "PERSON")] == [("Liu Liehong", 1.0)]
    assert unit_label(None, 0.5) == "share" and unit_label(None, 12.0) == "count" and unit_label("%", 0.5) == "%"


def test_long_organisation_names_are_not_cut():
    from pipeline.analytics.report import Bar, bar_chart

    svg = bar_chart([Bar("National Data Administration", (("ORG", 5.0),))], title="Top organisations")
    assert ">National Data Administration</text>" in svg


def test_a_deadline_in_an_absurd_year_stays_in_the_table_but_off_the_timeline():
    import pandas as pd

    from pipeline.analytics.report import timeline_chart

    targets = pd.DataFrame({"deadline": [2027, 2_000_000_000, 2030], "doc_id": ["a", "b", "c"],
                            "sent_id": [0, 1, 2], "text": ["x", "y", "z"]})
    svg = timeline_chart(targets)
    assert len(svg) < 20_000 and svg.count("<circle") == 2
    assert "1 deadlines outside 1900–2200 are in the table only" in svg
    wide = timeline_chart(targets.assign(deadline=[1900, 2200, 2050]))
    assert wide.count("<text") <= 31  # ticks thinned to about thirty labels


def test_the_default_screenshot_holds_the_whole_page(page, browser, tmp_path):
    from pipeline.analytics.browser import page_height

    height = page_height(page, 1280)
    png = screenshot(page, tmp_path / "whole.png")
    _, _, rows = read_png(png)
    assert len(rows) == height > 1000  # the whole page, not a fixed 2,400 px window


def _heads(*docs):
    """Sentences of documents given as (doc_id, [(text, boilerplate), ...])."""
    import pandas as pd

    rows = [{"doc_id": doc, "sent_id": i, "text": text, "boilerplate": flag}
            for doc, sentences in docs for i, (text, flag) in enumerate(sentences)]
    return pd.DataFrame(rows)


def test_documents_are_named_by_doc_id_with_their_headline_beside_it_when_they_have_one():
    from pipeline.analytics.report import document_name, document_titles

    sentences = _heads(
        ("002_e81d", [("xi's moments", True), ("Home | Technology", True),
                      ("Ports bet on data to cut waiting times", True),
                      ("By LI MING | Harbour Daily | Updated: 2024-05-28 09:16", True),
                      ("Ports stress data sharing.", False)]),
        # a first line that is no headline: a cut wire-service note, then a hard-wrapped paragraph
        ("b027_dutch", [("date 2024-01-15 (Adds minister's comment, details of the", True),
                        ("The ministry on Tuesday said it plans to widen", True),
                        ("export controls on lithography tools.", False)]),
        ("000_ef4f", [("OSLO, 3rd July, 2025 -- Norway has announced a plan.", False)]),
        ("003_5047", [("Cables Photo: AP", True), ("Norway has laid new cables.", False)]),
    )
    titles = document_titles(sentences)
    assert titles == {"002_e81d": "Ports bet on data to cut waiting times"}
    assert document_name("002_e81d", titles) == "002_e81d — Ports bet on data to cut waiting times"
    assert [document_name(d, titles) for d in ("b027_dutch", "000_ef4f", "003_5047")] == [
        "b027_dutch", "000_ef4f", "003_5047"]


def test_the_page_shows_doc_ids_not_first_lines(tmp_path):
    records = [
        {"doc_id": "b027_dutch", "sent_id": 0, "start": 0, "end": 40, "boilerplate": True,
         "text": "date 2024-01-15 (Adds minister's comment", "labels": [], "scores": {}, "entities": [],
         "quantities": [], "speaker": None, "deadline": None},
        {"doc_id": "b027_dutch", "sent_id": 1, "start": 41, "end": 90, "boilerplate": False,
         "text": "The ministry will widen export controls by 2025.", "labels": ["target"],
         "scores": {"target": 0.9}, "entities": [], "quantities": [], "speaker": None, "deadline": 2025},
    ]
    page = render_report(run_tables(records), title="t")
    assert ">b027_dutch</text>" in page and "<td>b027_dutch</td>" in page
    assert "date 2024-01-15" not in page.split("<h2>Targets by deadline</h2>")[0]  # not a document's name


def test_browser_draws_the_series_chart_and_its_target(browser, tmp_path):
    """The series section alone, so that its colours are the chart's: the metric line and dots,
    the ring of a disagreement and the target's diamond must all be painted."""
    from pipeline.analytics.series_report import DISAGREE, METRIC, TARGET, series_charts

    charts = series_charts(run_tables(FIGURE_RECORDS))
    alone = tmp_path / "series.html"
    alone.write_text(f"<!DOCTYPE html><html><body>{charts}</body></html>", encoding="utf-8")
    dom = dump_dom(alone)
    assert dom.count('class="series-chart"') == 1 and dom.count('class="target-point"') == 1
    counts = colour_counts(screenshot(alone, tmp_path / "series.png", width=500, height=300))
    for colour in (METRIC, TARGET, DISAGREE):
        assert counts[bytes.fromhex(colour.lstrip("#"))] > 20, f"{colour} is not on the screenshot"


def test_browser_shows_the_figures_report(browser, tmp_path):
    page = write_report(write_figure_run(tmp_path / "figures.jsonl"), tmp_path / "figures.html")
    dom = dump_dom(page)
    assert "<h2>Figures across articles</h2>" in dom and dom.count('class="series-chart"') == 1
    assert "<h2>Targets against the latest metric</h2>" in dom

