# The tracking tests' published plan, its open period and the commune's units.
from theodoi.tracking.tests.conftest import period, plan, units  # noqa: F401
