"""The demo: three Hải Phòng communes with their units, their plans imported and
published, and one demo user per role; then a dozen more Hải Phòng communes generated
from those plans (`theodoi.synthetic`, marked as such) with different progress, so the
province supervisor has communes to compare. Idempotent: a plan already imported (same
file) is not imported again, users keep their data and get the demo password back, a
commune already generated is left as it is."""

import hashlib
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from theodoi.accounts.models import AdminUnit, Role
from theodoi.accounts.services import membership_grant, units_ensure_defaults, user_create
from theodoi.canonical.services import catalogue_sync
from theodoi.evaluation import services as evaluation
from theodoi.evaluation.demo import review_demo_plan
from theodoi.plans import services
from theodoi.plans.models import Plan, PlanStatus
from theodoi.public.demo import load_public_demo
from theodoi.synthetic import selectors as synthetic_selectors
from theodoi.synthetic import services as synthetic
from theodoi.synthetic.variation import STORIES

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_PASSWORD = "demo12345"
HAI_PHONG = 31
# (commune code, the plan it issued)
DEMO_PLANS = [
    (10642, "000_f32060216730cad0.docx"),  # Xã Thái Tân
    (11311, "001_16d7ad33ef0b9f85.docx"),  # Phường Hồng Bàng
    (11131, "003_02ef1c704dcfcf6b.docx"),  # Xã Chí Minh
]
THAI_TAN = 10642
# (login, full name, role, communes; the focal point's unit is found by name)
DEMO_USERS = [
    ("quantri", "Quản trị hệ thống (demo)", Role.ADMIN, []),
    ("giamsat", "Giám sát Sở KH&CN (demo)", Role.SUPERVISOR, []),
    ("lanhdao", "Lãnh đạo UBND xã (demo)", Role.LEADER, [THAI_TAN]),
    ("thuongtruc", "Cán bộ Phòng VH-XH (demo)", Role.CLERK, [c for c, _ in DEMO_PLANS]),
    ("daumoi", "Đầu mối Phòng Kinh tế (demo)", Role.FOCAL_POINT, [THAI_TAN]),
    ("xem", "Người xem (demo)", Role.VIEWER, [THAI_TAN]),
]
FOCAL_UNIT = "Phòng Kinh tế"
# Generated Hải Phòng communes beside the three demo ones, and the seed that draws them.
GENERATED_COMMUNES = 12
GENERATED_SEED = 57


def seed_plans_load(stdout=None) -> dict:
    """The three demo communes with their units and their plans imported, reviewed and
    published (the seed plans `generate_country` clones too); {code: commune}."""
    # Publishing suggests canonical indicators from the catalogue: a migration stores it,
    # but a database emptied since (a flush, as transactional tests do) has lost it.
    catalogue_sync()
    communes = {
        c.code: c
        for c in AdminUnit.objects.filter(
            level=AdminUnit.Level.COMMUNE, code__in=[code for code, _ in DEMO_PLANS]
        )
    }
    for code, filename in DEMO_PLANS:
        commune, path = communes[code], DEMO_DIR / filename
        units_ensure_defaults(commune=commune)
        content = path.read_bytes()
        sha = hashlib.sha256(content).hexdigest()
        if Plan.objects.filter(commune=commune, sha256=sha).exists():
            if stdout:
                stdout.write(f"{commune.name}: kế hoạch đã có, giữ nguyên.")
            continue
        plan = services.plan_import(commune=commune, filename=path.name, content=content)
        review_demo_plan(plan)  # lead units and deadlines the plan's body does not give
        services.plan_publish(plan=plan)
        if stdout:
            stdout.write(
                f"{commune.name}: đã nhập và công bố {plan} "
                f"({plan.tasks.count()} nhiệm vụ, {plan.indicators.count()} chỉ tiêu)."
            )
    return communes


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa: 3 xã, phường của Hải Phòng, kế hoạch và người dùng demo."

    def handle(self, *args, **options):
        if not AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE).exists():
            call_command("load_admin_units", stdout=self.stdout)
        communes = seed_plans_load(self.stdout)
        self._load_users(communes)
        # 2025 (closed) and 2026 (open: units submitted, in draft and not started) with
        # values to judge; the tracking demo then finds 2026 filled and keeps it.
        call_command("load_evaluation_demo", stdout=self.stdout)
        call_command("load_tracking_demo", stdout=self.stdout)
        call_command("load_pivot_demo", stdout=self.stdout)
        # What Thái Tân's leader published, and citizens' feedback on it.
        load_public_demo(THAI_TAN, "lanhdao", "thuongtruc")
        self._generate_communes()
        # The province's and the country's pages read the communes' stored rows: judged
        # now, as the nightly run would (a few seconds for the 3,321), so the first view
        # of either does not show the whole country waiting to be judged.
        call_command("judge_provinces", stdout=self.stdout)

    def _generate_communes(self) -> None:
        """More Hải Phòng communes, each story (on track, late, stalled, backwards,
        silent) shown by some of them."""
        province = AdminUnit.objects.get(level=AdminUnit.Level.PROVINCE, code=HAI_PHONG)
        others = [
            c
            for c in synthetic.pick_communes([province], None, GENERATED_SEED)
            if c.code not in {code for code, _ in DEMO_PLANS}
        ]
        chosen = synthetic.pick_sample(others, GENERATED_COMMUNES, GENERATED_SEED)
        done = synthetic.country_generate(
            communes=chosen,
            seed=GENERATED_SEED,
            templates=synthetic_selectors.seed_templates(),
            stories=list(STORIES),
        )
        if done.communes:
            self.stdout.write(
                f"Thêm {done.communes} xã, phường của Hải Phòng có dữ liệu mô phỏng "
                f"({done.tasks} nhiệm vụ, {done.indicators} chỉ tiêu)."
            )
        # Judged today, as the daily job would have (only changes are stored): else the
        # pivot says their tasks wait for a judgement and counts none of them.
        today = timezone.localdate()
        generated = Plan.objects.filter(commune__in=chosen, status=PlanStatus.PUBLISHED)
        for plan in generated.select_related("commune"):
            evaluation.plan_judge(plan=plan, today=today)

    def _load_users(self, communes) -> None:
        province = AdminUnit.objects.get(level=AdminUnit.Level.PROVINCE, code=HAI_PHONG)
        for login, full_name, role, codes in DEMO_USERS:
            user = user_create(
                username=login,
                password=DEMO_PASSWORD,
                full_name=full_name,
                is_demo=True,
                is_superuser=role == Role.ADMIN,
            )
            if role == Role.ADMIN:
                membership_grant(user=user, role=role)
            elif role == Role.SUPERVISOR:
                membership_grant(user=user, role=role, province=province)
            for code in codes:
                commune = communes[code]
                unit = None
                if role == Role.FOCAL_POINT:
                    unit = commune.units.get(name=FOCAL_UNIT)
                membership_grant(user=user, role=role, commune=commune, unit=unit)
        self.stdout.write("Tài khoản demo (mật khẩu: " + DEMO_PASSWORD + "):")
        for login, full_name, role, _ in DEMO_USERS:
            self.stdout.write(f"  {login:<11} {role.label} — {full_name}")
