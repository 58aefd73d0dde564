"""Administrative units (tỉnh, xã), the units (đơn vị) of a commune, people and roles."""

from django.conf import settings
from django.db import models


class AdminUnit(models.Model):
    """A province (tỉnh/thành phố) or a commune (xã/phường/đặc khu) of the two-level
    administration in force since 1/7/2025. Names repeat (two "Xã Chí Minh"): a commune
    is identified by its code, unique within its level."""

    class Level(models.TextChoices):
        PROVINCE = "province", "Tỉnh, thành phố"
        COMMUNE = "commune", "Xã, phường, đặc khu"

    level = models.CharField("Cấp", max_length=10, choices=Level.choices)
    code = models.PositiveIntegerField("Mã")
    name = models.CharField("Tên", max_length=120)
    division_type = models.CharField("Loại", max_length=40)  # "xã", "phường", "đặc khu" …
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="Tỉnh, thành phố",
    )
    # search_key of the name, the province's name and the code: "bach thong" finds
    # Xã Bạch Thông with a plain LIKE, the same on SQLite and PostgreSQL.
    search_text = models.CharField(max_length=300, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["level", "code"]
        verbose_name = "địa bàn hành chính"
        verbose_name_plural = "địa bàn hành chính"
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="adminunit_level_code_unique"),
            models.CheckConstraint(
                condition=models.Q(level="province", parent__isnull=True)
                | models.Q(level="commune", parent__isnull=False),
                name="adminunit_commune_has_province",
            ),
        ]

    def __str__(self) -> str:
        if self.parent_id:
            return f"{self.name}, {self.parent.name}"
        return self.name

    @property
    def short_name(self) -> str:
        """ "Thái Tân" for "Xã Thái Tân": how plans write the locality."""
        prefix = self.division_type + " "
        return self.name[len(prefix) :] if self.name.lower().startswith(prefix) else self.name

    @property
    def is_ward(self) -> bool:
        return self.division_type == "phường"


class Unit(models.Model):
    """A unit (đơn vị) of a commune: a department, the police, a school. Plans name units
    in many ways; `UnitAlias` maps those names onto the unit."""

    commune = models.ForeignKey(
        AdminUnit, on_delete=models.CASCADE, related_name="units", verbose_name="Xã, phường"
    )
    name = models.CharField("Tên đơn vị", max_length=200)
    search_text = models.CharField(max_length=400, editable=False, db_index=True)
    is_active = models.BooleanField("Đang hoạt động", default=True)
    position = models.PositiveSmallIntegerField("Thứ tự", default=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "name"]  # the commune's own order, then the alphabet
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="unit_commune_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class UnitAlias(models.Model):
    """Another name for a unit as plans write it ("Phòng VH-XH", "Công an xã")."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="aliases", verbose_name="Đơn vị"
    )
    name = models.CharField("Tên gọi khác", max_length=300)
    key = models.CharField(max_length=300, editable=False)  # unit_key(name)

    class Meta:
        ordering = ["name"]
        verbose_name = "tên gọi khác của đơn vị"
        verbose_name_plural = "tên gọi khác của đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["unit", "key"], name="alias_unit_key_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    SUPERVISOR = "supervisor", "Giám sát cấp tỉnh"
    LEADER = "leader", "Lãnh đạo UBND xã"  # approves the commune's report
    CLERK = "clerk", "Cán bộ cơ quan thường trực"
    FOCAL_POINT = "focal_point", "Đầu mối đơn vị"  # enters one unit's results
    VIEWER = "viewer", "Người xem"


# The roles a commune's own people hold; the admin and supervisors are set up system-wide.
COMMUNE_ROLES = (Role.LEADER, Role.CLERK, Role.FOCAL_POINT, Role.VIEWER)


class Person(models.Model):
    """What we know of a user beyond the login: full name, phone, demo flag."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="person",
        verbose_name="Tài khoản",
    )
    full_name = models.CharField("Họ và tên", max_length=120, blank=True)
    phone = models.CharField("Điện thoại", max_length=30, blank=True)
    is_demo = models.BooleanField("Tài khoản minh họa", default=False)
    # Set when someone else chose the password: the person picks their own at next log-in.
    must_change_password = models.BooleanField("Phải đổi mật khẩu", default=False)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "thông tin người dùng"

    def __str__(self) -> str:
        return self.full_name or self.user.get_username()


class Membership(models.Model):
    """A user's role in a place: a commune (leader, clerk, focal point, viewer), a
    province (supervisor), or everywhere (admin). A focal point belongs to one unit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="Tài khoản",
    )
    role = models.CharField("Vai trò", max_length=20, choices=Role.choices)
    province = models.ForeignKey(
        AdminUnit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="Tỉnh, thành phố",
    )
    commune = models.ForeignKey(
        AdminUnit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="Xã, phường",
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="Đơn vị",
    )
    created_at = models.DateTimeField("Giao lúc", auto_now_add=True)

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò của người dùng"
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=models.Q(role="admin", province__isnull=True, commune__isnull=True)
                | models.Q(role="supervisor", province__isnull=False, commune__isnull=True)
                | models.Q(role="focal_point", commune__isnull=False, unit__isnull=False)
                | models.Q(role__in=["leader", "clerk", "viewer"], commune__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        where = self.commune or self.province or "toàn hệ thống"
        return f"{self.user} — {self.get_role_display()} — {where}"


class LoginEvent(models.Model):
    """Every log-in attempt (and every unlock): who, from where, with what outcome.
    The record is also the counter of `theodoi.accounts.login`."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", "Thành công"
        FAILURE = "failure", "Sai mật khẩu"
        LOCKED = "locked", "Bị từ chối (đang khóa)"
        UNLOCKED = "unlocked", "Quản trị mở khóa"

    at = models.DateTimeField("Lúc", auto_now_add=True, db_index=True)
    username = models.CharField("Tên đăng nhập", max_length=150, blank=True)
    # The user who logged in; for an unlock, the administrator who lifted it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ip = models.GenericIPAddressField("Địa chỉ IP", null=True, blank=True)
    user_agent = models.CharField("Trình duyệt", max_length=300, blank=True)
    outcome = models.CharField("Kết quả", max_length=10, choices=Outcome.choices)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "lần đăng nhập"
        verbose_name_plural = "nhật ký đăng nhập"
        indexes = [
            models.Index(fields=["username", "at"], name="loginevent_username_at"),
            models.Index(fields=["ip", "at"], name="loginevent_ip_at"),
        ]

    def __str__(self) -> str:
        return f"{self.username or self.ip} · {self.get_outcome_display()}"


class MembershipChange(models.Model):
    """Who gave whom which role where, and who ended it: a role that ends is deleted from
    `Membership` (so no reader can forget to leave it out) and remembered here."""

    class Action(models.TextChoices):
        GRANTED = "granted", "Giao vai trò"
        ENDED = "ended", "Thôi vai trò"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership_changes",
        verbose_name="Tài khoản",
    )
    action = models.CharField("Thao tác", max_length=10, choices=Action.choices)
    role = models.CharField("Vai trò", max_length=20, choices=Role.choices)
    commune = models.ForeignKey(
        AdminUnit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="Xã, phường",
    )
    unit_name = models.CharField("Đơn vị", max_length=200, blank=True)  # as it was named then
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Người thực hiện",
    )
    at = models.DateTimeField("Lúc", auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "thay đổi vai trò"
        verbose_name_plural = "nhật ký giao, thôi vai trò"

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.user} — {self.get_role_display()}"
