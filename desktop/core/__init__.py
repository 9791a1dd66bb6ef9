"""The Qt-free core: everything that does the work, usable headless (CLI, tests).

Nothing under desktop.core may import PySide6; tests/test_architecture.py checks it.
"""
import os

# No hub downloads, ever: set before faster_whisper / huggingface_hub are imported anywhere.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")
