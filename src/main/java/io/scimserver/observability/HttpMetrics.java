package io.scimserver.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Latency histograms for the HTTP server metrics: a fixed, short list of buckets (5 ms to 30 s) rather than
 * Micrometer's ~70 default ones, so each method/path-template/status series costs a dozen lines.
 */
@Singleton
public class HttpMetrics {

    static final double[] BUCKETS_MS = { 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000 };

    @Produces
    @Singleton
    MeterFilter latencyHistograms() {
        double[] nanos = java.util.Arrays.stream(BUCKETS_MS).map(ms -> Duration.ofMillis((long) ms).toNanos())
                .toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("http.server.requests")) {
                    return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
                }
                return config;
            }
        };
    }
}
