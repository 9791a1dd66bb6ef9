"""The command line's grammar: commands and options described in the user's language (Japanese by
default, `--lang en` anywhere on the line for English), and usage errors as one line like every
other error."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from desktop.core import errors

EXIT_ERROR, EXIT_USAGE, EXIT_CANCELLED = 1, 2, 130

# argparse's own words (headings, its usage errors), as gettext would give them in Japanese. Python
# ships no Japanese catalogue for argparse; without this, `--help` and usage errors were half English.
_ARGPARSE_JA = {
    "usage: ": "使い方: ",
    "positional arguments": "引数",
    "options": "オプション",
    "optional arguments": "オプション",
    "show this help message and exit": "このヘルプを表示して終了します",
    "the following arguments are required: %s": "次の指定が必要です: %s",
    "unrecognized arguments: %s": "解釈できない指定があります: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r は選べません（選べるもの: %(choices)s）",
    "invalid choice: %(value)r, choose from %(choices)s": "%(value)r は選べません（選べるもの: %(choices)s）",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "expected one argument": "値を1つ指定してください",
    "expected at least one argument": "値を1つ以上指定してください",
    "invalid %(type)s value: %(value)r": "%(value)r は正しい値ではありません",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s はあいまいです（候補: %(matches)s）",
    "not allowed with argument %s": "%s と同時には指定できません",
    "ignored explicit argument %r": "値 %r は指定できません",
}
_english = argparse._


def use_language(lang: str) -> None:
    """argparse looks its words up through its module's `_` at the time it writes them."""
    argparse._ = _english if lang == "en" else (lambda text: _ARGPARSE_JA.get(text, text))


def language_in(argv: Sequence[str]) -> Optional[str]:
    """`--lang en` / `--lang=en` wherever it stands: before the command, after it, or after its arguments."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return None


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr like every other error."""

    lang = "ja"

    def error(self, message: str) -> None:  # type: ignore[override]
        prefix = "コマンドの指定が正しくありません" if self.lang != "en" else "Invalid command line"
        sys.stderr.write(f"{prefix}: {message}（gijiroku --help）\n")
        raise SystemExit(EXIT_USAGE)


