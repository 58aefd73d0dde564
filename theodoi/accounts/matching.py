"""Map the unit names written in a plan onto a commune's units.

The key is `theodoi.lib.unitnames.unit_key` (case, diacritics, tone placement,
abbreviations such as "VH-XH", a trailing "xã" or "xã Thái Tân" do not count), and
suggestions are its `best_matches`: the extractor's tests and the web app agree on what
"the same unit" and "a similar unit" mean."""

from __future__ import annotations

from collections.abc import Iterable

from theodoi.accounts.models import Unit
from theodoi.lib.unitnames import best_matches, unit_key

# Below this token-sort score a name is not worth suggesting.
SUGGESTION_CUTOFF = 55


class UnitIndex:
    """The names (unit names and aliases) of one commune's units, for exact matching by
    key and suggestions by similarity. Give it units with their aliases prefetched."""

    def __init__(self, units: Iterable[Unit], *, locality: str = ""):
        self.locality = locality
        self._by_key: dict[str, Unit] = {}
        for unit in units:
            for name in [unit.name, *(a.name for a in unit.aliases.all())]:
                self._by_key.setdefault(unit_key(name, locality=locality), unit)

    def match(self, name: str) -> Unit | None:
        """The unit this written name means, or None."""
        return self._by_key.get(unit_key(name, locality=self.locality))

    def suggest(self, name: str, limit: int = 3) -> list[Unit]:
        """Up to `limit` distinct units whose names look like `name`, best first."""
        hits = best_matches(
            unit_key(name, locality=self.locality),
            list(self._by_key),
            limit=limit * 4,  # several keys may be one unit's aliases
            score_cutoff=SUGGESTION_CUTOFF,
        )
        units: list[Unit] = []
        for key, _ in hits:
            if self._by_key[key] not in units:
                units.append(self._by_key[key])
        return units[:limit]
