package io.scimserver.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What a workload cost, measured rather than guessed: CPU seconds of the server process, of this database's PostgreSQL
 * backends and of the load generator (from /proc and the JVM), the machine's busy share (/proc/stat), the database's
 * own counters (pg_stat_database), and what its busy backends were doing (pg_stat_activity sampled every 20 ms).
 */
final class Usage {

    private static final double TICK = 100.0; // USER_HZ on Linux

    /** The measured cost of one window. */
    record Cost(Instant from, Instant to, double wallSeconds, double serverCpu, double pgCpu, double loadCpu,
            double machineBusy, int cores, Map<String, Long> db, Map<String, Double> backendStates, long roundTrips) {

        /** The non-idle backend states, as the average number of backends in each, largest first. */
        String states(int top) {
            return backendStates.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(top).map(e -> e.getKey() + " " + String.format("%.1f", e.getValue()))
                    .collect(Collectors.joining(", "));
        }
    }

    private final Database database;
    private final long serverPid;
    private final Connection conn;
    private final java.time.Duration settle;
    private final java.util.function.LongSupplier roundTrips;

    /** {@code roundTrips} counts the server's PostgreSQL round trips so far; null when they are not counted. */
    Usage(Database database, long serverPid, java.time.Duration settle, java.util.function.LongSupplier roundTrips)
            throws SQLException {
        this.database = database;
        this.roundTrips = roundTrips;
        this.serverPid = serverPid;
        this.settle = settle;
        this.conn = database.connect();
    }

    /** Starts measuring; {@link Window#stop()} ends it. */
    Window start() throws Exception {
        Thread.sleep(settle.toMillis()); // let the counters of what ran before reach pg_stat_database
        return new Window();
    }

    final class Window {
        private final Instant from = Instant.now();
        private final long t0 = System.nanoTime();
        private final long server0 = procTicks(serverPid);
        private final Map<Long, Long> pg0 = backendTicks();
        private final long load0 = loadCpuNanos();
        private final long trips0 = roundTrips == null ? 0 : roundTrips.getAsLong();
        private final long[] machine0 = machine();
        private final Map<String, Long> db0 = dbCounters();
        private final Map<String, AtomicLong> states = new ConcurrentHashMap<>();
        private final AtomicLong samples = new AtomicLong();
        private volatile boolean sampling = true;
        private final Thread sampler;

        private Window() throws Exception {
            Connection sc = database.connectBeside();
            sampler = Thread.ofPlatform().daemon().name("pg-activity-sampler").start(() -> sample(sc));
        }

        private void sample(Connection sc) {
            try (sc; PreparedStatement s = sc.prepareStatement("""
                    select case when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'on CPU')
                                when state like 'idle in transaction%' then 'idle in transaction (waits for the app)'
                                else state end
                    from pg_stat_activity
                    where datname = ? and backend_type = 'client backend'
                    """)) {
                s.setString(1, database.name);
                while (sampling) {
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            String st = rs.getString(1);
                            if (st != null && !st.equals("idle")) {
                                states.computeIfAbsent(st, k -> new AtomicLong()).incrementAndGet();
                            }
                        }
                    }
                    samples.incrementAndGet();
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                System.err.println("pg_stat_activity sampler stopped: " + e);
            }
        }

        Cost stop() throws Exception {
            long wall = System.nanoTime() - t0;
            Instant to = Instant.now();
            long server = procTicks(serverPid) - server0;
            Map<Long, Long> pg1 = backendTicks();
            long pg = 0;
            for (Map.Entry<Long, Long> e : pg1.entrySet()) {
                pg += e.getValue() - pg0.getOrDefault(e.getKey(), 0L);
            }
            long load = loadCpuNanos() - load0;
            long trips = roundTrips == null ? -1 : roundTrips.getAsLong() - trips0;
            long[] machine1 = machine();
            sampling = false;
            sampler.join(5000);
            // an idle backend publishes its counters to pg_stat_database up to 10 s late (PGSTAT_IDLE_INTERVAL)
            Thread.sleep(settle.toMillis());
            Map<String, Long> db1 = dbCounters();
            Map<String, Long> db = new LinkedHashMap<>();
            db1.forEach((k, v) -> db.put(k, v - db0.getOrDefault(k, 0L)));
            long n = Math.max(1, samples.get());
            Map<String, Double> st = new HashMap<>();
            states.forEach((k, v) -> st.put(k, v.get() / (double) n));
            double busy = machine1[0] - machine0[0] == 0 ? 0
                    : 1.0 - (machine1[1] - machine0[1]) / (double) (machine1[0] - machine0[0]);
            return new Cost(from, to, wall / 1e9, server / TICK, pg / TICK, load / 1e9, busy,
                    Runtime.getRuntime().availableProcessors(), db, st, trips);
        }
    }

    private Map<String, Long> dbCounters() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("""
                select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched, tup_returned,
                       blks_read, blks_hit
                from pg_stat_database where datname = current_database()
                """)) {
            rs.next();
            for (String c : List.of("xact_commit", "xact_rollback", "tup_inserted", "tup_updated", "tup_deleted",
                    "tup_fetched", "tup_returned", "blks_read", "blks_hit")) {
                out.put(c, rs.getLong(c));
            }
        }
        return out;
    }

    /** CPU ticks of every client backend of this database, by pid. */
    private Map<Long, Long> backendTicks() throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(
                "select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'")) {
            while (rs.next()) {
                long pid = rs.getLong(1);
                out.put(pid, procTicks(pid));
            }
        }
        return out;
    }

    /** utime + stime of a process, in ticks; 0 when it is gone or unreadable. */
    static long procTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {total, idle+iowait} jiffies of the whole machine. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] { total, Long.parseLong(f[4]) + Long.parseLong(f[5]) };
        } catch (IOException | RuntimeException e) {
            return new long[] { 0, 0 };
        }
    }

    private static long loadCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
