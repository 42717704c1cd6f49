"""Argument checks shared by every pixelviz module: the public edge of the library.

Each public function checks its arguments here, once, and hands parsed values
(Python ints and floats, float64 arrays, enum members) to private helpers that
never check again. Each checker raises ``TypeError`` for a value of the wrong
type and ``ValueError`` for a value out of range, with a message of the form
``"{name} must be {expectation}; got {value!r}"`` so the caller sees which
argument was wrong and what was expected.

Limits
------
Sizes are refused before anything is allocated:

* :data:`MAX_LENGTH` (65536) samples along one axis (a signal's length, an
  image's height or width, a supersampling factor times a side);
* :data:`MAX_ELEMENTS` (2**25, about 33 million, 256 MiB of float64) values
  in one array that pixelviz allocates (an output image, a weight table).
"""

from __future__ import annotations

import difflib
import enum
import math
import numbers
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "MAX_LENGTH",
    "MAX_ELEMENTS",
    "check_name",
    "check_int",
    "check_positive_int",
    "check_size",
    "check_elements",
    "check_bool",
    "check_finite_float",
    "check_choice",
    "check_pair",
    "check_size_pair",
    "check_finite_array",
    "check_callable",
    "check_image",
    "check_binary_mask",
    "did_you_mean",
    "parse_enum",
]

#: Largest number of samples along one axis that pixelviz accepts.
MAX_LENGTH = 1 << 16
#: Largest number of values in one array that pixelviz allocates.
MAX_ELEMENTS = 1 << 25
#: Similarity a typo needs to get a "did you mean" hint (difflib's ratio).
_HINT_CUTOFF = 0.5

E = TypeVar("E", bound=enum.Enum)


def _type_name(value: Any) -> str:
    return type(value).__name__


def check_name(name: Any) -> str:
    """An argument name for messages (the ``name=`` parameter of the parse and check functions): a str."""
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be a non-empty str (the argument name used in messages); got {name!r}")
    return name


def check_int(name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as a Python int, or raise naming ``name``.

    Booleans, strings, ``None`` and non-integral floats are rejected (a float
    with an integral value gets a hint); integral numpy scalars are accepted.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        if isinstance(value, (float, np.floating)):
            hint = f" (use int({value!r}))" if math.isfinite(value) and float(value).is_integer() else ""
            raise TypeError(f"{name} must be an int; got the float {value!r}{hint}")
        raise TypeError(f"{name} must be an int; got {value!r} of type {_type_name(value)}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum}; got {value!r}")
    return value


def check_positive_int(name: str, value: Any, *, maximum: int | None = None) -> int:
    """Return ``value`` as an int >= 1, or raise naming ``name``."""
    return check_int(name, value, minimum=1, maximum=maximum)


def check_size(name: str, value: Any, *, minimum: int = 1) -> int:
    """A number of samples along one axis: an int in ``[minimum, MAX_LENGTH]``."""
    value = check_int(name, value, minimum=minimum)
    if value > MAX_LENGTH:
        raise ValueError(f"{name} must be <= {MAX_LENGTH} (pixelviz's size limit, MAX_LENGTH); got {value!r}")
    return value


def check_elements(name: str, count: int, what: str = "values") -> int:
    """Refuse an allocation of more than :data:`MAX_ELEMENTS` values, before it happens."""
    if count > MAX_ELEMENTS:
        raise ValueError(
            f"{name} must need at most {MAX_ELEMENTS} {what} (pixelviz's MAX_ELEMENTS); got {count} {what}"
        )
    return count


def check_bool(name: str, value: Any) -> bool:
    """Return ``value`` as a bool; only ``True``/``False`` (or numpy bools) are accepted.

    The string ``"False"``, ``0``/``1`` and ``None`` are refused: ``bool("False")``
    is True, a silent wrong answer.
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"{name} must be a bool (True or False); got {value!r} of type {_type_name(value)}")


def check_finite_float(
    name: str, value: Any, *, positive: bool = False, minimum: float | None = None, maximum: float | None = None
) -> float:
    """Return ``value`` as a finite float (optionally > 0 or within bounds), or raise naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {value!r} of type {_type_name(value)}")
    try:
        value = float(value)
    except OverflowError:  # an int too large for a float
        raise ValueError(f"{name} must be finite; got {value!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value!r}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be > 0; got {value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum}; got {value!r}")
    return value


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'half_pixel'?"`` for the closest choice, or ``""``."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=_HINT_CUTOFF)
    return f"; did you mean {close[0]!r}?" if close else ""


