"""Meeting vocabulary: misheard names and terms are put back, correct words are left alone."""
import json

import pytest

from conftest import run_cli
from bench.evaluation import cer
from desktop.core.vocabulary import Term, Vocabulary, load_terms_file

ATTENDEES = ["木村室長", "松本主任", "井上課長補佐"]


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary.for_meeting(ATTENDEES, ["周知文"])


@pytest.mark.parametrize("heard,meant", [
    ("事務局の松元です。", "事務局の松本です。"),
    ("松元主任は各部署へ連絡してください。", "松本主任は各部署へ連絡してください。"),
    ("高橋かかり庁は、案内文を送付してください。", "高橋係長は、案内文を送付してください。"),
    ("財政家との協議の結果を待ちます。", "財政課との協議の結果を待ちます。"),
    ("危機管理化の高橋です。", "危機管理課の高橋です。"),
    ("招致しました。", "承知しました。"),
    ("見つもりがまだ出ていません。", "見積もりがまだ出ていません。"),
    # 見積もり as Whisper writes it with the numeral (yosan, shisetsu, kankyo_room): read ミッツモリ.
    ("システム更新費は、3つもりの結果、総額で", "システム更新費は、見積もりの結果、総額で"),
    ("3つ森を取って、今月末までに発注します。", "見積もりを取って、今月末までに発注します。"),
    ("原則電視化することといたします。", "原則電子化することといたします。"),
    ("システム更新費の要求学と研修事業の見直し", "システム更新費の要求額と研修事業の見直し"),
    ("全年度より大幅に増えています。", "前年度より大幅に増えています。"),
    ("運用費は、よく年度から下がる見込みです。", "運用費は、翌年度から下がる見込みです。"),
    ("各部省への周知文を作成してください。", "各部署への周知文を作成してください。"),
    ("高橋係長は、案内部も7月31日までに送付してください。", "高橋係長は、案内文も7月31日までに送付してください。"),
    ("訓練の実施日定について申し上げます。", "訓練の実施日程について申し上げます。"),   # heard form: read ヒジョー
    ("案内文を総布してください。", "案内文を送付してください。"),
    # Assembly items by number (written for this test): the numbering every 会議規則 uses.
    ("ギアンダイ7号について質疑を行います。", "議案第7号について質疑を行います。"),
    ("次に、セーガンダイ4号を議題といたします。", "次に、請願第4号を議題といたします。"),
    # 陳情 as Whisper writes it before a number (the tuning meeting fukushi); 審査 numbers nothing.
    ("審査第12号は、継続審査とすることに決しました。", "陳情第12号は、継続審査とすることに決しました。"),
])
def test_misheard_terms_are_fixed(vocab, heard, meant):
    assert vocab.correct_text(heard)[0] == meant


@pytest.mark.parametrize("text", ["継続審査第一日目の議事を整理します。", "審査第三回の会合は来週です。",
                                  "本日は陳情二件を審査いたします。", "予算審査第2分科会を開きます。"])
def test_examining_is_left_alone_where_it_numbers_no_item(vocab, text):
    assert vocab.correct_text(text) == (text, [])


@pytest.mark.parametrize("text", [
    "待つもとの話を聞きました。",          # sounds like 松本, but is not in a name's place
    "オリンピックの招致に成功した。",        # 招致 is right here: not followed by しました
    "過当競争を避ける。",
    "松本主任は承知しています。",
    "見積もりは来月届きます。",
    "電子化の方針を確認した。",
    "全年度の平均を示します。",             # 全年度 is a word: 前年度 only before より/比
    "案内部の方に聞いてください。",
    "議案第3号について質疑を行います。",
    "報告第一号は承認されました。",
    "三つ森さんのお店に頼みました。",        # reads ミツモリ, but before さん stands a person
    "論点は三つもあります。",
])
def test_correct_words_are_left_alone(vocab, text):
    assert vocab.correct_text(text) == (text, [])


