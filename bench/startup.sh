#!/usr/bin/env bash
# Start-up and memory of the packaged service, for serverless containers: time from launching the process to the
# first successful SCIM request, and resident memory after 1,000 requests, for each variant given:
#   jar  - the JVM application:              ./mvnw package -DskipTests
#   aot  - the same with the JDK 25 AOT cache: ./mvnw verify -Dquarkus.package.jar.aot.enabled=true
#   native - the native binary (target/*-runner), where one has been built
# Usage: bench/startup.sh [runs] [variant...]     e.g. bench/startup.sh 5 jar aot
#   JVM_OPTS="..." bench/startup.sh 5 jar aot      the same with JVM options (jar and aot only). The container image's
#   (src/main/docker/Dockerfile.jvm, as its run-java.sh passes them, with -XX:MaxRAM=512m for the manifests' limit):
#   JVM_OPTS="-XX:MaxRAM=512m -XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20
#     -XX:MaxMetaspaceSize=128m -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=1000"; the Knative service adds
#   -XX:TieredStopAtLevel=1.
#   DATABASE=migrated bench/startup.sh 5 aot     restarts on a database an unmeasured first start migrated and
#   bootstrapped (a scaled-to-zero service's cold start); the default, fresh, starts on an empty database.
# Besides the wall-clock time to the first request it prints the CPU time the process had used by then (user +
# system, all threads): on a shared machine the wall clock depends on the neighbours, the CPU time much less.
# Each run uses a fresh database on the PostgreSQL at 127.0.0.1:5432 and free ports (application and management),
# and removes them at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-5}
shift || true
VARIANTS=${*:-jar}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
JVM_OPTS=${JVM_OPTS:-}
DATABASE=${DATABASE:-fresh}
CLK_TCK=$(getconf CLK_TCK)
PG="psql -h 127.0.0.1 -U postgres -qAt -d postgres"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }

command_for() {
  case "$1" in
    jar) echo "$JAVA $JVM_OPTS -jar target/quarkus-app/quarkus-run.jar" ;;
    aot) [ -f target/quarkus-app/app.aot ] || { echo "no target/quarkus-app/app.aot: build with -Dquarkus.package.jar.aot.enabled=true" >&2; exit 1; }
         echo "$JAVA $JVM_OPTS -XX:AOTCache=target/quarkus-app/app.aot -jar target/quarkus-app/quarkus-run.jar" ;;
    native) ls target/*-runner >/dev/null 2>&1 || { echo "no native binary in target/" >&2; exit 1; }
         echo "$(ls target/*-runner | head -1)" ;;
    *) echo "unknown variant $1" >&2; exit 1 ;;
  esac
}

# Starts the variant on database $2 and waits for its first successful SCIM request: sets pid, first (ms from the
# launch) and cpu (ms the process had used by then).
launch() {
  local variant=$1 db=$2 port=$3 mport=$4 tokenfile=$5 start code
  start=$(now_ms)
  QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$mport QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$db" \
    SCIM_BOOTSTRAP_ADMIN=admin@startup.example SCIM_BOOTSTRAP_TOKEN_FILE="$tokenfile" \
    QUARKUS_LOG_LEVEL=WARN $(command_for "$variant") > /tmp/startup-$variant.log 2>&1 &
  pid=$!
  first=""
  for _ in $(seq 1 3000); do
    if [ -s "$tokenfile" ]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(cat "$tokenfile")" \
        "http://127.0.0.1:$port/scim/v2/Users?filter=userName%20eq%20%22probe%22" || true)
      if [ "$code" = 200 ]; then
        first=$(( $(now_ms) - start ))
        cpu=$(awk -v t="$CLK_TCK" '{print int(($14 + $15) * 1000 / t)}' /proc/$pid/stat)
        break
      fi
    fi
    sleep 0.01
  done
}

run_once() {
  local variant=$1 db port mport tokenfile rss
  db="scim_startup_$$_$RANDOM"
  port=$(free_port)
  mport=$(free_port)
  tokenfile=$(mktemp -u)
  $PG -c "create database $db"
  if [ "$DATABASE" = migrated ]; then
    # an unmeasured first start migrates the database and bootstraps the admin; the measured one restarts on it
    launch "$variant" "$db" "$port" "$mport" "$tokenfile"
    [ -n "$first" ] || { echo "no successful SCIM request; see /tmp/startup-$variant.log" >&2; kill $pid; exit 1; }
    kill $pid; wait $pid 2>/dev/null || true
  fi
  launch "$variant" "$db" "$port" "$mport" "$tokenfile"
  if [ -z "$first" ]; then echo "no successful SCIM request; see /tmp/startup-$variant.log" >&2; kill $pid; exit 1; fi
  local token; token=$(cat "$tokenfile")
  seq 1 1000 | xargs -P 4 -I{} curl -s -o /dev/null -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/scim/v2/Users?filter=userName%20eq%20%22user{}%22"
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  $PG -c "drop database $db with (force)"
  rm -f "$tokenfile"
  echo "$first $cpu $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "JVM options: ${JVM_OPTS:-(none, the JVM defaults)}; database: $DATABASE"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %8s %8s %8s   %s\n' variant first_ms cpu_ms rss_mb "runs (first_ms/cpu_ms/rss_mb)"
for v in $VARIANTS; do
  results=()
  for _ in $(seq 1 "$RUNS"); do results+=("$(run_once "$v")"); done
  med_first=$(printf '%s\n' "${results[@]}" | awk '{print $1}' | median)
  med_cpu=$(printf '%s\n' "${results[@]}" | awk '{print $2}' | median)
  med_rss=$(printf '%s\n' "${results[@]}" | awk '{print $3}' | median)
  printf '%-8s %8s %8s %8s   %s\n' "$v" "$med_first" "$med_cpu" "$med_rss" "$(printf '%s ' "${results[@]// //}")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
