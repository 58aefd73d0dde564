"""What the database would refuse, said first in Vietnamese and naming the field.

PostgreSQL refuses a text longer than its column or an integer outside its type (a
500 if nobody checked); SQLite stores either silently. Both paths get the same answer
by checking values against the model's own fields before saving."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.text import capfirst

# Excel holds at most this many characters in a cell; longer text is not a real cell.
CELL_MAX_CHARS = 32_767


def _number(value: int | Decimal) -> str:
    return f"{value:,}".replace(",", ".")


def db_limit_errors(model: type[models.Model], values: dict) -> dict[str, str]:
    """Field name → "Nguồn số liệu: dài 305 ký tự, tối đa 300." for each value its
    column cannot hold; empty when all fit."""
    errors = {}
    for name, value in values.items():
        if value is None or value == "":
            continue
        field = model._meta.get_field(name)
        label = capfirst(field.verbose_name)
        if isinstance(field, models.CharField) and field.max_length:
            if len(value) > field.max_length:
                errors[name] = f"{label}: dài {len(value)} ký tự, tối đa {field.max_length}."
        elif isinstance(field, models.IntegerField) and isinstance(value, int):
            # PostgreSQL's ranges, which Django declares for every database but SQLite.
            low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
            if not low <= value <= high:
                errors[name] = (
                    f"{label}: {value} nằm ngoài khoảng cho phép "
                    f"({_number(low)} đến {_number(high)})."
                )
        elif isinstance(field, models.DecimalField) and isinstance(value, Decimal):
            whole = field.max_digits - field.decimal_places
            if value.is_finite() and abs(value) >= Decimal(10) ** whole:
                errors[name] = f"{label}: số quá lớn (tối đa {whole} chữ số phần nguyên)."
    return errors
