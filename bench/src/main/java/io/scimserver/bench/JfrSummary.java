package io.scimserver.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the server's JFR recording per workload window: where its threads were running (execution samples,
 * attributed to the first frame outside the JDK from the top of the stack, and by top frame), and GC pause time.
 */
final class JfrSummary {

    private JfrSummary() {
    }

    /** One window's summary as markdown lines. */
    static String summarise(Path file, List<Row> rows) throws Exception {
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        StringBuilder out = new StringBuilder();
        for (Row row : rows) {
            if (row.cost() == null) {
                continue;
            }
            Instant from = row.cost().from();
            Instant to = row.cost().to();
            Map<String, Integer> byOwner = new HashMap<>();
            Map<String, Integer> byTop = new HashMap<>();
            int samples = 0;
            Duration gc = Duration.ZERO;
            for (RecordedEvent e : events) {
                Instant t = e.getStartTime();
                if (t.isBefore(from) || t.isAfter(to)) {
                    continue;
                }
                String type = e.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    gc = gc.plus(e.getDuration());
                } else if (type.equals("jdk.ExecutionSample") && e.getStackTrace() != null) {
                    List<RecordedFrame> frames = e.getStackTrace().getFrames();
                    if (frames.isEmpty()) {
                        continue;
                    }
                    samples++;
                    byTop.merge(name(frames.get(0)), 1, Integer::sum);
                    String owner = "JDK only";
                    for (RecordedFrame f : frames) {
                        String c = f.getMethod().getType().getName();
                        if (!(c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("com.sun."))) {
                            owner = area(c);
                            break;
                        }
                    }
                    byOwner.merge(owner, 1, Integer::sum);
                }
            }
            out.append("- **").append(row.id()).append(' ').append(row.what()).append("**: ").append(samples)
                    .append(" samples, GC pauses ").append(gc.toMillis()).append(" ms in ")
                    .append(Math.round(row.cost().wallSeconds())).append(" s. By code area: ")
                    .append(top(byOwner, samples, 7)).append(". Top frames: ").append(top(byTop, samples, 5))
                    .append('\n');
        }
        return out.toString();
    }

    private static String name(RecordedFrame f) {
        String c = f.getMethod().getType().getName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    /** A coarse area of the code a class belongs to. */
    private static String area(String c) {
        if (c.startsWith("org.postgresql")) {
            return "pgjdbc";
        } else if (c.startsWith("org.hibernate")) {
            return "Hibernate";
        } else if (c.startsWith("io.agroal") || c.startsWith("com.arjuna") || c.startsWith("io.quarkus.narayana")) {
            return "pool+transactions";
        } else if (c.startsWith("com.fasterxml.jackson")) {
            return "Jackson";
        } else if (c.startsWith("io.netty") || c.startsWith("io.vertx")) {
            return "Netty/Vert.x";
        } else if (c.startsWith("io.scimserver")) {
            return "scim-server";
        } else if (c.startsWith("org.jboss.resteasy") || c.startsWith("io.quarkus")) {
            return "Quarkus REST/ArC";
        } else if (c.startsWith("org.jboss.logmanager") || c.startsWith("org.jboss.logging")) {
            return "logging";
        }
        return c.contains(".") ? c.substring(0, c.indexOf('.', c.indexOf('.') + 1) < 0 ? c.length()
                : c.indexOf('.', c.indexOf('.') + 1)) : c;
    }

    private static String top(Map<String, Integer> counts, int total, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .map(e -> e.getKey() + " " + Math.round(100.0 * e.getValue() / Math.max(1, total)) + "%")
                .collect(Collectors.joining(", "));
    }
}
