"""`import pixelviz` needs only numpy and matplotlib."""

import subprocess
import sys
import textwrap

# Pillow is not listed: matplotlib itself depends on it.
OPTIONAL = [
    "torch",
    "torchvision",
    "cv2",
    "skimage",
    "scipy",
    "onnx",
    "onnxruntime",
    "pycocotools",
    "tensorflow",
    "jax",
    "ipywidgets",
    "IPython",
]


def test_import_pixelviz_with_optional_modules_blocked():
    # A meta-path finder that refuses every optional module: if pixelviz (or
    # its drawing package) imported one at module level, the import would fail.
    code = textwrap.dedent(f"""
        import sys
        BLOCKED = {OPTIONAL!r}
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in BLOCKED:
                    raise ModuleNotFoundError(f"blocked optional module {{name}}")
                return None
        sys.meta_path.insert(0, Block())
        import matplotlib
        matplotlib.use("Agg")
        import pixelviz, pixelviz.plot
        mods = [m for m in sys.modules if m.split(".")[0] in BLOCKED]
        assert not mods, mods
        assert pixelviz.source_coords(4, 8, "half_pixel")[0] == -0.25
        try:
            pixelviz.torch_device()
        except ModuleNotFoundError as exc:
            assert "pixelviz[ops]" in str(exc)
        else:
            raise AssertionError("torch_device should need torch")
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


def test_import_pixelviz_does_not_load_matplotlib_pyplot_eagerly():
    code = "import sys, pixelviz; print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
