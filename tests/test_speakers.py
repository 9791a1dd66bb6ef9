"""Speaker labels without models: clustering, turns, names only from evidence, the transcript's
speaker table, the checkpoint reader. The real CAM++ runs in tests/test_speakers_models.py."""
from __future__ import annotations

import io
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest

from desktop.core import campplus
from desktop.core.diarization import Diarization, Turn, cluster, plan_windows, turns_from
from desktop.core.speakers import label_speakers, propose_names, settle_names
from desktop.core.types import Segment, Transcript

FIXTURES = Path(__file__).parent / "fixtures"
ATTENDEES = ["佐藤課長", "高橋係長", "伊藤主査", "山本委員", "中村室長", "近藤都市計画課長", "池田主事"]


def voices_of(n_per_voice: list[int], dim: int = 192, noise: float = 0.35, seed: int = 1):
    """Embeddings of len(n_per_voice) voices: a random centre each, windows scattered around it."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((len(n_per_voice), dim))
    x, truth = [], []
    for v, n in enumerate(n_per_voice):
        x.append(centres[v] + noise * rng.standard_normal((n, dim)))
        truth += [v] * n
    return np.concatenate(x), np.array(truth)


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    return all((a[i] == a[j]) == (b[i] == b[j]) for i in range(len(a)) for j in range(len(a)))


def test_clustering_finds_the_voices_with_and_without_a_count():
    x, truth = voices_of([30, 12, 20, 8])
    assert same_partition(cluster(x, max_voices=4), truth)
    assert same_partition(cluster(x), truth)
    # The attendees' count is an upper bound: two more attendees than voices must not split a voice.
    assert same_partition(cluster(x, max_voices=6), truth)


def test_one_voice_stays_one_and_too_little_speech_is_one_voice():
    x, truth = voices_of([25])
    assert len(set(cluster(x, max_voices=3))) == 1
    assert list(cluster(x[:3])) == [0, 0, 0]
    assert len(cluster(np.zeros((0, 192)))) == 0


def test_windows_cover_each_span_and_skip_bursts():
    windows = plan_windows([(0.0, 4.0), (5.0, 5.3), (6.0, 7.0)])
    assert windows[0] == (0.0, 1.5) and windows[-2][1] == 4.0 and windows[-1] == (6.0, 7.0)
    assert all(not (5.0 <= s < 5.3) for s, _ in windows)      # 0.3 s is too little voice to embed
    assert all(b - a <= 1.5 + 1e-9 for a, b in windows)


def test_turns_split_overlaps_and_lines_take_the_longest_voice():
    windows = [(0.0, 1.5), (0.75, 2.25), (1.5, 3.0), (4.0, 5.5)]
    turns = turns_from(windows, np.array([0, 0, 1, 1]))
    assert [t.voice for t in turns] == [0, 1, 1]
    assert turns[0].end == pytest.approx((2.25 + 1.5) / 2)
    d = Diarization(turns, 2)
    assert d.voice_at(0.0, 1.0) == 0 and d.voice_at(2.5, 5.0) == 1
    assert d.voice_at(10.0, 11.0) == 1                        # no overlap: the nearest turn's voice


def line(i: int, text: str, start: float) -> Segment:
    return Segment(i, start, start + 3.0, text)


def test_names_come_from_self_introductions_and_the_floor_given():
    segs = [line(1, "それでは会議を始めます。", 0), line(2, "高橋係長、ご説明をお願いします。", 4),
            line(3, "はい、危機管理課の高橋です。", 8), line(4, "都市計画課長の行動です。", 12),  # 近藤 misheard
            line(5, "池田さん、お願いできますか。", 16), line(6, "はい、やっておきます。", 20)]
    voices = {1: 0, 2: 0, 3: 1, 4: 2, 5: 0, 6: 3}
    found = settle_names(propose_names(segs, voices, ATTENDEES))
    assert {v: p.name for v, p in found.items()} == {1: "高橋係長", 2: "近藤都市計画課長", 3: "池田主事"}
    assert found[1].reason == "self_introduction" and found[1].evidence == 3
    assert found[3].reason == "floor_given" and found[3].evidence == 5


def test_an_address_alone_or_a_request_taken_on_names_the_voice_that_answers():
    """「宮本さん。」 hands the floor by the name alone (shisetsu); a request that opens with the name
    (「吉村さん、…調べてもらえますか」) names the voice that takes it on, not one that merely speaks next."""
    segs = [line(1, "次に節電です。池田さん。", 0), line(2, "はい、去年の夏は電気料金が上がりました。", 4),
            line(3, "高橋係長、他の市の例を調べてもらえますか。", 8), line(4, "はい、わかりました。", 12),
            line(5, "伊藤主査、日程を確認してください。", 16), line(6, "会議室は空いていますか。", 20),
            line(7, "山本委員にも伝えてください。", 24), line(8, "はい、承知しました。", 28)]
    voices = {1: 0, 2: 1, 3: 0, 4: 2, 5: 0, 6: 3, 7: 0, 8: 4}
    found = settle_names(propose_names(segs, voices, ATTENDEES))
    assert {v: p.name for v, p in found.items()} == {1: "池田主事", 2: "高橋係長"}
    assert all(p.reason == "floor_given" for p in found.values())


def test_a_name_heard_in_kana_after_a_role_names_the_attendee_it_sounds_like():
    """Whisper writes a name it does not know in kana (道路課長の増田です as 道路活長のますだです, the
    tuning meeting toshi); without a role before it, a kana word is never a name."""
    attendees = ["原田委員長", "増田道路課長", "内田住宅課長", "千葉委員"]
    segs = [line(1, "道路活長のますだです。", 0), line(2, "住宅課長のウチダでございます。", 4),
            line(3, "ちばです。", 8), line(4, "課長のおかげです。", 12)]
    found = settle_names(propose_names(segs, {1: 0, 2: 1, 3: 2, 4: 3}, attendees))
    assert {v: p.name for v, p in found.items()} == {0: "増田道路課長", 1: "内田住宅課長"}
    assert propose_names(segs[:1], {1: 0}, []) == []     # and never without the list of attendees


def test_a_name_misheard_beyond_its_sound_is_found_by_the_role_said_with_it():
    """「議会事務局長の姿側でございます」 (長谷川, on the tuning meeting giun): the one attendee listed with that
    role. A bare title (課長) that several hold, or none, names nobody."""
    attendees = ["石田委員長", "長谷川事務局長", "福田委員", "佐藤課長", "高野課長"]
    segs = [line(1, "議会事務局長の姿側でございます。", 0), line(2, "課長の判断です。", 4),
            line(3, "総務課長の大川です。", 8), line(4, "事務局長のはせがわです。", 12)]
    found = settle_names(propose_names(segs, {1: 0, 2: 1, 3: 2, 4: 3}, attendees))
    assert {v: p.name for v, p in found.items()} == {0: "長谷川事務局長"}
    found = settle_names(propose_names(segs[3:], {4: 3}, attendees))
    assert {v: p.name for v, p in found.items()} == {3: "長谷川事務局長"}


def test_without_attendees_only_an_introduction_with_its_role_names_a_voice():
    segs = [line(1, "税務課長の佐々木です。", 0), line(2, "佐藤です。", 4), line(3, "以上です。", 8)]
    found = settle_names(propose_names(segs, {1: 0, 2: 1, 3: 2}, []))
    assert {v: p.name for v, p in found.items()} == {0: "佐々木税務課長"}


def test_a_name_goes_to_one_voice_and_a_voice_gets_one_name():
    segs = [line(1, "高橋係長、お願いします。", 0), line(2, "はい。", 4), line(3, "危機管理課の高橋です。", 8)]
    found = settle_names(propose_names(segs, {1: 0, 2: 1, 3: 2}, ATTENDEES))
    # The self-introduction outweighs the floor given to a voice that then answered.
    assert {v: p.name for v, p in found.items()} == {2: "高橋係長"}


def test_ordinary_lines_never_name_a_voice():
    text = (FIXTURES / "negative" / "not_speaker_names.txt").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(lines) >= 100
    for i, text in enumerate(lines):
        # Each line from voice 0, answered by voice 1 right after: the floor-given rule has its chance.
        segs = [line(1, text, 0.0), line(2, "はい、承知しました。", 3.5)]
        for attendees in (ATTENDEES, []):
            assert propose_names(segs, {1: 0, 2: 1}, attendees) == [], text


COMMITTEE = ["原田委員長", "松井副委員長", "杉山委員", "大野財政課長"]
CHAIRING = ["ただいまから予算特別委員会を開会いたします。", "議案第二十号を議題といたします。",
            "質疑はありませんか。", "これより採決いたします。", "ご異議ありませんか。", "ご異議なしと認めます。"]


def test_the_voice_that_says_the_chair_s_formulas_is_the_one_chair_on_the_list():
    segs = [line(i + 1, t, i * 4.0) for i, t in enumerate(CHAIRING)]
    segs += [line(7, "財政課長の大野です。", 30), line(8, "一点伺います。", 34)]
    voices = {1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 1, 8: 2}
    found = settle_names(propose_names(segs, voices, COMMITTEE))
    assert {v: p.name for v, p in found.items()} == {0: "原田委員長", 1: "大野財政課長"}
    assert found[0].reason == "chairs" and found[0].evidence == 1
    # Two chairs on the list, or none: nobody can tell which one holds the gavel.
    for attendees in (COMMITTEE + ["川口議長"], ["松井副委員長", "杉山委員"]):
        assert all(p.reason != "chairs" for p in propose_names(segs, voices, attendees))
    # The formulas shared between two voices (a vice-chair stood in): no voice is named for them.
    shared = {**voices, 4: 2, 5: 2, 6: 2}
    assert all(p.reason != "chairs" for p in propose_names(segs, shared, COMMITTEE))
    # A voice that introduces itself keeps its own name over the chair's.
    intro = [line(1, "委員長の杉山です。", 0)] + segs[1:]
    assert settle_names(propose_names(intro, voices, COMMITTEE))[0].name == "杉山委員"


def test_labels_and_the_speaker_table_round_trip():
    segs = [line(1, "事務局の池田です。", 0), line(2, "よろしくお願いします。", 4), line(3, "はい。", 8)]
    t = Transcript(segs, 12.0)
    d = Diarization([Turn(0, 7.5, 0), Turn(7.5, 12, 1)], 2)
    result = label_speakers(t, d, ATTENDEES)
    assert [s.speaker for s in t.segments] == ["池田主事", "池田主事", "話者2"]
    assert result.voices == 2 and result.named == 1 and result.unlabelled_lines == 0
    back = Transcript.from_json(t.to_json())
    assert [(p.voice, p.name, p.evidence, p.reason) for p in back.speakers] == \
        [("話者1", "池田主事", 1, "self_introduction"), ("話者2", "", None, "")]
    assert Transcript.from_json({"segments": []}).speakers == []


def test_checkpoint_reader_runs_no_code(tmp_path):
    class Evil:
        def __reduce__(self):
            import os
            return (os.system, ("echo pwned > " + str(tmp_path / "ran"),))

    path = tmp_path / "evil.pt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("archive/data.pkl", pickle.dumps(Evil()))
    with pytest.raises(campplus.CheckpointUnreadable):
        campplus.read_checkpoint(path)
    assert not (tmp_path / "ran").exists()
    (tmp_path / "not.pt").write_bytes(b"GGUF....")
    with pytest.raises(campplus.CheckpointUnreadable):
        campplus.read_checkpoint(tmp_path / "not.pt")


def test_checkpoint_reader_reads_tensors(tmp_path):
    """A hand-made checkpoint in PyTorch's zip layout comes back as the same arrays."""
    weight = np.arange(6, dtype=np.float32).reshape(2, 3)

    class Storage:
        def __init__(self, key):
            self.key = key

    class Writer(pickle.Pickler):
        def persistent_id(self, obj):
            return ("storage", "FloatStorage", obj.key, "cpu", 6) if isinstance(obj, Storage) else None

    class Rebuild:
        def __reduce__(self):
            import torch_stub
            return (torch_stub._rebuild_tensor_v2, (Storage("0"), 0, (3, 2), (1, 3), False, {}))

    import sys
    import types
    stub = types.ModuleType("torch_stub")

    def _rebuild_tensor_v2(*_):
        return None
    _rebuild_tensor_v2.__module__, _rebuild_tensor_v2.__qualname__ = "torch_stub", "_rebuild_tensor_v2"
    stub._rebuild_tensor_v2 = _rebuild_tensor_v2
    sys.modules["torch_stub"] = stub
    try:
        buf = io.BytesIO()
        Writer(buf, protocol=2).dump({"xvector.dense.linear.weight": Rebuild()})
    finally:
        del sys.modules["torch_stub"]
    data = buf.getvalue().replace(b"torch_stub", b"torch._utils")
    path = tmp_path / "w.pt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("archive/data.pkl", data)
        z.writestr("archive/data/0", weight.tobytes())
    got = campplus.read_checkpoint(path)["xvector.dense.linear.weight"]
    assert np.array_equal(got, weight.T)      # strides (1, 3): the transpose of the stored 2x3


