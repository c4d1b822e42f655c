"""Tests of atocore_audit.py against a real running server.

Run: ATOCORE_AUDIT_URL=http://127.0.0.1:3000 python3 -m unittest -v test_atocore_audit
(``npm test`` does this against the API tests' server: tests/api/python-client.test.ts).

Failures are simulated with a small proxy in front of the real server, so the server
itself is never faked: the proxy can forward a request and then drop the connection
before the answer (the record is stored, the client never hears it), answer 503 itself,
or never answer.
"""

from __future__ import annotations

import dataclasses
import email.utils
import inspect
import json
import os
import threading
import time
import unittest
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import atocore_audit as audit

SERVER = os.environ.get("ATOCORE_AUDIT_URL", "")
TOKEN = os.environ.get("ATOCORE_AUDIT_TOKEN", "")


def setUpModule():
    if not SERVER:
        raise RuntimeError("Set ATOCORE_AUDIT_URL to a running atocore-audit server to run these tests")


def uid(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


# The server's own answers with a Retry-After, played by the proxy: a full body budget (503),
# and one bad token too many from this address (429).
CANNED = {
    "busy_retry_after_1": (503, "1", b'{"error": {"code": "unavailable", "message": "busy"}}'),
    "throttled_429": (429, "60", b'{"error": {"code": "too_many_requests", "message": "too many failed sign-ins"}}'),
}


class Proxy:
    """Forwards to the real server, except for the scripted failures queued in ``plan``."""

    def __init__(self):
        self.plan: list[str] = []
        self.seen: list[tuple[str, str, dict]] = []
        self.bodies: list[bytes | None] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                proxy.seen.append((self.command, self.path, dict(self.headers)))
                proxy.bodies.append(body)
                action = proxy.plan.pop(0) if proxy.plan else "forward"
                if action == "fail_503":
                    self.send_response(503)
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    self.wfile.write(b"upstream busy")
                    return
                if action in CANNED:
                    status, retry_after, payload = CANNED[action]
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Retry-After", retry_after)
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                if action == "hang":
                    time.sleep(20)
                    return
                status, ctype, payload = self._forward(body)
                if action == "forward_then_drop":
                    # The server has stored it; the client never gets the answer.
                    self.close_connection = True
                    return
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _forward(self, body):
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                req = urllib.request.Request(SERVER + self.path, data=body, headers=headers, method=self.command)
                try:
                    with urllib.request.urlopen(req, timeout=10) as res:
                        return res.status, res.headers.get("Content-Type", ""), res.read()
                except urllib.error.HTTPError as e:
                    return e.code, e.headers.get("Content-Type", ""), e.read()

            do_GET = do_POST = do_PATCH = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False  # closing must not wait for a "hang" to end
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class ClientTestCase(unittest.TestCase):
    def setUp(self):
        saved = dict(audit._settings)
        self.addCleanup(lambda: audit._settings.update(saved))
        audit.configure(url=SERVER, token=TOKEN or None, timeout=5.0, retries=3, backoff=0.05)

    def use_proxy(self) -> Proxy:
        proxy = Proxy()
        self.addCleanup(proxy.close)
        audit.configure(url=proxy.url)
        return proxy


class RecordAndRead(ClientTestCase):
    def test_records_every_field_and_reads_it_back(self):
        session = uid("s")
        pack = {"memories": [{"id": "mem-1", "text": "keys rotate monthly"}], "z": [1, None, True]}
        made = audit.record_interaction(
            "How do keys rotate?\nsecond line",
            response="Monthly.",
            response_summary="monthly",
            project="atocore",
            client="openclaw",
            session_id=session,
            memories_used=["mem-1", "mem-1"],
            chunks_used=["doc#2"],
            context_pack=pack,
        )
        self.assertIsInstance(made, audit.Interaction)
        self.assertEqual(made.prompt, "How do keys rotate?\nsecond line")
        self.assertEqual((made.response, made.response_summary), ("Monthly.", "monthly"))
        self.assertEqual((made.project, made.client, made.session_id), ("atocore", "openclaw", session))
        self.assertEqual(made.memories_used, ["mem-1", "mem-1"])
        self.assertEqual(made.chunks_used, ["doc#2"])
        self.assertEqual(made.context_pack, pack)
        self.assertRegex(made.created_at, r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
        uuid.UUID(made.id)

        self.assertEqual(audit.get_interaction(made.id), made)
        self.assertEqual(audit.list_interactions(session_id=session), [made])

    def test_signatures_are_the_reference_modules(self):
        # Copied from atocore's interactions.py (/work/shared/reference/interactions.py): an
        # AtoCore deployment switches its import, so names, order, defaults and annotations must match.
        # Additions come last and have defaults (occurred_at: keyword-only), so no call changes.
        reference = {
            "record_interaction": "(prompt: 'str', response: 'str' = '', response_summary: 'str' = '', "
            "project: 'str' = '', client: 'str' = '', session_id: 'str' = '', "
            "memories_used: 'list[str] | None' = None, chunks_used: 'list[str] | None' = None, "
            "context_pack: 'dict | None' = None, *, occurred_at: 'datetime | str | None' = None) -> 'Interaction'",
            "list_interactions": "(project: 'str | None' = None, session_id: 'str | None' = None, "
            "client: 'str | None' = None, since: 'str | None' = None, limit: 'int' = 50) -> 'list[Interaction]'",
            "get_interaction": "(interaction_id: 'str') -> 'Interaction | None'",
        }
        for name, signature in reference.items():
            self.assertEqual(str(inspect.signature(getattr(audit, name))), signature, name)
        self.assertEqual(
            [f.name for f in dataclasses.fields(audit.Interaction)],
            ["id", "prompt", "response", "response_summary", "project", "client", "session_id",
             "memories_used", "chunks_used", "context_pack", "created_at", "occurred_at"],
        )

    def test_defaults_match_the_reference(self):
        made = audit.record_interaction("only a prompt")
        self.assertEqual((made.response, made.project, made.client, made.session_id), ("", "", "", ""))
        self.assertEqual((made.memories_used, made.chunks_used, made.context_pack), ([], [], {}))

    def test_blank_prompt_is_a_value_error_before_any_request(self):
        proxy = self.use_proxy()
        for prompt in ("", "   \n"):
            with self.assertRaises(ValueError):
                audit.record_interaction(prompt)
        self.assertEqual(proxy.seen, [])

    def test_get_unknown_or_empty_id_is_none(self):
        self.assertIsNone(audit.get_interaction(str(uuid.uuid4())))
        self.assertIsNone(audit.get_interaction(""))
        self.assertIsNone(audit.get_interaction("no/such id?"))

    def test_list_filters_limit_and_order(self):
        session, project = uid("s"), uid("p")
        made = [audit.record_interaction(f"turn {i}", project=project, client="c1", session_id=session) for i in range(3)]
        audit.record_interaction("other client", project=project, client="c2", session_id=session)

        listed = audit.list_interactions(project=project, client="c1")
        self.assertEqual([i.id for i in listed], [m.id for m in reversed(made)])  # newest first
        self.assertEqual(len(audit.list_interactions(session_id=session)), 4)
        self.assertEqual(len(audit.list_interactions(session_id=session, limit=2)), 2)
        self.assertEqual(audit.list_interactions(session_id=session, limit=0), [])
        self.assertEqual(audit.list_interactions(session_id=session, limit=-5), [])
        # Empty filters mean "no filter", as in the reference.
        self.assertEqual(len(audit.list_interactions(project=project, client="", session_id=session)), 4)

    def test_since_in_the_reference_format(self):
        session = uid("s")
        made = audit.record_interaction("a turn", session_id=session)
        created = datetime.strptime(made.created_at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
        fmt = "%Y-%m-%d %H:%M:%S"  # what the reference stores and compares
        at_second = created.strftime(fmt)
        later = (created + timedelta(seconds=1)).strftime(fmt)
        self.assertEqual([i.id for i in audit.list_interactions(session_id=session, since=at_second)], [made.id])
        self.assertEqual(audit.list_interactions(session_id=session, since=later), [])
        self.assertEqual(len(audit.list_interactions(session_id=session, since=created.strftime("%Y-%m-%d"))), 1)

    def test_unicode_round_trips(self):
        made = audit.record_interaction("naïve café 漢字 🚀", response="ok ✓")
        self.assertEqual(audit.get_interaction(made.id).prompt, "naïve café 漢字 🚀")


class Errors(ClientTestCase):
    def test_4xx_raises_with_the_servers_code_message_and_issues(self):
        proxy = self.use_proxy()
        with self.assertRaises(audit.AuditApiError) as caught:
            audit.record_interaction("p", memories_used=[{"not": "an id"}])
        err = caught.exception
        self.assertEqual((err.status, err.code), (400, "validation_failed"))
        self.assertTrue(err.message)
        self.assertIn(["memories_used", 0], [issue["path"] for issue in err.issues])
        self.assertIn("memories_used", str(err))
        self.assertEqual(len(proxy.seen), 1, "a 4xx is not retried")

    def test_invalid_since_raises(self):
        with self.assertRaises(audit.AuditApiError) as caught:
            audit.list_interactions(since="last tuesday")
        self.assertEqual(caught.exception.status, 400)
        self.assertIn("since", str(caught.exception))

    def test_unreachable_server_raises_unavailable_after_retries(self):
        proxy = self.use_proxy()
        proxy.close()  # nothing listens on that port any more
        audit.configure(retries=2, backoff=0.01)
        with self.assertRaises(audit.AuditUnavailableError) as caught:
            audit.record_interaction("lost")
        self.assertEqual(caught.exception.attempts, 3)

    def test_a_server_that_never_answers_times_out(self):
        proxy = self.use_proxy()
        proxy.plan = ["hang", "hang"]
        audit.configure(timeout=0.3, retries=1, backoff=0.01)
        started = time.monotonic()
        with self.assertRaises(audit.AuditUnavailableError):
            audit.list_interactions()
        # Two attempts of 0.3 s; without the timeout this would wait out the proxy's 20 s hang.
        self.assertLess(time.monotonic() - started, 10)


class OccurredAt(ClientTestCase):
    def test_sets_the_time_of_the_call_and_keeps_it_across_retries(self):
        proxy = self.use_proxy()
        proxy.plan = ["forward_then_drop"]
        session = uid("s")
        before = datetime.now(timezone.utc)
        made = audit.record_interaction("stamped, answer lost", session_id=session)
        after = datetime.now(timezone.utc)
        posts = [body for (m, _, _), body in zip(proxy.seen, proxy.bodies) if m == "POST"]
        self.assertEqual(len(posts), 2)
        # Both attempts carried the same time: the retry was a duplicate, not a conflict.
        sent = [json.loads(b)["occurred_at"] for b in posts]
        self.assertEqual(sent[0], sent[1])
        happened = datetime.strptime(made.occurred_at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
        self.assertLessEqual(before.replace(microsecond=before.microsecond // 1000 * 1000), happened)
        self.assertLessEqual(happened, after)
        self.assertEqual(audit.list_interactions(session_id=session), [made])

    def test_a_given_time_is_sent_and_a_naive_one_refused(self):
        earlier = datetime(2026, 12, 6, 9, 30, 15, 250000, tzinfo=timezone(timedelta(hours=9)))
        made = audit.record_interaction("replayed", occurred_at=earlier)
        self.assertEqual(made.occurred_at, "2026-12-06T00:30:15.250Z")
        self.assertEqual(audit.record_interaction("as text", occurred_at="2026-12-06T00:00:00Z").occurred_at, "2026-12-06T00:00:00.000Z")
        with self.assertRaises(ValueError):
            audit.record_interaction("naive", occurred_at=datetime(2026, 12, 6, 9, 30))
        with self.assertRaises(audit.AuditApiError) as refused:
            audit.record_interaction("from the future", occurred_at=datetime.now(timezone.utc) + timedelta(hours=1))
        self.assertEqual((refused.exception.status, refused.exception.code), (400, "validation_failed"))


class Retries(ClientTestCase):
    def test_a_lost_answer_is_retried_with_the_same_id_and_stored_once(self):
        proxy = self.use_proxy()
        proxy.plan = ["forward_then_drop"]
        session = uid("s")
        made = audit.record_interaction("stored, answer lost", session_id=session)
        posts = [(m, p) for m, p, _ in proxy.seen if m == "POST"]
        self.assertEqual(len(posts), 2, "the first answer was lost, so the client retried")
        self.assertEqual([i.id for i in audit.list_interactions(session_id=session)], [made.id])

    def test_5xx_is_retried_then_succeeds_once(self):
        proxy = self.use_proxy()
        proxy.plan = ["fail_503", "fail_503"]
        session = uid("s")
        made = audit.record_interaction("after two 503s", session_id=session)
        self.assertEqual(len([1 for m, _, _ in proxy.seen if m == "POST"]), 3)
        self.assertEqual([i.id for i in audit.list_interactions(session_id=session)], [made.id])

    def test_retry_after_is_honoured_over_a_shorter_backoff(self):
        proxy = self.use_proxy()
        proxy.plan = ["busy_retry_after_1"]
        session = uid("s")
        started = time.monotonic()
        made = audit.record_interaction("after a Retry-After", session_id=session)
        self.assertGreaterEqual(time.monotonic() - started, 1.0, "waited the second the server asked for")
        self.assertEqual([i.id for i in audit.list_interactions(session_id=session)], [made.id])

    def test_a_throttled_bad_token_is_not_retried(self):
        proxy = self.use_proxy()
        proxy.plan = ["throttled_429"]
        with self.assertRaises(audit.AuditApiError) as caught:
            audit.get_interaction(str(uuid.uuid4()))
        self.assertEqual((caught.exception.status, caught.exception.code), (429, "too_many_requests"))
        self.assertEqual(len(proxy.seen), 1)

    def test_retry_after_reads_seconds_and_http_dates(self):
        self.assertEqual(audit._retry_after({"Retry-After": "3"}), 3.0)
        self.assertEqual(audit._retry_after({"Retry-After": "86400"}), audit._MAX_RETRY_AFTER)
        later = email.utils.format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
        self.assertAlmostEqual(audit._retry_after({"Retry-After": later}), 30.0, delta=2.0)
        self.assertIsNone(audit._retry_after({"Retry-After": "soon"}))
        self.assertIsNone(audit._retry_after({}))

    def test_persistent_5xx_gives_up_with_the_status(self):
        proxy = self.use_proxy()
        proxy.plan = ["fail_503"] * 5
        audit.configure(retries=1)
        with self.assertRaises(audit.AuditUnavailableError) as caught:
            audit.get_interaction(str(uuid.uuid4()))
        self.assertEqual((caught.exception.status, caught.exception.attempts), (503, 2))

    def test_the_token_is_sent_as_a_bearer_header(self):
        proxy = self.use_proxy()
        token = TOKEN or "secret-token-123"  # the server's own when it checks tokens
        audit.configure(token=token)
        audit.get_interaction(str(uuid.uuid4()))
        self.assertEqual(proxy.seen[0][2].get("Authorization"), f"Bearer {token}")


class Completion(ClientTestCase):
    """Completing a partial turn uses PATCH /api/interactions/{id} (issue 8)."""

    def test_complete_a_partial_turn_once(self):
        made = audit.record_interaction("asked before the answer", session_id=uid("s"))
        done = audit.complete_interaction(made.id, response="the answer")
        self.assertEqual((done.id, done.response, done.prompt), (made.id, "the answer", made.prompt))
        self.assertEqual(audit.get_interaction(made.id).response, "the answer")
        # Sending the same completion again (a retry) is harmless...
        self.assertEqual(audit.complete_interaction(made.id, response="the answer").response, "the answer")
        # ...but a different one never overwrites.
        with self.assertRaises(audit.AuditApiError) as caught:
            audit.complete_interaction(made.id, response="another answer")
        self.assertEqual(caught.exception.status, 409)
        self.assertEqual(audit.get_interaction(made.id).response, "the answer")

    def test_complete_unknown_id_is_404(self):
        with self.assertRaises(audit.AuditApiError) as caught:
            audit.complete_interaction(str(uuid.uuid4()), response="x")
        self.assertEqual(caught.exception.status, 404)

    def test_a_lost_completion_answer_is_retried_harmlessly(self):
        made = audit.record_interaction("complete me", session_id=uid("s"))
        proxy = self.use_proxy()
        proxy.plan = ["forward_then_drop"]
        self.assertEqual(audit.complete_interaction(made.id, response_summary="short").response_summary, "short")
        self.assertEqual(len([1 for m, _, _ in proxy.seen if m == "PATCH"]), 2)


if __name__ == "__main__":
    unittest.main()
