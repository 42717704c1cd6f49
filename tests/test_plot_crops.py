"""plot_crops: crops side by side, text legible in the book's 688 px column."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from pixelviz.plot import COLUMN_PX, plot_crops, text_px


def test_titles_are_at_least_11_px_in_the_column():
    from pixelviz.plot import book_style

    with book_style():
        fig = plot_crops([np.zeros((16, 16))] * 11, [f"library {k}\ncall" for k in range(11)])
    titles = [ax.title for ax in fig.axes if ax.get_visible()]
    assert len(titles) == 11
    # a figure W inches wide at D dpi is W * D px, shown at 688 px: s pt text is s * D / 72 * 688 / (W * D) px
    width_px = fig.get_figwidth() * fig.dpi
    for t in titles:
        px = t.get_fontsize() * fig.dpi / 72 * COLUMN_PX / width_px
        assert px >= 11, px
        assert text_px(fig, t.get_fontsize()) == pytest.approx(px)
    # about the column's width at the book's dpi: the page shows it (nearly) unscaled
    assert 0.9 * COLUMN_PX <= width_px <= 1.1 * COLUMN_PX
    plt.close(fig)


def test_panels_use_integer_corners_and_one_grey_scale():
    img = np.arange(12.0).reshape(3, 4)
    fig = plot_crops([img, -img], ["a", "b"], vmin=-5, vmax=5)
    for ax in fig.axes[:2]:
        (im,) = ax.get_images()
        assert im.get_extent() == [0, 4, 3, 0] and im.get_clim() == (-5, 5)
    assert not fig.axes[2].get_visible()  # 4 columns, 2 crops: the rest hidden
    plt.close(fig)


def test_plot_crops_rejects_bad_input():
    with pytest.raises(ValueError, match="titles must be a list with one str per image"):
        plot_crops([np.zeros((2, 2))], ["a", "b"])
    with pytest.raises(ValueError, match="images must hold 1 to 24 crops"):
        plot_crops([], [])
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        text_px(None, 10)
