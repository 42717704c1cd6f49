"""The exercise checker: right answers pass, known slips are named, stubs are "not attempted".

Right and wrong answers here are written by hand from the chapters' definitions
(not taken from the reference implementations), so they test the references too.
"""

import ast
import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from pixelviz.exercises import Result, check, exercise_names, get_exercise

ROOT = Path(__file__).resolve().parents[1]

# Chapter notebook of each exercise-name prefix.
NOTEBOOK_OF = {
    "grid": "02_sampling_grid",
    "resize2x": "03_resize_2x",
    "libraries": "04_libraries",
    "origin": "05_origin",
    "detectron": "06_detectron",
}


def _stub(*args):
    raise NotImplementedError("replace this line with your answer")


# ----------------------------------------------------------------- right answers, by hand
def _x_exact(i, N, M, convention):
    """Source coordinate of output i as an exact fraction, from the definitions in DESIGN.md §2."""
    if convention == "align_corners":
        return Fraction(i * (N - 1), M - 1) if M > 1 else Fraction(0)
    if convention == "half_pixel":
        return Fraction(2 * i + 1, 2) * Fraction(N, M) - Fraction(1, 2)
    return Fraction(i * N, M)  # asymmetric


def _landed_by_hand(N, M, convention):
    xs = [_x_exact(i, N, M, convention) for i in range(M)]
    return [i for i, x in enumerate(xs) if x.denominator == 1 and 0 <= x <= N - 1]


def _n_outside_by_hand(N, M, convention):
    return sum(not (0 <= _x_exact(i, N, M, convention) <= N - 1) for i in range(M))


def _commutes_by_experiment(N, M, convention):
    # Run a linear resize (np.interp clamps at the ends) on random signals, flipped before and after.
    rng = np.random.default_rng(0)
    x = np.array([float(_x_exact(i, N, M, convention)) for i in range(M)])
    resize = lambda s: np.interp(x, np.arange(N), s)  # noqa: E731
    return all(np.allclose(resize(s[::-1]), resize(s)[::-1]) for s in rng.standard_normal((3, N)))


def _roi_reads_by_hand(box, K, r, c, shift=-0.5, at=0.5, yx=True):
    # The bin's one sample (sampling_ratio=1) is at its center, x0 + (c + 1/2) w/K; pixel j's value
    # sits at j + 1/2, so the point reads index coordinate x - 1/2; bilinear weights per axis.
    x0, y0, x1, y1 = box
    x = x0 + (c + at) * (x1 - x0) / K + shift
    y = y0 + (r + at) * (y1 - y0) / K + shift
    fx, fy = np.floor(x), np.floor(y)
    reads = {}
    for row, wy in ((fy, 1 - (y - fy)), (fy + 1, y - fy)):
        for col, wx in ((fx, 1 - (x - fx)), (fx + 1, x - fx)):
            if wx * wy > 0:
                reads[(int(row), int(col)) if yx else (int(col), int(row))] = wx * wy
    return reads


