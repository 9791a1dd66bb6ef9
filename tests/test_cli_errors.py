"""Bad input through the CLI: non-zero exit, one sentence on stderr, never a traceback."""
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
