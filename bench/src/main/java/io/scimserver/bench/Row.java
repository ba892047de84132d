package io.scimserver.bench;

import org.HdrHistogram.Histogram;

/** One line of the figures table: a measured step of a workload. */
record Row(String id, String what, int concurrency, Load.Result result, Histogram latency, Usage.Cost cost) {

    double p50() {
        return latency.getValueAtPercentile(50) / 1000.0;
    }

    double p99() {
        return latency.getValueAtPercentile(99) / 1000.0;
    }

    /** Server CPU milliseconds per operation. */
    double serverCpuPerOp() {
        return cost == null || result.ops() == 0 ? Double.NaN : cost.serverCpu() * 1000 / result.ops();
    }

    double pgCpuPerOp() {
        return cost == null || result.ops() == 0 ? Double.NaN : cost.pgCpu() * 1000 / result.ops();
    }

    double loadCpuPerOp() {
        return cost == null || result.ops() == 0 ? Double.NaN : cost.loadCpu() * 1000 / result.ops();
    }

    /** Operations per second the measured CPU cost allows on all cores: cores / (server + PG + load-gen CPU per op). */
    double cpuCeiling() {
        double ms = serverCpuPerOp() + pgCpuPerOp() + loadCpuPerOp();
        return cost == null || !(ms > 0) ? Double.NaN : cost.cores() * 1000 / ms;
    }

    /** Committed transactions per operation, from pg_stat_database. */
    double commitsPerOp() {
        return cost == null || result.ops() == 0 ? Double.NaN : cost.db().get("xact_commit") / (double) result.ops();
    }

    /** The server's PostgreSQL round trips per operation (see {@link RoundTrips}); NaN when not counted. */
    double roundTripsPerOp() {
        return cost == null || result.ops() == 0 || cost.roundTrips() < 0 ? Double.NaN
                : cost.roundTrips() / (double) result.ops();
    }
}
