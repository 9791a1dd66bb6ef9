"""The processor features the compiled engines need, checked before llama.cpp is loaded.

llama.cpp is built for a portable x86-64 baseline (AVX2, FMA, F16C, BMI2; see the Makefile): every
Intel CPU since Haswell (2013) and AMD since Excavator (2015). On an older CPU its first kernel would
die of an illegal instruction (SIGILL) with no message; this says so in one sentence instead.
The features come from numpy's own run-time detection, which also checks that the operating system
saves the AVX registers, on every platform.
"""
from __future__ import annotations

import platform
from typing import Optional

from .errors import CpuUnsupported

# numpy's names for the features the llama.cpp build uses.
REQUIRED = ("AVX", "AVX2", "FMA3", "F16C", "BMI2")
X86 = ("x86_64", "amd64", "x64", "i686", "i386")


def cpu_features() -> dict[str, bool]:
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as features
    except ImportError:  # numpy 1.x
        from numpy.core._multiarray_umath import __cpu_features__ as features
    return dict(features)


def missing_features(features: Optional[dict[str, bool]] = None, machine: Optional[str] = None) -> list[str]:
    """The required features this CPU lacks (empty when llama.cpp can run). A feature numpy does not
    report (BMI2 in older numpy) is not held against the CPU: every AVX2 CPU has had it."""
    machine = (machine or platform.machine()).lower()
    if machine not in X86:
        return []  # an arm64 build has its own baseline (NEON is always there)
    features = cpu_features() if features is None else features
    return [name for name in REQUIRED if not features.get(name, name == "BMI2")]


def require_llm_baseline() -> None:
    missing = missing_features()
    if missing:
        raise CpuUnsupported(",".join(missing), features=", ".join(missing))
