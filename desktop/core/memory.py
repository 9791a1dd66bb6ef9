"""Is there memory for the chat model? A laptop with a browser, a video call and the meeting's
audio open may have less free memory than the model needs; loading it anyway swaps the machine to a
halt for minutes. The light model needs a third of the default's memory, so it is offered instead.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import psutil

# Beyond the weights: the context's KV cache, the lanes kept between calls, the transcript and the
# interpreter. Measured peak RSS of the minutes step with the default 1.5B model (a 1.1 GB file):
# 2.3 GB (make bench, bench/cpu_sharing.py).
HEADROOM_BYTES = 2_000_000_000


def available_bytes() -> int:
    """Memory the system can give without swapping (free plus reclaimable cache)."""
    return int(psutil.virtual_memory().available)


def needed_bytes(model_path: Path) -> int:
    try:
        size = Path(model_path).stat().st_size
    except OSError:
        size = 0
    return size + HEADROOM_BYTES


def too_little_for(model_path: Path, available: Optional[int] = None) -> bool:
    """True when loading the model now would likely swap."""
    return (available_bytes() if available is None else available) < needed_bytes(model_path)
