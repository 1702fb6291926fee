"""The test server is a real Neo4j: constraints are enforced, parameters round-trip."""
import pytest
from neo4j.exceptions import ConstraintError

pytestmark = pytest.mark.neo4j


def test_uniqueness_constraint_is_enforced(neo4j_db, neo4j_settings):
    db = neo4j_settings.database
    neo4j_db.execute_query("CREATE CONSTRAINT probe_id IF NOT EXISTS FOR (p:Probe) REQUIRE p.id IS UNIQUE", database_=db)
    neo4j_db.execute_query("CREATE (:Probe {id: $id})", id="one", database_=db)
    with pytest.raises(ConstraintError):
        neo4j_db.execute_query("CREATE (:Probe {id: $id})", id="one", database_=db)


def test_parameters_round_trip_verbatim(neo4j_db, neo4j_settings):
    tricky = 'x"}) MATCH (n) DETACH DELETE n // \'quotes\' {braces} \\back\\slash $param `tick`'
    records, _, _ = neo4j_db.execute_query("CREATE (p:Probe {title: $t}) RETURN p.title AS title",
                                           t=tricky, database_=neo4j_settings.database)
    assert records[0]["title"] == tricky