# Every command and option, described in both languages: (ja, en).
HELP = {
    "prog": ("議事録: 日本語の会議を、ネットワークを使わずに文字起こしし議事録にします",
             "議事録: offline Japanese meeting transcription and minutes"),
    "lang": ("メッセージの言語（ja または en）", "message language (ja or en)"),
    "debug": ("エラーの詳細（トレースバック）を表示します", "show tracebacks"),
    "threads": ("モデルが使うCPUスレッド数の上限（他のプログラムが使っているコアは使いません）",
                "the most CPU threads the models use (cores other programs keep busy are left to them)"),
    "title": ("会議名", "the meeting's title"),
    "date": ("開催日（2025-12-01、2025/12/01、令和7年12月1日）", "the date (2025-12-01, 2025/12/01 or 令和7年12月1日)"),
    "place": ("開催場所", "the place"),
    "attendees": ("出席者（「,」か「、」で区切る。例: 木村室長,松本主任）",
                  "attendees, separated by ',' or '、' (e.g. 木村室長,松本主任)"),
    "time": ("開始と終了の時刻（10:00-11:00 または 10時～11時）", "start and end (10:00-11:00 or 10時～11時)"),
    "vocabulary": ("用語ファイル: 1行に1語。タブの後に読み、さらに文脈、誤認識されやすい表記（カンマ区切り）。"
                   "議会では議事日程の議案番号（議案第二十号など）も",
                   "file: one term per line; after a tab its reading, then context, then misheard spellings; "
                   "for an assembly, the bill numbers of the day's agenda (議案第二十号 ...) too"),
    "out_dir": ("出力先のフォルダー", "output folder"),
    "out_file": ("出力ファイル", "output file"),
    "audio": ("会議の音声または動画ファイル（wav、mp3、m4a、mp4 など）", "the meeting's audio or video file"),
    "model_asr": ("音声認識モデル（名前またはフォルダーのパス）", "speech recognition model (name or folder)"),
    "text_level": ("発言の文字: verbatim（素起こし）、kebatori（ケバ取り: えー・あのー等と言い直しを除く）、seibun（整文）",
                   "transcript text: verbatim, kebatori (fillers and false starts removed) or seibun (light written style)"),
    "no_speakers": ("話者を判別しません（各行の話者は空欄）", "do not tell speakers apart (every line's speaker left empty)"),
    "model_llm": ("議事録作成モデル（名前またはGGUFファイルのパス）", "minutes model (name or GGUF file)"),
    "llm_server": ("議事録を庁内の推論サーバー（llama.cpp・vLLM など OpenAI 互換）で作成する: そのアドレス（例 http://gpu01:8080）",
                   "write the minutes on the office's inference server (llama.cpp, vLLM: OpenAI-compatible): its address (e.g. http://gpu01:8080)"),
    "llm_model": ("推論サーバーのモデル名（省略時はサーバーの最初のモデル）", "the server's model name (default: the server's first model)"),
    "llm_token_file": ("推論サーバーのアクセストークンを書いたファイル（環境変数 GIJIROKU_LLM_TOKEN でも可）",
                       "a file holding the server's access token (or the GIJIROKU_LLM_TOKEN variable)"),
    "llm_ca": ("推論サーバーの証明書を発行した庁内認証局の証明書（PEM）", "the office's certificate authority (PEM) for an https server"),
    "batch": ("フォルダー内のすべての録音から議事録を作成する（中断しても再実行で続きから）",
              "write minutes for every recording in a folder (a rerun continues where it stopped)"),
    "batch_dir": ("録音ファイルのフォルダー", "the folder of recordings"),
    "batch_out": ("会議ごとのフォルダーを作る出力先", "where each meeting's folder is written"),
    "jobs": ("同時に処理する会議の数（既定 1。2 以上は議事録を別のサーバーで作成するときに速くなります）",
             "meetings processed at a time (default 1; more pays when the minutes are written on another machine)"),
    "template": ("ひな形: gijiyoshi（議事要旨）、gijiroku（議事録・詳細）、kaigiroku（議会の会議録: docx・txt・md）、または独自のひな形 .json",
                 "gijiyoshi (議事要旨, summary), gijiroku (議事録, detailed), kaigiroku (an assembly's verbatim record: docx, txt, md), or a template .json of your own"),
    "public": ("公開用: 秘密会・取消しの印を付けた発言を除きます", "the public copy: lines marked 秘密会 or 取消し left out"),
    "seireki": ("日付を和暦（令和8年）ではなく西暦（2026年）で書きます", "dates as 2026年 instead of 令和8年"),
    "marking": ("ヘッダーの表示（例: 取扱注意）", "header marking, e.g. 取扱注意"),
    "appendix": ("Word: 文字起こし全文を末尾に付けます", "docx: add the full transcript"),
    "style_docx": ("書式を引き継ぐ、所属の Word ファイル（.docx）", "the office's own .docx to take styles from"),
    "fonts": ("フォント: yu（游明朝・游ゴシック）または ms（MS 明朝・MS ゴシック）", "yu (游明朝/游ゴシック) or ms (MS 明朝/ゴシック)"),
    "format": ("書き出す形式", "the format to write"),
    "author": ("作成者（省略すると設定の担当者名）", "author (the clerk's name from the settings if not given)"),
    "absentees": ("欠席者（「,」か「、」で区切る）", "absentees, separated by ',' or '、'"),
    "materials": ("配布資料（「,」か「、」で区切る）", "handouts, separated by ',' or '、'"),
    "recorder": ("記録者", "who took the record"),
    "process": ("音声から文字起こし・議事録・Word を作ります", "audio -> transcript, minutes, Word"),
    "transcribe": ("音声を文字起こしします（transcript.json）", "audio -> transcript.json"),
    "minutes": ("文字起こしから議事録を作ります（minutes.json）", "transcript.json -> minutes.json"),
    "transcript": ("文字起こしファイル（transcript.json）", "the transcript (transcript.json)"),
    "export": ("議事録・文字起こしを Word などに書き出します", "minutes/transcript -> docx, md, txt, json, srt, vtt, csv, qa (一問一答: .docx or .md)"),
    "source": ("会議フォルダー、minutes.json または transcript.json", "a meeting folder, minutes.json or transcript.json"),
    "models": ("モデルの一覧・インストール・追加・検査", "list, install, add, verify models"),
    "models_list": ("モデルの一覧を表示します", "list the models"),
    "models_install": ("標準モデルを部品パッケージから組み立てて検査します", "assemble and check the default models"),
    "models_add": ("自分のモデル（Whisper フォルダーまたは GGUF）を登録します", "register your own model"),
    "models_verify": ("モデルファイルを検査します（sha256）", "check the model files (sha256)"),
    "names": ("モデル名（省略するとすべての標準モデル）", "model names (all default models if none)"),
    "path": ("モデルのフォルダーまたはファイル", "the model's folder or file"),
    "name": ("登録する名前", "the name to register it under"),
    "role": ("役割: asr（音声認識）または llm（議事録作成）", "asr (speech recognition) or llm (minutes)"),
    "devices": ("録音に使える入力デバイスを表示します", "list audio inputs"),
    "record": ("会議を録音し、その場で文字起こしします", "record a meeting with live transcription"),
    "device": ("入力デバイスの名前または番号", "input device name or index"),
    "seconds": ("この秒数で録音を終えます", "stop after this many seconds"),
    "no_live": ("録音だけ行い、文字起こしはしません", "record only, no live transcript"),
    "record_minutes": ("録音中に議事録の下書きを作り、停止後すぐに minutes.json と minutes.docx を書きます",
                       "draft the minutes while recording; minutes.json and minutes.docx follow soon after stop"),
    "recover": ("途中で止まった録音を修復し、文字起こしを最後まで仕上げます",
                "repair an unfinished recording and finish its transcript"),
    "no_transcribe": ("音声の修復だけ行い、残りの文字起こしはしません", "repair the audio only, transcribe nothing"),
    "folder": ("録音のある会議フォルダー", "the meeting folder with the recording"),
    "demo": ("付属のサンプル会議を処理します", "process the bundled sample meeting"),
    "library": ("会議ライブラリ（これまでの会議の一覧）", "the meeting library"),
    "library_add": ("会議フォルダーをライブラリに加えます", "add meeting folders to the library"),
    "library_list": ("ライブラリの会議を一覧表示します", "list the library's meetings"),
    "library_remove": ("会議をごみ箱フォルダーへ移し、ライブラリから外します",
                       "move a meeting to the trash folder and drop it from the library"),
    "library_rebuild": ("会議フォルダーからライブラリを作り直します", "rebuild the library from the meeting folders"),
    "folders": ("会議フォルダー（gijiroku process の --out など）", "meeting folders (e.g. the --out of gijiroku process)"),
    "json": ("JSON で出力します", "print JSON"),
    "search": ("すべての会議の発言・議事録を検索します", "search every meeting's lines and minutes"),
    "query": ("検索語（空白で区切ると、すべてを含む行）", "words to find (separated by spaces: lines with all)"),
    "speaker": ("この話者の発言だけ", "only lines of this speaker"),
    "date_from": ("この日以降の会議（2025-04-01、令和7年4月1日など）", "meetings on or after this date"),
    "date_to": ("この日以前の会議", "meetings on or before this date"),
    "limit": ("表示する件数の上限", "the most hits to print"),
}


