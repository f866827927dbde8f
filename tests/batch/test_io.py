import json

import pytest

from pipeline.batch.io import AtomicWriter, Document, ErrorRecord, read_documents


def read(paths, stdin=None):
    return list(read_documents([str(p) for p in paths], stdin=stdin))


def kinds(items):
    return [i.kind if isinstance(i, ErrorRecord) else "ok" for i in items]


@pytest.mark.parametrize("content,kind", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x00\x01binary\x00", "binary"),
    (b"caf\xe9 latte", "encoding"),
    (b"A real sentence.", "ok"),
])
def test_text_files(tmp_path, content, kind):
    f = tmp_path / "doc.txt"
    f.write_bytes(content)
    assert kinds(read([f])) == [kind]


def test_missing_path_is_one_error(tmp_path):
    assert kinds(read([tmp_path / "nope.txt"])) == ["not_found"]


def test_text_is_kept_exactly_as_read(tmp_path):
    f = tmp_path / "crlf.txt"
    f.write_bytes("One.\r\nTwo – é.\r\n".encode())
    (doc,) = read([f])
    assert doc.text == "One.\r\nTwo – é.\r\n" and doc.doc_id == "crlf"


def test_directory_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed.")
    (tmp_path / "a.txt").write_text("Ay.")
    (tmp_path / "skip.md").write_text("no")
    assert [d.doc_id for d in read([tmp_path])] == ["a", "z"]


def test_jsonl_records_and_bad_lines(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "x1", "text": "Hello."}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "x2", "text": ""}),
        json.dumps({"id": 7, "text": "Numbers as ids."}),
    ]))
    items = read([f])
    assert kinds(items) == ["ok", "bad_record", "bad_record", "empty", "ok"]
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["x1", "7"]


def test_stdin(tmp_path):
    import io
    items = read(["-"], stdin=io.StringIO(json.dumps({"id": "s", "text": "From stdin."}) + "\n"))
    assert [(d.doc_id, d.text) for d in items] == [("s", "From stdin.")]


def test_duplicate_ids_are_reported(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("One.")
    (tmp_path / "b" / "x.txt").write_text("Two.")
    assert kinds(read([tmp_path])) == ["ok", "duplicate_id"]


def test_atomic_writer_leaves_no_final_file_on_failure(tmp_path):
    out = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError):
        with AtomicWriter(out) as w:
            w.write({"a": 1})
            raise RuntimeError("boom")
    assert not out.exists()
    with AtomicWriter(out) as w:
        w.write({"a": 1})
    assert out.read_text() == '{"a": 1}\n'


# ------------------------------------------------- encodings and hostile bytes --

@pytest.mark.parametrize("data,text", [
    (b"\xef\xbb\xbfBOM first.", "BOM first."),                      # UTF-8 BOM: a marker, not text
    ("UTF-16 with a mark.".encode("utf-16"), "UTF-16 with a mark."),
    ("Big end.".encode("utf-16-be"), "Big end."),                 # no mark: found by its NUL bytes
    ("Little end.".encode("utf-16-le"), "Little end."),
    ("Zhōngguó 中国 économie.\r\n".encode("utf-8"), "Zhōngguó 中国 économie.\r\n"),
])
def test_decoding(tmp_path, data, text):
    f = tmp_path / "doc.txt"
    f.write_bytes(data)
    (doc,) = read([f])
    assert doc.text == text


def test_a_file_too_long_is_refused_without_being_read(tmp_path):
    from pipeline.batch.io import read_text_file

    f = tmp_path / "huge.txt"
    f.write_bytes(b"x" * 5000)
    err = read_text_file(f, max_chars=1000)
    assert err.kind == "too_long" and "limit is 1,000" in err.message
    assert read_text_file(f, max_chars=5000).text == "x" * 5000


def test_jsonl_text_too_long_or_with_nul_is_one_error(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in [
        {"id": "long", "text": "y" * 50}, {"id": "nul", "text": "a\u0000b"}, {"id": "ok", "text": "Fine."}]))
    items = list(read_documents([str(f)], max_chars=10))
    assert kinds(items) == ["too_long", "binary", "ok"]


def test_html_article_text_is_extracted(tmp_path):
    f = tmp_path / "page.html"
    f.write_text("<html><body><nav>Menu</nav><article><p>The NDA will build 50 hubs by 2027.</p>"
                 "</article></body></html>", encoding="utf-8")
    (tmp_path / "blank.html").write_text("<html><body></body></html>", encoding="utf-8")
    docs = {d.doc_id: d for d in read([tmp_path])}
    assert docs["page"].format == "html" and docs["page"].text.endswith("The NDA will build 50 hubs by 2027.")
    assert "<" not in docs["page"].text
    assert docs["blank"].kind == "html"


@pytest.mark.parametrize("page", [
    '<html><body><nav><a href="/">Home</a> | <a href="/tech">Tech</a></nav></body></html>',
    '<html><body><div class="menu"><a href="/">Home</a> | <a href="/tech">Tech</a></div></body></html>',
    '<html><body><ul><li><a href="/">Home</a></li><li><a href="/biz">Business</a></li></ul></body></html>',
])
def test_a_page_of_navigation_only_is_an_html_error_not_a_document(tmp_path, page):
    """trafilatura falls back to a menu when a page has no article: ``Home | Tech`` is no document."""
    (tmp_path / "menu.html").write_text(page, encoding="utf-8")
    assert kinds(read([tmp_path / "menu.html"])) == ["html"]


