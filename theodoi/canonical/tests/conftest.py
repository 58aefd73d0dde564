# The province tests' communes: three seed wordings of one indicator, published.
from theodoi.province.tests.conftest import province, today  # noqa: F401
