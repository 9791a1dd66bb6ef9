<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="22" />
        <location filename="../../desktop/ui/export_dialog.py" line="74" />
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="32" />
        <source>Summary minutes (議事要旨)</source>
        <translation>議事要旨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="33" />
        <source>Detailed minutes (議事録)</source>
        <translation>議事録（詳細）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="34" />
        <source>Assembly record (会議録)</source>
        <translation>会議録（議会の発言記録）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="36" />
        <source>Japanese era (令和)</source>
        <translation>和暦（令和）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="37" />
        <source>Western year</source>
        <translation>西暦</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="39" />
        <source>e.g. 取扱注意</source>
        <translation>例：取扱注意</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="40" />
        <source>Append the full transcript</source>
        <translation>発言記録の全文を別紙として付ける</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="42" />
        <source>Verbatim (素起こし)</source>
        <translation>素起こし</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="43" />
        <source>Fillers removed (ケバ取り)</source>
        <translation>ケバ取り</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="44" />
        <source>Light written style (整文)</source>
        <translation>整文</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="46" />
        <source>Choose...</source>
        <translation>選択...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="52" />
        <source>Headings...</source>
        <translation>見出しを編集...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="63" />
        <source>Template</source>
        <translation>様式</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="64" />
        <source>Dates</source>
        <translation>日付の表記</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="65" />
        <source>Header marking</source>
        <translation>ヘッダーの表示</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="67" />
        <source>Transcript text</source>
        <translation>発言の文字</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="68" />
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="70" />
        <source>Open the folder afterwards</source>
        <translation>書き出し後にフォルダーを開く</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="75" />
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="82" />
        <source>Export folder</source>
        <translation>書き出し先フォルダー</translation>
    </message>
<message><source>Word (.docx)</source><translation>Word（.docx）</translation></message><message><source>Markdown (.md)</source><translation>Markdown（.md）</translation></message><message><source>Text (.txt)</source><translation>テキスト（.txt）</translation></message><message><source>JSON (.json)</source><translation>JSON（.json）</translation></message><message><source>SRT (.srt)</source><translation>字幕 SRT（.srt）</translation></message><message><source>WebVTT (.vtt)</source><translation>字幕 WebVTT（.vtt）</translation></message><message><source>CSV (.csv)</source><translation>宿題事項 CSV（.csv）</translation></message><message><source>Q&amp;A (一問一答, .docx)</source><translation>一問一答（Word）</translation></message></context>
<context>
    <name>HeadingsDialog</name>
    <message>
        <location filename="../../desktop/ui/headings_dialog.py" line="31" />
        <source>Section headings</source>
        <translation>見出しの編集</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/headings_dialog.py" line="44" />
        <source>Agenda</source>
        <translation>議題</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/headings_dialog.py" line="44" />
        <source>Discussion</source>
        <translation>議事の内容</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/headings_dialog.py" line="44" />
        <source>Decisions</source>
        <translation>決定事項</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/headings_dialog.py" line="45" />
        <source>Action items</source>
        <translation>宿題事項</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/headings_dialog.py" line="45" />
        <source>Open issues</source>
        <translation>継続審議事項</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/headings_dialog.py" line="46" />
        <source>Next meeting</source>
        <translation>次回予定</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/headings_dialog.py" line="48" />
        <source>Headings as your office writes them; untick a section to leave it out.</source>
        <translation>所属の様式に合わせて見出しを変更できます。チェックを外した項目は議事録に含めません。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/headings_dialog.py" line="61" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/headings_dialog.py" line="62" />
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/headings_dialog.py" line="63" />
        <source>Restore defaults</source>
        <translation>標準に戻す</translation>
    </message>
