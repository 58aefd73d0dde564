"""The report's column tables, read from their text."""

from theodoi.reports.columns import Column, columns


def test_a_column_table_reads_one_column_a_line():
    table = """
        STT          |  7 | code

        Tỷ lệ, %     | 11 | share   | percent
    """
    assert columns(table) == [
        Column("STT", 7.0, "code"),
        Column("Tỷ lệ, %", 11.0, "share", "percent"),
    ]
