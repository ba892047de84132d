#!/usr/bin/env bash
# One command for the benchmark (see BENCHMARKS.md): builds the service if its sources are newer than the packaged
# application, builds the harness (bench/, its own Maven module), then runs it. The harness creates a database
# scim_bench_<random>, starts the service on a free port of 127.0.0.1, warms up, runs the workloads and the JDBC
# baseline, prints the figures, stops the server and drops the database.
#
#   bench/run.sh                 # the full run recorded in BENCHMARKS.md (about 9 minutes on 2 cores)
#   bench/run.sh --scale=0.1     # a smoke run of about a minute and a half
#   bench/run.sh --help          # every option (also settable as BENCH_<NAME> environment variables)
set -euo pipefail
cd "$(dirname "$0")/.."

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" || "$(java_major "$JAVA_HOME")" -lt 21 ]]; then
  for jdk in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    if [[ -x "$jdk/bin/javac" && "$(java_major "$jdk")" -ge 21 ]]; then export JAVA_HOME="${jdk%/}"; break; fi
  done
fi
if [[ -z "${JAVA_HOME:-}" || "$(java_major "$JAVA_HOME")" -lt 21 ]]; then
  echo "bench/run.sh needs JDK 21 or newer: set JAVA_HOME" >&2; exit 2
fi
export PATH="$JAVA_HOME/bin:$PATH"

app=target/quarkus-app/quarkus-run.jar
if [[ ! -f $app || -n "$(find pom.xml src/main -newer "$app" -print -quit)" ]]; then
  echo "[bench] building the service (./mvnw -q package -DskipTests)" >&2
  ./mvnw -q package -DskipTests
fi
if [[ ! -f bench/target/classpath.txt || -n "$(find bench/pom.xml bench/src -newer bench/target/classpath.txt -print -quit)" ]]; then
  echo "[bench] building the harness (./mvnw -q -f bench/pom.xml package)" >&2
  ./mvnw -q -f bench/pom.xml package
  touch bench/target/classpath.txt   # build-classpath leaves an unchanged file alone; this marks the build
fi
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.scimserver.bench.Bench "$@"