</context>
<context>
    <name>ItemTable</name>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="34" />
        <source>Source</source>
        <translation>根拠</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="52" />
        <source>Click to hear the lines this came from</source>
        <translation>クリックすると根拠となった発言を再生します</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="69" />
        <source>Probably misheard: %1. Check it against the recording.</source>
        <translation>聞き違いの可能性があります: %1。録音と照らして確認してください。</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <location filename="../../desktop/ui/jobs.py" line="104" />
        <source>Waiting for another Gijiroku job to finish</source>
        <translation>他の Gijiroku の処理が終わるのを待っています</translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <location filename="../../desktop/ui/job_status.py" line="17" />
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/job_status.py" line="30" />
        <source>estimating the time left</source>
        <translation>残り時間を見積もり中</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/job_status.py" line="36" />
        <source>about %1 left</source>
        <translation>残り約 %1</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="29" />
        <source>Meeting library</source>
        <translation>会議ライブラリ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="32" />
        <source>Search every meeting (e.g. 予算 陳情)</source>
        <translation>すべての会議を検索（例: 予算 陳情）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="34" />
        <location filename="../../desktop/ui/library_view.py" line="48" />
        <source>Speaker</source>
        <translation>話者</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="35" />
        <source>Date range</source>
        <translation>期間</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="40" />
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="46" />
        <source>Filter the list by title</source>
        <translation>会議名で絞り込み</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="47" />
        <location filename="../../desktop/ui/library_view.py" line="48" />
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="47" />
        <location filename="../../desktop/ui/library_view.py" line="48" />
        <source>Title</source>
        <translation>会議名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="47" />
        <source>Length</source>
        <translation>長さ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="47" />
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="48" />
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="49" />
        <source>Line</source>
        <translation>発言・記載</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="82" />
        <source>Reading the meeting folders...</source>
        <translation>会議フォルダーを読み込んでいます...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="108" />
        <source>With minutes</source>
        <translation>議事録あり</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="108" />
        <source>Transcribed</source>
        <translation>文字起こし済み</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="109" />
        <source>Audio only</source>
        <translation>録音のみ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="114" />
        <source>(untitled)</source>
        <translation>（無題）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="120" />
        <source>%1 meetings</source>
        <translation>%1 件の会議</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="155" />
        <source>%1 hits</source>
        <translation>%1 件見つかりました</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library_view.py" line="155" />
        <source>No match.</source>
        <translation>見つかりませんでした。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="118" />
        <source>Gijiroku - meeting minutes</source>
        <translation>議事録 - Gijiroku</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="68" />
        <source>Meeting</source>
        <translation>会議情報</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="69" />
        <source>Recording</source>
        <translation>録音</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="70" />
        <source>Transcript</source>
        <translation>文字起こし</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="71" />
        <source>Minutes</source>
        <translation>議事録</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="228" />
        <source>Import a meeting recording</source>
        <translation>会議の録音を取り込む</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="256" />
        <source>Transcribing</source>
        <translation>文字起こし中</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="142" />
        <source>Stop the recording before opening another meeting.</source>
        <translation>別の会議を開く前に、録音を停止してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="147" />
        <source>"%1" is still running. Cancel it and open the other meeting?</source>
        <translation>「%1」を実行中です。中止して別の会議を開きますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="176" />
        <source>This meeting has no audio to transcribe.</source>
        <translation>この会議には文字起こしできる音声がありません。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="181" />
        <source>Transcribe again? The current transcript will be replaced.</source>
        <translation>文字起こしをやり直しますか？ 今の文字起こしは置き換えられます。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="188" />
        <source>Move this meeting to the trash?</source>
        <translation>この会議をごみ箱に移しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="264" />
        <source>Re-create the minutes? Your edits to the current minutes will be replaced.</source>
        <translation>議事録を再作成しますか？現在の議事録への手動の修正は置き換えられます。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="275" />
        <source>Writing the minutes</source>
        <translation>議事録を作成中</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="278" />
        <source>Confirm</source>
        <translation>確認</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="305" />
        <source>Create the minutes before exporting this format.</source>
        <translation>この形式で書き出すには、先に議事録を作成してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="309" />
        <source>Exported to %1</source>
        <translation>%1 に書き出しました</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="360" />
        <source>Gijiroku</source>
        <translation>議事録</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="117" />
        <source>(untitled)</source>
        <translation>（無題）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/memory_offer.py" line="26" />
        <source>Only %1 GB of memory is free: write these minutes with the light model instead, so the computer does not slow to a halt?</source>
        <translation>空きメモリが %1 GB しかありません。パソコンが止まらないよう、軽量モデルで議事録を作成しますか？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/memory_offer.py" line="29" />
        <source>Low memory</source>
        <translation>メモリ不足</translation>
    </message>