def test_an_article_with_links_in_it_is_still_an_article(tmp_path):
    (tmp_path / "a.html").write_text('<html><body><nav><a href="/">Home</a></nav><p>The <a href="/nda">National '
                                     'Data Administration</a> said output rose.</p></body></html>', encoding="utf-8")
    (doc,) = read([tmp_path / "a.html"])
    assert isinstance(doc, Document) and "said output rose." in doc.text


def test_missing_inputs_are_paths_that_do_not_exist_and_globs_that_match_nothing(tmp_path):
    from pipeline.batch.io import missing_inputs, refuse_missing_inputs
    from pipeline.errors import MissingInput

    (tmp_path / "a.txt").write_text("Text.")
    inputs = [str(tmp_path / "a.txt"), str(tmp_path / "typo.txt"), str(tmp_path / "*.txt"),
              str(tmp_path / "*.html"), str(tmp_path), "-"]
    assert missing_inputs(inputs) == [str(tmp_path / "typo.txt"), str(tmp_path / "*.html")]
    with pytest.raises(MissingInput, match="inputs not found: .*typo.txt, .*html .*--keep-going"):
        refuse_missing_inputs(inputs)


@pytest.mark.parametrize("doc_id", ["../../etc/x", "/etc/passwd", "..", "a/b\\c", "", "名前", "x" * 500])
def test_safe_filename_never_leaves_its_folder(tmp_path, doc_id):
    from pipeline.batch.io import safe_filename

    name = safe_filename(doc_id)
    assert "/" not in name and "\\" not in name and not name.startswith(".") and len(name) < 120
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()
    assert safe_filename(doc_id) == name and safe_filename(doc_id + "!") != name


def test_append_file_cuts_a_half_line_before_appending(tmp_path):
    from pipeline.batch.io import AppendFile

    path = tmp_path / "out.jsonl.part"
    path.write_bytes(b'{"a": 1}\n{"b": ')
    f = AppendFile(path, 9)
    f.write_line('{"c": 3}')
    f.flush()
    f.close()
    assert path.read_bytes() == b'{"a": 1}\n{"c": 3}\n'


def test_count_documents(tmp_path):
    from pipeline.batch.io import count_documents

    (tmp_path / "a.txt").write_text("A.")
    (tmp_path / "b.jsonl").write_text('{"id": 1, "text": "x"}\n{"id": 2, "text": "y"}\n')
    assert count_documents([str(tmp_path)]) == 3
    assert count_documents(["-"]) is None


@pytest.mark.parametrize("name", ["pipe.txt", "pipe.jsonl"])
def test_a_fifo_on_the_command_line_is_an_error_record_not_a_hang(tmp_path, name):
    import os

    from pipeline.batch.io import ErrorRecord, read_documents

    fifo = tmp_path / name
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text("China will build 30 hubs.")
    got = list(read_documents([str(fifo), str(tmp_path / "a.txt")]))
    assert isinstance(got[0], ErrorRecord) and got[0].kind == "not_a_file"
    assert got[1].text == "China will build 30 hubs."


@pytest.mark.parametrize("bad_id", [None, {"a": 1}, [1], True, 1.5])
def test_ids_that_are_neither_strings_nor_integers_are_refused(bad_id):
    import io
    import json

    from pipeline.batch.io import ErrorRecord, read_jsonl_records

    lines = [json.dumps({"id": bad_id, "text": "x"}), json.dumps({"id": 7, "text": "y"})]
    got = list(read_jsonl_records(io.StringIO("\n".join(lines)), "stdin"))
    assert isinstance(got[0], ErrorRecord) and "string or an integer" in got[0].message
    assert got[1].doc_id == "7"


def test_a_jsonl_record_too_long_to_fit_is_refused_unparsed_and_the_next_one_read(tmp_path, monkeypatch):
    import pipeline.batch.io as io_module

    parsed = []
    real_loads = json.loads
    monkeypatch.setattr(io_module.json, "loads", lambda s, *a, **k: parsed.append(len(s)) or real_loads(s, *a, **k))
    f = tmp_path / "in.jsonl"
    huge = json.dumps({"id": "huge", "text": "z" * 400_000})
    f.write_text(huge + "\n" + json.dumps({"id": "ok", "text": "Fine."}) + "\n")
    items = list(read_documents([str(f)], max_chars=1_000))
    assert kinds(items) == ["too_long", "ok"]
    assert "record has 400,0" in items[0].message and "--max-chars" in items[0].message
    assert items[0].source.endswith("in.jsonl:1") and items[1].source.endswith("in.jsonl:2")
    assert max(parsed) < 1_000  # the long line never reached the JSON parser


def test_bounded_lines_skips_a_long_line_in_pieces():
    import io

    from pipeline.batch.io import bounded_lines

    stream = io.StringIO("short\n" + "a" * 95 + "\nlast")
    assert list(bounded_lines(stream, 10)) == [("short\n", 6), (None, 96), ("last", 4)]
