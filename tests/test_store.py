"""Atomic saves: a failure mid-write never damages the earlier good file."""
import os
import stat

import pytest

from desktop.core import store


def test_failure_midway_keeps_earlier_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "transcript.json"
    store.write_json(target, {"good": True})

    def half_then_fail(f):
        f.write('{"partial": ')
        raise OSError(28, "No space left on device")  # ENOSPC, as from a full disk

    with pytest.raises(store.DiskFull):
        store.write_atomic(target, half_then_fail)
    assert store.read_json(target) == {"good": True}
    assert [p.name for p in tmp_path.iterdir()] == ["transcript.json"]


def test_files_are_private(tmp_path):
    target = tmp_path / "meeting" / "minutes.json"
    store.write_json(target, {"a": 1})
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700


def test_malformed_meeting_file_names_the_meeting_file(tmp_path):
    from desktop import messages
    bad = tmp_path / "meeting.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(store.InvalidMeeting) as caught:
        store.load_meeting(bad)
    assert messages.describe(caught.value).startswith("会議情報ファイルの形式が正しくありません")
