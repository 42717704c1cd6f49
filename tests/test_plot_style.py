"""pixelviz.plot.style: the book's figure look, applied and restored."""

import matplotlib as mpl
import matplotlib.pyplot as plt

from pixelviz.plot.style import BOOK_RC, book_style, smallest_font_pt, use_book_style


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


def test_smallest_font_pt_counts_visible_text_only():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title("title", fontsize=12)
    ax.text(0.5, 0.5, "hidden", fontsize=5, visible=False)
    ax.text(0.5, 0.2, "   ", fontsize=4)  # blank text draws nothing
    assert smallest_font_pt(fig) == 12.0
    ax.set_xlabel("x", fontsize=7.5)
    assert smallest_font_pt(fig) == 7.5
    plt.close(fig)


def test_figure_png_is_drawn_at_twice_its_css_size_and_records_its_smallest_text():
    import io

    from PIL import Image

    from pixelviz.plot.style import DENSITY, PNG_KEY_MIN_FONT_PT, PNG_KEY_MIN_FONT_PX, figure_png

    with book_style():
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot([0, 1], [0, 1])
        ax.set_title("t", fontsize=12)  # tick labels are 9 pt under BOOK_RC
        png, meta = figure_png(fig)
        plt.close(fig)
    img = Image.open(io.BytesIO(png))
    assert DENSITY == 2
    # the <img> is declared at half the PNG's pixels: 2 device px per CSS px
    assert abs(img.size[0] - 2 * meta["width"]) <= 1 and abs(img.size[1] - 2 * meta["height"]) <= 1
    # a 3-inch figure at 110 dpi is at most 330 CSS px wide (tight bbox crops white margins)
    assert 200 < meta["width"] <= 330
    assert img.text[PNG_KEY_MIN_FONT_PT] == "9"
    # 9 pt at 220 px per inch: 9 * 220 / 72 = 27.5 px in the PNG
    assert abs(float(img.text[PNG_KEY_MIN_FONT_PX]) - 27.5) < 1e-3


def test_figure_png_rejects_what_is_not_a_figure():
    import pytest

    from pixelviz.plot.style import figure_png

    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        figure_png("figure")


def test_use_book_style_in_ipython_displays_figures_through_figure_png():
    import io

    import matplotlib as mpl
    from IPython.core.interactiveshell import InteractiveShell
    from PIL import Image

    shell = InteractiveShell.instance()
    try:
        with mpl.rc_context():
            use_book_style()
            fig, ax = plt.subplots(figsize=(2, 1))
            ax.set_title("t", fontsize=14)
            data, meta = shell.display_formatter.format(fig)
            plt.close(fig)
        png = Image.open(io.BytesIO(data["image/png"]))
        assert png.text["pixelviz:density"] == "2"
        assert meta["image/png"]["width"] * 2 in (png.size[0], png.size[0] - 1)
    finally:
        InteractiveShell.clear_instance()
