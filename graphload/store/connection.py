"""Where Neo4j is, and opening a driver that says clearly why it can't connect."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ClientError, ConfigurationError, Neo4jError, ServiceUnavailable

from graphload.errors import ConnectionFailed
from graphload.store.cypherfiles import cypher_text

DEFAULT_URI = "bolt://localhost:7687"


@dataclass(frozen=True)
class Neo4jSettings:
    """Connection settings; `from_env()` reads NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE."""

    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str = "neo4j"

    @classmethod
    def from_env(cls, **overrides) -> "Neo4jSettings":
        values = {
            "uri": os.environ.get("NEO4J_URI") or DEFAULT_URI,
            "user": os.environ.get("NEO4J_USERNAME") or "neo4j",
            "password": os.environ.get("NEO4J_PASSWORD") or "",
            "database": os.environ.get("NEO4J_DATABASE") or "neo4j",
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def connect(settings: Neo4jSettings) -> Driver:
    """A verified driver, or ConnectionFailed with one line that says what to fix (never the password)."""
    try:
        # Notifications (e.g. "relationship type does not exist yet" before the first links) are noise here.
        driver = GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                      notifications_min_severity="OFF")
    except (ValueError, ConfigurationError) as exc:
        raise ConnectionFailed(f"bad Neo4j URI {settings.uri!r}: {exc}; use bolt://, neo4j://, bolt+s:// or neo4j+s://") from None
    try:
        driver.verify_connectivity()
        driver.execute_query(cypher_text("ping.cypher"), database_=settings.database)
    except AuthError:
        driver.close()
        raise ConnectionFailed(f"Neo4j at {settings.uri} refused user {settings.user!r}: check NEO4J_USERNAME / "
                               f"NEO4J_PASSWORD (or --user / --password)") from None
    except ServiceUnavailable:
        driver.close()
        raise ConnectionFailed(f"cannot reach Neo4j at {settings.uri}: start it (scripts/neo4j-local start or "
                               f"docker compose up -d) or set NEO4J_URI / --uri") from None
    except ClientError as exc:
        driver.close()
        if "database" in (exc.code or "").lower() or "DatabaseNotFound" in (exc.code or ""):
            raise ConnectionFailed(f"Neo4j at {settings.uri} has no database {settings.database!r}: use an existing "
                                   f"one (NEO4J_DATABASE / --database; Community edition has only 'neo4j')") from None
        raise ConnectionFailed(f"Neo4j at {settings.uri} refused the connection: {exc.message}") from None
    except Neo4jError as exc:
        driver.close()
        raise ConnectionFailed(f"Neo4j at {settings.uri} failed: {exc.message}") from None
    return driver
