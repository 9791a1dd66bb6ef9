"""The section headings of a minutes template, as an office names them («議事内容» or «審議経過»).

The clerk's copy is a template file in the config folder (same JSON as resources/templates);
export uses it in place of the built-in one. Unticked sections are left out of the minutes.
"""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout

from desktop import config
from desktop.core import paths, store


def user_template(name: str) -> Path:
    return config.config_dir() / "templates" / f"{name}.json"


def template_for_export(name: str) -> str:
    """The clerk's edited copy of a built-in template if there is one, else the built-in name."""
    path = user_template(name)
    return str(path) if path.exists() else name


class HeadingsDialog(QDialog):
    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.name = name
        self.setWindowTitle(self.tr("Section headings"))
        builtin = json.loads(paths.resource("templates", f"{name}.json").read_text(encoding="utf-8"))
        self.builtin = builtin
        current = builtin
        if user_template(name).exists():
            try:
                current = json.loads(user_template(name).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                current = builtin
        try:
            used = {s["key"]: s["heading"] for s in current["sections"]}
        except (KeyError, TypeError):
            used = {s["key"]: s["heading"] for s in builtin["sections"]}  # a damaged copy: start from the standard
        names = {"agenda": self.tr("Agenda"), "summary": self.tr("Discussion"), "decisions": self.tr("Decisions"),
                 "action_items": self.tr("Action items"), "open_issues": self.tr("Open issues"),
                 "next_meeting": self.tr("Next meeting")}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Headings as your office writes them; untick a section to leave it out.")))
        grid = QGridLayout()
        self.rows: list[tuple[str, QCheckBox, QLineEdit]] = []
        for i, section in enumerate(builtin["sections"]):
            key = section["key"]
            box = QCheckBox(names.get(key, key))
            box.setChecked(key in used)
            edit = QLineEdit(used.get(key, section["heading"]))
            grid.addWidget(box, i, 0)
            grid.addWidget(edit, i, 1)
            self.rows.append((key, box, edit))
        layout.addLayout(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel | QDialogButtonBox.RestoreDefaults)
        buttons.button(QDialogButtonBox.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        buttons.button(QDialogButtonBox.RestoreDefaults).setText(self.tr("Restore defaults"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.RestoreDefaults).clicked.connect(self.restore)
        layout.addWidget(buttons)

    def template(self) -> dict:
        sections = [{"key": key, "heading": edit.text().strip() or self._builtin_heading(key)}
                    for key, box, edit in self.rows if box.isChecked()]
        return {**self.builtin, "sections": sections}

    def _builtin_heading(self, key: str) -> str:
        return next(s["heading"] for s in self.builtin["sections"] if s["key"] == key)

    def save(self) -> None:
        if not any(box.isChecked() for _k, box, _e in self.rows):
            return  # minutes with no section at all: keep the dialog open
        store.write_json(user_template(self.name), self.template())
        self.accept()

    def restore(self) -> None:
        user_template(self.name).unlink(missing_ok=True)
        for key, box, edit in self.rows:
            box.setChecked(True)
            edit.setText(self._builtin_heading(key))
