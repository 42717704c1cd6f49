import pytest

from pixelviz.tables import Table


def test_table_markdown_by_hand():
    t = Table(["a", "b|c"], [[1, 0.25], ["x\ny", -0.0]])
    assert t.to_markdown().splitlines() == ["| a | b\\|c |", "| --- | --- |", "| 1 | 0.25 |", "| x y | 0 |"]


def test_table_rejects_ragged_rows():
    with pytest.raises(ValueError, match=r"rows\[0\] must have 2 cells"):
        Table(["a", "b"], [[1]])
