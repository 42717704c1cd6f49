"""JAX ``jax.image.resize`` (optional; "not installed" without jax)."""

from __future__ import annotations

from ._registry import Backend, register

__all__ = ["make_resize"]


def make_resize(method: str, antialias: bool):
    """``fn(x, size)`` calling ``jax.image.resize(x, (size,), method, antialias=antialias)``."""
    def factory():
        import jax
        import jax.numpy as jnp
        import numpy as np

        def fn(x, size):
            out = jax.image.resize(jnp.asarray(x, dtype=jnp.float32), (size,), method=method, antialias=antialias)
            return np.asarray(out, dtype=np.float64)
        return fn
    return factory


register(*[Backend(f"jax.resize.{m}{'_aa' if aa else ''}", "JAX", "jax", "jax.image.resize",
                   f"{m}, antialias={aa}", make_resize(m, aa), None)
           for m, aa in [("nearest", False), ("linear", False), ("linear", True), ("cubic", False),
                         ("cubic", True), ("lanczos3", True)]])
