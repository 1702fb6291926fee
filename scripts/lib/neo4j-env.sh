# Sourced by scripts/test and scripts/demo: install graphload into .venv and
# make sure a Neo4j answers.
#
# scripts/demo (ensure_neo4j) fills the user's server: the one at NEO4J_URI if
# set; else docker compose when a Docker engine answers; else scripts/neo4j-local
# (jars from Maven Central). It exports NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD.
#
# scripts/test (ensure_test_neo4j) never touches that server, since the tests wipe
# their database: it ignores NEO4J_URI and uses GRAPHLOAD_TEST_NEO4J_URI if set,
# else its own local server (home .neo4j-test/, Bolt 7688, HTTP 7475), and exports
# GRAPHLOAD_TEST_NEO4J_URI / GRAPHLOAD_TEST_NEO4J_PASSWORD and NEO4J_HTTP_PORT (where
# the browser tests find Neo4j Browser). It also makes sure Chromium is there.
# STARTED_LOCAL_NEO4J=1 when this run started a local server (stop_started_neo4j stops it).

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
  apt_install "for the Neo4j Browser tests (or set CHROMIUM to a Chromium binary)" chromium
}

apt_install() {  # $1: why, then Debian package names
  local why=$1; shift
  echo "Installing $* from Debian's packages $why" >&2
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"; } >&2; then
    echo "error: could not install $* with apt-get; install them and re-run" >&2
    return 1
  fi
}

ensure_java_maven() {  # scripts/neo4j-local needs both (Java 17+, Maven to resolve the jars)
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)  # Java 17 on bookworm, 21 on trixie
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  [ ${#missing[@]} -eq 0 ] || apt_install "for the tests' local Neo4j" "${missing[@]}"
}

ensure_test_neo4j() {
  if [ -n "${NEO4J_URI:-}" ]; then
    echo "scripts/test: ignoring NEO4J_URI=$NEO4J_URI: the tests wipe their database, so they never use yours;" \
         "they use GRAPHLOAD_TEST_NEO4J_URI if set, else their own server" >&2
  fi
  unset NEO4J_URI NEO4J_USERNAME NEO4J_PASSWORD NEO4J_DATABASE
  if [ -n "${GRAPHLOAD_TEST_NEO4J_URI:-}" ]; then
    echo "scripts/test: using the test Neo4j at $GRAPHLOAD_TEST_NEO4J_URI (GRAPHLOAD_TEST_NEO4J_URI)" >&2
    return 0
  fi
  ensure_java_maven
  # The test server's own home, ports and password, whatever the shell says for the user's server.
  export NEO4J_LOCAL_HOME=${GRAPHLOAD_TEST_NEO4J_HOME:-$ROOT/.neo4j-test}
  export NEO4J_BOLT_PORT=${GRAPHLOAD_TEST_NEO4J_BOLT_PORT:-7688}
  export NEO4J_HTTP_PORT=${GRAPHLOAD_TEST_NEO4J_HTTP_PORT:-7475}
  export NEO4J_PASSWORD=graphload-test
  echo "scripts/test: the tests' own Neo4j in $NEO4J_LOCAL_HOME (bolt://127.0.0.1:$NEO4J_BOLT_PORT)" >&2
  if ! "$ROOT/scripts/neo4j-local" status >/dev/null 2>&1; then
    "$ROOT/scripts/neo4j-local" start || {
      echo "scripts/test: other ports: GRAPHLOAD_TEST_NEO4J_BOLT_PORT / GRAPHLOAD_TEST_NEO4J_HTTP_PORT;" \
           "another scratch server: GRAPHLOAD_TEST_NEO4J_URI" >&2
      return 1
    }
    STARTED_LOCAL_NEO4J=1
  fi
  export GRAPHLOAD_TEST_NEO4J_URI=bolt://127.0.0.1:$NEO4J_BOLT_PORT
  export GRAPHLOAD_TEST_NEO4J_USERNAME=neo4j GRAPHLOAD_TEST_NEO4J_PASSWORD=$NEO4J_PASSWORD
  export GRAPHLOAD_TEST_NEO4J_DATABASE=neo4j
  unset NEO4J_PASSWORD
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
