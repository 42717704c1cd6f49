"""Property tests (hypothesis): flips are involutions, ① and ② commute with flips, indices round-trip."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import pixelviz as pv
from pixelviz import boxes

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
widths = st.floats(1.0, 1e4, allow_nan=False)
coords = arrays(np.float64, st.integers(1, 20), elements=finite)
settings.register_profile("pixelviz", max_examples=150, deadline=None)
settings.load_profile("pixelviz")


@given(coords, widths)
def test_coordinate_flip_is_an_involution(x, width):
    np.testing.assert_allclose(boxes.flip_coord(boxes.flip_coord(x, width), width), x, rtol=0, atol=1e-9)


@given(coords, widths)
def test_index_flip_is_an_involution(x, width):
    np.testing.assert_allclose(boxes.flip_index(boxes.flip_index(x, width), width), x, rtol=0, atol=1e-9)


@given(
    st.lists(st.tuples(finite, finite, st.floats(0, 1e3), st.floats(0, 1e3)), min_size=1, max_size=10),
    widths,
    st.sampled_from(["coords", "indices"]),
)
def test_box_flip_is_an_involution_and_keeps_boxes_valid(raw, width, kind):
    b = np.array([[x, y, x + w, y + h] for x, y, w, h in raw])
    once = boxes.flip_boxes(b, width, kind)
    assert np.all(once[:, 2] >= once[:, 0])  # still x0 <= x1
    np.testing.assert_allclose(boxes.flip_boxes(once, width, kind), b, rtol=0, atol=1e-6)


@given(
    st.integers(2, 12),
    st.integers(2, 24),
    st.sampled_from(["align_corners", "half_pixel"]),
    st.sampled_from(["linear", "cubic"]),
    st.integers(0, 2**31 - 1),
)
def test_resize_commutes_with_flip_under_one_and_two(n, m, convention, mode, seed):
    x = np.random.default_rng(seed).standard_normal(n)
    flipped_first = pv.resize(x[::-1], m, mode, convention)
    flipped_after = pv.resize(x, m, mode, convention)[::-1]
    np.testing.assert_allclose(flipped_first, flipped_after, rtol=0, atol=1e-12)


@given(st.integers(2, 12), st.integers(2, 24))
def test_source_coords_of_one_and_two_are_symmetric(n, m):
    # the map itself: x(M - 1 - i) = N - 1 - x(i), the reason resize commutes with flip
    for conv in ("align_corners", "half_pixel"):
        x = pv.source_coords(n, m, conv)
        np.testing.assert_allclose(x[::-1], n - 1 - x, rtol=0, atol=1e-12)


@given(
    arrays(np.int64, st.integers(1, 20), elements=st.integers(-(10**9), 10**9)), st.sampled_from(["corners", "centers"])
)
def test_index_to_coord_round_trips(idx, origin):
    np.testing.assert_array_equal(pv.coord_to_index(pv.index_to_coord(idx, origin), origin), idx)


@given(coords, st.sampled_from(["corners", "centers"]))
def test_coord_to_index_finds_the_pixel_that_contains_the_point(x, origin):
    # the pixel covers [center - 1/2, center + 1/2): the point is within half a pixel, the upper edge excluded
    offset = x - pv.index_to_coord(pv.coord_to_index(x, origin), origin)
    assert np.all((offset >= -0.5) & (offset < 0.5))


@given(coords, st.sampled_from(["corners", "centers"]), st.sampled_from(["corners", "centers"]))
def test_convert_origin_round_trips(x, a, b):
    np.testing.assert_allclose(pv.convert_origin(pv.convert_origin(x, a, b), b, a), x, rtol=0, atol=1e-9)
