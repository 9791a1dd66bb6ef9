"""The PySide6 desktop UI: thin layout and wiring over desktop.core."""
