"""Where Neo4j is, and opening a driver that says clearly why it can't connect.

Every message names the fix and never holds a password: URIs are shown with
`display_uri()`, which hides the password of a `user:password@` part.
"""
from __future__ import annotations

import os
import socket
import ssl
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ClientError, ConfigurationError, Neo4jError, ServiceUnavailable

from graphload.errors import ConnectionFailed, UsageError
from graphload.store.cypherfiles import cypher_text

DEFAULT_URI = "bolt://localhost:7687"
# Seconds to wait for a server to accept a connection and answer the Bolt handshake. The driver's own
# default waits 60 s before it gives up on a server that accepts TCP and never speaks Bolt.
DEFAULT_CONNECT_TIMEOUT = 10.0
CONNECT_TIMEOUT_ENV = "GRAPHLOAD_CONNECT_TIMEOUT"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "")


def display_uri(uri: str) -> str:
    """The URI as it may be printed: a password in it is replaced by ***.

    >>> display_uri("bolt://neo4j:secret@db.example.org:7687")
    'bolt://neo4j:***@db.example.org:7687'
    """
    scheme, sep, rest = uri.partition("://")
    if not sep:
        return uri
    authority, slash, path = rest.partition("/")
    userinfo, at, host = authority.rpartition("@")
    if not at:
        return uri
    user = userinfo.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}{slash}{path}"


def connect_timeout_from_env() -> float:
    """GRAPHLOAD_CONNECT_TIMEOUT in seconds, else DEFAULT_CONNECT_TIMEOUT."""
    value = os.environ.get(CONNECT_TIMEOUT_ENV)
    if not value:
        return DEFAULT_CONNECT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise UsageError(f"{CONNECT_TIMEOUT_ENV}={value!r} is not a number of seconds above 0 (e.g. 10)")
    return seconds


