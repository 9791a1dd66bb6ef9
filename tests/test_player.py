"""Playback's state as the window's timer asks for it."""
import numpy as np

from desktop.core.capture import Player


class DeadStream:
    """A PortAudio stream whose pointer the sound server invalidated (PaErrorCode -9988)."""

    @property
    def active(self):
        raise RuntimeError("Invalid stream pointer [PaErrorCode -9988]")


class LiveStream:
    active = True


def test_a_stream_that_died_under_playback_is_not_playing_and_raises_nothing():
    player = Player(np.zeros(1600, dtype=np.float32))
    assert not player.playing
    player._stream = LiveStream()
    assert player.playing
    player._stream = DeadStream()
    assert player.playing is False
