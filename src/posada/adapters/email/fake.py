"""Test doubles: ``FakeEmailSender`` (in memory) and ``SmtpServer`` (a real SMTP server).

``FakeEmailSender`` satisfies ``EmailSender`` and keeps what it was given; ``fail_next``
scripts ``EmailFailed``s. ``SmtpServer`` is an ``aiosmtpd`` server on 127.0.0.1 (a free port
unless told) in a background thread, so ``SmtpSender`` is exercised over a real socket:
received messages are parsed with ``email`` (``policy.default``) into ``received``; knobs:
``defer_next`` (answer 451 to the next N messages, after DATA), ``refuse_recipient`` (550 at
RCPT for one address), ``user``/``password`` (AUTH required, 535 otherwise), ``tls_context``
(STARTTLS offered and required, or implicit TLS with ``implicit_tls=True``).

``aiosmtpd`` is a development dependency: it is imported by ``SmtpServer.start`` only, so
this module imports without it.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
import warnings
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import make_msgid
from types import TracebackType
from typing import Any

from posada.adapters.email.errors import EmailFailed, Kind
from posada.adapters.email.smtp import Security, SmtpConfig

#: What ``SmtpServer.config`` puts in the From header unless told otherwise.
DEFAULT_SENDER = "Posada de prueba <reservas@example.com>"


class FakeEmailSender:
    """An ``EmailSender`` that keeps every message in ``messages`` and returns its
    ``Message-ID`` (adding one, as ``SmtpSender`` does, when it is missing)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.attempts = 0
        self._failures: list[EmailFailed] = []

    def fail_next(self, n: int = 1, kind: Kind = "retry", code: str = "deferred",
                  smtp_status: int | None = 451) -> None:
        """Raise ``EmailFailed(kind, code, …)`` on the next ``n`` sends instead of keeping
        the message."""
        self._failures.extend(EmailFailed(kind, code, "scripted failure",
                                          smtp_status=smtp_status) for _ in range(n))

    async def send(self, message: EmailMessage) -> str:
        """Keep ``message`` (or raise a scripted ``EmailFailed``); return its Message-ID."""
        self.attempts += 1
        if self._failures:
            raise self._failures.pop(0)
        if "Message-ID" not in message:
            message["Message-ID"] = make_msgid(domain="posada.test")
        self.messages.append(message)
        return str(message["Message-ID"])


@dataclass(frozen=True, slots=True)
class Received:
    """One message the server accepted: the envelope (``mail_from``, ``rcpt_tos``), the
    ``message`` parsed with ``policy.default``, the ``raw`` bytes and the AUTH ``user``
    (``None`` without AUTH)."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage
    raw: bytes
    user: str | None


class _Handler:
    """aiosmtpd's handler hooks (``handle_RCPT``, ``handle_DATA``) for one ``SmtpServer``."""

    def __init__(self, server: SmtpServer) -> None:
        self._server = server

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        reply = self._server._refusal(address)
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return self._server._deliver(envelope, session)