@dataclass(frozen=True)
class Neo4jSettings:
    """Connection settings; `from_env()` reads NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE
    and GRAPHLOAD_CONNECT_TIMEOUT."""

    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str = "neo4j"
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT

    def __repr__(self) -> str:
        return (f"Neo4jSettings(uri={display_uri(self.uri)!r}, user={self.user!r}, database={self.database!r}, "
                f"connect_timeout={self.connect_timeout!r})")

    @classmethod
    def from_env(cls, **overrides) -> "Neo4jSettings":
        values = {
            "uri": os.environ.get("NEO4J_URI") or DEFAULT_URI,
            "user": os.environ.get("NEO4J_USERNAME") or "neo4j",
            "password": os.environ.get("NEO4J_PASSWORD") or "",
            "database": os.environ.get("NEO4J_DATABASE") or "neo4j",
            "connect_timeout": connect_timeout_from_env(),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def shown_uri(self) -> str:
        return display_uri(self.uri)

    @property
    def is_local(self) -> bool:
        try:
            return (urlsplit(self.uri).hostname or "") in LOCAL_HOSTS
        except ValueError:
            return False


def check_uri(uri: str) -> None:
    """UsageError unless `uri` is a Bolt URI the driver can use (scheme, host, no password inside)."""
    shown = display_uri(uri)
    scheme, sep, rest = uri.partition("://")
    if not sep or scheme.lower() not in SCHEMES:
        raise UsageError(f"--uri / NEO4J_URI {shown!r} is not a Bolt URI: use bolt://HOST:7687 (or neo4j://, "
                         f"bolt+s://, neo4j+s://); Neo4j Browser's http:// address does not take Bolt")
    if "@" in rest.partition("/")[0]:
        raise UsageError(f"--uri / NEO4J_URI {shown!r} holds a user and password: give them as NEO4J_USERNAME / "
                         f"NEO4J_PASSWORD (or --user and the password prompt) and keep the URI to "
                         f"{scheme}://HOST:PORT")
    try:
        parts = urlsplit(uri)
        parts.port
    except ValueError as exc:
        raise UsageError(f"--uri / NEO4J_URI {shown!r} is not a valid URI ({exc})") from None
    if not parts.hostname:
        raise UsageError(f"--uri / NEO4J_URI {shown!r} names no host: write {scheme}://HOST:7687")


def _causes(exc: BaseException):
    """exc, its causes and contexts, and the members of exception groups among them."""
    seen, pending = set(), [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend([current.__cause__, current.__context__, *getattr(current, "exceptions", ())])


def unreachable_reason(exc: BaseException, settings: Neo4jSettings) -> str:
    """Why a server could not be reached, in words that name the fix."""
    causes = list(_causes(exc))
    where = settings.shown_uri
    scheme = settings.uri.partition("://")[0].lower()
    if any(isinstance(c, socket.gaierror) for c in causes):
        host = urlsplit(settings.uri).hostname
        return f"cannot resolve the host {host!r} of {where} (DNS): check the host name in NEO4J_URI / --uri"
    if scheme.endswith(("+s", "+ssc")) and any(
            isinstance(c, ssl.SSLError) or type(c).__name__ == "BoltSecurityError" for c in causes):
        plain = scheme.split("+")[0]
        return (f"TLS handshake with {where} failed: the server does not speak TLS on that port (or its "
                f"certificate is not trusted); use {plain}:// for a server without TLS, or enable TLS on the server")
    if any(isinstance(c, (TimeoutError, socket.timeout)) for c in causes) or "timed out" in str(exc).lower():
        return (f"Neo4j at {where} did not answer within {settings.connect_timeout:g} s (timed out): check the host "
                f"and port are Neo4j's Bolt port, or allow longer with --connect-timeout / {CONNECT_TIMEOUT_ENV}")
    if any("looks like HTTP" in str(c) for c in causes):
        return f"{where} is an HTTP port, not Bolt: use the Bolt port (7687 by default)"
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        hint = ("start it (scripts/neo4j-local start or docker compose up -d) or set NEO4J_URI / --uri"
                if settings.is_local else "check the host and port, and that the server is running and reachable")
        return f"Neo4j at {where} refused the connection (nothing listens there): {hint}"
    hint = ("start it (scripts/neo4j-local start or docker compose up -d) or set NEO4J_URI / --uri"
            if settings.is_local else "check the host and port, and that the server is running and reachable")
    return f"cannot reach Neo4j at {where}: {hint}"


def connect(settings: Neo4jSettings) -> Driver:
    """A verified driver, or ConnectionFailed with one line that says what to fix (never the password)."""
    check_uri(settings.uri)
    where = settings.shown_uri
    try:
        # Notifications (e.g. "relationship type does not exist yet" before the first links) are noise here.
        driver = GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                      notifications_min_severity="OFF", connection_timeout=settings.connect_timeout,
                                      connection_acquisition_timeout=settings.connect_timeout)
    except (ValueError, ConfigurationError) as exc:
        raise UsageError(f"bad Neo4j URI {where!r}: {str(exc).replace(settings.uri, where)}; use bolt://, "
                         f"neo4j://, bolt+s:// or neo4j+s://") from None
    try:
        driver.verify_connectivity()
        driver.execute_query(cypher_text("ping.cypher"), database_=settings.database)
    except AuthError:
        driver.close()
        if not settings.password:
            raise ConnectionFailed(f"no password for user {settings.user!r} at {where}: set NEO4J_PASSWORD, or run "
                                   f"on a terminal to be asked for it") from None
        raise ConnectionFailed(f"Neo4j at {where} refused user {settings.user!r}: check NEO4J_USERNAME / "
                               f"NEO4J_PASSWORD (or --user / --password)") from None
    except ServiceUnavailable as exc:
        driver.close()
        raise ConnectionFailed(unreachable_reason(exc, settings)) from None
    except ClientError as exc:
        driver.close()
        if "database" in (exc.code or "").lower() or "DatabaseNotFound" in (exc.code or ""):
            raise ConnectionFailed(f"Neo4j at {where} has no database {settings.database!r}: use an existing "
                                   f"one (NEO4J_DATABASE / --database; Community edition has only 'neo4j')") from None
        raise ConnectionFailed(f"Neo4j at {where} refused the connection: {exc.message}") from None
    except Neo4jError as exc:
        driver.close()
        raise ConnectionFailed(f"Neo4j at {where} failed: {exc.message}") from None
    except OSError as exc:
        driver.close()
        raise ConnectionFailed(unreachable_reason(exc, settings)) from None
    return driver
