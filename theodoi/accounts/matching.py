"""Map the unit names written in a plan onto a commune's units.

The key comes from `theodoi.ingest.units.unit_key` (case, diacritics, tone placement,
abbreviations such as "VH-XH", a trailing "xã" do not count), so the extractor and the
web app agree on what "the same unit" means. A fallback on `search_key` keeps the app
working if the extractor package is being rebuilt."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from theodoi.lib.vntext import search_key

_TRAILING_LOCALITY = re.compile(r"\s+(xa|phuong|dac khu)$")


def _fallback_unit_key(name: str) -> str:
    return _TRAILING_LOCALITY.sub("", search_key(name))


try:  # pragma: no cover - depends on what the extractor team has committed
    from theodoi.ingest.units import unit_key as _ingest_unit_key
except ImportError:  # pragma: no cover
    _ingest_unit_key = None


def unit_key(name: str, *, locality: str = "") -> str:
    """The key two spellings of one unit share. A trailing locality name ("Công an xã
    Thái Tân") is dropped too, so the commune's own name does not spoil a match."""
    key = _ingest_unit_key(name) if _ingest_unit_key is not None else _fallback_unit_key(name)
    if locality:
        loc = search_key(locality)
        key = re.sub(rf"\s+(xa|phuong|dac khu)\s+{re.escape(loc)}$", "", key)
    return key


class UnitIndex:
    """The names (unit names and aliases) of one commune's units, for exact matching by
    key and suggestions by similarity."""

    def __init__(self, units, *, locality: str = ""):
        self.locality = locality
        self._by_key: dict[str, object] = {}
        for unit in units:
            names = [unit.name, *(a.name for a in unit.aliases.all())]
            for name in names:
                self._by_key.setdefault(unit_key(name, locality=locality), unit)

    def match(self, name: str):
        """The unit this written name means, or None."""
        return self._by_key.get(unit_key(name, locality=self.locality))

    def suggest(self, name: str, limit: int = 3) -> list:
        """Up to `limit` distinct units whose names look like `name`, best first."""
        if not self._by_key:
            return []
        hits = process.extract(
            unit_key(name, locality=self.locality),
            list(self._by_key),
            # token-sort, not token-set: "Phòng Kinh tế" must not score 100 against
            # "Phòng Kinh tế, Hạ tầng và Đô thị" (see theodoi.ingest.units.best_matches).
            scorer=fuzz.token_sort_ratio,
            limit=limit * 4,
        )
        units = []
        for key, score, _ in hits:
            unit = self._by_key[key]
            if score >= 55 and unit not in units:
                units.append(unit)
        return units[:limit]


def split_names(text: str) -> list[str]:
    """ "A; B" as stored on a task → ["A", "B"]."""
    return [part.strip() for part in (text or "").split(";") if part.strip()]
