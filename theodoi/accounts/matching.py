"""Map the unit names written in a plan onto a commune's units.

The key is `theodoi.lib.unitnames.unit_key` (case, diacritics, tone placement,
abbreviations such as "VH-XH", a trailing "xã" or "xã Thái Tân" do not count), and
suggestions are its `best_matches`: the extractor's tests and the web app agree on what
"the same unit" and "a similar unit" mean."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from theodoi.accounts.models import Unit
from theodoi.lib.unitnames import best_matches, name_parts, unit_key

# Below this token-sort score a name is not worth suggesting.
SUGGESTION_CUTOFF = 55
# "… chủ trì, phối hợp với …": the units named after these words help.
_HELPING = " phoi hop "


class UnitIndex:
    """The names (unit names and aliases) of one commune's units, for exact matching by
    key and suggestions by similarity. Give it units with their aliases prefetched, and
    the plan's names mapped to several units (`Plan.unit_name_groups`) if any."""

    def __init__(
        self,
        units: Iterable[Unit],
        *,
        locality: str = "",
        groups: Mapping[str, list[int]] | None = None,
    ):
        self.locality = locality
        self._by_key: dict[str, Unit] = {}
        self._by_pk: dict[int, Unit] = {}
        for unit in units:
            self._by_pk[unit.pk] = unit
            for name in [unit.name, *(a.name for a in unit.aliases.all())]:
                self._by_key.setdefault(unit_key(name, locality=locality), unit)
        self._groups = {
            name: [self._by_pk[pk] for pk in pks if pk in self._by_pk]
            for name, pks in (groups or {}).items()
        }

    def match(self, name: str) -> Unit | None:
        """The unit this written name means, or None."""
        return self._by_key.get(unit_key(name, locality=self.locality))

    def match_all(self, name: str) -> list[Unit]:
        """The units a written name means: one unit; the units the clerk mapped it to;
        or, for "Phòng Văn hoá – Xã hội, Công an xã", each unit it lists when every
        piece is one. Empty when the name is none of these."""
        unit = self.match(name)
        if unit is not None:
            return [unit]
        if self._groups.get(name):
            return list(self._groups[name])
        parts = name_parts(name)
        units = [self.match(p) for p in parts]
        if len(parts) > 1 and all(units):
            return _distinct(units)
        return []

    def suggest(self, name: str, limit: int = 3) -> list[Unit]:
        """Up to `limit` distinct units whose names look like `name`, best first."""
        hits = best_matches(
            unit_key(name, locality=self.locality),
            list(self._by_key),
            limit=limit * 4,  # several keys may be one unit's aliases
            score_cutoff=SUGGESTION_CUTOFF,
        )
        return _distinct([self._by_key[key] for key, _ in hits])[:limit]

    def named_in(self, text: str) -> tuple[Unit | None, list[Unit]]:
        """The units a sentence names ("Phòng Văn hoá – Xã hội, Trung tâm VH TT - TT
        thực hiện …"), as (lead, coordinating): the first one named leads, unless it is
        named after "phối hợp" and another before; the others help."""
        haystack = f" {unit_key(text, locality=self.locality)} "
        found = sorted(
            (at, i, unit)
            for i, (key, unit) in enumerate(self._by_key.items())
            if key and (at := haystack.find(f" {key} ")) >= 0
        )
        units = _distinct([unit for _, _, unit in found])
        if not units:
            return None, []
        helping = haystack.find(_HELPING)
        leading = [unit for at, _, unit in found if helping < 0 or at < helping]
        lead = leading[0] if leading else units[0]
        return lead, [u for u in units if u != lead]


def _distinct(units: list) -> list:
    seen: list = []
    for unit in units:
        if unit not in seen:
            seen.append(unit)
    return seen
