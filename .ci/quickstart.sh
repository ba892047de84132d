#!/usr/bin/env bash
# Runs the README's quickstart (the ```sh block after its "quickstart" marker) against `./mvnw quarkus:dev`, the
# README's first command, with the local PostgreSQL out of reach so that dev mode takes its embedded PostgreSQL.
# Fails when a step answers otherwise than the README says, or when dev mode logs a WARN or ERROR line.
set -euo pipefail
cd "$(dirname "$0")/.."

free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}
port=$(free_port 18080)
management_port=$(free_port 19000)
log=target/ci-quickstart-dev.log
out=target/ci-quickstart.out
mkdir -p target
rm -f target/dev-admin-token.txt

SCIM_DEV_LOCAL_PORT=1 setsid ./mvnw -B quarkus:dev -Ddebug=false -Dquarkus.http.port="$port" \
  -Dquarkus.management.port="$management_port" \
  -Dquarkus.console.enabled=false </dev/null >"$log" 2>&1 &
dev=$!
stop() {
  # setsid made dev mode the leader of its own process group: stop Maven and the dev-mode JVM it forked, nothing else
  kill -TERM -- "-$dev" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 -- "-$dev" 2>/dev/null || break; sleep 1; done
}
trap stop EXIT

for _ in $(seq 1 240); do
  grep -q "Listening on" "$log" && break
  kill -0 "$dev" 2>/dev/null || { tail -50 "$log"; echo "dev mode exited"; exit 1; }
  sleep 1
done
grep -q "Listening on" "$log" || { tail -50 "$log"; echo "dev mode did not start in 240 s"; exit 1; }
grep -q "dev database: no PostgreSQL on 127.0.0.1:1 and no container runtime, so an embedded PostgreSQL" "$log" \
  || { grep "dev database" "$log"; echo "dev mode did not choose the embedded PostgreSQL"; exit 1; }
for _ in $(seq 1 30); do [ -s target/dev-admin-token.txt ] && break; sleep 1; done

awk '/<!-- quickstart/ {on=1; next} on && /^```sh/ {code=1; next} code && /^```/ {exit} code {print}' README.md \
  > target/ci-quickstart.sh
BASE="http://127.0.0.1:$port" bash -euo pipefail target/ci-quickstart.sh | tee "$out"

for expected in '"totalResults":0' 'login: 200' 'disable: 200' 'login: 401' '"operation":"patch"'; do
  grep -qF "$expected" "$out" || { echo "quickstart: expected $expected in its output"; exit 1; }
done
if grep -E '^[0-9-]+ [0-9:,]+ (WARN|ERROR) ' "$log"; then
  echo "dev mode logged WARN or ERROR lines (above)"
  exit 1
fi
echo "quickstart: README steps answered as documented, against dev mode on the embedded PostgreSQL"
