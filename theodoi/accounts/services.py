"""Writes for communes' units and people: units and their other names, accounts, roles
(each grant and end recorded), first passwords and log-in links."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from theodoi.accounts.models import (
    AdminUnit,
    Membership,
    MembershipChange,
    Person,
    Role,
    Unit,
    UnitAlias,
)
from theodoi.lib.unitnames import unit_key
from theodoi.lib.vntext import clean, search_key
from theodoi.province import changes


class AccountError(Exception):
    """A refused change to a person or a role; `str()` is one Vietnamese line."""


# The units every commune has since 1/7/2025, with the names plans commonly use for
# them. A ward's economic department also covers infrastructure and urban affairs.
DEFAULT_UNITS: list[tuple[str, list[str]]] = [
    ("Văn phòng HĐND và UBND", ["Văn phòng HĐND - UBND", "Văn phòng UBND", "VP HĐND và UBND"]),
    ("Phòng Kinh tế", ["Phòng KT"]),
    ("Phòng Văn hóa - Xã hội", ["Phòng VH-XH", "Phòng VHXH", "Phòng Văn hóa và Xã hội"]),
    ("Trung tâm Phục vụ hành chính công", ["Trung tâm PVHCC", "Bộ phận một cửa"]),
    ("Công an", []),
    ("Ban Chỉ huy quân sự", ["BCH quân sự", "Ban CHQS"]),
    ("Trung tâm dịch vụ sự nghiệp công", ["Trung tâm DVSNC"]),
    ("Trạm y tế", ["Trạm Y tế"]),
    ("Các trường học", ["Trường học", "Các trường học trên địa bàn", "Các trường"]),
]
WARD_ECONOMY = ("Phòng Kinh tế, Hạ tầng và Đô thị", ["Phòng Kinh tế", "Phòng KT-HT&ĐT"])


def default_units_for(commune: AdminUnit) -> list[tuple[str, list[str]]]:
    units = list(DEFAULT_UNITS)
    if commune.is_ward:
        units[1] = WARD_ECONOMY
    return units


@transaction.atomic
def units_ensure_defaults(*, commune: AdminUnit) -> list[Unit]:
    """Create the default units the first time a commune is used; afterwards the
    commune's own (edited) list stands."""
    if not commune.units.exists():
        for position, (name, aliases) in enumerate(default_units_for(commune), start=1):
            unit_create(commune=commune, name=name, aliases=aliases, position=position * 10)
    return list(commune.units.all())


def unit_create(
    *, commune: AdminUnit, name: str, aliases: list[str] | tuple = (), position: int = 100
) -> Unit:
    name = clean(name)
    changes.commune_changed(commune.pk)
    unit, _ = Unit.objects.get_or_create(
        commune=commune,
        name=name,
        defaults={"search_text": search_key(name), "position": position},
    )
    for alias in aliases:
        unit_alias_add(unit=unit, name=alias)
    return unit


def unit_update(*, unit: Unit, name: str, is_active: bool = True) -> Unit:
    changes.commune_changed(unit.commune_id)
    old = unit.name
    unit.name = clean(name)
    unit.search_text = search_key(unit.name)
    unit.is_active = is_active
    unit.save()
    if old != unit.name:  # plans written before the rename still use the old name
        unit_alias_add(unit=unit, name=old)
    return unit


def unit_alias_add(*, unit: Unit, name: str) -> UnitAlias | None:
    name = clean(name)
    key = unit_key(name)
    if not name or key == unit_key(unit.name):
        return None
    alias, _ = UnitAlias.objects.get_or_create(unit=unit, key=key, defaults={"name": name})
    return alias


def unit_alias_remove(*, alias: UnitAlias) -> None:
    """A name that was wrongly taken for the unit: plans already published keep their
    links; the next plan's review asks about the name again."""
    alias.delete()


