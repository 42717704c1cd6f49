"""matplotlib drawings of grids, resizes, origins and RoIAlign.

Every figure in the book is drawn by a function here. All 2D drawings use
integer-corner coordinates: pixel ``(r, c)`` covers ``[c, c+1) x [r, r+1)``
(``imshow`` is always called with ``extent=(0, W, H, 0)``).
"""

from ._style import CONVENTION_COLORS, SIGNAL_COLOR, convention_color
from .aliasing import COLUMN_PX, plot_crops, text_px
from .crops import plot_crop_samples
from .equivalence import plot_equivalence_matrix
from .grid1d import draw_grid_1d, plot_grids_1d
from .grid2d import draw_grid_2d, grid_points_2d, plot_grid_2d, plot_images, show_image
from .origin import (
    ORIGIN_COLORS,
    draw_pixels,
    draw_points,
    draw_polygon,
    plot_origins,
    plot_points_on_pixels,
    plot_polygon_on_pixels,
    plot_rasterizations,
)
from .probe import draw_probe_pair, plot_probe, plot_probes
from .resize import (
    draw_resize_1d,
    draw_resize_values_1d,
    input_grid,
    plot_resize_1d,
    plot_resize_2d,
    plot_resize_versions_1d,
    plot_sampling_1d,
    resize_positions,
)
from .roi import EXTRA_COLOR, MISSING_COLOR, draw_roi_align, plot_masks, plot_roi_align
from .style import BOOK_RC, book_style, use_book_style

__all__ = [
    "COLUMN_PX",
    "plot_crops",
    "text_px",
    "plot_crop_samples",
    "CONVENTION_COLORS",
    "SIGNAL_COLOR",
    "convention_color",
    "draw_grid_1d",
    "plot_grids_1d",
    "plot_equivalence_matrix",
    "grid_points_2d",
    "draw_grid_2d",
    "plot_grid_2d",
    "show_image",
    "plot_images",
    "plot_sampling_1d",
    "input_grid",
    "resize_positions",
    "draw_resize_1d",
    "draw_resize_values_1d",
    "plot_resize_1d",
    "plot_resize_versions_1d",
    "plot_resize_2d",
    "MISSING_COLOR",
    "EXTRA_COLOR",
    "draw_roi_align",
    "plot_roi_align",
    "ORIGIN_COLORS",
    "draw_pixels",
    "draw_polygon",
    "draw_points",
    "plot_origins",
    "plot_polygon_on_pixels",
    "plot_points_on_pixels",
    "plot_rasterizations",
    "plot_masks",
    "draw_probe_pair",
    "plot_probe",
    "plot_probes",
    "BOOK_RC",
    "book_style",
    "use_book_style",
]
