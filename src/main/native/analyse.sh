#!/usr/bin/env bash
# Runs GraalVM's native-image builder on this application as far as a machine without GraalVM/Mandrel allows:
# class initialisation, points-to analysis, universe, compilation, and writing the image's object file. It stops
# before the link, which needs SubstrateVM's C libraries and the JDK's static libraries that only a GraalVM/Mandrel
# distribution ships. Report: target/native-analysis/report.txt (also printed); full output: builder.log there.
#
#   src/main/native/analyse.sh                    # generates target/native-sources first
#   SKIP_SOURCES=1 src/main/native/analyse.sh     # reuse target/native-sources as it is
#   ANALYSE_DRY_RUN=1 src/main/native/analyse.sh  # only write the builder command (builder-command.txt)
#
# What it uses: the builder's Java part from Maven Central (src/main/native/pom.xml pins the version), run on a
# JDK 25 with JVMCI (JAVA_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64), over exactly the arguments Quarkus wrote to
# target/native-sources/native-image.args. Analyse.java does what GraalVM's `native-image` driver would do (it is not
# published on Maven Central). Needs about 6-7 GB of memory; BUILDER_XMX (default 7g) sets the builder's heap.
# Exit status: 0 when the object file was written, non-zero otherwise (the report says why).
set -euo pipefail
cd "$(dirname "$0")/../../.."

if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export PATH="$JAVA_HOME/bin:$PATH"
java -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -version >/dev/null 2>&1 \
  || { echo "analyse.sh: $JAVA_HOME has no JVMCI (needs a JDK 25 built with it, e.g. Temurin 25)" >&2; exit 2; }

out=target/native-analysis
rm -rf "$out"
mkdir -p "$out"

if [ "${SKIP_SOURCES:-}" != 1 ] || [ ! -s target/native-sources/native-image.args ]; then
  echo "analyse.sh: generating target/native-sources (Quarkus's native build steps, no GraalVM needed)"
  ./mvnw -B -q package -Dnative -Dquarkus.native.sources-only=true -DskipTests
fi

echo "analyse.sh: resolving the builder from Maven Central (src/main/native/pom.xml)"
./mvnw -B -q -f src/main/native/pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/$out/builder"
version=$(./mvnw -B -q -f src/main/native/pom.xml help:evaluate -Dexpression=graalvm.version -DforceStdout)

javac -d "$out/patch" $(find src/main/native/patch -name '*.java')

dry_run=false
[ "${ANALYSE_DRY_RUN:-}" = 1 ] && dry_run=true
echo "analyse.sh: running the builder (GraalVM $version) — several minutes"
exec nice -n "${NICE:-10}" java -Danalyse.dryRun="$dry_run" -Dgraalvm.version="$version" -Dbuilder.xmx="${BUILDER_XMX:-7g}" \
  -Dbuilder.patch="$out/patch" src/main/native/Analyse.java "$out/builder" target/native-sources "$out"
