"""PyInstaller runtime hook: sounddevice looks for PortAudio with ctypes.util.find_library, which
does not see the copy inside the bundle; point it there (Linux). Windows and macOS wheels of
sounddevice carry their own PortAudio."""
import ctypes.util
import os
import sys

_find_library = ctypes.util.find_library


def _bundled_first(name):
    if name == "portaudio":
        bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "libportaudio.so.2")
        if os.path.exists(bundled):
            return bundled
    return _find_library(name)


ctypes.util.find_library = _bundled_first
