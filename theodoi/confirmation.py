"""Asking before an action that cannot be taken back (publish, submit, approve, a
person leaving, two units merged): a page that names each consequence, and the check
that the POST came from it. The page's token is a fingerprint of what it listed, so if
something changed meanwhile (a row got its unit, another warning appeared) the person
is asked again instead of agreeing to a list they did not see."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.shortcuts import render


@dataclass(frozen=True)
class Item:
    text: str
    key: str = ""  # set: a box the person must tick ("Tôi đã xem: …")
    link: str = ""  # where to look at it


@dataclass
class Confirmation:
    title: str
    action: str  # the URL the confirmed form posts to
    button: str
    cancel: str  # back, without doing anything
    lead: str = ""
    items: list[Item] = field(default_factory=list)
    danger: bool = False
    hidden: dict[str, str] = field(default_factory=dict)  # fields the action needs

    @property
    def token(self) -> str:
        listed = "\n".join(f"{i.key}:{i.text}" for i in self.items)
        return hashlib.sha256(f"{self.action}\n{listed}".encode()).hexdigest()[:16]

    def given(self, request) -> bool:
        """Whether this POST confirms what the page lists now: its token, and every box
        ticked."""
        if request.method != "POST" or request.POST.get("confirmed") != self.token:
            return False
        ticked = set(request.POST.getlist("seen"))
        return all(i.key in ticked for i in self.items if i.key)


def ask(request, confirmation: Confirmation, *, template: str = "confirm.html", **context):
    """The confirmation page; 200 for a GET, 400 for a POST that did not confirm (the
    list changed, or a box was left unticked), so nothing is done in silence."""
    status = 400 if request.method == "POST" and "confirmed" in request.POST else 200
    if status == 400:
        context["refused"] = (
            "Chưa thực hiện: hãy đánh dấu từng mục dưới đây (danh sách có thể đã thay đổi)."
        )
    return render(request, template, {"confirm": confirmation, **context}, status=status)
