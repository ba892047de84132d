package io.scimserver.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark: a fresh database and a freshly started server, a warm-up, the six workloads of the issue (Entra-shaped
 * requests, and the JDBC limit in the same run), the checks that the database holds what was sent, and the figures
 * side by side with that limit. Run by {@code bench/run.sh}; cleans up after itself.
 */
public final class Bench {

    private final Options o;
    private final Database db;
    private final Server server;
    private final RoundTrips relay;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();
    private final Random random = new Random(42);
    private Usage usage;
    private Connection sql;
    private boolean failed;

    private Bench(Options o, Database db, Server server, RoundTrips relay) {
        this.o = o;
        this.db = db;
        this.server = server;
        this.relay = relay;
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (!Files.isRegularFile(o.appJar())) {
            throw new IllegalStateException(o.appJar() + " is missing: run ./mvnw package -DskipTests first");
        }
        Database db = new Database(o);
        Server server = new Server(o, db.name);
        RoundTrips relay = o.roundTrips() ? new RoundTrips(o.pgHost(), o.pgPort()) : null;
        Thread cleanup = new Thread(() -> {
            server.close();
            db.close();
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean ok;
        String report;
        try {
            db.create();
            log("database " + db.name + ", server on 127.0.0.1:" + server.port + " (log " + server.log + ")");
            server.start(o, relay == null ? db.url() : "jdbc:postgresql://127.0.0.1:" + relay.port() + "/" + db.name
                    + "?sslmode=disable&gssEncMode=disable");
            Bench b = new Bench(o, db, server, relay);
            b.run();
            server.close();
            report = b.report();
            ok = !b.failed;
        } finally {
            server.close();
            if (relay != null) {
                relay.close();
            }
            db.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        System.out.println(report);
        Files.writeString(o.outDir().resolve("results-" + db.name + ".md"), report);
        log("written " + o.outDir().resolve("results-" + db.name + ".md"));
        System.exit(ok ? 0 : 1);
    }

    private void run() throws Exception {
        sql = db.connect();
        usage = new Usage(db, server.pid(), o.statsSettle(), relay == null ? null : relay::count);
        try (Baseline jdbc = new Baseline(db, o.poolSize())) {
            Org bench = org("bench");
            UUID benchOrg = bench.orgId();
            UUID baselineOrg = org("baseline").orgId();
            warmUp(jdbc);
            if (o.runs("1") || o.runs("2") || o.runs("5")) {
                floor(FLOOR);
            }

            // 1 + 6: creating users, service and JDBC, at concurrency 1 and N, interleaved so the table sizes match
            for (int c : o.runs("1") ? new int[] { 1, o.concurrency() } : new int[0]) {
                String prefix = "c" + c + "-";
                measure("1", "create users (GET filter + POST)", c, o.createUsers(), (i, rec) -> {
                    String un = prefix + i + "@bench.example";
                    if (rec.time("GET filter", () -> bench.scim.findUser(un)) != 0) {
                        throw new IllegalStateException(un + " exists before its creation");
                    }
                    rec.time("POST", () -> bench.scim.createUser(un, prefix + i, "Given" + i, "Family"));
                });
                if (c == o.concurrency()) {
                    rssAfterCreates = rssMegabytes(server.pid());
                }
                measure("6", "JDBC insert into users", c, o.createUsers(), (i, rec) -> rec.time("insert",
                        () -> { jdbc.insert(baselineOrg, "j" + c + "-" + i + "@bench.example", "j" + i, "Given" + i, "Family");
                            return null; }));
            }

            long population = 0;
            if (o.runs("2") || o.runs("3") || o.runs("4") || o.runs("7")) {
                population = populate(benchOrg);
            }
            if (o.runs("2")) {
                lookups(bench, benchOrg, jdbc);
            }
            if (o.runs("7")) {
                userPatches(bench, benchOrg);
            }
            if (o.runs("3") || o.runs("4")) {
                groups(bench, benchOrg);
            }
            if (o.runs("5")) {
                cycle();
            }
            if (o.runs("2")) {
                databaseFloor();
            }
            checkCount("users of the JDBC baseline (and its organisation's admin)", 1L + (o.runs("1") ? 2L * o.createUsers() : 0),
                    Database.count(sql, "select count(*) from users where org_id = ?", baselineOrg));
            checkCount("users of the bench organisation", 1L + Math.max(population, o.runs("1") ? 2L * o.createUsers() : 0),
                    Database.count(sql, "select count(*) from users where org_id = ?", benchOrg));
        } finally {
            sql.close();
        }
    }

    /**
     * Brings the organisation to the number of users the lookups and the large group need. The users that workload 1
     * did not create are added by SQL (not measured); then the tables are analysed as autovacuum would have by then.
     */
    private long populate(UUID orgId) throws Exception {
        long population = Math.max(o.filterUsers(), o.groupMembers() + o.singleChanges());
        long have = Database.count(sql, "select count(*) from users where org_id = ?", orgId) - 1;
        if (have < population) {
            log("adding " + (population - have) + " users to the organisation by SQL (not measured)");
            Database.bulkUsers(sql, orgId, "t-", 0, (int) (population - have));
        }
        Database.execute(sql, "vacuum analyze users");
        Database.execute(sql, "vacuum analyze memberships");
        return Math.max(population, have);
    }

    /** Workload 2 and its JDBC limit: lookups of existing users by userName, in the same random order. */
    private void lookups(Org bench, UUID orgId, Baseline jdbc) throws Exception {
        List<String> names = Database.strings(sql,
                "select user_name from users where org_id = ? and user_name not like 'admin@%' order by user_name", orgId);
        Collections.shuffle(names, random);
        List<String> lookups = new ArrayList<>(names.subList(0, Math.min(names.size(), o.filterUsers())));
        measure("2", "GET /Users?filter=userName eq (" + names.size() + " users)", o.concurrency(), o.filterLookups(),
                (i, rec) -> {
                    String un = lookups.get((int) ((i * 7919L) % lookups.size()));
                    if (rec.time("GET filter", () -> bench.scim.findUser(un)) != 1) {
                        throw new IllegalStateException(un + " not found");
                    }
                });
        measure("6", "JDBC select by lower(user_name)", o.concurrency(), o.filterLookups(), (i, rec) -> {
            String un = lookups.get((int) ((i * 7919L) % lookups.size()));
            if (rec.time("select", () -> jdbc.select(orgId, un)) != 1) {
                throw new IllegalStateException(un + " not found by JDBC");
            }
        });
    }

    /**
     * Workload 7: Entra's most frequent request after its first cycle, a change of an existing user's attributes,
     * each {@code PATCH} to another user, in a random order.
     */
    private void userPatches(Org bench, UUID orgId) throws Exception {
        List<String> ids = Database.strings(sql,
                "select id::text from users where org_id = ? and user_name not like 'admin@%' order by id", orgId);
        Collections.shuffle(ids, random);
        measure("7", "PATCH /Users/{id}: Replace displayName and name.familyName (" + ids.size() + " users)",
                o.concurrency(), o.userPatches(), (i, rec) -> {
                    String id = ids.get(i % ids.size());
                    rec.time("PATCH user", () -> {
                        bench.scim.renameUser(id, "Renamed " + i, "Family" + i);
                        return null;
                    });
                });
        checkCount("users renamed by workload 7", Math.min(o.userPatches(), ids.size()), Database.count(sql,
                "select count(*) from users where org_id = ? and display_name like 'Renamed %'", orgId));
    }

    private static final String FLOOR = "HTTP floor: GET /q/health/live (no database)";
    private static final String FLOOR_AGAIN = "HTTP floor again, beside the database floor";

    /**
     * The HTTP floor, the unit of the targets: as many {@code GET /q/health/live} on the management port (no database,
     * no authentication) as workload 2 makes lookups, at its concurrency, through the same client.
     */
    private void floor(String what) throws Exception {
        measure("6", what, o.concurrency(), o.filterLookups(), (i, rec) -> {
            if (!"UP".equals(rec.time("live", () -> Scim.live(server.managementPort)))) {
                throw new IllegalStateException("the server is not live");
            }
        });
    }

    /**
     * The database floor: as many {@code GET /q/health/ready} as workload 2 makes lookups, at its concurrency. Each
     * borrows a pooled connection on a worker thread and validates it with one round trip (an empty query), with no
     * authentication and none of the service's code: the framework's own request that reads the database. A bare
     * route would save only SmallRye Health's part of it (about a quarter of its CPU-time samples).
     * It runs last, after a warm-up of its own and the HTTP floor again, and is judged against that one (the machine's
     * speed drifts within a run): a backend that ran only empty queries publishes their transactions with its next
     * real query, into a later workload's counters.
     */
    private void databaseFloor() throws Exception {
        log("warm-up of the database floor: " + o.warmupReads() + " GET /q/health/ready");
        Load.Result warm = Load.run(o.warmupReads(), o.concurrency(), o.workloadLimit(), (i, rec) -> ready());
        if (warm.rec().errors() > 0) {
            throw new IllegalStateException("the database floor's warm-up failed: " + warm.rec().firstErrors());
        }
        floor(FLOOR_AGAIN);
        measure("6", "database floor: GET /q/health/ready (one pooled connection check)", o.concurrency(),
                o.filterLookups(), (i, rec) -> rec.time("ready", () -> {
                    ready();
                    return null;
                }));
    }

    private void ready() {
        if (!Scim.ready(server.managementPort)) {
            throw new IllegalStateException("the server is not ready");
        }
    }

    private long rssAfterCreates = -1;

    /** The server's resident memory (VmRSS) in MB; -1 when unreadable. */
    private static long rssMegabytes(long pid) {
        try {
            return Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).orElse(-1L);
        } catch (Exception e) {
            return -1;
        }
    }

    /** Workloads 3 and 4: a large and a 10-member group; growth, single-member changes, reads without members. */
    private void groups(Org bench, UUID orgId) throws Exception {
        List<String> ids = Database.strings(sql,
                "select id::text from users where org_id = ? and user_name not like 'admin@%' order by id", orgId);
        Collections.shuffle(ids, random);
        List<String> probes = ids.subList(0, o.singleChanges());
        List<String> members = ids.subList(o.singleChanges(), o.singleChanges() + o.groupMembers());
        String large = bench.scim.createGroup("large", "large");
        String small = bench.scim.createGroup("small", "small");
        bench.scim.addMembers(small, members.subList(0, 10));
        int batches = (members.size() + o.batch() - 1) / o.batch();
        measure("3", "grow the large group to " + members.size() + " members (PATCH add x" + o.batch() + ")", 1,
                batches, (i, rec) -> rec.time("PATCH add batch", () -> {
                    bench.scim.addMembers(large, members.subList(i * o.batch(), Math.min(members.size(), (i + 1) * o.batch())));
                    return null; }));
        Database.execute(sql, "vacuum analyze memberships");
        Row single = measure("3", "single-member add + remove, large and small group, interleaved", 1, o.singleChanges(),
                (i, rec) -> {
                    List<String> one = List.of(probes.get(i));
                    rec.time("large add", () -> { bench.scim.addMembers(large, one); return null; });
                    rec.time("large remove", () -> { bench.scim.removeMembers(large, one); return null; });
                    rec.time("small add", () -> { bench.scim.addMembers(small, one); return null; });
                    rec.time("small remove", () -> { bench.scim.removeMembers(small, one); return null; });
                });
        Row reads = measure("4", "GET /Groups/{id}?excludedAttributes=members, large and small, interleaved", 1,
                o.groupReads(), (i, rec) -> {
                    rec.time("large read", () -> { bench.scim.readGroupWithoutMembers(large); return null; });
                    rec.time("small read", () -> { bench.scim.readGroupWithoutMembers(small); return null; });
                });
        ratios.add(new Ratio("3", "single-member add", single, "large add", "small add"));
        ratios.add(new Ratio("3", "single-member remove", single, "large remove", "small remove"));
        ratios.add(new Ratio("4", "read without members", reads, "large read", "small read"));
        checkCount("members of the large group", members.size(), Database.count(sql,
                "select count(*) from memberships where role_id = ?::uuid", large));
        checkCount("members of the small group", 10, Database.count(sql,
                "select count(*) from memberships where role_id = ?::uuid", small));
    }

    private record Ratio(String id, String what, Row row, String large, String small) {
        double largeP50() {
            return row.result().rec().histogram(large).getValueAtPercentile(50) / 1000.0;
        }

        double smallP50() {
            return row.result().rec().histogram(small).getValueAtPercentile(50) / 1000.0;
        }
    }

    private final List<Ratio> ratios = new ArrayList<>();

    /** Workload 5: Entra's initial cycle into an empty organisation: probe, users, then groups with their members. */
    private void cycle() throws Exception {
        Org org = org("cycle");
        int n = o.cycleUsers();
        int g = o.cycleGroups();
        String[] ids = new String[n];
        int[] sizes = new int[g];
        long memberships = 0;
        for (int k = 0; k < g; k++) {
            double p = k / (double) g;
            double share = k == 0 || p < 0.01 ? 0.5 : p < 0.05 ? 0.1 : p < 0.20 ? 0.02 : p < 0.50 ? 0.005 : 0.001;
            sizes[k] = Math.max(1, (int) Math.round(n * share));
            memberships += sizes[k];
        }
        AtomicLong requests = new AtomicLong();
        Load.Recorder rec = new Load.Recorder();
        Usage.Window w = usage.start();
        long t0 = System.nanoTime();
        rec.time("probe", () -> org.scim.findUser(UUID.randomUUID().toString()));
        rec.time("probe", () -> org.scim.findGroup(UUID.randomUUID().toString()));
        Load.Result users = Load.run(n, o.cycleConcurrency(), o.workloadLimit(), rec, (i, r) -> {
            String un = "cy-" + i + "@bench.example";
            if (r.time("GET filter", () -> org.scim.findUser(un)) != 0) {
                throw new IllegalStateException(un + " exists before its creation");
            }
            ids[i] = r.time("POST user", () -> org.scim.createUser(un, "cy" + i, "Given" + i, "Family"));
        });
        Load.Result groups = Load.run(g, o.cycleConcurrency(), o.workloadLimit(), rec, (k, r) -> {
            String name = "group-" + k;
            if (r.time("GET group filter", () -> org.scim.findGroup(name)) != 0) {
                throw new IllegalStateException(name + " exists before its creation");
            }
            String id = r.time("POST group", () -> org.scim.createGroup(name, "gx" + k));
            int start = (int) ((k * 7919L) % n);
            List<String> all = new ArrayList<>(sizes[k]);
            for (int j = 0; j < sizes[k]; j++) {
                all.add(ids[(start + j) % n]);
            }
            for (int b = 0; b < all.size(); b += o.batch()) {
                List<String> batch = all.subList(b, Math.min(all.size(), b + o.batch()));
                r.time("PATCH add members", () -> { org.scim.addMembers(id, batch); return null; });
            }
        });
        long nanos = System.nanoTime() - t0;
        Usage.Cost cost = w.stop();
        int objects = users.ops() + groups.ops();
        Load.Result whole = new Load.Result(objects, n + g, nanos, rec);
        Row row = new Row("5", "initial cycle: " + n + " users, " + g + " groups, " + memberships + " memberships",
                o.cycleConcurrency(), whole, rec.merged(), cost);
        rows.add(row);
        report(row);
        cycleMemberships = memberships;
        failed |= rec.errors() > 0;
        checkCount("users of the cycle organisation", 1L + n, Database.count(sql,
                "select count(*) from users where org_id = ?", org.orgId));
        checkCount("groups of the cycle organisation", g, Database.count(sql,
                "select count(*) from roles where org_id = ? and source = 'PROVISIONED'", org.orgId));
        checkCount("group memberships of the cycle organisation", memberships, Database.count(sql,
                "select count(*) from memberships m join roles r on r.id = m.role_id where r.org_id = ? and r.source = 'PROVISIONED'",
                org.orgId));
        checkCount("PUBLIC memberships of the cycle organisation", 1L + n, Database.count(sql,
                "select count(*) from memberships m join roles r on r.id = m.role_id where r.org_id = ? and r.name = 'PUBLIC'",
                org.orgId));
    }

    private long cycleMemberships;

    /**
     * Creates and exercises an organisation of its own until the JITs of server and harness have compiled what the
     * workloads run. A path reaches its steady state only after tens of thousands of requests on two busy cores: with
     * 2,000, the HTTP floor measured first cost 0.17 ms of server CPU per request and 0.03 ms after 40,000 more, and
     * lookups 0.56 ms, then 0.33 and 0.23 ms in two more rounds of 20,000 (BENCHMARKS.md, sixth session).
     */
    private void warmUp(Baseline jdbc) throws Exception {
        Org warm = org("warmup");
        int n = o.warmupOps();
        log("warm-up: " + n + " creates, lookups, renames, group changes and JDBC operations, then " + o.warmupReads()
                + " lookups and HTTP floor requests");
        String[] ids = new String[n];
        Load.Result r = Load.run(n, o.concurrency(), o.workloadLimit(), (i, rec) -> {
            String un = "w-" + i + "@bench.example";
            warm.scim.findUser(un);
            ids[i] = warm.scim.createUser(un, "w" + i, "G", "F");
            warm.scim.findUser(un);
            warm.scim.renameUser(ids[i], "W " + i, "F" + i);
            jdbc.insert(warm.orgId, "wj-" + i + "@bench.example", "wj" + i, "G", "F");
            jdbc.select(warm.orgId, un);
        });
        String group = warm.scim.createGroup("warm", "warm");
        Load.Result r2 = Load.run(n / 10, 1, o.workloadLimit(), (i, rec) -> {
            warm.scim.addMembers(group, List.of(ids[i], ids[n - 1 - i]));
            warm.scim.removeMembers(group, List.of(ids[n - 1 - i]));
            warm.scim.readGroupWithoutMembers(group);
        });
        Load.Result r3 = Load.run(o.warmupReads(), o.concurrency(), o.workloadLimit(), (i, rec) -> {
            warm.scim.findUser("w-" + (i % n) + "@bench.example");
            Scim.live(server.managementPort);
        });
        long errors = r.rec().errors() + r2.rec().errors() + r3.rec().errors();
        if (errors > 0) {
            throw new IllegalStateException("the warm-up failed: " + r.rec().firstErrors() + r2.rec().firstErrors()
                    + r3.rec().firstErrors());
        }
    }

    private record Org(UUID orgId, Scim scim) {
    }

    private Org org(String name) throws Exception {
        JsonNode created = Scim.createOrg(server.port, server.operatorToken, name);
        return new Org(UUID.fromString(created.path("id").asText()), new Scim(server.port, created.path("adminToken").asText()));
    }

    private Row measure(String id, String what, int concurrency, int count, Load.Op op) throws Exception {
        Usage.Window w = usage.start();
        Load.Result r = Load.run(count, concurrency, o.workloadLimit(), op);
        Usage.Cost cost = w.stop();
        Row row = new Row(id, what, concurrency, r, r.rec().merged(), cost);
        rows.add(row);
        report(row);
        failed |= r.rec().errors() > 0;
        return row;
    }

    private void report(Row r) {
        log(String.format("%s %-60s c=%-2d %7d ops %7.1f ops/s %8.1f req/s p50 %6.2f ms p99 %7.2f ms errors %d%s",
                r.id(), r.what(), r.concurrency(), r.result().ops(), r.result().opsPerSecond(),
                r.result().requestsPerSecond(), r.p50(), r.p99(), r.result().rec().errors(),
                r.result().rec().firstErrors().isEmpty() ? "" : " first: " + r.result().rec().firstErrors()));
    }

    private void checkCount(String what, long expected, long actual) {
        boolean ok = expected == actual;
        failed |= !ok;
        checks.add(String.format("| %s | %d | %d | %s |", what, expected, actual, ok ? "ok" : "**MISMATCH**"));
    }

    // ---- the report ----

    private String report() throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("## Run of ").append(LocalDate.now()).append(" (database ").append(db.name).append(")\n\n");
        out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(memory()).append(", ").append(cpuModel()).append("; load average at the end ")
                .append(Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim()).append(".  \n");
        out.append("Options: scale ").append(o.scale()).append(", concurrency ").append(o.concurrency())
                .append(", cycle concurrency ").append(o.cycleConcurrency()).append(", batch ").append(o.batch())
                .append(", JDBC pool ").append(o.poolSize()).append(", warm-up ").append(o.warmupOps()).append(" ops + ").append(o.warmupReads()).append(" reads, server JVM options ").append(o.serverJvmOptions().isBlank() ? "none" : o.serverJvmOptions())
                .append(o.jfr() ? " + JFR (profile)" : "").append(", pg_stat_database")
                .append(" read ").append(o.statsSettle().toSeconds()).append(" s after each workload")
                .append(o.statsSettle().toSeconds() < 11 ? " (idle backends publish within 10 s: commits/op are approximate)" : "")
                .append(".\n\n");
        out.append("| # | workload | conc | ops | time s | ops/s | req/s | p50 ms | p99 ms | errors"
                + " | server CPU ms/op | PG CPU ms/op | load-gen CPU ms/op | CPU ceiling ops/s | machine busy | commits/op"
                + " | PG round trips/op | busy PG backends (avg) |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append(String.format("| %s | %s | %d | %d%s | %.1f | %.0f | %.0f | %.2f | %.2f | %d | %.2f | %.2f | %.2f | %.0f | %.0f%% | %.2f | %.2f | %s |%n",
                    r.id(), r.what(), r.concurrency(), r.result().ops(), r.result().complete() ? "" : " of " + r.result().planned(),
                    r.result().seconds(), r.result().opsPerSecond(), r.result().requestsPerSecond(), r.p50(), r.p99(),
                    r.result().rec().errors(), r.serverCpuPerOp(), r.pgCpuPerOp(), r.loadCpuPerOp(),
                    r.cpuCeiling(), 100 * r.cost().machineBusy(), r.commitsPerOp(), r.roundTripsPerOp(), r.cost().states(4)));
        }
        out.append(targets());
        out.append("\n### Against the JDBC limit (no targets since #18) and the other targets\n\n"
                + "| target | measured | met |\n|---|---|---|\n");
        Optional<Row> createN = find("1", o.concurrency());
        Optional<Row> insertN = find("6", o.concurrency(), "insert");
        if (createN.isPresent() && insertN.isPresent()) {
            out.append(target(String.format("(create users at c=%d, no target)", o.concurrency()),
                    createN.get(), insertN.get(), "users/s", "inserts/s", Double.NaN));
        }
        Optional<Row> create1 = find("1", 1);
        Optional<Row> insert1 = find("6", 1, "insert");
        if (create1.isPresent() && insert1.isPresent()) {
            out.append(target("(create users at c=1, no target)", create1.get(), insert1.get(), "users/s", "inserts/s",
                    Double.NaN));
        }
        Optional<Row> lookup = find("2", o.concurrency());
        Optional<Row> select = find("6", o.concurrency(), "select");
        if (lookup.isPresent() && select.isPresent()) {
            out.append(target(String.format("(filter lookups at c=%d, no target)", o.concurrency()),
                    lookup.get(), select.get(), "lookups/s", "selects/s", Double.NaN));
        }
        Optional<Row> floor = find("6", o.concurrency(), FLOOR);
        if (floor.isPresent() && select.isPresent()) {
            out.append(target(String.format("(the HTTP floor at c=%d, no target: no endpoint can do more)",
                    o.concurrency()), floor.get(), select.get(), "requests/s", "selects/s", Double.NaN));
        }
        for (Ratio q : ratios) {
            double v = q.largeP50() / q.smallP50();
            out.append(String.format("| %s: large/small p50 <= 1.5 | p50 %.2f ms (%s) vs %.2f ms (%s) = %.2f | %s |%n",
                    q.what(), q.largeP50(), q.large(), q.smallP50(), q.small(), v, v <= 1.5 ? "yes" : "**no**"));
        }
        long errors = rows.stream().mapToLong(r -> r.result().rec().errors()).sum();
        out.append("| no error responses | ").append(errors).append(" errors | ").append(errors == 0 ? "yes" : "**no**")
                .append(" |\n");
        boolean countsOk = checks.stream().noneMatch(c -> c.contains("MISMATCH"));
        out.append("| row counts match what was sent | ").append(checks.size()).append(" counts checked | ")
                .append(countsOk ? "yes" : "**no**").append(" |\n\n");
        rows.stream().filter(r -> r.id().equals("3") && r.what().startsWith("grow")).findFirst().ifPresent(grow ->
                out.append(String.format("Workload 3 growth: %.1f s for %d PATCH requests (%.0f members/s).  %n",
                        grow.result().seconds(), grow.result().ops(), grow.result().ops() * o.batch() / grow.result().seconds())));
        find("5", o.cycleConcurrency()).ifPresent(cycle -> out.append(String.format(
                "Workload 5 initial cycle: %.1f s, %.0f objects/s (users + groups), %.0f memberships/s, %d requests.%n",
                cycle.result().seconds(), cycle.result().opsPerSecond(), cycleMemberships / cycle.result().seconds(),
                cycle.result().rec().requests())));
        out.append("""

                *CPU ceiling* = cores / (server + PostgreSQL + load-generator CPU per operation): the rate this run's
                work would reach with the machine's cores to itself and nothing else in the way. The JDBC rows wait on
                WAL flushes rather than CPU, so their ceiling is not their limit.
                """);
        out.append("\n### Row counts\n\n| what | sent | in the database | |\n|---|---|---|---|\n");
        checks.forEach(c -> out.append(c).append('\n'));
        out.append("\n### pg_stat_database per workload (deltas)\n\n| # | workload | conc |");
        List<String> keys = List.copyOf(rows.get(0).cost().db().keySet());
        keys.forEach(k -> out.append(' ').append(k).append(" |"));
        out.append("\n|---|---|---|").append("---|".repeat(keys.size())).append('\n');
        for (Row r : rows) {
            out.append("| ").append(r.id()).append(" | ").append(r.what()).append(" | ").append(r.concurrency()).append(" |");
            keys.forEach(k -> out.append(' ').append(r.cost().db().get(k)).append(" |"));
            out.append('\n');
        }
        if (server.jfr != null && Files.exists(server.jfr)) {
            out.append("\n### Where the server's threads ran (JFR execution samples, ").append(server.jfr).append(")\n\n");
            out.append(JfrSummary.summarise(server.jfr, rows));
        }
        return out.toString();
    }

    /**
     * The targets of issue #18, each as measured / target, against the HTTP floor of this run: its rate, and its
     * server CPU per request as the unit of work. Rows whose workloads did not run are left out.
     */
    private String targets() {
        Optional<Row> floor = find("6", o.concurrency(), FLOOR);
        if (floor.isEmpty()) {
            return "";
        }
        Row f = floor.get();
        double floorRate = f.result().opsPerSecond();
        double floorCpu = f.serverCpuPerOp();
        StringBuilder t = new StringBuilder(String.format("%n### Targets (issue #18), against this run's HTTP floor: "
                + "%.0f requests/s at c=%d, %.3f ms of server CPU per request%n%n"
                + "| figure | measured | target | met |%n|---|---|---|---|%n", floorRate, o.concurrency(), floorCpu));
        find("2", o.concurrency()).ifPresent(l -> {
            double share = l.result().opsPerSecond() / floorRate;
            t.append(goal(String.format("`userName eq` lookups at c=%d, share of the HTTP floor", o.concurrency()),
                    String.format("%.0f/s = %.0f %%", l.result().opsPerSecond(), 100 * share), "≥ 65 %", share >= 0.65));
            double cpu = l.serverCpuPerOp() / floorCpu;
            t.append(goal("server CPU per lookup, in floor requests", String.format("%.2f", cpu), "≤ 1.5", cpu <= 1.5));
            t.append(goal("PostgreSQL round trips per lookup", String.format("%.2f", l.roundTripsPerOp()), "≤ 1",
                    l.roundTripsPerOp() <= 1.05));
        });
        Optional<Row> again = find("6", o.concurrency(), FLOOR_AGAIN);
        find("6", o.concurrency(), "database floor:").filter(d -> again.isPresent()).ifPresent(d -> {
            Row f2 = again.get();
            double share = d.result().opsPerSecond() / f2.result().opsPerSecond();
            double cpu = d.serverCpuPerOp() / f2.serverCpuPerOp();
            t.append(String.format("| (the database floor, no target: `GET /q/health/ready`, share of the HTTP floor"
                    + " measured beside it, %.0f/s at %.3f ms; server CPU per request, in its floor requests) |"
                    + " %.0f/s = %.0f %%; %.2f | | |%n", f2.result().opsPerSecond(), f2.serverCpuPerOp(),
                    d.result().opsPerSecond(), 100 * share, cpu));
            t.append(String.format("| (the same figures at the database floor's cost: a lookup is one such request,"
                    + " a created user and a cycle's object two) | lookups %.0f %% at %.2f; creates %.0f %% of half"
                    + " the floor at %.2f; cycle %.1f %% | | |%n", 100 * share, cpu, 100 * share, 2 * cpu,
                    50 * share));
            StringBuilder inUnits = new StringBuilder();
            find("2", o.concurrency()).ifPresent(l -> inUnits.append(String.format("lookup %.2f",
                    l.serverCpuPerOp() / d.serverCpuPerOp())));
            find("1", o.concurrency()).ifPresent(c -> inUnits.append(inUnits.isEmpty() ? "" : "; ").append(
                    String.format("created user %.2f", c.serverCpuPerOp() / d.serverCpuPerOp())));
            t.append("| (server CPU in database-floor requests, no target) | ").append(inUnits).append(" | | |\n");
        });
        find("1", o.concurrency()).ifPresent(c -> {
            double share = c.result().opsPerSecond() / (floorRate / 2);
            t.append(goal(String.format("Entra creates at c=%d (probe + POST), share of half the floor", o.concurrency()),
                    String.format("%.0f/s = %.0f %%", c.result().opsPerSecond(), 100 * share), "≥ 35 %", share >= 0.35));
            double cpu = c.serverCpuPerOp() / floorCpu;
            t.append(goal("server CPU per created user, in floor requests", String.format("%.2f", cpu), "≤ 5",
                    cpu <= 5));
            t.append(goal("commits per created user", String.format("%.2f", c.commitsPerOp()), "≤ 2",
                    c.commitsPerOp() <= 2.05));
            t.append(String.format("| (PostgreSQL round trips per created user, no target) | %.2f | | |%n",
                    c.roundTripsPerOp()));
        });
        find("5", o.cycleConcurrency()).ifPresent(c -> {
            double share = c.result().opsPerSecond() / floorRate;
            t.append(goal("initial cycle (workload 5), objects/s as a share of the floor",
                    String.format("%.0f/s = %.1f %%", c.result().opsPerSecond(), 100 * share), "≥ 20 %", share >= 0.20));
        });
        if (rssAfterCreates >= 0) {
            t.append(goal("server RSS after workload 1 (JVM options: " + (o.serverJvmOptions().isBlank() ? "none"
                    : o.serverJvmOptions()) + ")", rssAfterCreates + " MB", "≤ 200 MB", rssAfterCreates <= 200));
        }
        return t.append("\nThe first SCIM request after launch is measured by `bench/startup.sh`, not here. Round trips"
                + " are counted by a relay in the load generator (`--round-trips`), commits by pg_stat_database.\n")
                .toString();
    }

    private static String goal(String figure, String measured, String target, boolean met) {
        return String.format("| %s | %s | %s | %s |%n", figure, measured, target, met ? "yes" : "**no**");
    }

    /** A service rate against the JDBC limit; {@code limit} NaN for a figure without a target. */
    private static String target(String what, Row service, Row jdbc, String unit, String jdbcUnit, double limit) {
        double v = service.result().opsPerSecond() / jdbc.result().opsPerSecond();
        return String.format("| %s | %.0f %s vs %.0f %s = %.0f%% (CPU ceilings %.0f vs %.0f) | %s |%n", what,
                service.result().opsPerSecond(), unit, jdbc.result().opsPerSecond(), jdbcUnit, 100 * v,
                service.cpuCeiling(), jdbc.cpuCeiling(), Double.isNaN(limit) ? "" : v >= limit ? "yes" : "**no**");
    }

    private Optional<Row> find(String id, int concurrency, String... what) {
        return rows.stream().filter(r -> r.id().equals(id) && r.concurrency() == concurrency
                && (what.length == 0 || r.what().contains(what[0]))).findFirst();
    }

    private static String memory() {
        try {
            String line = Files.readAllLines(java.nio.file.Path.of("/proc/meminfo")).get(0);
            long kb = Long.parseLong(line.replaceAll("\\D", ""));
            return String.format("%.1f GiB memory", kb / 1024.0 / 1024.0);
        } catch (Exception e) {
            return "memory unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 2))
                    .orElse("CPU unknown");
        } catch (Exception e) {
            return "CPU unknown";
        }
    }

    static void log(String s) {
        System.err.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + s);
    }
}