class SmtpServer:
    """A local SMTP server (see the module docstring). ``with SmtpServer() as smtp:`` or
    ``async with``; ``host``/``port`` once started; ``config()`` is a ``SmtpConfig`` that
    points at it."""

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, user: str | None = None,
                 password: str | None = None, tls_context: ssl.SSLContext | None = None,
                 implicit_tls: bool = False) -> None:
        if (user is None) != (password is None):
            raise ValueError("give both user and password, or neither")
        if implicit_tls and tls_context is None:
            raise ValueError("implicit_tls needs a tls_context")
        self.host, self.port = host, port
        self.user, self.password = user, password
        self.tls_context, self.implicit_tls = tls_context, implicit_tls
        self.received: list[Received] = []
        self.auth_failures = 0
        self._cond = threading.Condition()
        self._deferrals: list[str] = []
        self._refused: dict[str, str] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ knobs

    def defer_next(self, n: int = 1,
                   reply: str = "451 4.3.0 Temporary local problem, try again later") -> None:
        """Answer ``reply`` (a 4xx line) to the DATA of the next ``n`` messages."""
        with self._cond:
            self._deferrals.extend(reply for _ in range(n))

    def refuse_recipient(self, address: str,
                         reply: str = "550 5.1.1 Mailbox unavailable") -> None:
        """Answer ``reply`` to ``RCPT TO:<address>`` (case-insensitive) from now on."""
        with self._cond:
            self._refused[address.lower()] = reply

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Received]:
        """Block until ``count`` messages were received (``TimeoutError`` after
        ``timeout`` seconds); returns them. From async code use ``asyncio.to_thread``."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.received) >= count, timeout):
                raise TimeoutError(f"{len(self.received)} of {count} messages in {timeout}s")
            return list(self.received)

    def config(self, *, sender: str = DEFAULT_SENDER, security: Security | None = None,
               ca_file: str | None = None, timeout: float = 5.0,
               password: str | None = None) -> SmtpConfig:
        """A ``SmtpConfig`` for this server: its credentials (``password`` overrides the
        right one, to test a failure), ``security`` by default ``ssl`` with implicit TLS,
        ``starttls`` with a ``tls_context``, else ``none``."""
        if security is None:
            security = ("ssl" if self.implicit_tls else
                        "starttls" if self.tls_context else "none")
        secret = password if password is not None else self.password
        return SmtpConfig(host=self.host, port=self.port, user=self.user,
                          password=secret, sender=sender, security=security,
                          timeout=timeout, ca_file=ca_file, local_hostname="client.test")

    # ------------------------------------------------------------------ server side

    def _refusal(self, address: str) -> str | None:
        with self._cond:
            return self._refused.get(address.lower())

    def _deliver(self, envelope: Any, session: Any) -> str:
        with self._cond:
            if self._deferrals:
                return self._deferrals.pop(0)
        raw = bytes(envelope.original_content or envelope.content or b"")
        message = BytesParser(policy=policy.default).parsebytes(raw)
        user = None
        if session.authenticated and isinstance(session.auth_data, bytes):
            user = session.auth_data.decode()
        received = Received(str(envelope.mail_from), tuple(envelope.rcpt_tos), message, raw,
                            user)
        with self._cond:
            self.received.append(received)
            self._cond.notify_all()
        return "250 2.0.0 Message accepted for delivery"

    def _authenticator(self, result: Any, login_password: Any) -> Any:
        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                         auth_data: Any) -> Any:
            ok = (isinstance(auth_data, login_password) and self.user is not None
                  and self.password is not None
                  and auth_data.login == self.user.encode()
                  and auth_data.password == self.password.encode())
            if not ok:
                with self._cond:
                    self.auth_failures += 1
                return result(success=False, handled=False)
            return result(success=True, auth_data=auth_data.login)
        return authenticate

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> SmtpServer:
        """Bind, serve in a daemon thread and wait until listening (≤ 5 s). Raises
        ``OSError`` when the port cannot be bound, ``ImportError`` without aiosmtpd."""
        from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        loop = asyncio.new_event_loop()
        handler = _Handler(self)
        authenticator = (self._authenticator(AuthResult, LoginPassword)
                         if self.user is not None else None)
        starttls = self.tls_context if not self.implicit_tls else None

        def protocol() -> SMTP:
            with warnings.catch_warnings():  # AUTH without TLS: what a test wants here
                warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
                return SMTP(handler, hostname="smtp.posada.test", loop=loop,
                            enable_SMTPUTF8=True, tls_context=starttls,
                            require_starttls=starttls is not None,
                            auth_required=authenticator is not None,
                            auth_require_tls=False, authenticator=authenticator)

        ready = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(loop)
            server = loop.run_until_complete(loop.create_server(
                protocol, sock=sock, ssl=self.tls_context if self.implicit_tls else None))
            loop.call_soon(ready.set)
            loop.run_forever()
            server.close()
            tasks = asyncio.all_tasks(loop)
            for task in tasks:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.run_until_complete(server.wait_closed())
            loop.close()

        self._loop = loop
        self._thread = threading.Thread(target=run, name="smtp-server", daemon=True)
        self._thread.start()
        if not ready.wait(5.0):
            self.stop()
            raise RuntimeError("SMTP server did not start")
        return self

    def stop(self) -> None:
        """Close the listener and open sessions, and join the thread. Safe to call twice."""
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
        self._loop = self._thread = None

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    async def __aenter__(self) -> SmtpServer:
        return await asyncio.to_thread(self.start)

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        await asyncio.to_thread(self.stop)