def test_a_line_two_voices_share_is_cut_where_the_voice_changes():
    t = Transcript([Segment(1, 0.0, 6.0, "では、ご説明をお願いします。はい、ご説明します。"),
                    Segment(2, 6.5, 9.0, "以上です。")], 9.0)
    d = Diarization([Turn(0.0, 2.9, 0), Turn(3.1, 9.0, 1)], 2)
    result = label_speakers(t, d)
    assert result.lines_cut == 1
    assert [(s.id, s.text, s.speaker) for s in t.segments] == [
        (1, "では、ご説明をお願いします。", "話者1"), (3, "はい、ご説明します。", "話者2"), (2, "以上です。", "話者2")]
    # A voice that holds under a second of a line does not cut it.
    t = Transcript([Segment(1, 0.0, 6.0, "長い発言の途中で、相づちが入りました。")], 6.0)
    assert label_speakers(t, Diarization([Turn(0.0, 5.3, 0), Turn(5.3, 6.0, 1)], 2)).lines_cut == 0


def test_renaming_onto_another_speaker_merges_and_talk_times_follow():
    from desktop.core import speaker_edits
    from desktop.core.types import SpeakerInfo
    t = Transcript([line(1, "a", 0), line(2, "b", 3), line(3, "c", 6)], 9.0,
                   speakers=[SpeakerInfo("話者1"), SpeakerInfo("話者2"), SpeakerInfo("話者3")])
    for seg, who in zip(t.segments, ["話者1", "話者2", "話者3"]):
        seg.speaker = who
    assert speaker_edits.rename(t, "話者1", "木村室長") == 1 and t.speakers[0].confirmed
    assert speaker_edits.rename(t, "話者3", "木村室長") == 1            # the same person: a merge
    assert [p.voice for p in t.speakers] == ["話者1", "話者2"]
    times = speaker_edits.talk_times(t)
    assert [(x.speaker, x.seconds, x.lines) for x in times] == [("木村室長", 6.0, 2), ("話者2", 3.0, 1)]
    assert speaker_edits.split_line(t, 2, 3.1) is None                  # too near the line's start


def test_a_long_meeting_is_clustered_from_a_sample_and_every_window_joins_a_voice():
    from desktop.core.diarization import MAX_CLUSTERED, cluster_many
    x, truth = voices_of([MAX_CLUSTERED, 600, 900], noise=0.5)
    labels = cluster_many(x, max_voices=4)
    assert len(labels) == len(x) and same_partition_fast(labels, truth)


def same_partition_fast(a: np.ndarray, b: np.ndarray) -> bool:
    """Same grouping, label names aside: each label of `a` maps to one of `b` and back."""
    pairs = set(zip(a.tolist(), b.tolist()))
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


def test_a_line_is_never_cut_inside_a_word():
    # The voice seems to change at 50% of a line with no break near there: a diarization slip
    # inside one speaker's sentence, not a reason to cut 「印刷」 in two.
    t = Transcript([Segment(1, 0.0, 6.0, "ただ、ポスターの印刷がまだで九月中には掲示を始めたいところです。")], 6.0)
    result = label_speakers(t, Diarization([Turn(0.0, 3.5, 0), Turn(3.5, 6.0, 1)], 2))
    assert result.lines_cut == 0 and len(t.segments) == 1
