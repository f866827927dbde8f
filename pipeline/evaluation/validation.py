"""`claims validate-gold`: every problem of a gold file, or of an attribution side file, at once.

Loading stops at the first breach, which is right for scoring and wrong for
an annotator, who fixes a file in one pass: here each record is read on its
own and every problem is listed, naming the line, the document, the field
and the bad value as the file spells it. ``data/gold/`` holds two kinds of
file, so each is recognised by its shape and checked as what it is: spec §5
gold (one record per document), or an attribution side file (one row per
labelled sentence: ``{doc_id, start, end, speaker, deadline}``, GUIDE.md),
whose sentences are checked against the gold files named beside it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import StandoffError
from pipeline.evaluation.attribution import parse_deadline, parse_speaker
from pipeline.evaluation.gold import shared_root
from pipeline.evaluation.scoring import GoldDocument, GoldSentence, ScoredQuantity, gold_document, quote
from pipeline.wording import plural

SHOWN_PROBLEMS = 20  # per file; the rest are counted
ATTRIBUTION_FIELDS = ("doc_id", "start", "end", "speaker", "deadline")


@dataclass
class FileReport:
    """What one file is and what is wrong with it."""

    path: Path
    kind: str  # "gold", "attribution", "run" or "unreadable"
    records: int = 0
    problems: list[str] = field(default_factory=list)
    note: str = ""  # what was not checked, and why


def validate_files(paths: list[Path]) -> list[FileReport]:
    """A report per file, in the order given; gold files first, so that attribution files can be
    checked against the gold documents named with them."""
    read = {path: _read_records(path) for path in paths}
    reports = {path: FileReport(path, _kind(records), len(records), problems)
               for path, (records, problems) in read.items()}
    golds: dict[str, GoldDocument] = {}
    for path, report in reports.items():
        if report.kind == "gold":
            golds.update(_check_gold(read[path][0], report))
        elif report.kind == "run":
            report.problems.insert(0, "a run file (one record per sentence, spec §6), not gold (one record per "
                                      "document, spec §5) nor an attribution side file: nothing to validate")
    for path, report in reports.items():
        if report.kind == "attribution":
            _check_attribution(read[path][0], report, golds)
        report.problems.sort(key=_line_number)  # stable: a record's problems stay in field order
    return [reports[path] for path in paths]


def _line_number(problem: str) -> int:
    found = re.match(r"line (\d+)\b", problem)
    return int(found.group(1)) if found else 0


def summary_line(report: FileReport) -> str:
    """``FILE: OK (...)`` or ``FILE: 4 problems``, in good English."""
    what = {"gold": plural(report.records, "document"),
            "attribution": f"attribution side file, {plural(report.records, 'row')}"}.get(report.kind)
    if report.problems:
        return f"{report.path}: {plural(len(report.problems), 'problem')}"
    details = "; ".join(x for x in (what, report.note) if x)
    return f"{report.path}: OK" + (f" ({details})" if details else "")


def problem_lines(report: FileReport, shown: int = SHOWN_PROBLEMS) -> list[str]:
    """The first ``shown`` problems, then how many more there are."""
    lines = [f"{report.path}: {p}" for p in report.problems[:shown]]
    if len(report.problems) > shown:
        lines.append(f"{report.path}: ... and {plural(len(report.problems) - shown, 'more problem')}")
    return lines


def _read_records(path: Path) -> tuple[list[tuple[int, dict]], list[str]]:
    """(line number, object) of every line that is a JSON object; each other line is a problem."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        return [], [f"cannot read it: {err.strerror or err}"]
    except UnicodeDecodeError as err:
        return [], [f"not valid UTF-8 (byte {err.start})"]
    records, problems = [], []
    for lineno, line in enumerate(text.split("\n"), 1):  # not splitlines: U+2028 may sit inside a string
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(f"line {lineno}: malformed JSON: {err.msg} (column {err.colno})")
            continue
        if isinstance(obj, dict):
            records.append((lineno, obj))
        else:
            problems.append(f"line {lineno}: {quote(obj)} is not a JSON object")
    if not records and not problems:
        problems.append("holds no records")
    return records, problems


