"""pixelviz.plot.style: the book's figure look, applied and restored."""

import matplotlib as mpl
import matplotlib.pyplot as plt

from pixelviz.plot.style import BOOK_RC, book_style, use_book_style


def test_book_style_applies_and_restores():
    before = mpl.rcParams["font.size"]
    with mpl.rc_context({"font.size": 17}):
        with book_style():
            assert mpl.rcParams["font.size"] == 10
            assert mpl.rcParams["figure.dpi"] == 110
        assert mpl.rcParams["font.size"] == 17
    assert mpl.rcParams["font.size"] == before


def test_use_book_style_sets_every_key():
    with mpl.rc_context():
        use_book_style()
        for key, value in BOOK_RC.items():
            assert mpl.rcParams[key] == value, key


def test_figure_size_in_pixels_follows_dpi():
    # an 8 x 3 inch figure at 110 dpi is 880 x 330 pixels
    with book_style():
        fig = plt.figure(figsize=(8, 3))
        fig.canvas.draw()
        assert fig.canvas.get_width_height() == (880, 330)
        plt.close(fig)