<message><source>Audio/Video (*.wav *.mp3 *.m4a *.aac *.flac *.ogg *.mp4 *.mov *.webm)</source><translation>音声・動画 (*.wav *.mp3 *.m4a *.aac *.flac *.ogg *.mp4 *.mov *.webm)</translation></message><message><source>&amp;File</source><translation>ファイル(&amp;F)</translation></message><message><source>New meeting</source><translation>新しい会議</translation></message><message><source>Import audio/video file...</source><translation>音声・動画ファイルを取り込む...</translation></message><message><source>Export...</source><translation>書き出し...</translation></message><message><source>Quit</source><translation>終了</translation></message><message><source>&amp;Recording</source><translation>録音(&amp;R)</translation></message><message><source>Record</source><translation>録音開始</translation></message><message><source>Pause / resume</source><translation>一時停止／再開</translation></message><message><source>Stop</source><translation>停止</translation></message><message><source>Play / pause</source><translation>再生／一時停止</translation></message><message><source>&amp;Tools</source><translation>ツール(&amp;T)</translation></message><message><source>Dictionaries...</source><translation>用語辞書...</translation></message><message><source>Settings...</source><translation>設定...</translation></message><message><source>Meeting library and search...</source><translation>会議ライブラリと検索...</translation></message></context>
<context>
    <name>MeetingInfoPanel</name>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="22" />
        <source>e.g. 2nd Paperless Promotion Meeting</source>
        <translation>例：第2回 庁内ペーパーレス化推進会議</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="39" />
        <source>One per line: name and role (e.g. 松本主任)</source>
        <translation>1行に1人：氏名と役職（例：松本主任）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="41" />
        <source>Separated by 、 (e.g. 佐藤委員、鈴木委員)</source>
        <translation>「、」で区切る（例: 佐藤委員、鈴木委員）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="43" />
        <source>One per line (e.g. 資料1 ペーパーレス化の進捗)</source>
        <translation>1行に1つ（例: 資料1 ペーパーレス化の進捗）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="48" />
        <source>Terms and names said in this meeting, one per line (an assembly: the 議事日程's bill numbers too)</source>
        <translation>この会議で使われる用語・人名（1行に1つ。議会では議事日程の議案番号も）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="49" />
        <source>Title</source>
        <translation>会議名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="50" />
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="51" />
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="52" />
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="53" />
        <source>Attendees</source>
        <translation>出席者</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="54" />
        <source>Absent</source>
        <translation>欠席者</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="55" />
        <source>Handouts</source>
        <translation>配布資料</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="56" />
        <source>Recorded by</source>
        <translation>記録者</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_info.py" line="57" />
        <source>Vocabulary</source>
        <translation>用語</translation>
    </message>
</context>
<context>
    <name>MeetingList</name>
    <message>
        <location filename="../../desktop/ui/meeting_list.py" line="22" />
        <source>Recent meetings</source>
        <translation>最近の会議</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_list.py" line="26" />
        <source>New meeting</source>
        <translation>新しい会議</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_list.py" line="27" />
        <source>Import audio/video file...</source>
        <translation>音声・動画ファイルを取り込む...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_list.py" line="64" />
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_list.py" line="65" />
        <source>Transcribe again</source>
        <translation>文字起こしをやり直す</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/meeting_list.py" line="67" />
        <source>Move to trash</source>
        <translation>ごみ箱に移す</translation>
    </message>
</context>
<context>
    <name>MinutesView</name>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="101" />
        <location filename="../../desktop/ui/minutes_view.py" line="178" />
        <source>Create minutes</source>
        <translation>議事録を作成</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="110" />
        <source>Agenda item</source>
        <translation>議題</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="110" />
        <source>Summary</source>
        <translation>要約</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="111" />
        <source>Decision</source>
        <translation>決定事項</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="112" />
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="112" />
        <source>Task</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="112" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="113" />
        <source>Open item</source>
        <translation>継続審議事項</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="116" />
        <source>Agenda</source>
        <translation>議題</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="117" />
        <source>Decisions</source>
        <translation>決定事項</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="118" />
        <source>Action items</source>
        <translation>宿題事項</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="119" />
        <source>Open items (継続審議)</source>
        <translation>継続審議事項</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="125" />
        <source>Add row</source>
        <translation>行を追加</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="125" />
        <source>Remove row</source>
        <translation>行を削除</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="135" />
        <source>Next meeting</source>
        <translation>次回予定</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/minutes_view.py" line="178" />
        <source>Re-create minutes</source>
        <translation>議事録を再作成</translation>
    </message>
</context>
<context>
    <name>RecordPanel</name>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="34" />
        <source>Refresh</source>
        <translation>再検出</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="35" />
        <source>Input device</source>
        <translation>入力デバイス</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="40" />
        <source>Record</source>
        <translation>録音開始</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="41" />
        <location filename="../../desktop/ui/record_panel.py" line="181" />
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="42" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="56" />
        <source>Elapsed</source>
        <translation>経過時間</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="58" />
        <source>Level</source>
        <translation>入力レベル</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="61" />
        <source>Free disk</source>
        <translation>ディスクの空き</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="99" />
        <source> (default)</source>
        <translation>（標準）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="140" />
        <source>Stopped.</source>
        <translation>停止しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="152" />
        <source>Clipping: move the microphone away</source>
        <translation>音割れ：マイクを離してください</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="154" />
        <source>Too quiet: check the microphone</source>
        <translation>音が小さすぎます：マイクを確認してください</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="156" />
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="161" />
        <source> (low)</source>
        <translation>（残りわずか）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="163" />
        <source>The input device was disconnected. What was recorded is saved; choose a device and press Record to continue.</source>
        <translation>入力デバイスが切断されました。録音済みの音声は保存されています。デバイスを選んで「録音開始」を押すと続きを録音できます。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="167" />
        <source>The disk is almost full: the recording was stopped and saved.</source>
        <translation>ディスクの空き容量がほとんどないため、録音を停止して保存しました。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="170" />
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="172" />
        <source>Recording</source>
        <translation>録音</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_panel.py" line="181" />
        <source>Resume</source>
        <translation>再開</translation>
    </message>
</context>
<context>
    <name>RecordingFlow</name>
    <message>
        <location filename="../../desktop/ui/recording_flow.py" line="85" />
        <source>Minutes draft: up to line %1</source>
        <translation>議事録の下書き：%1行目まで作成済み</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/recording_flow.py" line="106" />
        <location filename="../../desktop/ui/recording_flow.py" line="163" />
        <source>Finishing the transcript</source>
        <translation>文字起こしを仕上げています</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/recording_flow.py" line="130" />
        <source>Writing the minutes</source>
        <translation>議事録を作成中</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/recording_flow.py" line="145" />
        <source>Unfinished recording</source>
        <translation>終了していない録音</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/recording_flow.py" line="146" />
        <source>A recording was not stopped properly (the app or the computer stopped). Recover it now?</source>
        <translation>前回の録音が正常に終了していません（アプリまたはパソコンが停止しました）。今すぐ復元しますか？</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="34" />
        <location filename="../../desktop/ui/settings_dialog.py" line="130" />
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="38" />
        <source>Add a Whisper folder...</source>
        <translation>Whisperフォルダーを追加...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="39" />
        <source>Add a GGUF file...</source>
        <translation>GGUFファイルを追加...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="40" />
        <source>Speech recognition</source>
        <translation>音声認識モデル</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="41" />
        <source>Minutes model</source>
        <translation>議事録作成モデル</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="45" />
        <source>CPU threads</source>
        <translation>CPUスレッド数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="46" />
        <source>Draft the minutes while recording (ready soon after Stop; uses more memory)</source>
        <translation>録音中に議事録の下書きを作成する（停止後すぐに完成します。メモリを多く使います）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="53" />
        <source>Language</source>
        <translation>表示言語</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="55" />
        <source>e.g. 総務課 松本</source>
        <translation>例: 総務課 松本</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="56" />
        <source>Your name (author of the minutes)</source>
        <translation>担当者名（議事録の作成者）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="59" />
        <source>empty: the model on this computer; e.g. http://gpu01:8080</source>
        <translation>空欄: このパソコンのモデル（例 http://gpu01:8080）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="60" />
        <source>Minutes server (office network)</source>
        <translation>議事録作成サーバー（庁内ネットワーク）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="62" />
        <source>empty: the server's first model</source>
        <translation>空欄: サーバーの最初のモデル</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="63" />
        <source>Server model name</source>
        <translation>サーバーのモデル名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="66" />
        <source>Server access token</source>
        <translation>サーバーのアクセストークン</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="68" />
        <source>Choose...</source>
        <translation>選択...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="69" />
        <location filename="../../desktop/ui/settings_dialog.py" line="120" />
        <source>Meetings folder</source>
        <translation>会議の保存先</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="70" />
        <source>A language change takes effect the next time the app starts.</source>
        <translation>表示言語の変更は、次にアプリを起動したときに反映されます。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="95" />
        <source> (default)</source>
        <translation>（標準）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="95" />
        <source> (light)</source>
        <translation>（軽量）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="102" />
        <source>CTranslate2 Whisper model folder</source>
        <translation>CTranslate2形式のWhisperモデルのフォルダー</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="104" />
        <source>GGUF chat model</source>
        <translation>GGUFチャットモデル</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="112" />
        <source>Model not added</source>
        <translation>モデルを追加できませんでした</translation>
    </message>
</context>
<context>
    <name>SpeakerPanel</name>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="31" />
        <source>Rename speaker...</source>
        <translation>話者名を変更…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="32" />
        <source>Merge speakers...</source>
        <translation>話者を統合…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="33" />
        <source>Line's speaker...</source>
        <translation>この行の話者…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="34" />
        <source>Split line at playback</source>
        <translation>再生位置で行を分割</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="35" />
        <source>Give the selected line to another speaker</source>
        <translation>選択した行を別の話者の発言にします</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="36" />
        <source>Cut the selected line where the voice changes (the playback position)</source>
        <translation>選択した行を、声が変わる位置（再生位置）で分けます</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="52" />
        <source>confirmed</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="54" />
        <source>self-introduction</source>
        <translation>自己紹介</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="55" />
        <source>floor given</source>
        <translation>指名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="55" />
        <source>chairs the meeting</source>
        <translation>議事進行</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="56" />
        <source>proposed from line %1 (%2)</source>
        <translation>%1行目の%2から推定</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="57" />
        <source>%1 %2 (%3 lines)</source>
        <translation>%1 %2（%3行）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="60" />
        <source>No speaker labels</source>
        <translation>話者の区別なし</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="65" />
        <location filename="../../desktop/ui/speaker_panel.py" line="68" />
        <source>Rename speaker</source>
        <translation>話者名の変更</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="65" />
        <location filename="../../desktop/ui/speaker_panel.py" line="85" />
        <source>Speaker</source>
        <translation>話者</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="68" />
        <source>New name</source>
        <translation>新しい名前</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="75" />
        <location filename="../../desktop/ui/speaker_panel.py" line="80" />
        <source>Merge speakers</source>
        <translation>話者の統合</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="75" />
        <source>Speaker to merge</source>
        <translation>統合する話者</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="80" />
        <source>Into</source>
        <translation>統合先</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/speaker_panel.py" line="85" />
        <source>Line's speaker</source>
        <translation>行の話者</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="51" />
        <source>Find</source>
        <translation>検索</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="53" />
        <source>Replace with</source>
        <translation>置換後の文字列</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="54" />
        <source>Find next</source>
        <translation>次を検索</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="55" />
        <source>Replace all</source>
        <translation>すべて置換</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="59" />
        <source>Lines Whisper was unsure of: the next one, played (F8)</source>
        <translation>認識の信頼度が低い行：次の行へ移って再生します（F8）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="70" />
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="70" />
        <source>Speaker</source>
        <translation>話者</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="70" />
        <source>Text</source>
        <translation>発言</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="79" />
        <location filename="../../desktop/ui/transcript_view.py" line="295" />
        <location filename="../../desktop/ui/transcript_view.py" line="326" />
        <source>Play</source>
        <translation>再生</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="80" />
        <source>-5 s</source>
        <translation>-5秒</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="81" />
        <source>+5 s</source>
        <translation>+5秒</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="87" />
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="167" />
        <source>Speech without text: play it and type what was said</source>
        <translation>文字にできなかった発言です。再生して、発言を入力してください</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="169" />
        <source>Probably misheard: %1. Check it against the recording.</source>
        <translation>聞き違いの可能性があります: %1。録音と照らして確認してください。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="172" />
        <source>Whisper was unsure of this line: check it against the audio</source>
        <translation>認識の信頼度が低い行です。音声を聞いて確認してください</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="181" />
        <source>To check: %1 (no text: %2) ▶</source>
        <translation>要確認: %1 行（うち聴取不能 %2） ▶</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="182" />
        <source>To check: %1 ▶</source>
        <translation>要確認: %1 行 ▶</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="280" />
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="342" />
        <source>Not found</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="354" />
        <source>%1 replaced</source>
        <translation>%1 件を置換しました</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_tools.py" line="30" />
        <source>Verbatim (素起こし)</source>
        <translation>素起こし</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_tools.py" line="31" />
        <source>Fillers removed (ケバ取り)</source>
        <translation>ケバ取り</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_tools.py" line="32" />
        <source>Light written style (整文)</source>
        <translation>整文</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_tools.py" line="33" />
        <source>Keep this line verbatim</source>
        <translation>この行は素起こしのまま</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_tools.py" line="35" />
        <source>Undo ケバ取り/整文 on the selected line (exports keep its words as heard)</source>
        <translation>選択した行のケバ取り・整文を取り消します（書き出しでも発言どおりになります）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_tools.py" line="40" />
        <source>秘密会 and 取消し lines stay in the official record, not in the public copy</source>
        <translation>秘密会・取消しの行は正本に残り、公開用からは除かれます</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_tools.py" line="61" />
        <source>As heard: %1</source>
        <translation>発言どおり: %1</translation>
    </message>
<message><source>Public</source><translation>公開</translation></message><message><source>Closed session (秘密会)</source><translation>秘密会</translation></message><message><source>Struck out (取消し)</source><translation>取消し</translation></message></context>
<context>
    <name>VocabularyDialog</name>
    <message>
        <location filename="../../desktop/ui/vocabulary_dialog.py" line="15" />
        <source>Dictionaries</source>
        <translation>辞書</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/vocabulary_dialog.py" line="21" />
        <source>One term per line. A reading may follow after a tab (e.g. 東海林&lt;TAB&gt;しょうじ); after two more tabs, spellings the transcript wrongly shows for it, separated by commas (e.g. 出納室&lt;TAB&gt;すいとうしつ&lt;TAB&gt;&lt;TAB&gt;水筒室).</source>
        <translation>1行に1語。読みはタブの後に書けます（例：東海林&lt;TAB&gt;しょうじ）。さらにタブを2つ置いた後に、文字起こしで誤って表示される表記をカンマ区切りで書けます（例：出納室&lt;TAB&gt;すいとうしつ&lt;TAB&gt;&lt;TAB&gt;水筒室）。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/vocabulary_dialog.py" line="28" />
        <source>Restore the standard list</source>
        <translation>標準の一覧に戻す</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/vocabulary_dialog.py" line="33" />
        <source>User dictionary</source>
        <translation>用語辞書</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/vocabulary_dialog.py" line="34" />
        <source>Administrative terms (built in)</source>
        <translation>行政用語（標準）</translation>
    </message>
</context>
<context><name>QFileDialog</name><message><source>&amp;Look in:</source><translation>場所(&amp;L):</translation></message><message><source>Files of &amp;type:</source><translation>ファイルの種類(&amp;T):</translation></message></context></TS>