"""Pick the device the book's torch cells run on."""

from __future__ import annotations

from typing import Any

__all__ = ["torch_device"]


def torch_device() -> Any:
    """Return ``torch.device("cuda")`` when a GPU is visible, else ``torch.device("cpu")``.

    Imports torch lazily, so pixelviz itself does not depend on it.

    Raises
    ------
    ModuleNotFoundError
        If torch is not installed (install ``pixelviz[ops]``).
    """
    try:
        import torch
    except ModuleNotFoundError as exc:  # pragma: no cover - exercised without torch
        raise ModuleNotFoundError("torch_device needs PyTorch: pip install 'pixelviz[ops]'") from exc
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