@pytest.mark.parametrize("heard,meant", [
    ("山大林は、アンケートの結果をまとめてください。", "山田委員は、アンケートの結果をまとめてください。"),
    ("小林主人は要求資料を提出してください。", "小林主任は要求資料を提出してください。"),
])
def test_a_name_garbled_with_its_title_is_fixed(heard, meant):
    vocab = Vocabulary.for_meeting(["中村部長", "小林主任", "山田委員"])
    assert vocab.correct_text(heard)[0] == meant


@pytest.mark.parametrize("heard,meant", [
    ("移動しさは、協議結果を報告してください。", "伊藤主査は、協議結果を報告してください。"),
    ("本日は、お集まりいただきありがとうございます。", "本日は、お集まりいただきありがとうございます。"),
    ("移動先は、第2会議室です。", "移動先は、第2会議室です。"),
    ("伊藤主査は、承知しました。", "伊藤主査は、承知しました。"),
    ("伊藤さんは、承知しました。", "伊藤さんは、承知しました。"),
])
def test_the_addressee_opening_a_sentence_is_an_attendee_heard_close(heard, meant):
    vocab = Vocabulary.for_meeting(["高橋係長", "伊藤主査"])
    assert vocab.correct_text(heard)[0] == meant


@pytest.mark.parametrize("text", ["山田医院で診察を受けました。", "主人の小林です。", "山田さんの意見です。"])
def test_a_word_that_sounds_like_a_name_with_title_is_left_alone(text):
    vocab = Vocabulary.for_meeting(["中村部長", "小林主任", "山田委員"])
    assert vocab.correct_text(text) == (text, [])


def test_titles_survive(vocab):
    assert (
        vocab.correct_text("井上課長補佐は、内容を報告してください。")[0] == "井上課長補佐は、内容を報告してください。"
    )


def test_heard_forms_from_the_dictionary_file(tmp_path):
    f = tmp_path / "terms.tsv"
    f.write_text("出納室\tスイトーシツ\t\t水筒室,出納質\n", encoding="utf-8")
    vocab = Vocabulary(load_terms_file(f, "user"))
    assert vocab.correct_text("水筒室に届けてください。") == ("出納室に届けてください。", [("水筒室", "出納室")])
    assert vocab.correct_text("水筒を持参する。") == ("水筒を持参する。", [])


def test_user_dictionary_with_readings(tmp_path):
    f = tmp_path / "dict.tsv"
    f.write_text("# 用語辞書\n議会事務局\tぎかいじむきょく\n鈴木\n", encoding="utf-8")
    terms = load_terms_file(f, "user")
    assert terms[0] == Term("議会事務局", "ギカイジムキョク", "term", "any", "user")
    assert terms[1].reading == "スズキ"
    v = Vocabulary(terms)
    assert v.correct_text("義会事務局から報告します。")[0] == "議会事務局から報告します。"


def test_attendee_with_reading_given():
    v = Vocabulary.for_meeting(["東海林係長\tしょうじ"], [], builtin=False)
    assert v.correct_text("庄司です。よろしくお願いします。")[0] == "東海林です。よろしくお願いします。"


@pytest.mark.models
def test_vocabulary_file_on_the_cli(tmp_path, sample_ref):
    from conftest import SAMPLE_WAV
    from audio_files import speech_clip, write_wav
    clip = write_wav(tmp_path / "clip.wav", speech_clip(SAMPLE_WAV, 15.0, 22.0))  # 事務局の松本です。…
    vocab = tmp_path / "terms.txt"
    vocab.write_text("# 人名\n松本\tまつもと\n", encoding="utf-8")
    out = tmp_path / "t.json"
    plain = run_cli("transcribe", str(clip), "--out", str(out))
    assert plain.returncode == 0, plain.stderr
    heard = "".join(s["text"] for s in json.loads(out.read_text(encoding="utf-8"))["segments"])
    r = run_cli("transcribe", str(clip), "--out", str(out), "--vocabulary", str(vocab))
    assert r.returncode == 0, r.stderr
    text = "".join(s["text"] for s in json.loads(out.read_text(encoding="utf-8"))["segments"])
    assert "松元" in heard and "松元" not in text and "松本" in text
    missing = run_cli("transcribe", str(clip), "--out", str(out), "--vocabulary", str(tmp_path / "none.txt"))
    assert missing.returncode != 0 and "ファイルが見つかりません" in missing.stderr


