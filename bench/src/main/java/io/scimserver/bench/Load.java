package io.scimserver.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Runs a bounded number of operations on a fixed pool of platform threads, each taking the next index until all are
 * taken or the time limit passes. Latencies go to named histograms (microseconds); errors are counted and the first
 * few kept to print.
 */
final class Load {

    /** One operation; index {@code i} of {@code 0..count-1}. Records its own latencies in {@code rec}. */
    interface Op {
        void run(int i, Recorder rec) throws Exception;
    }

    /** Latency histograms by label, and errors. Thread-safe. */
    static final class Recorder {
        private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
        private final AtomicLong errors = new AtomicLong();
        private final List<String> firstErrors = new ArrayList<>();

        void record(String label, long nanos) {
            histograms.computeIfAbsent(label, k -> new ConcurrentHistogram(60_000_000L, 3))
                    .recordValue(Math.max(1, nanos / 1000));
        }

        /** Times {@code body} under {@code label}. */
        <T> T time(String label, Timed<T> body) throws Exception {
            long t0 = System.nanoTime();
            try {
                return body.call();
            } finally {
                record(label, System.nanoTime() - t0);
            }
        }

        void error(String what) {
            errors.incrementAndGet();
            synchronized (firstErrors) {
                if (firstErrors.size() < 5) {
                    firstErrors.add(what);
                }
            }
        }

        Histogram histogram(String label) {
            return histograms.getOrDefault(label, new Histogram(3));
        }

        /** Every request's latency, whatever its label. */
        Histogram merged() {
            Histogram all = new Histogram(60_000_000L, 3);
            histograms.values().forEach(all::add);
            return all;
        }

        long requests() {
            return histograms.values().stream().mapToLong(Histogram::getTotalCount).sum();
        }

        long errors() {
            return errors.get();
        }

        List<String> firstErrors() {
            synchronized (firstErrors) {
                return List.copyOf(firstErrors);
            }
        }
    }

    interface Timed<T> {
        T call() throws Exception;
    }

    /** What one run did: operations completed, wall time, latencies and errors. */
    record Result(int ops, int planned, long nanos, Recorder rec) {
        double opsPerSecond() {
            return ops / seconds();
        }

        double requestsPerSecond() {
            return rec.requests() / seconds();
        }

        double seconds() {
            return nanos / 1e9;
        }

        boolean complete() {
            return ops == planned;
        }
    }

    private Load() {
    }

    static Result run(int count, int concurrency, Duration limit, Op op) throws InterruptedException {
        return run(count, concurrency, limit, new Recorder(), op);
    }

    static Result run(int count, int concurrency, Duration limit, Recorder rec, Op op) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long deadline = System.nanoTime() + limit.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "load");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < count) {
                    try {
                        op.run(i, rec);
                        done.incrementAndGet();
                    } catch (Exception e) {
                        rec.error(e.toString());
                    }
                }
            }));
        }
        pool.shutdown();
        if (!pool.awaitTermination(limit.toMillis() + 120_000, TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
            rec.error("workers did not stop within the time limit plus two minutes");
        }
        long nanos = System.nanoTime() - t0;
        if (System.nanoTime() >= deadline && done.get() < count) {
            rec.error("time limit " + limit + " reached after " + done.get() + " of " + count + " operations");
        }
        return new Result(done.get(), count, nanos, rec);
    }

    static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
