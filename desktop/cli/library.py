"""The meeting library from the command line: library add|list|remove|rebuild, and search."""
from __future__ import annotations

import json
import sys

from desktop import config
from desktop.core import errors, wareki


def _open(settings):
    return config.open_library(settings)


def cmd_library(args, settings) -> int:
    from desktop.core.library import MeetingEntry

    lib = _open(settings)
    ja = (args.lang or settings.ui_language) != "en"
    try:
        if args.library_command == "add":
            for folder in args.folders:
                entry = lib.add(folder)
                print(f"{entry.date or '----------'}  {entry.title or '(無題)'}  {folder}")
            return 0
        if args.library_command == "remove":
            for folder in args.folders:
                if not folder.is_dir():
                    raise errors.InputNotFound(str(folder), path=str(folder))
                target = lib.delete(folder)
                print(("ごみ箱へ移しました: " if ja else "Moved to the trash: ") + str(target))
            return 0
        count = lib.rebuild() if args.library_command == "rebuild" else lib.sync()
        entries: list[MeetingEntry] = lib.meetings()
        if args.library_command == "list" and args.json:
            json.dump([{"title": e.title, "date": e.date, "folder": str(e.folder), "duration": round(e.duration, 1),
                        "state": e.state, "attendees": e.attendees} for e in entries],
                      sys.stdout, ensure_ascii=False, indent=1)
            print()
            return 0
        states = {"minutes": "議事録あり", "transcribed": "文字起こし済み", "recorded": "録音のみ"} if ja else {}
        for e in entries:
            length = f"{int(e.duration) // 60:>3}:{int(e.duration) % 60:02d}" if e.duration else "    -"
            print(f"{e.date or '----------'}  {length}  {states.get(e.state, e.state):<8}  {e.title}  {e.folder}")
        if args.library_command == "rebuild" or not entries:
            print((f"{count} 件の会議" if ja else f"{count} meetings"), file=sys.stderr)
        return 0
    finally:
        lib.close()


def cmd_search(args, settings) -> int:
    from desktop.core.search_query import search

    date_from, date_to = _date(args.date_from), _date(args.date_to)
    lib = _open(settings)
    try:
        lib.sync()
        hits = search(lib, " ".join(args.query), speaker=args.speaker, date_from=date_from, date_to=date_to,
                      limit=args.limit)
    finally:
        lib.close()
    if args.json:  # like grep: exit status 1 when nothing was found
        json.dump([h.to_json() for h in hits], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0 if hits else 1
    for h in hits:
        at = f"{int(h.start) // 60:>3}:{int(h.start) % 60:02d}" if h.start is not None else "     "
        who = f"{h.speaker}：" if h.speaker else ""
        print(f"{h.date or '----------'} {at}  {h.title}  {who}{h.marked()}")
    if not hits:
        print("見つかりませんでした。" if (args.lang or settings.ui_language) != "en" else "No match.", file=sys.stderr)
    return 0 if hits else 1


def _date(text: str):
    try:
        return wareki.parse_date(text)
    except ValueError as exc:
        raise errors.InvalidDate(str(exc), value=text) from exc


def remember(folder, settings) -> None:
    """A meeting the CLI wrote is listed in the library; a library that cannot be opened costs a
    line in the log, never the command's result."""
    import logging

    try:
        lib = _open(settings)
        try:
            lib.add(folder)
        finally:
            lib.close()
    except (errors.GijirokuError, OSError) as exc:
        logging.getLogger("gijiroku.library").warning("not added to the library: %s", exc)