def h(key: str) -> str:
    return HELP[key][1 if OneLineParser.lang == "en" else 0]


def export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--template", default="gijiyoshi", help=h("template"))
    p.add_argument("--seireki", action="store_true", help=h("seireki"))
    p.add_argument("--marking", default="", help=h("marking"))
    p.add_argument("--appendix", action="store_true", help=h("appendix"))
    p.add_argument("--style-docx", default=None, help=h("style_docx"))
    p.add_argument("--fonts", choices=("yu", "ms"), default="yu", help=h("fonts"))
    p.add_argument("--author", default="", help=h("author"))
    p.add_argument("--text-level", choices=("verbatim", "kebatori", "seibun"), default="verbatim",
                   help=h("text_level"))
    p.add_argument("--public", action="store_true", help=h("public"))


def export_options(args, clerk_name: str = ""):
    from desktop.core.export import ExportOptions

    if args.style_docx and not Path(args.style_docx).is_file():
        raise errors.InputNotFound(args.style_docx, path=args.style_docx)
    return ExportOptions(template=args.template, seireki=args.seireki, marking=args.marking, appendix=args.appendix,
                         style_docx=args.style_docx, fonts=args.fonts, author=args.author or clerk_name,
                         text_level=args.text_level, public=args.public)


def build_parser(lang: str = "ja") -> OneLineParser:
    OneLineParser.lang = lang
    use_language(lang)
    # The options every command takes, accepted before or after the command: SUPPRESS keeps a
    # command's parser from overwriting what was given before it with its own default.
    common = OneLineParser(add_help=False)
    common.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS, help=h("lang"))
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=h("debug"))
    common.add_argument("--threads", type=int, default=argparse.SUPPRESS, help=h("threads"))

    meeting_args = OneLineParser(add_help=False)
    meeting_args.add_argument("--title", default="", help=h("title"))
    meeting_args.add_argument("--date", default="", help=h("date"))
    meeting_args.add_argument("--place", default="", help=h("place"))
    meeting_args.add_argument("--attendees", default="", help=h("attendees"))
    meeting_args.add_argument("--time", default="", help=h("time"))
    meeting_args.add_argument("--vocabulary", type=Path, default=None, help=h("vocabulary"))
    meeting_args.add_argument("--absentees", default="", help=h("absentees"))
    meeting_args.add_argument("--materials", default="", help=h("materials"))
    meeting_args.add_argument("--recorder", default="", help=h("recorder"))

    server_args = OneLineParser(add_help=False)
    server_args.add_argument("--llm-server", default=None, metavar="URL", help=h("llm_server"))
    server_args.add_argument("--llm-model", default=None, help=h("llm_model"))
    server_args.add_argument("--llm-token-file", type=Path, default=None, help=h("llm_token_file"))
    server_args.add_argument("--llm-ca", type=Path, default=None, help=h("llm_ca"))

    p = OneLineParser(prog="gijiroku", description=h("prog"), parents=[common])
    p.set_defaults(lang=None, debug=False, threads=None)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, parents=(common,)) -> OneLineParser:
        return sub.add_parser(name, parents=list(parents), help=h(name), description=h(name))

    pr = command("process", (common, meeting_args, server_args))
    pr.add_argument("audio", type=Path, help=h("audio"))
    pr.add_argument("--out", type=Path, required=True, help=h("out_dir"))
    pr.add_argument("--model-asr", default=None, help=h("model_asr"))
    pr.add_argument("--no-speakers", action="store_true", help=h("no_speakers"))
    pr.add_argument("--model-llm", default=None, help=h("model_llm"))
    export_args(pr)

    tr = command("transcribe", (common, meeting_args))
    tr.add_argument("audio", type=Path, help=h("audio"))
    tr.add_argument("--out", type=Path, required=True, help=h("out_file"))
    tr.add_argument("--model-asr", default=None, help=h("model_asr"))
    tr.add_argument("--no-speakers", action="store_true", help=h("no_speakers"))

    mi = command("minutes", (common, meeting_args, server_args))
    mi.add_argument("transcript", type=Path, help=h("transcript"))
    mi.add_argument("--out", type=Path, required=True, help=h("out_file"))
    mi.add_argument("--model-llm", default=None, help=h("model_llm"))

    ba = command("batch", (common, server_args))
    ba.add_argument("folder", type=Path, help=h("batch_dir"))
    ba.add_argument("--out", type=Path, required=True, help=h("batch_out"))
    ba.add_argument("--jobs", type=int, default=1, help=h("jobs"))
    ba.add_argument("--model-asr", default=None, help=h("model_asr"))
    ba.add_argument("--model-llm", default=None, help=h("model_llm"))
    export_args(ba)

    ex = command("export")
    ex.add_argument("source", type=Path, help=h("source"))
    ex.add_argument("--format", required=True, choices=("docx", "md", "txt", "json", "srt", "vtt", "csv", "qa"),
                    help=h("format"))
    ex.add_argument("--out", type=Path, required=True, help=h("out_file"))
    export_args(ex)

    mo = command("models")
    mosub = mo.add_subparsers(dest="models_command", required=True, metavar="SUBCOMMAND")
    mosub.add_parser("list", parents=[common], help=h("models_list"), description=h("models_list"))
    mi_ = mosub.add_parser("install", parents=[common], help=h("models_install"), description=h("models_install"))
    mi_.add_argument("names", nargs="*", help=h("names"))
    ad = mosub.add_parser("add", parents=[common], help=h("models_add"), description=h("models_add"))
    ad.add_argument("path", type=Path, help=h("path"))
    ad.add_argument("--name", default=None, help=h("name"))
    ad.add_argument("--role", choices=("asr", "llm"), default=None, help=h("role"))
    ve = mosub.add_parser("verify", parents=[common], help=h("models_verify"), description=h("models_verify"))
    ve.add_argument("names", nargs="*", help=h("names"))

    command("devices")
    rc = command("record")
    rc.add_argument("--out", type=Path, required=True, help=h("out_dir"))
    rc.add_argument("--device", default=None, help=h("device"))
    rc.add_argument("--seconds", type=float, default=None, help=h("seconds"))
    rc.add_argument("--no-live", action="store_true", help=h("no_live"))
    rc.add_argument("--model-asr", default=None, help=h("model_asr"))
    rc.add_argument("--no-speakers", action="store_true", help=h("no_speakers"))
    rc.add_argument("--title", default="", help=h("title"))
    rc.add_argument("--attendees", default="", help=h("attendees"))
    rc.add_argument("--vocabulary", type=Path, default=None, help=h("vocabulary"))
    rc.add_argument("--minutes", action="store_true", help=h("record_minutes"))
    rc.add_argument("--model-llm", default=None, help=h("model_llm"))
    rv = command("recover")
    rv.add_argument("folder", type=Path, help=h("folder"))
    rv.add_argument("--no-transcribe", action="store_true", help=h("no_transcribe"))
    rv.add_argument("--model-asr", default=None, help=h("model_asr"))

    li = command("library")
    lisub = li.add_subparsers(dest="library_command", required=True, metavar="SUBCOMMAND")
    la = lisub.add_parser("add", parents=[common], help=h("library_add"), description=h("library_add"))
    la.add_argument("folders", type=Path, nargs="+", help=h("folders"))
    ll = lisub.add_parser("list", parents=[common], help=h("library_list"), description=h("library_list"))
    ll.add_argument("--json", action="store_true", help=h("json"))
    lr = lisub.add_parser("remove", parents=[common], help=h("library_remove"), description=h("library_remove"))
    lr.add_argument("folders", type=Path, nargs="+", help=h("folders"))
    lisub.add_parser("rebuild", parents=[common], help=h("library_rebuild"), description=h("library_rebuild"))

    se = command("search")
    se.add_argument("query", nargs="+", help=h("query"))
    se.add_argument("--speaker", default="", help=h("speaker"))
    se.add_argument("--from", dest="date_from", default="", help=h("date_from"))
    se.add_argument("--to", dest="date_to", default="", help=h("date_to"))
    se.add_argument("--limit", type=int, default=50, help=h("limit"))
    se.add_argument("--json", action="store_true", help=h("json"))

    de = command("demo")
    de.add_argument("--out", type=Path, default=None, help=h("out_dir"))
    return p
