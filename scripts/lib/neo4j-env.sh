# Sourced by scripts/test and scripts/demo: install graphload into .venv and
# make sure a Neo4j answers, exporting NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD
# (and NEO4J_HTTP_PORT, where Neo4j Browser is); scripts/test also makes sure
# Chromium is there for the browser tests.
#
# Order: the server at NEO4J_URI if set; else docker compose when a Docker
# engine answers; else scripts/neo4j-local (jars from Maven Central).
# STARTED_LOCAL_NEO4J=1 when this run started the local server.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STARTED_LOCAL_NEO4J=0

install_graphload() {  # $1: pip extras, e.g. "[test]" or ""
  if [ ! -x "$ROOT/.venv/bin/python" ]; then
    python3 -m venv "$ROOT/.venv"
  fi
  "$ROOT/.venv/bin/python" -m pip install --quiet --upgrade pip >/dev/null
  "$ROOT/.venv/bin/python" -m pip install --quiet -e "$ROOT$1"
  export PATH="$ROOT/.venv/bin:$PATH"
}

ensure_chromium() {  # the browser tests drive the system's Chromium (Playwright downloads none)
  # the same places tests/e2e/neo4j_browser.py looks: $CHROMIUM, chromium, chromium-browser, google-chrome
  local name
  for name in ${CHROMIUM:-} chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then return 0; fi
  done
  echo "Installing Chromium from Debian's packages for the Neo4j Browser tests" >&2
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium; } >&2; then
    echo "error: could not install chromium with apt-get; install it (or set CHROMIUM to a Chromium binary) and re-run" >&2
    return 1
  fi
}

ensure_neo4j() {
  export NEO4J_USERNAME=${NEO4J_USERNAME:-neo4j}
  export NEO4J_PASSWORD=${NEO4J_PASSWORD:-graphload-dev}
  if [ -n "${NEO4J_URI:-}" ]; then
    echo "Using the Neo4j at $NEO4J_URI" >&2
    return 0
  fi
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    echo "Starting Neo4j with docker compose" >&2
    NEO4J_AUTH="neo4j/$NEO4J_PASSWORD" docker compose -f "$ROOT/docker-compose.yml" up -d --wait
    export NEO4J_URI=bolt://127.0.0.1:7687
    return 0
  fi
  echo "No NEO4J_URI and no Docker engine: starting a local Neo4j from Maven Central jars" >&2
  export NEO4J_LOCAL_HOME=${NEO4J_LOCAL_HOME:-$ROOT/.neo4j-local}
  export NEO4J_BOLT_PORT=${NEO4J_BOLT_PORT:-7687}
  export NEO4J_HTTP_PORT=${NEO4J_HTTP_PORT:-7474}
  if ! "$ROOT/scripts/neo4j-local" status >/dev/null 2>&1; then
    "$ROOT/scripts/neo4j-local" start
    STARTED_LOCAL_NEO4J=1
  fi
  export NEO4J_URI=bolt://127.0.0.1:$NEO4J_BOLT_PORT
}

stop_started_neo4j() {
  if [ "$STARTED_LOCAL_NEO4J" = 1 ]; then "$ROOT/scripts/neo4j-local" stop >&2 || true; fi
}