# The pipeline against raw faster-whisper (same model, its defaults) decoded in this run on this CPU:
# CTranslate2 picks other kernels on other CPUs, so absolute figures move by a few characters
# (bousai: pipeline 0.043 on an AMD EPYC, 0.066 on an Intel Xeon), but the pipeline must not be worse
# than the raw engine wherever it runs. Measured on AMD: 0.043 / 0.098 against raw 0.102 / 0.140.
# The ceiling is a sanity bound: a lost stretch of speech costs far more than 0.2.
@pytest.mark.models
@pytest.mark.parametrize("fixture", ["bousai", "yosan"])
def test_fixture_accuracy(fixture):
    from conftest import FIXTURES
    from desktop import config
    from desktop.core import audio, paths
    from desktop.core.models import ModelCatalog
    from desktop.core.pipeline import transcribe_samples
    from desktop.core.transcription import WhisperTranscriber
    from desktop.core.types import Meeting
    ref = json.loads((FIXTURES / f"{fixture}.ref.json").read_text(encoding="utf-8"))
    cat = ModelCatalog(paths.catalog_file(), config.model_store_dir())
    t = WhisperTranscriber(cat.resolve("whisper-base", "asr")[1], cpu_threads=2)
    meeting = Meeting(title=ref["title"], attendees=sorted({u["speaker"] for u in ref["utterances"]}))
    samples = audio.decode(FIXTURES / f"{fixture}.wav")
    transcript = transcribe_samples(t, samples, meeting)
    reference = "".join(u["text"] for u in ref["utterances"])
    from faster_whisper import WhisperModel  # the yardstick, as bench/asr.py runs it
    raw_model = WhisperModel(str(cat.resolve("whisper-base", "asr")[1]), device="cpu", compute_type="int8",
                             cpu_threads=2, local_files_only=True)
    raw = "".join(seg.text for seg in raw_model.transcribe(samples, language="ja")[0])
    ours, theirs = cer(reference, transcript.text), cer(reference, raw)
    print(f"{fixture}: pipeline CER {ours:.3f}, raw faster-whisper {theirs:.3f}")
    assert ours <= theirs + 0.01 and ours <= 0.2
    for s in transcript.segments:  # nothing invented: every line overlaps something said
        assert any(s.start < u["end"] + 0.5 and s.end > u["start"] - 0.5 for u in ref["utterances"]), s
    starts = [s.start for s in transcript.segments]
    err = sum(min(abs(u["start"] - x) for x in starts) for u in ref["utterances"]) / len(ref["utterances"])
    assert err <= 0.5


def test_a_bill_number_misheard_is_mended_from_the_agenda_the_clerk_gave():
    # Whisper hears 議案第二十号 (ぎあんだいにじゅうごう) as 議案第25 and 請願第三号 as 性感大産合.
    vocab = Vocabulary.for_meeting([], ["議案第二十号", "請願第三号"])
    assert vocab.correct_text("まず、議案第25、令和8年度の補正予算")[0] == "まず、議案第二十号、令和8年度の補正予算"
    assert vocab.correct_text("性感大産合、街路灯に関する請願を議題といたします。")[0].startswith("請願第三号、")
    # Without the agenda nothing is guessed.
    assert Vocabulary.for_meeting([]).correct_text("まず、議案第25、")[0] == "まず、議案第25、"
    # As near to two listed bills: left as heard.
    both = Vocabulary.for_meeting([], ["議案第二十号", "議案第二十五号"])
    assert both.correct_text("まず、議案第25、")[0] == "まず、議案第25、"
