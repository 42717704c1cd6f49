"""A notebook runs in a fresh environment built only from Colab's preinstalled
packages plus the notebook's own first-cell install line.

Colab ships torch, numpy, matplotlib, OpenCV and ipywidgets 7.7.1; the first
cell of every chapter then installs ``pixelviz[ops,widgets]`` from the
repository. Here the repository URL is replaced by this checkout (installed
as a regular, non-editable package), the notebook is copied to an empty
folder and executed there, so it cannot import anything from the checkout.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "book" / "02_sampling_grid.ipynb"
# Only the heavy pins that install from local disk here (torch, torchvision, ...): the full lock
# (test-machine.txt) pins ipywidgets 8 and would fight Colab's 7.7.1.
CONSTRAINTS = ROOT / "constraints" / "seed.txt"
# What Colab has before the notebook runs (ipywidgets 7, not 8).
COLAB_PREINSTALLED = [
    "torch",
    "torchvision",
    "numpy",
    "matplotlib",
    "opencv-python-headless",
    "ipywidgets==7.7.1",
    "ipykernel",
    "nbclient",
]


def colab_install_spec(notebook: Path) -> str:
    """The requirement the notebook's first cell installs in Colab."""
    source = "".join(json.loads(notebook.read_text())["cells"][0]["source"])
    match = re.search(r'"(pixelviz\[[\w,]+\] @ git\+https://[^"]+)"', source)
    assert match, f"no pixelviz install line in the first cell of {notebook.name}"
    return match.group(1)


def run(cmd, **kw):
    out = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert out.returncode == 0, f"{cmd[:4]} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out


@pytest.mark.slow
def test_notebook_runs_from_colab_install_line_alone(tmp_path):
    spec = colab_install_spec(NOTEBOOK)
    local_spec = spec.split(" @ ")[0] + f" @ {ROOT.as_uri()}"
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], timeout=120)
    py = str(venv / "bin" / "python")
    pip = [py, "-m", "pip", "install", "--quiet", "-c", str(CONSTRAINTS)]
    run(pip + COLAB_PREINSTALLED, timeout=900)
    # no --upgrade, as in the notebook: Colab's torch/numpy/ipywidgets are kept
    run(pip + [local_spec], timeout=600)

    workdir = tmp_path / "colab"
    workdir.mkdir()
    nb = json.loads(NOTEBOOK.read_text())
    probe = (
        "import sys, ipywidgets, pixelviz\n"
        "assert 'site-packages' in pixelviz.__file__, pixelviz.__file__\n"
        f"assert not any(p.startswith({str(ROOT)!r}) for p in sys.path if p)\n"
        "print('ipywidgets', ipywidgets.__version__, 'pixelviz from', pixelviz.__file__)"
    )
    nb["cells"].insert(
        1,
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": probe,
            "id": "colab-probe",
        },
    )
    (workdir / "chapter.ipynb").write_text(json.dumps(nb))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIXELVIZ_STATIC_WIDGETS")}
    run([str(venv / "bin" / "jupyter-execute"), "--inplace", "chapter.ipynb"], cwd=workdir, env=env, timeout=600)
    executed = json.loads((workdir / "chapter.ipynb").read_text())
    text = json.dumps(executed["cells"][1]["outputs"])
    assert "ipywidgets 7.7.1" in text and "site-packages" in text
    shutil.rmtree(venv, ignore_errors=True)
