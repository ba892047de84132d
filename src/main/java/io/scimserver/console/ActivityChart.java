package io.scimserver.console;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Audited requests and failures per hour over the last {@value #HOURS} hours, as the bars of a server-rendered SVG
 * chart (no script, no inline style: the console's Content-Security-Policy allows neither). One statement.
 */
@ApplicationScoped
public class ActivityChart {

    static final int HOURS = 48;
    static final int WIDTH = 480;
    static final int HEIGHT = 120;
    /** The bars' area; below it, the hour labels. */
    static final int PLOT = 100;
    static final int BAR = WIDTH / HOURS;

    /** One hour's bar: its x, the heights of all requests and of failures (from the baseline), and its counts. */
    public record Bar(int x, int width, int y, int height, int failY, int failHeight, String title) {
    }

    /** A label under the bars: the hour (UTC) at {@code x}. */
    public record Tick(int x, String label) {
    }

    public record Chart(List<Bar> bars, List<Tick> ticks, long max, int plot, long requests, long failures, int width,
            int height, String from, String to) {

        /** Where the hour labels sit, under the bars. */
        public int labelY() {
            return height - 6;
        }
    }

    public Chart of(UUID orgId) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant start = end.minus(HOURS, ChronoUnit.HOURS);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select floor(extract(epoch from created) / 3600)::bigint, count(*), count(*) filter (where outcome <> 'success')
                from audit_events where org_id = ?1 and created >= ?2 group by 1
                """).setParameter(1, orgId).setParameter(2, java.sql.Timestamp.from(start)).getResultList();
        Map<Long, long[]> byHour = new HashMap<>();
        for (Object[] r : rows) {
            byHour.put(((Number) r[0]).longValue(), new long[] { ((Number) r[1]).longValue(), ((Number) r[2]).longValue() });
        }
        long max = Math.max(1, byHour.values().stream().mapToLong(c -> c[0]).max().orElse(1));
        long firstHour = start.getEpochSecond() / 3600;
        List<Bar> bars = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        long requests = 0;
        long failures = 0;
        for (int i = 0; i < HOURS; i++) {
            long[] c = byHour.getOrDefault(firstHour + i, new long[2]);
            requests += c[0];
            failures += c[1];
            int h = (int) Math.round((double) c[0] * (PLOT - 12) / max);
            int fh = (int) Math.round((double) c[1] * (PLOT - 12) / max);
            var at = Instant.ofEpochSecond((firstHour + i) * 3600).atOffset(ZoneOffset.UTC);
            bars.add(new Bar(i * BAR, BAR - 1, PLOT - h, h, PLOT - fh, fh,
                    at.toLocalDateTime().toString().replace('T', ' ') + " UTC: " + c[0] + " requests, " + c[1]
                            + " failed"));
            if (i % 12 == 0) {
                ticks.add(new Tick(i * BAR, "%02d-%02d %02d:00".formatted(at.getMonthValue(), at.getDayOfMonth(),
                        at.getHour())));
            }
        }
        return new Chart(bars, ticks, max, PLOT, requests, failures, WIDTH, HEIGHT, Times.show(start),
                Times.show(end));
    }
}