def _kind(records: list[tuple[int, dict]]) -> str:
    """What the file holds, from its first record's fields."""
    if not records:
        return "unreadable"
    first = records[0][1]
    if "sent_id" in first and "sentences" not in first:
        return "run"
    if "sentences" in first or "text" in first or "path" in first:
        return "gold"
    if {"doc_id", "start", "end"} <= first.keys():
        return "attribution"
    return "gold"  # its problems say what a gold record lacks


def _check_gold(records: list[tuple[int, dict]], report: FileReport) -> dict[str, GoldDocument]:
    docs: dict[str, GoldDocument] = {}
    if any("text" not in obj and "path" in obj for _, obj in records):
        try:
            shared_root()
        except StandoffError as err:  # once for the file, not once per document
            report.problems.append(str(err))
            return docs
    with_figures = any(isinstance(q, dict) and q.get("figure") is not None
                       for _, obj in records if isinstance(obj.get("quantities"), list) for q in obj["quantities"])
    for lineno, obj in records:
        where = f"line {lineno}"
        found: list[str] = []
        doc = gold_document(obj, where, found)
        report.problems.extend(found)
        if doc is None:
            continue
        if doc.doc_id in docs:
            report.problems.append(f"{where} ({doc.doc_id}): duplicate doc_id")
            continue
        docs[doc.doc_id] = doc
        complete = len(doc.sentences) == len(obj.get("sentences") or [])
        report.problems.extend(gold_problems(doc, f"{where} ({doc.doc_id})", tiling=complete, figures=with_figures))
    return docs


def gold_problems(doc: GoldDocument, where: str | None = None, tiling: bool = True,
                  figures: bool = False) -> list[str]:
    """Everything in one well-formed gold document that breaks spec §1-5 and §9 (empty when it is
    valid). ``tiling`` off: sentences were left out for bad offsets, so gaps between them say
    nothing. ``figures`` on: the file carries figures, so each quantity of a metric or target
    sentence must have one."""
    text, problems = doc.text, []
    where = where or doc.doc_id
    sents = sorted(doc.sentences, key=lambda s: (s.start, s.end))
    prev_end, gap = 0, None
    for s in sents:
        span = text[s.start:s.end]
        if s.start < prev_end:
            problems.append(f"{where}: sentence [{s.start}:{s.end}] overlaps the one before")
        if span != span.strip():
            problems.append(f"{where}: sentence [{s.start}:{s.end}] has edge whitespace")
        if s.boilerplate and s.labels:
            problems.append(f"{where}: boilerplate sentence [{s.start}:{s.end}] carries labels")
        if gap is None and s.start > prev_end and text[prev_end:s.start].strip():
            gap = prev_end
        prev_end = max(prev_end, s.end)
    if gap is None and text[prev_end:].strip():
        gap = prev_end
    if gap is not None and tiling:
        i = gap + len(text[gap:]) - len(text[gap:].lstrip())
        problems.append(f"{where}: character {i} ({text[i:i + 20]!r}...) is in no sentence")
    for i, raw in enumerate(doc.raw.get("sentences") or []):
        if not isinstance(raw, dict):
            continue
        labels = raw.get("labels")
        if isinstance(labels, list) and all(isinstance(x, str) for x in labels) and labels != sorted(labels):
            problems.append(f"{where} sentences[{i}].labels: {quote(labels)} are not sorted")
        if "speaker" in raw or "deadline" in raw:
            problems.extend(_attribution_problems(raw, f"{where} sentences[{i}]", text))
    body = [s for s in sents if not s.boilerplate]
    for q in doc.quantities:
        home = next((s for s in body if s.start <= q.start and q.end <= s.end), None)
        if home is None:
            problems.append(f"{where}: quantity [{q.start}:{q.end}] {text[q.start:q.end]!r} "
                            f"is not inside a body sentence")
        else:
            problems.extend(_figure_problems(q, home, text, where, figures))
    for start, end, label in doc.entities:
        span = text[start:end]
        if span != span.strip():
            problems.append(f"{where}: entity [{start}:{end}] {span!r} has edge whitespace")
    return problems


FIGURE_LABELS = frozenset({"metric", "target"})


