package io.scimserver.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sizes of one run. Every option is {@code --name=value} on the command line or {@code BENCH_NAME} in the
 * environment (upper case, dashes as underscores); {@code --scale} multiplies every count (not concurrency, batch
 * size or the 10-member small group), so {@code --scale=0.1} is a smoke run of about a minute and a half.
 */
record Options(
        double scale,
        int createUsers,
        int filterUsers,
        int filterLookups,
        int groupMembers,
        int batch,
        int singleChanges,
        int groupReads,
        int userPatches,
        int cycleUsers,
        int cycleGroups,
        int cycleConcurrency,
        int concurrency,
        int warmupOps,
        int warmupReads,
        int poolSize,
        Duration workloadLimit,
        java.util.Set<String> workloads,
        Duration statsSettle,
        boolean jfr,
        boolean roundTrips,
        String dbSet,
        String serverJvmOptions,
        String pgHost,
        int pgPort,
        String pgUser,
        String pgPassword,
        Path appJar,
        Path outDir) {

    static final String USAGE = """
            usage: bench/run.sh [--name=value ...]   (or BENCH_NAME=value in the environment)
              --scale=1                  multiply every count (0.1 = smoke run)
              --create-users=10000       workload 1: users created at concurrency 1 and at --concurrency
              --filter-users=100000      workload 2: users in the organisation the filter searches
              --filter-lookups=20000     workload 2: lookups
              --group-members=100000     workload 3: members of the large group
              --batch=100                workload 3: members per PATCH
              --single-changes=200       workload 3: single-member add+remove pairs per group
              --group-reads=500          workload 4: reads per group
              --user-patches=10000       workload 7: PATCHes of existing users (at --concurrency)
              --cycle-users=10000        workload 5: users of the initial cycle
              --cycle-groups=100         workload 5: groups of the initial cycle
              --cycle-concurrency=8      workload 5
              --concurrency=16           workloads 1, 2, 6 and 7
              --warmup-ops=5000          creates, lookups and renames before measuring (in their own organisation)
              --warmup-reads=40000       then lookups and HTTP floor requests, each this many times; as many
                                         database floor requests before that floor is measured
              --pool-size=32             JDBC baseline connections (the service's quarkus.datasource.jdbc.max-size)
              --workload-limit=PT20M     each workload stops taking new operations after this
              --stats-settle=PT11S       wait before and after each workload so pg_stat_database is complete
                                         (PT1S below --scale=0.5, where commits/op are then approximate)
              --workloads=1,2,3,4,5,7    which to run (6, the JDBC limit, runs with 1 and 2; 3 and 4 share their groups)
              --jfr=false                record the server with JFR and summarise its samples per workload
              --round-trips=true         count the server's PostgreSQL round trips through a relay in this process
              --db-set="name=value;..."  ALTER DATABASE ... SET for the run's database, e.g. to log plans:
                                         session_preload_libraries=auto_explain;auto_explain.log_min_duration=20
              --server-jvm-options="..."  JVM options for the server (default: none, as java -jar runs it)
              --pg-host=127.0.0.1 --pg-port=5432 --pg-user=postgres --pg-password=
              --app-jar=target/quarkus-app/quarkus-run.jar  --out-dir=bench/target
            """;

    static Options parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("BENCH_")) {
                given.put(k.substring(6).toLowerCase(Locale.ROOT).replace('_', '-'), v);
            }
        });
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                System.out.print(USAGE);
                System.exit(0);
            }
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + a + "\n" + USAGE);
            }
            given.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        Reader r = new Reader(given);
        double scale = Double.parseDouble(r.take("scale", "1"));
        Options o = new Options(scale,
                r.count("create-users", 10_000, scale),
                r.count("filter-users", 100_000, scale),
                r.count("filter-lookups", 20_000, scale),
                r.count("group-members", 100_000, scale),
                r.integer("batch", 100),
                r.count("single-changes", 200, Math.max(scale, 0.25)),
                r.count("group-reads", 500, Math.max(scale, 0.25)),
                r.count("user-patches", 10_000, scale),
                r.count("cycle-users", 10_000, scale),
                r.count("cycle-groups", 100, Math.max(scale, 0.2)),
                r.integer("cycle-concurrency", 8),
                r.integer("concurrency", 16),
                r.count("warmup-ops", 5000, Math.max(scale, 0.15)),
                r.count("warmup-reads", 40_000, Math.max(scale, 0.15)),
                r.integer("pool-size", 32),
                Duration.parse(r.take("workload-limit", "PT20M")),
                java.util.Set.of(r.take("workloads", "1,2,3,4,5,7").split("\\s*,\\s*")),
                Duration.parse(r.take("stats-settle", scale >= 0.5 ? "PT11S" : "PT1S")),
                Boolean.parseBoolean(r.take("jfr", "false")),
                Boolean.parseBoolean(r.take("round-trips", "true")),
                r.take("db-set", ""),
                r.take("server-jvm-options", ""),
                r.take("pg-host", "127.0.0.1"),
                r.integer("pg-port", 5432),
                r.take("pg-user", "postgres"),
                r.take("pg-password", ""),
                Path.of(r.take("app-jar", "target/quarkus-app/quarkus-run.jar")),
                Path.of(r.take("out-dir", "bench/target")));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + given.keySet() + "\n" + USAGE);
        }
        if (o.concurrency() > o.poolSize()) {
            throw new IllegalArgumentException("--concurrency must not exceed --pool-size (one connection per worker)");
        }
        return o;
    }

    boolean runs(String workload) {
        return workloads.contains(workload);
    }

    /** Takes each option once, so what is left over is unknown. */
    private record Reader(Map<String, String> given) {
        String take(String name, String dflt) {
            String v = given.remove(name);
            return v == null || v.isBlank() ? dflt : v.trim();
        }

        int integer(String name, int dflt) {
            return Integer.parseInt(take(name, Integer.toString(dflt)));
        }

        /** An explicit count is taken as given; a default one is scaled. */
        int count(String name, int dflt, double scale) {
            String v = given.remove(name);
            return v != null && !v.isBlank() ? Integer.parseInt(v.trim()) : Math.max(1, (int) Math.round(dflt * scale));
        }
    }
}
