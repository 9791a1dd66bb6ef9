"""Bad input through the CLI: non-zero exit, one sentence on stderr, never a traceback."""
import re

import pytest

from conftest import SAMPLE_WAV, run_cli


def assert_one_line_error(result, *needles):
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for n in needles:
        assert n in lines[0], lines[0]


def test_missing_file(tmp_path):
    r = run_cli("transcribe", str(tmp_path / "nai.wav"), "--out", str(tmp_path / "t.json"))
    assert_one_line_error(r, "ファイルが見つかりません")
    assert not (tmp_path / "t.json").exists()


def test_text_file_named_wav(tmp_path):
    fake = tmp_path / "memo.wav"
    fake.write_text("これは音声ではありません\n" * 50, encoding="utf-8")
    r = run_cli("process", str(fake), "--out", str(tmp_path / "out"))
    assert_one_line_error(r, "音声として読み込めない")
    assert fake.read_text(encoding="utf-8").startswith("これは音声")  # input untouched


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    r = run_cli("transcribe", str(empty), "--out", str(tmp_path / "t.json"))
    assert_one_line_error(r, "音声として読み込めない")


def test_wrong_model_path_names_the_fix(tmp_path):
    r = run_cli(
        "transcribe", str(SAMPLE_WAV), "--out", str(tmp_path / "t.json"), "--model-asr", str(tmp_path / "nothing")
    )
    assert_one_line_error(r, "見つかりません", "gijiroku models install")


@pytest.mark.models
def test_wrong_llm_path_fails_before_transcribing(tmp_path):
    bogus = tmp_path / "model.gguf"
    bogus.write_bytes(b"not a gguf at all" * 100)
    r = run_cli("process", str(SAMPLE_WAV), "--out", str(tmp_path / "out"), "--model-llm", str(bogus))
    assert_one_line_error(r, "壊れているか")
    assert not (tmp_path / "out" / "transcript.json").exists()


def test_english_messages(tmp_path):
    r = run_cli("transcribe", str(tmp_path / "none.wav"), "--out", str(tmp_path / "t.json"), "--lang", "en")
    assert_one_line_error(r, "File not found")


@pytest.mark.parametrize("args", [["process"], ["export", "x", "--format", "pdf", "--out", "y"], ["bogus"]])
def test_usage_errors_are_one_line(args):
    assert_one_line_error(run_cli(*args))


def test_malformed_transcript_json(tmp_path):
    bad = tmp_path / "t.json"
    bad.write_text('{"segments": [{"start": "x"}]}', encoding="utf-8")
    r = run_cli("minutes", str(bad), "--out", str(tmp_path / "m.json"))
    assert_one_line_error(r, "形式が正しくありません")


def test_unwritable_output(tmp_path):
    """An output folder that cannot be created (a file stands in its way) -> one sentence, no file."""
    import json
    src = tmp_path / "m.json"
    src.write_text(json.dumps({"title": "t", "decisions": [{"text": "決定", "refs": [1]}]}), encoding="utf-8")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    r = run_cli("export", str(src), "--format", "md", "--out", str(blocker / "sub" / "m.md"))
    assert_one_line_error(r, "書き込めません")
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


@pytest.mark.parametrize("args", [["--lang", "en", "export", "x", "--format", "pdf", "--out", "y"],
                                  ["export", "x", "--format", "pdf", "--out", "y", "--lang", "en"],
                                  ["export", "--lang=en", "x", "--format", "pdf", "--out", "y"]])
def test_lang_is_honoured_in_any_position(args):
    r = run_cli(*args)
    assert_one_line_error(r, "Invalid command line", "pdf")
    assert not re.search(r"[\u3040-\u30ff]", r.stderr.replace("（gijiroku --help）", ""))


def test_usage_errors_are_japanese():
    r = run_cli("export", "x", "--format", "pdf", "--out", "y")
    assert_one_line_error(r, "コマンドの指定が正しくありません", "選べません")
    assert_one_line_error(run_cli("process"), "次の指定が必要です")


def test_help_describes_every_option_in_japanese():
    for command in ("process", "transcribe", "minutes", "export", "record", "recover", "demo", "devices"):
        r = run_cli(command, "--help")
        assert r.returncode == 0 and "使い方:" in r.stdout and "オプション" in r.stdout, r.stdout
        # Each option line carries a description: no option is left bare.
        options_part = r.stdout.split("オプション:", 1)[1]
        options = [ln for ln in options_part.splitlines() if re.match(r"^\s+--?[a-z]", ln)]
        bare = [ln for ln in options if not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", ln)]
        followed = [ln for ln in bare if not _next_line_describes(r.stdout, ln)]
        assert followed == [], (command, followed)


def _next_line_describes(text: str, line: str) -> bool:
    lines = text.splitlines()
    i = lines.index(line)
    return i + 1 < len(lines) and bool(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", lines[i + 1]))


@pytest.mark.parametrize("flag,value,needle", [("--date", "2025/13/01", "日付「2025/13/01」"),
                                               ("--date", "令和7年12月", "日付"),
                                               ("--date", "yesterday", "日付"),
                                               ("--time", "10時-11時-12時", "時刻"),
                                               ("--time", "25:00", "時刻")])
def test_bad_dates_and_times_are_refused_before_any_work(tmp_path, flag, value, needle):
    r = run_cli("process", str(SAMPLE_WAV), "--out", str(tmp_path / "out"), flag, value)
    assert_one_line_error(r, needle)
    assert not (tmp_path / "out").exists()


def test_dates_and_times_in_the_usual_forms_are_read(tmp_path):
    from desktop.cli import inputs
    from desktop.cli.parser import build_parser

    for date_text, time_text in (("2025-12-01", "10:00-11:30"), ("2025/12/01", "10時～11時半"),
                                 ("令和7年12月1日", "10時-11時30分")):
        args = build_parser().parse_args(["transcribe", "a.wav", "--out", "t.json", "--date", date_text,
                                          "--time", time_text])
        m = inputs.meeting(args)
        assert (m.date, m.start_time, m.end_time) == ("2025-12-01", "10:00", "11:30"), (date_text, time_text)


def test_a_file_that_is_not_audio_leaves_no_meeting_behind(tmp_path):
    bad = tmp_path / "meeting.wav"
    bad.write_text("not audio", encoding="utf-8")
    r = run_cli("process", str(bad), "--out", str(tmp_path / "out"))
    assert_one_line_error(r, "音声として読み込めない")
    assert not (tmp_path / "out").exists()
