import json

import pytest

from pipeline.io import AtomicWriter, Document, ReadError, read_documents


def read(paths, stdin=None):
    return list(read_documents([str(p) for p in paths], stdin=stdin))


def kinds(items):
    return [i.kind if isinstance(i, ReadError) else "ok" for i in items]


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