def check_choice(name: str, value: Any, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise with a did-you-mean hint."""
    choices = list(choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, one of {choices}; got {value!r}")
    if value not in choices:
        raise ValueError(f"{name} must be one of {choices}; got {value!r}{did_you_mean(value, choices)}")
    return value


def _squash(text: str) -> str:
    return text.strip().lower().replace("_", "").replace("-", "").replace(" ", "")


def parse_enum(
    name: str,
    value: Any,
    enum_cls: type[E],
    *,
    aliases: Mapping[str, E] | None = None,
    allowed: Iterable[E] | None = None,
    expectation: str | None = None,
) -> E:
    """The one parser of every pixelviz enum (conventions, roundings, origins, modes ...).

    Accepts a member, its value (``"half_pixel"``), and any spelling that
    equals a value or an alias after lower-casing and dropping ``_``, ``-``
    and spaces (``"Half-Pixel"``). Unknown strings get a did-you-mean hint.

    Parameters
    ----------
    name : str
        Argument name used in error messages.
    value : Any
        What the caller passed.
    enum_cls : type of Enum
        The enum whose member is wanted; its values must be strings.
    aliases : mapping of str to member, optional
        Extra spellings (keys compared after the same squashing).
    allowed : iterable of members, optional
        Restrict the result to these members.
    expectation : str, optional
        How to describe the accepted values (default: the list of values).

    Raises
    ------
    TypeError
        For a value that is neither a member nor a string.
    ValueError
        For an unknown string, or a member outside ``allowed``.
    """
    check_name(name)
    allowed_list = list(enum_cls) if allowed is None else list(allowed)
    for member in allowed_list:
        if not isinstance(member, enum_cls):
            raise TypeError(f"allowed must hold {enum_cls.__name__} members; got {member!r}")
    names = [str(m.value) for m in allowed_list]
    wanted = expectation or f"one of {names}"
    if isinstance(value, enum_cls):
        member = value
    elif isinstance(value, str):
        table: dict[str, E] = {_squash(str(m.value)): m for m in enum_cls}
        table.update({_squash(k): v for k, v in (aliases or {}).items()})
        found = table.get(_squash(value))
        if found is None:
            raise ValueError(
                f"{name} must be {wanted}; got {value!r}"
                f"{did_you_mean(value.strip().lower(), names + list(aliases or {}))}"
            )
        member = found
    else:
        raise TypeError(f"{name} must be {wanted}; got {value!r} of type {_type_name(value)}")
    if member not in allowed_list:
        raise ValueError(f"{name} must be one of {names} here; got {member.value!r}")
    return member


def check_pair(
    name: str, value: Any, check: Callable[[str, Any], Any] = check_size, *, what: str = "(a, b)"
) -> tuple[Any, Any]:
    """A pair ``(a, b)``: a tuple or list of exactly two items, each passed through ``check``.

    ``(4, 4, 4)``, a bare int, a string or ``None`` are refused (a pair is
    never read from the first two items of something longer).
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list, np.ndarray)):
        raise TypeError(f"{name} must be a pair {what}; got {value!r} of type {_type_name(value)}")
    if len(value) != 2:
        raise ValueError(f"{name} must be a pair {what}; got {len(value)} items: {value!r}")
    return check(f"{name}[0]", value[0]), check(f"{name}[1]", value[1])


def check_size_pair(name: str, value: Any, *, square: bool = False, what: str = "(H, W)") -> tuple[int, int]:
    """A ``(height, width)`` pair of sizes; with ``square=True`` an int ``k`` means ``(k, k)``."""
    if square and not isinstance(value, (tuple, list, np.ndarray)):
        k = check_size(name, value)
        check_elements(name, k * k, "pixels")
        return k, k
    a, b = check_pair(name, value, check_size, what=what)
    check_elements(name, a * b, "pixels")
    return a, b


def check_finite_array(
    name: str,
    value: Any,
    *,
    ndim: int | tuple[int, ...] | None = None,
    last_dim: int | None = None,
    allow_bool: bool = False,
    allow_nonfinite: bool = False,
) -> NDArray[np.float64]:
    """Return ``value`` as a float64 array of real, finite numbers.

    Parameters
    ----------
    name : str
        Argument name used in error messages.
    value : array_like
        The values to check. Complex numbers are refused (casting them to
        real would drop the imaginary part), so are strings, ``None`` and
        ragged or object arrays; booleans only with ``allow_bool``.
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    last_dim : int, optional
        Required size of the last axis (e.g. 2 for points, 4 for boxes).
    allow_bool : bool
        Accept boolean arrays (masks), read as 0 and 1.
    allow_nonfinite : bool
        Accept NaN and inf.
    """
    if value is None or isinstance(value, (str, bytes, Mapping, set, frozenset)):
        raise TypeError(f"{name} must be an array of numbers; got {value!r} of type {_type_name(value)}")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers (not ragged); got {value!r}") from None
    kind = raw.dtype.kind
    if kind == "c":
        raise TypeError(f"{name} must hold real numbers; got complex values (dtype {raw.dtype})")
    if kind == "b" and not allow_bool:
        raise TypeError(
            f"{name} must hold numbers, not booleans; got dtype bool in shape {raw.shape} "
            f"(use .astype(float) if you mean 0 and 1)"
        )
    if kind not in "biuf":
        raise TypeError(f"{name} must be an array of numbers; got dtype {raw.dtype} from {value!r}")
    arr = raw.astype(np.float64)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            raise ValueError(f"{name} must have ndim in {allowed}; got shape {arr.shape}")
    if last_dim is not None and (arr.ndim == 0 or arr.shape[-1] != last_dim):
        raise ValueError(f"{name} must have shape (..., {last_dim}); got shape {arr.shape}")
    if not allow_nonfinite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers; got NaN or inf in shape {arr.shape}")
    return arr


def check_callable(name: str, value: Any, expectation: str = "a callable") -> Callable[..., Any]:
    """Return ``value`` if it can be called, else raise ``TypeError`` naming ``name``."""
    if not callable(value):
        raise TypeError(f"{name} must be {expectation}; got {value!r} of type {_type_name(value)}")
    return value


def check_image(name: str, value: Any) -> NDArray[np.float64]:
    """A non-empty 2D ``(H, W)`` array of finite real numbers, as float64."""
    arr = check_finite_array(name, value, ndim=2)
    if arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 2D array (H, W); got shape {arr.shape}")
    return arr


def check_binary_mask(name: str, value: Any) -> NDArray[np.bool_]:
    """A non-empty 2D ``(H, W)`` mask of booleans or 0/1 numbers, as bool."""
    arr = check_finite_array(name, value, allow_bool=True)
    if arr.ndim != 2 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 2D array (H, W); got shape {arr.shape}")
    if not np.all((arr == 0) | (arr == 1)):
        raise ValueError(f"{name} must contain only 0 and 1; got values {np.unique(arr)[:5].tolist()!r}")
    return arr.astype(bool)