RIGHT = {
    # 2.1: stride L/n, first sample half a stride in.
    "grid.half_pixel_positions": lambda n, length: (np.arange(n) + 0.5) * (length / n),
    # 2.2: output center (i + 1/2) output cells = (i + 1/2) N/M input cells; sample j at j + 1/2.
    "grid.source_coord": lambda i, N, M: (i + 0.5) * N / M - 0.5,
    # 2.3: 5 -> 8 under ②: x0 = 0.5*5/8 - 0.5 = -0.1875 < 0, x7 = 7.5*5/8 - 0.5 = 4.1875 > 4, others inside.
    "grid.n_outside": 2,
    # 5.1: a keypoint (integer centers) at (3, 4) is the center of pixel (3, 4), at (3.5, 4.5) in corners.
    "origin.keypoint_to_corners": lambda p: np.asarray(p, dtype=float) + 0.5,
    # 5.2: pixel i covers [i, i + 1): floor.
    "origin.pixel_of": lambda x: int(np.floor(x)),
    # 5.3: first pixel's left/top edge, last pixel's right/bottom edge.
    "origin.index_box_to_coords": lambda b: np.asarray(b, dtype=float) + [0, 0, 1, 1],
    "resize2x.landed": _landed_by_hand,
    "resize2x.n_outside": _n_outside_by_hand,
    "resize2x.commutes_with_flip": _commutes_by_experiment,
    # 6.1: x -> W - x for coordinates; the mirrored left edge becomes the right edge.
    "detectron.flip_box": lambda b, W: np.array([W - b[2], b[1], W - b[0], b[3]]),
    # 6.2: encode put w = x1 - x0 + 1, center = x0 + w/2; so x0 = center - w/2 and x1 = x0 + w - 1.
    "detectron.decode": lambda c, w: (c - w / 2, c - w / 2 + w - 1),
    "detectron.roi_reads": _roi_reads_by_hand,
    # 4.1: mystery_resize of the ramp 0..3 to 8 samples returns 0, .5, 1, ...: output i reads i*N/M, grid ③.
    "libraries.mystery": "asymmetric",
    # 4.2: a linear resize of the ramp x[j] = j returns the coordinates it reads.
    "libraries.measure": lambda fn, N, M: fn(np.arange(N, dtype=float), M),
    # 4.3: PyTorch's nearest-exact: floor((i + 1/2) * N / M), at most N - 1.
    "libraries.nearest_exact": lambda i, N, M: min(int(np.floor((i + 0.5) * N / M)), N - 1),
}

