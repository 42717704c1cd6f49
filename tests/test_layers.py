"""Every call of a real library lives under pixelviz/backends/ (an AST scan of pixelviz/ and widgets/)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The libraries whose calls belong in pixelviz.backends (top-level import names).
REAL_LIBRARIES = {
    "torch",
    "torchvision",
    "cv2",
    "PIL",
    "skimage",
    "scipy",
    "onnx",
    "onnxruntime",
    "tensorflow",
    "jax",
    "kornia",
    "pycocotools",
}
BACKENDS = ROOT / "pixelviz" / "backends"
#: (top-level package, library) pairs still allowed outside backends, each with the reason. The test
#: fails when one is no longer used, so the list only shrinks.
KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {}


def imported_libraries(path: Path) -> dict[str, int]:
    """Top-level names of every ``import`` in a file (function-level ones too) -> first line."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            found.setdefault(name.split(".")[0], node.lineno)
    return found


def offenders() -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for package in ("pixelviz", "widgets"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if BACKENDS in path.parents:
                continue
            for lib, line in imported_libraries(path).items():
                if lib in REAL_LIBRARIES:
                    out.setdefault((package, lib), []).append(f"{path.relative_to(ROOT)}:{line}")
    return out


def test_real_libraries_are_imported_only_under_backends():
    bad = {k: v for k, v in offenders().items() if k not in KNOWN_EXCEPTIONS}
    assert not bad, f"move these calls into pixelviz/backends/<library>_ops.py: {bad}"


def test_known_exceptions_are_still_needed():
    stale = set(KNOWN_EXCEPTIONS) - set(offenders())
    assert not stale, f"remove {sorted(stale)} from KNOWN_EXCEPTIONS: nothing imports them any more"


def test_scan_sees_function_level_imports(tmp_path):
    f = tmp_path / "m.py"
    f.write_text("import numpy\n\ndef f():\n    import torch.nn.functional as F\n    from cv2 import resize\n")
    assert set(imported_libraries(f)) == {"numpy", "torch", "cv2"}


def test_backend_modules_do_not_read_like_the_packages():
    # backends/torch.py next to `import torch` confuses: every library module ends in _ops
    names = {p.stem for p in BACKENDS.glob("*.py") if not p.stem.startswith("_")}
    assert "torch_ops" in names
    clash = names & (REAL_LIBRARIES | {"opencv", "pillow", "skimage", "scipy"})
    assert not clash, f"rename {sorted(clash)}: a backend module must not read like the package it calls"
