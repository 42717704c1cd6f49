"""JAX ``jax.image.resize`` (optional; "not installed" without jax)."""

from __future__ import annotations

from .._validate import check_bool, check_choice
from ._downscale import DownscaleFactory, Downscaler, register_downscale
from ._registry import Backend, Factory, register

__all__ = ["make_resize", "make_downscale"]


#: ``jax.image.resize`` methods a backend may name.
METHODS = ("nearest", "linear", "bilinear", "cubic", "bicubic", "lanczos3", "lanczos5")


def make_resize(method: str, antialias: bool) -> Factory:
    """``fn(x, size)`` calling ``jax.image.resize(x, (size,), method, antialias=antialias)``."""
    method = check_choice("method", method, METHODS)
    antialias = check_bool("antialias", antialias)

    def factory():
        import jax
        import jax.numpy as jnp
        import numpy as np

        def fn(x, size):
            out = jax.image.resize(jnp.asarray(x, dtype=jnp.float32), (size,), method=method, antialias=antialias)
            return np.asarray(out, dtype=np.float64)

        return fn

    return factory


register(
    *[
        Backend(
            f"jax.resize.{m}{'_aa' if aa else ''}",
            "JAX",
            "jax",
            "jax.image.resize",
            f"{m}, antialias={aa}",
            make_resize(m, aa),
            None,
        )
        for m, aa in [
            ("nearest", False),
            ("linear", False),
            ("linear", True),
            ("cubic", False),
            ("cubic", True),
            ("lanczos3", True),
        ]
    ]
)


def make_downscale() -> DownscaleFactory:
    """``fn(image, (h, w))`` calling ``jax.image.resize(image, (h, w), "linear")`` (its default ``antialias=True``)."""

    def factory():
        import jax
        import jax.numpy as jnp
        import numpy as np

        def fn(img, shape):
            out = jax.image.resize(jnp.asarray(img, dtype=jnp.float32), tuple(shape), method="linear")
            return np.asarray(out, dtype=np.float64)

        return fn

    return factory


register_downscale(
    Downscaler(
        "jax.linear",
        "JAX",
        "jax",
        "jax.image.resize linear (antialias=True default)",
        make_downscale(),
        True,
        "JAX linear\n(antialias default)",
    ),
)
