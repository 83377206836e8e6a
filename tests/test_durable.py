"""core.durable.write_atomically: the target is either the old file or the whole new one, never half of it,
with the usual permissions and no temporary file left behind.
"""

from __future__ import annotations

import csv
import os
import stat

import pytest

from mnist_studio.core.durable import write_atomically


def test_text_file_written_with_the_usual_permissions(tmp_path):
    path = tmp_path / "out.csv"
    result = write_atomically(path, lambda f: csv.writer(f).writerows([["a", "b"], [1, "é"]]))
    assert result == path
    # csv ends rows with \r\n itself; the text file must not turn that into \r\r\n
    assert path.read_bytes() == "a,b\r\n1,é\r\n".encode("utf-8")
    if os.name == "posix":
        mask = os.umask(0o022)
        os.umask(mask)
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask  # not mkstemp's private 0600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_binary_file_replaces_the_old_one(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"old")
    write_atomically(path, lambda f: f.write(b"\x00\xffnew"), binary=True)
    assert path.read_bytes() == b"\x00\xffnew"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.bin"]


def test_a_failing_writer_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "keep.txt"
    path.write_text("old contents")

    def write(f):
        f.write("half of the new")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        write_atomically(path, write)
    assert path.read_text() == "old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_a_missing_folder_is_an_oserror_and_creates_nothing(tmp_path):
    with pytest.raises(OSError):
        write_atomically(tmp_path / "no" / "such" / "file.txt", lambda f: f.write("x"))
    assert list(tmp_path.iterdir()) == []


def test_a_folder_in_the_way_is_an_oserror_and_leaves_no_temporary_file(tmp_path):
    (tmp_path / "taken").mkdir()
    with pytest.raises(OSError):
        write_atomically(tmp_path / "taken", lambda f: f.write("x"))
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