# (exercise, wrong answer, text expected in .matches, text expected in .hint)
WRONG = [
    ("grid.half_pixel_positions", lambda n, L: np.linspace(0, L, n), "① align_corners", "grid ①"),
    ("grid.half_pixel_positions", lambda n, L: np.arange(n) * L / n, "③ asymmetric", "half a stride too far left"),
    ("grid.half_pixel_positions", lambda n, L: np.arange(n) * L / n + 0.5, "½ in absolute units", "half a *stride*"),
    ("grid.source_coord", lambda i, N, M: i * N / M, "③ asymmetric", "use i + ½ in place of i"),
    ("grid.source_coord", lambda i, N, M: i * (N - 1) / (M - 1) if M > 1 else 0.0, "① align_corners", "①'s map"),
    ("grid.source_coord", lambda i, N, M: (i + 0.5) * N / M, "without the final −½", "Subtract ½"),
    ("grid.source_coord", lambda i, N, M: i * N / M - 0.5, "without the +½ on i", "(i + ½)·N/M − ½"),
    ("grid.source_coord", lambda i, N, M: (i + 0.5) * M / N - 0.5, "N and M swapped", "M/N instead of N/M"),
    (
        "grid.source_coord",
        lambda i, N, M: 0.0 if M == 1 else (i + 0.5) * N / M - 0.5,
        "pytorch_half_pixel",
        "special-cased M = 1",
    ),
    ("grid.source_coord", lambda i, N, M: float(i * N // M), "integer division", "true division"),
    ("grid.n_outside", 0, "① align_corners", "first and last outputs sit exactly"),
    ("grid.n_outside", 1, "③ asymmetric", "only the last output overshoots"),
    ("origin.keypoint_to_corners", lambda p: p, "unchanged", "center of pixel (3, 4)"),
    ("origin.keypoint_to_corners", lambda p: np.asarray(p) - 0.5, "backwards", "opposite direction"),
    ("origin.keypoint_to_corners", lambda p: np.asarray(p) + 1, "whole pixel", "half a pixel"),
    ("origin.keypoint_to_corners", lambda p: np.asarray(p) + [0.5, 0], "only x", "both coordinates"),
    ("origin.pixel_of", lambda x: int(np.floor(x + 0.5)), "integer centers", "[i, i + 1)"),
    ("origin.pixel_of", lambda x: int(x), "int()", "use floor"),
    ("origin.pixel_of", lambda x: round(x), "round()", "take the floor"),
    ("origin.pixel_of", lambda x: int(np.ceil(x)) - 1, "ceil", "includes its left edge"),
    ("origin.index_box_to_coords", lambda b: b, "unchanged", "zero area"),
    ("origin.index_box_to_coords", lambda b: np.asarray(b) + 0.5, "pixel centers", "one pixel too small"),
    ("origin.index_box_to_coords", lambda b: np.asarray(b) + 1, "+1 on every", "Only the far edges move"),
    ("origin.index_box_to_coords", lambda b: np.asarray(b) + [-0.5, -0.5, 0.5, 0.5], "integer-centers", "wrong origin"),
    ("resize2x.landed", lambda N, M, c: list(range(0, M, 2)), "every second", "keeps every third"),
    ("resize2x.landed", lambda N, M, c: [0, M - 1], "first and the last", "whole number"),
    (
        "resize2x.landed",
        lambda N, M, c: _landed_by_hand(N, M, "asymmetric"),
        "③ asymmetric, whatever",
        "ignore its `convention`",
    ),
    ("resize2x.n_outside", lambda N, M, c: sum(_x_exact(i, N, M, c) < 0 for i in range(M)), "left end", "x > N − 1"),
    (
        "resize2x.n_outside",
        lambda N, M, c: sum(_x_exact(i, N, M, c) > N - 1 for i in range(M)),
        "right end",
        "x < 0 as well",
    ),
    (
        "resize2x.n_outside",
        lambda N, M, c: sum(not (0 < _x_exact(i, N, M, c) < N - 1) for i in range(M)),
        "on the border",
        "strict inequalities",
    ),
    (
        "resize2x.n_outside",
        lambda N, M, c: M - len(_landed_by_hand(N, M, c)),
        "not on an input sample",
        "outside [0, N − 1]",
    ),
    ("resize2x.commutes_with_flip", lambda N, M, c: c != "asymmetric", "False exactly for ③", "identity"),
    ("resize2x.commutes_with_flip", lambda N, M, c: True, "always True", "half a stride"),
    ("resize2x.commutes_with_flip", lambda N, M, c: c == "half_pixel", "True only for ②", "① is symmetric too"),
    ("detectron.flip_box", lambda b, W: np.array([W - 1 - b[2], b[1], W - 1 - b[0], b[3]]), "W − 1 − x", "[−1, W − 1]"),
    ("detectron.flip_box", lambda b, W: np.array([W - b[0], b[1], W - b[2], b[3]]), "without swapping", "x0 ≤ x1"),
    ("detectron.flip_box", lambda b, W: np.array([W - 1 - b[0], b[1], W - 1 - b[2], b[3]]), "unswapped", "Two slips"),
    ("detectron.decode", lambda c, w: (c - w / 2, c + w / 2), "legacy decoder", "center + w/2 − 1"),
    ("detectron.decode", lambda c, w: (c - w / 2 - 1, c + w / 2 - 1), "both ends", "only on x1"),
    ("detectron.decode", lambda c, w: (c - (w - 1) / 2, c + (w - 1) / 2), "middle pixel", "half a pixel right"),
    (
        "detectron.roi_reads",
        lambda b, K, r, c: _roi_reads_by_hand(b, K, r, c, shift=0.0),
        "aligned=False",
        "subtract ½",
    ),
    (
        "detectron.roi_reads",
        lambda b, K, r, c: _roi_reads_by_hand(b, K, r, c, shift=0.5),
        "+½ instead of −½",
        "wrong way",
    ),
    ("detectron.roi_reads", lambda b, K, r, c: _roi_reads_by_hand(b, K, r, c, at=0.0), "bin's corner", "(c + ½)·w/K"),
    (
        "detectron.roi_reads",
        lambda b, K, r, c: _roi_reads_by_hand(b, K, r, c, yx=False),
        "(x, y) in place",
        "image[row, col]",
    ),
    ("libraries.mystery", "half_pixel", "② half_pixel", "mystery_resize gives 0, 0.5, 1"),
    ("libraries.mystery", "①", "① align_corners", "would read 0, 0.428571"),
    ("libraries.measure", lambda fn, N, M: fn(np.arange(1, N + 1, dtype=float), M), "starts at 1", "np.arange(N)"),
    ("libraries.measure", lambda fn, N, M: fn(np.linspace(0, 1, N), M), "from 0 to 1", "divided by N − 1"),
    (
        "libraries.measure",
        lambda fn, N, M: (
            (np.arange(M) + 0.5) * N / M - 0.5
            if "half" in fn.__name__
            else (np.arange(M) * (N - 1) / (M - 1) if "align" in fn.__name__ else np.arange(M) * N / M)
        ),
        "the formula instead",
        "clamps",
    ),
    ("libraries.nearest_exact", lambda i, N, M: i * N // M, "`nearest`", "grid ②"),
    (
        "libraries.nearest_exact",
        lambda i, N, M: min(max(int(np.ceil((i + 0.5) * N / M - 1)), 0), N - 1),
        "ties rounded down",
        "rounds up",
    ),
    (
        "libraries.nearest_exact",
        lambda i, N, M: max(int(np.floor((i + 0.5) * N / M - 0.5)), 0),
        "(floor)",
        "not the nearest one",
    ),
]


def test_every_exercise_has_a_hand_written_right_answer():
    assert set(exercise_names()) <= set(RIGHT), set(exercise_names()) - set(RIGHT)


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_right_answer_passes(name):
    result = check(name, RIGHT[name])
    assert result.passed and result.attempted, result
    assert "Correct" in result.hint


@pytest.mark.parametrize("name, answer, matches, hint", WRONG, ids=[f"{w[0]}-{k}" for k, w in enumerate(WRONG)])
def test_wrong_answer_names_the_slip(name, answer, matches, hint):
    result = check(name, answer)
    assert result.status == "failed" and not result.passed, result
    assert result.matches is not None and matches in result.matches, result
    assert hint in result.hint, result
    assert result.expected is not None and result.got is not None


def test_every_exercise_recognizes_at_least_two_slips():
    for name in exercise_names():
        assert sum(w[0] == name for w in WRONG) >= 2, name


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_stub_is_not_attempted(name):
    answer = _stub if get_exercise(name).kind == "function" else ...
    result = check(name, answer)
    assert result.status == "not attempted" and not result.attempted and not result.passed
    assert "NotImplementedError" not in result.hint and "stub" in result.hint


@pytest.mark.parametrize("answer", [None, ...])
def test_none_and_ellipsis_are_not_attempted(answer):
    assert check("grid.source_coord", answer).status == "not attempted"
    assert check("grid.n_outside", answer).status == "not attempted"


def test_function_returning_none_is_not_attempted_with_a_return_hint():
    def forgot_return(i, N, M):
        (i + 0.5) * N / M - 0.5

    result = check("grid.source_coord", forgot_return)
    assert result.status == "not attempted" and "forget `return`" in result.hint


def test_crashing_answer_is_reported_not_raised():
    result = check("grid.source_coord", lambda i, N, M: 1 / 0)
    assert result.status == "error" and "ZeroDivisionError" in result.hint and result.case == "i=0, N=4, M=8"


def test_crash_on_one_edge_case_of_an_otherwise_right_answer():
    # (i + 1/2) N/M - 1/2 is right everywhere; this version only breaks for N = 1.
    result = check("grid.source_coord", lambda i, N, M: (i + 0.5) * N / M - 0.5 if N > 1 else [][0])
    assert result.status == "error" and "IndexError" in result.hint
    assert "every other input" in result.hint and result.case == "i=3, N=1, M=4"


def test_crash_beside_a_known_slip_reports_both():
    # ① divides by M - 1: the M = 1 edge case crashes, the others match ①.
    result = check("grid.source_coord", lambda i, N, M: i * (N - 1) / (M - 1))
    assert result.status == "failed" and "align_corners" in result.matches
    assert "ZeroDivisionError" in result.hint


def test_value_where_function_expected_is_an_error():
    result = check("grid.source_coord", 0.25)
    assert result.status == "error" and "wants a function" in result.hint


def test_unreadable_answer_is_an_error():
    result = check("grid.n_outside", "two")
    assert result.status == "error" and "a whole number" in result.hint


def test_unknown_slip_gets_the_fallback_advice():
    result = check("grid.n_outside", 3)
    assert result.status == "failed" and result.matches is None and "count the entries" in result.hint


def test_wrong_shape_fails_cleanly():
    result = check("grid.half_pixel_positions", lambda n, L: np.zeros(n + 1))
    assert result.status == "failed" and result.case == "n=4, length=1"


def test_float32_answer_passes():
    assert check("grid.source_coord", lambda i, N, M: np.float32((i + 0.5) * N / M - 0.5)).passed


def test_unknown_exercise_name_raises_with_did_you_mean():
    with pytest.raises(ValueError, match=r"name must be one of .*did you mean 'grid.source_coord'"):
        check("grid.source_cord", RIGHT["grid.source_coord"])
    with pytest.raises(TypeError, match="name must be an exercise name"):
        check(3, 0)


def test_result_displays_in_jupyter_and_as_text():
    result = check("grid.source_coord", lambda i, N, M: i * N / M)
    md, html, text = result._repr_markdown_(), result._repr_html_(), str(result)
    for out in (md, html, text):
        assert "failed" in out and "③ asymmetric" in out and "Exercise 2.2" in out
    assert "`i=0, N=4, M=8`" in md and "<code>-0.25</code>" in html
    assert isinstance(check("grid.n_outside", ...), Result)


# ----------------------------------------------------------------- the notebooks' own cells
def _exercise_cells(path):
    cells = json.loads(path.read_text())["cells"]
    start = next(
        (
            k
            for k, c in enumerate(cells)
            if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("## Exercises")
        ),
        None,
    )
    return [] if start is None else [c for c in cells[start:] if c["cell_type"] == "code"]


def _run(source, namespace):
    """Execute a cell like Jupyter does and return the value of its last expression."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    return None if last is None else eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)


NOTEBOOKS = [p for p in sorted((ROOT / "book").glob("*.ipynb")) if _exercise_cells(p)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_stubs_are_not_attempted_and_solutions_pass(path):
    namespace, seen = {}, {"exercise-check": [], "exercise-solution": []}
    for cell in _exercise_cells(path):
        tags = cell["metadata"].get("tags", [])
        value = _run("".join(cell["source"]), namespace)
        for tag in seen:
            if tag in tags:
                assert isinstance(value, Result), (path.name, cell["source"])
                seen[tag].append(value)
        if "exercise-solution" in tags:
            assert "hide-cell" in tags, "a solution and its output must be collapsed together on the site"
    assert seen["exercise-check"] and all(r.status == "not attempted" for r in seen["exercise-check"])
    assert all(r.passed for r in seen["exercise-solution"]), [str(r) for r in seen["exercise-solution"]]
    # Every exercise of this chapter has its stub-check and its solution in the notebook.
    prefix = next(p for p, nb in NOTEBOOK_OF.items() if nb == path.stem)
    names = [n for n in exercise_names() if n.split(".")[0] == prefix]
    assert sorted(r.name for r in seen["exercise-check"]) == sorted(names)
    assert sorted(r.name for r in seen["exercise-solution"]) == sorted(names)


def test_answer_that_modifies_its_input_cannot_spoil_the_cases():
    def in_place(p):
        p += 0.5  # modifies the caller's array
        return p

    assert check("origin.keypoint_to_corners", in_place).passed
    assert check("origin.keypoint_to_corners", in_place).passed  # the cases are unchanged


def test_nearest_exact_reference_matches_pytorch():
    # The exercise says "what PyTorch's nearest-exact picks": check that claim on the real op.
    torch = pytest.importorskip("torch")
    F = torch.nn.functional

    def picks(mode):
        return lambda i, N, M: int(
            F.interpolate(torch.arange(N, dtype=torch.float32).view(1, 1, N), size=M, mode=mode).view(-1)[i]
        )

    assert check("libraries.nearest_exact", picks("nearest-exact")).passed
    assert "`nearest`" in check("libraries.nearest_exact", picks("nearest")).matches


def test_mystery_resize_is_a_resize():
    from pixelviz.exercises.libraries import mystery_resize

    out = mystery_resize([0.0, 1.0, 2.0, 3.0], 8)
    assert out.shape == (8,) and out[0] == 0 and out[-1] == 3


def test_dict_answers_compare_weights_with_tolerance():
    noisy = lambda *case: {k: v + 1e-9 for k, v in _roi_reads_by_hand(*case).items()}  # noqa: E731
    assert check("detectron.roi_reads", noisy).passed
    as_pairs = lambda *case: list(_roi_reads_by_hand(*case).items())  # noqa: E731
    assert check("detectron.roi_reads", as_pairs).passed