def _figure_problems(q: ScoredQuantity, home: GoldSentence, text: str, where: str, expected: bool) -> list[str]:
    """Spec §9: a quantity of a metric or target sentence has a figure (when the file has figures
    at all), no other quantity has one, and its measure and subject lie inside that sentence."""
    named = f"quantity [{q.start}:{q.end}] {text[q.start:q.end]!r}"
    if q.figure is None:
        if expected and home.labels & FIGURE_LABELS:
            return [f"{where}: {named} is in a metric or target sentence but has no figure"]
        return []
    if not home.labels & FIGURE_LABELS:
        return [f"{where}: {named} has a figure but its sentence is labelled neither metric nor target"]
    problems = []
    for key, span in (("measure", q.figure.measure), ("subject", q.figure.subject)):
        if span is None:
            continue
        s, e = span
        if not (home.start <= s and e <= home.end):
            problems.append(f"{where}: {named} figure.{key} [{s}:{e}] {text[s:e]!r} is not inside its "
                            f"sentence [{home.start}:{home.end}]")
        elif text[s:e] != text[s:e].strip():
            problems.append(f"{where}: {named} figure.{key} [{s}:{e}] {text[s:e]!r} has edge whitespace")
    return problems


def _attribution_problems(row: dict, where: str, text: str | None) -> list[str]:
    """A sentence's speaker and deadline (GUIDE.md): the speaker a PERSON or ORG span inside the
    sentence, without edge whitespace when the text is known; the deadline a year or null."""
    problems: list[str] = []
    speaker = parse_speaker(row.get("speaker"), where, problems)
    parse_deadline(row.get("deadline"), where, problems)
    start, end = row.get("start"), row.get("end")
    if speaker and isinstance(start, int) and isinstance(end, int):
        s, e, _ = speaker
        if not (start <= s and e <= end):
            problems.append(f"{where}.speaker: [{s}:{e}] is not inside the sentence [{start}:{end}]")
        elif text is not None and text[s:e] != text[s:e].strip():
            problems.append(f"{where}.speaker: [{s}:{e}] {text[s:e]!r} has edge whitespace")
    return problems


def _check_attribution(records: list[tuple[int, dict]], report: FileReport,
                       golds: dict[str, GoldDocument]) -> None:
    """Each row's own fields; its sentence, when the gold file of its document was named too."""
    seen: dict[tuple, int] = {}
    checked, unchecked = set(), set()
    for lineno, row in records:
        doc_id = row.get("doc_id")
        where = f"line {lineno} ({doc_id})" if isinstance(doc_id, str) else f"line {lineno}"
        missing = [k for k in ATTRIBUTION_FIELDS if k not in row]
        if missing:
            report.problems.append(f"{where}: no {', no '.join(missing)} (an attribution row has "
                                   f"{', '.join(ATTRIBUTION_FIELDS)})")
        if not isinstance(doc_id, str):
            report.problems.append(f"{where}: doc_id {quote(doc_id)} is not a string")
            continue
        start, end = row.get("start"), row.get("end")
        bad = [(k, v) for k, v in (("start", start), ("end", end)) if isinstance(v, bool) or not isinstance(v, int)]
        report.problems.extend(f"{where}.{k}: {quote(v)} is not an integer offset" for k, v in bad)
        if not bad and not 0 <= start < end:
            report.problems.append(f"{where}: offsets out of range: start={start}, end={end} (need 0 <= start < end)")
            bad = [("start", start)]
        if not bad and (doc_id, start, end) in seen:
            report.problems.append(f"{where}: the same sentence as line {seen[(doc_id, start, end)]}")
        elif not bad:
            seen[(doc_id, start, end)] = lineno
        doc = golds.get(doc_id)
        if doc is None:
            unchecked.add(doc_id)
        else:
            checked.add(doc_id)
        if not bad and doc is not None:
            sentence = next((s for s in doc.sentences if (s.start, s.end) == (start, end)), None)
            if sentence is None:
                report.problems.append(f"{where}: [{start}:{end}] is not a sentence of the gold document")
            elif sentence.boilerplate or not sentence.labels:
                report.problems.append(f"{where}: [{start}:{end}] is not a labelled body sentence of the gold")
        report.problems.extend(_attribution_problems(row, where, doc.text if doc is not None and not bad else None))
    if unchecked:
        report.note = (f"its sentences were not checked: the gold of its {plural(len(unchecked), 'document')} "
                       f"is not among the files given (name that file too to check them)")
    elif checked:
        report.note = f"sentences checked against the gold of {plural(len(checked), 'document')}"
