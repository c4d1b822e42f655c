"""Client for atocore-audit: record and read interactions over HTTP.

A drop-in for AtoCore's ``interactions`` module: ``record_interaction``,
``list_interactions`` and ``get_interaction`` take the same arguments and return
the same ``Interaction`` dataclass, but store the round-trip in an atocore-audit
server instead of the local database. One file, standard library only: copy it
next to your agent, or put this folder on ``PYTHONPATH``.

Configuration, read at each call so that it can change at run time:

- ``ATOCORE_AUDIT_URL``   server address (default ``http://localhost:3000``)
- ``ATOCORE_AUDIT_TOKEN`` a token with the ``capture`` (and ``read``) scope, sent as
  ``Authorization: Bearer <token>``
- or ``configure(url=..., token=..., timeout=..., retries=..., backoff=...)``,
  which takes precedence over the environment.

Failures are explicit: ``AuditApiError`` when the server refuses a request (4xx,
carrying its error code, message and issues); ``AuditUnavailableError`` when the
server cannot be reached or keeps failing (network errors, timeouts, 5xx) after
the retries. Retries are safe: ``record_interaction`` chooses the interaction's id
before the first attempt and sends the same id every time, and the server answers
a repeated id with the stored record instead of storing it twice.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

__all__ = [
    "Interaction",
    "AuditError",
    "AuditApiError",
    "AuditUnavailableError",
    "configure",
    "record_interaction",
    "complete_interaction",
    "list_interactions",
    "get_interaction",
]

DEFAULT_URL = "http://localhost:3000"
USER_AGENT = "atocore-audit-python/1"


@dataclass
class Interaction:
    id: str
    prompt: str
    response: str
    response_summary: str
    project: str
    client: str
    session_id: str
    memories_used: list[str] = field(default_factory=list)
    chunks_used: list[str] = field(default_factory=list)
    context_pack: dict = field(default_factory=dict)
    created_at: str = ""
    # When the turn happened as the client said (ISO 8601 UTC); None when it did not say.
    occurred_at: str | None = None


class AuditError(Exception):
    """Base class of every error this client raises (besides ValueError for a blank prompt)."""


class AuditApiError(AuditError):
    """The server refused the request (a 4xx answer). Not retried: sending it again would fail again."""

    def __init__(self, status: int, code: str, message: str, issues: list[dict] | None = None):
        self.status = status
        self.code = code
        self.message = message
        self.issues = issues or []
        details = "; ".join(
            f"{'.'.join(str(p) for p in issue.get('path', [])) or '(body)'}: {issue.get('message', '')}"
            for issue in self.issues
        )
        super().__init__(f"{status} {code}: {message}" + (f" ({details})" if details else ""))


class AuditUnavailableError(AuditError):
    """The server could not be reached, timed out or kept answering 5xx, after every retry."""

    def __init__(self, message: str, attempts: int, status: int | None = None):
        self.attempts = attempts
        self.status = status
        super().__init__(message)


_settings: dict[str, Any] = {
    "url": None,
    "token": None,
    "timeout": 5.0,
    "retries": 3,
    "backoff": 0.25,
}


def configure(
    url: str | None = None,
    token: str | None = None,
    timeout: float | None = None,
    retries: int | None = None,
    backoff: float | None = None,
) -> None:
    """Sets the server address, token, per-attempt timeout (seconds), number of retries
    after the first attempt, and the first retry's delay (doubled at each retry).
    Arguments left as None keep their current value; url and token fall back to the
    environment while unset."""
    for key, value in (("url", url), ("token", token), ("timeout", timeout), ("retries", retries), ("backoff", backoff)):
        if value is not None:
            _settings[key] = value


def _base_url() -> str:
    return (_settings["url"] or os.environ.get("ATOCORE_AUDIT_URL") or DEFAULT_URL).rstrip("/")


def _token() -> str:
    return _settings["token"] or os.environ.get("ATOCORE_AUDIT_TOKEN") or ""


# Answers worth another attempt: the server (or a proxy in front of it) failed, not the request.
_RETRYABLE_STATUS = {408, 425, 429, 500, 502, 503, 504}

# The longest Retry-After honoured: a capture is worth waiting for, not for ever.
_MAX_RETRY_AFTER = 60.0


def _retry_after(headers: Any) -> float | None:
    """A Retry-After header (seconds or an HTTP date) in seconds, or None when absent or unreadable."""
    value = (headers.get("Retry-After") or "").strip() if headers is not None else ""
    if not value:
        return None
    if value.isdigit():
        return min(float(value), _MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return min(max(0.0, (when - datetime.now(timezone.utc)).total_seconds()), _MAX_RETRY_AFTER)


def _api_error(status: int, raw: bytes) -> AuditApiError:
    try:
        err = json.loads(raw.decode("utf-8"))["error"]
        return AuditApiError(status, str(err.get("code", "")), str(err.get("message", "")), err.get("issues"))
    except (ValueError, KeyError, TypeError, AttributeError):
        text = raw.decode("utf-8", "replace").strip()[:200]
        return AuditApiError(status, "http_error", text or f"HTTP {status}")


def _request(method: str, path: str, body: Any = None, not_found_ok: bool = False) -> Any:
    """One API call with retries. Returns the parsed JSON answer (None for an allowed 404)."""
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
    if data is not None:
        headers["Content-Type"] = "application/json"
    token = _token()
    if token:
        headers["Authorization"] = f"Bearer {token}"
    url = _base_url() + path
    attempts = 1 + max(0, int(_settings["retries"]))
    last_problem, last_status, asked_wait = "", None, None
    for attempt in range(attempts):
        if attempt > 0:
            # Never sooner than the server asked (Retry-After), when it did.
            time.sleep(max(float(_settings["backoff"]) * (2 ** (attempt - 1)), asked_wait or 0.0))
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=float(_settings["timeout"])) as res:
                return json.loads(res.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            raw = e.read()
            if e.code == 404 and not_found_ok:
                return None
            if e.code not in _RETRYABLE_STATUS:
                raise _api_error(e.code, raw) from None
            refused = _api_error(e.code, raw)
            if refused.code == "too_many_requests":
                # Too many bad tokens from this address: the token is wrong, so retrying cannot help.
                raise refused from None
            last_problem, last_status, asked_wait = f"HTTP {e.code}", e.code, _retry_after(e.headers)
        except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
            # Connection refused or reset, DNS, timeouts, a connection closed before the answer.
            reason = getattr(e, "reason", e)
            last_problem, last_status = f"{type(reason).__name__}: {reason}", None
    raise AuditUnavailableError(
        f"{method} {url} failed after {attempts} attempt(s): {last_problem}", attempts, last_status
    )


def _to_interaction(record: dict) -> Interaction:
    return Interaction(
        id=record["id"],
        prompt=record["prompt"],
        response=record.get("response") or "",
        response_summary=record.get("response_summary") or "",
        project=record.get("project") or "",
        client=record.get("client") or "",
        session_id=record.get("session_id") or "",
        memories_used=[str(m) for m in record.get("memories_used") or []],
        chunks_used=[str(c) for c in record.get("chunks_used") or []],
        context_pack=record.get("context_pack") or {},
        created_at=record.get("created_at") or "",
        occurred_at=record.get("occurred_at"),
    )


def record_interaction(
    prompt: str,
    response: str = "",
    response_summary: str = "",
    project: str = "",
    client: str = "",
    session_id: str = "",
    memories_used: list[str] | None = None,
    chunks_used: list[str] | None = None,
    context_pack: dict | None = None,
    *,
    occurred_at: datetime | str | None = None,
) -> Interaction:
    """Records one interaction and returns it as stored (``created_at`` is the server's
    ISO 8601 UTC time, e.g. ``2026-11-25T14:03:07.123Z``).

    ``occurred_at`` says when the turn happened: a timezone-aware ``datetime`` or ISO 8601
    text with ``Z`` or an offset (at most 5 minutes ahead of the server's clock). By default
    it is the time of this call, taken once, so retries after an outage still say when the
    turn happened, not when it arrived.

    As in the reference, only ``prompt`` is required, so a turn can be recorded before
    the LLM has answered; ``complete_interaction`` adds the response later.
    """
    if not prompt or not prompt.strip():
        raise ValueError("Interaction prompt must be non-empty")
    if occurred_at is None:
        occurred_at = datetime.now(timezone.utc)
    if isinstance(occurred_at, datetime):
        if occurred_at.tzinfo is None:
            raise ValueError("occurred_at must be timezone-aware (e.g. datetime.now(timezone.utc))")
        occurred_at = occurred_at.isoformat(timespec="milliseconds")
    body = {
        # Chosen here, once, so that every retry names the same interaction.
        "id": str(uuid.uuid4()),
        "prompt": prompt,
        "response": response,
        "response_summary": response_summary,
        "project": project,
        "client": client,
        "session_id": session_id,
        "memories_used": list(memories_used or []),
        "chunks_used": list(chunks_used or []),
        "context_pack": context_pack or {},
        "occurred_at": occurred_at,
    }
    return _to_interaction(_request("POST", "/api/interactions", body))


def complete_interaction(
    interaction_id: str, response: str | None = None, response_summary: str | None = None
) -> Interaction:
    """Adds the response and/or summary to a turn recorded without them. Either may be
    set only while it is empty (otherwise ``AuditApiError`` with status 409); sending the
    same completion again is harmless."""
    body = {k: v for k, v in (("response", response), ("response_summary", response_summary)) if v is not None}
    if not body:
        raise ValueError("Give a response, a response_summary or both")
    path = "/api/interactions/" + urllib.parse.quote(interaction_id, safe="")
    return _to_interaction(_request("PATCH", path, body))


def list_interactions(
    project: str | None = None,
    session_id: str | None = None,
    client: str | None = None,
    since: str | None = None,
    limit: int = 50,
) -> list[Interaction]:
    """Lists interactions, newest first, optionally filtered.

    ``since`` (inclusive) accepts the reference's ``YYYY-MM-DD HH:MM:SS`` (UTC), a date,
    or ISO 8601 with ``Z`` or an offset. ``limit`` is capped at 500; zero or less lists nothing.
    """
    if limit <= 0:
        return []
    params = {"limit": str(min(int(limit), 500))}
    for key, value in (("project", project), ("session_id", session_id), ("client", client), ("since", since)):
        if value:
            params[key] = value
    answer = _request("GET", "/api/interactions?" + urllib.parse.urlencode(params))
    return [_to_interaction(r) for r in answer["interactions"]]


def get_interaction(interaction_id: str) -> Interaction | None:
    """Fetches one interaction by id, or returns None if it does not exist."""
    if not interaction_id:
        return None
    answer = _request("GET", "/api/interactions/" + urllib.parse.quote(interaction_id, safe=""), not_found_ok=True)
    return None if answer is None else _to_interaction(answer)