def user_create(
    *,
    username: str,
    password: str,
    full_name: str = "",
    is_demo: bool = False,
    is_superuser: bool = False,
):
    """Create the user, or update the password and name of an existing one."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username)
    user.set_password(password)
    user.is_superuser = user.is_staff = is_superuser
    user.save()
    Person.objects.update_or_create(
        user=user, defaults={"full_name": full_name, "is_demo": is_demo}
    )
    return user


def _unit_name(unit: Unit | None) -> str:
    return unit.name if unit else ""


def membership_grant(
    *,
    user,
    role: Role,
    commune: AdminUnit | None = None,
    province: AdminUnit | None = None,
    unit: Unit | None = None,
    by=None,
) -> Membership:
    """Give a user a role in a place (recorded). A commune is set up when it gets its
    first member: its default units are made then (and at its first plan import), not
    on a page view. A person given a role can log in again if they had left."""
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, commune=commune, province=province, unit=unit
    )
    if created:
        MembershipChange.objects.create(
            user=user,
            action=MembershipChange.Action.GRANTED,
            role=role,
            commune=commune,
            unit_name=_unit_name(unit),
            by=by,
        )
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    if commune is not None:
        units_ensure_defaults(commune=commune)
    return membership


def _membership_end(membership: Membership, *, by) -> None:
    MembershipChange.objects.create(
        user=membership.user,
        action=MembershipChange.Action.ENDED,
        role=membership.role,
        commune=membership.commune,
        unit_name=_unit_name(membership.unit),
        by=by,
    )
    membership.delete()


def _deactivate_if_roleless(user) -> None:
    """Someone with no role left anywhere cannot log in; their name stays on everything
    they did (reports, changes, approvals)."""
    if not user.is_superuser and not Membership.objects.filter(user=user).exists():
        user.is_active = False
        user.save(update_fields=["is_active"])


@transaction.atomic
def membership_end(*, membership: Membership, by) -> None:
    """End one role (a focal point who no longer keeps that unit)."""
    user = membership.user
    _membership_end(membership, by=by)
    _deactivate_if_roleless(user)


@transaction.atomic
def membership_change(*, membership: Membership, role: Role, unit: Unit | None, by) -> Membership:
    """Give the person another role (or unit) in the same commune: the old one ends and
    the new one is granted, both recorded."""
    if (membership.role, membership.unit_id) == (role, unit.pk if unit else None):
        return membership
    user, commune = membership.user, membership.commune
    _membership_end(membership, by=by)
    return membership_grant(user=user, role=role, commune=commune, unit=unit, by=by)


@transaction.atomic
def person_leave(*, commune: AdminUnit, user, by) -> int:
    """The person leaves the commune: every role they hold there ends. Returns how many."""
    memberships = list(Membership.objects.filter(commune=commune, user=user))
    for membership in memberships:
        _membership_end(membership, by=by)
    _deactivate_if_roleless(user)
    return len(memberships)


@transaction.atomic
def person_add(
    *,
    commune: AdminUnit,
    username: str,
    full_name: str,
    email: str = "",
    phone: str = "",
    role: Role,
    unit: Unit | None = None,
    by=None,
):
    """Add a person to the commune with a role; an existing account (same login) gets
    the role only, its name and e-mail left as they are. Returns (user, created)."""
    User = get_user_model()
    user = User.objects.filter(username__iexact=username).first()
    created = user is None
    if created:
        user = User.objects.create_user(username=username, email=email)  # no usable password
        Person.objects.create(user=user, full_name=clean(full_name), phone=clean(phone))
    membership_grant(user=user, role=role, commune=commune, unit=unit, by=by)
    return user, created


def person_update(*, user, full_name: str, email: str, phone: str):
    user.email = email.strip()
    user.save(update_fields=["email"])
    Person.objects.update_or_create(
        user=user, defaults={"full_name": clean(full_name), "phone": clean(phone)}
    )
    return user


def password_set_first(*, user, password: str) -> None:
    """A password chosen by the clerk or the admin: the person must replace it with
    their own at their next log-in."""
    user.set_password(password)
    user.save(update_fields=["password"])
    Person.objects.update_or_create(user=user, defaults={"must_change_password": True})


def password_chosen(*, user) -> None:
    """The person chose their own password (changed it, or set it from a link)."""
    Person.objects.filter(user=user, must_change_password=True).update(must_change_password=False)


def _login_link(user) -> str:
    """A one-time link to choose a password: it stops working once used (the password
    changes) or after PASSWORD_RESET_TIMEOUT."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:password-set", args=[uid, default_token_generator.make_token(user)])
    return settings.SITE_URL.rstrip("/") + path


def login_link_send(*, user, commune: AdminUnit | None = None) -> str:
    """E-mail the person a link to choose their password and log in. Raises AccountError
    (saying why) when they have no e-mail address or the mail server refuses."""
    if not user.email:
        raise AccountError(
            f"{user.get_username()} chưa có địa chỉ e-mail: "
            "hãy ghi e-mail hoặc đặt mật khẩu ban đầu."
        )
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    where = f" ở {commune.name}" if commune else ""
    link = _login_link(user)
    person = Person.objects.filter(user=user).first()
    body = (
        f"Chào {(person and person.full_name) or user.get_username()},\n\n"
        f"Bạn được giao việc trên hệ thống theo dõi thực hiện Nghị quyết 57{where}.\n"
        f"Tên đăng nhập: {user.get_username()}\n\n"
        f"Mở liên kết sau để đặt mật khẩu và đăng nhập (dùng được một lần, trong {days} ngày):\n"
        f"{link}\n"
    )
    try:
        send_mail(
            subject=f"[Theo dõi NQ 57] Tài khoản của bạn{where}",
            message=body,
            from_email=None,
            recipient_list=[user.email],
        )
    except Exception as err:  # any mail server failure: say so, the account stands
        raise AccountError(
            f"Chưa gửi được e-mail đến {user.email} ({type(err).__name__}): "
            "hãy kiểm tra địa chỉ, hoặc đặt mật khẩu ban đầu."
        ) from err
    return link
