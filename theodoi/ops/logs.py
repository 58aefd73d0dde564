"""Log lines for machines: one JSON object per line on stderr, with the request id of
the request that wrote it (tracebacks stay inside their line). Read them with
`journalctl -u theodoi -o cat | jq`, or ship them anywhere that reads JSON."""

from __future__ import annotations

import datetime as dt
import json
import logging

from theodoi.ops.middleware import request_id_var

# Extra fields a log call may attach (`log.warning(..., extra={"ip": ...})`).
EXTRA = ("username", "ip", "status_code", "event")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        request = getattr(record, "request", None)  # django.request attaches it
        if request is not None and hasattr(request, "path"):
            # Django logs a 4xx after the middleware has returned: the id is on the request.
            entry["request_id"] = getattr(request, "request_id", entry["request_id"])
            entry["method"], entry["path"] = request.method, request.path
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                entry["user"] = user.get_username()
        for key in EXTRA:
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class AccessJsonFormatter(JsonFormatter):
    """gunicorn's access log (gunicorn.conf.py) as the same JSON lines: gunicorn hands
    each request's facts ("atoms") as the record's arguments."""

    def format(self, record: logging.LogRecord) -> str:
        atoms = record.args if isinstance(record.args, dict) else {}

        def atom(key: str) -> str:
            value = atoms.get(key, "-")
            return value.replace('\\"', '"') if isinstance(value, str) else value

        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": f"{atom('m')} {atom('U')} {atom('s')}",
            "request_id": atom("{x-request-id}o"),
            "method": atom("m"),
            "path": atom("U"),
            "query": atom("q"),
            "status_code": atom("s"),
            "bytes": atom("B"),
            "duration_ms": atom("M"),
            "ip": atom("{x-forwarded-for}i") if atom("{x-forwarded-for}i") != "-" else atom("h"),
            "user_agent": atom("a"),
            "event": "access",
        }
        return json.dumps(entry, ensure_ascii=False, default=str)
