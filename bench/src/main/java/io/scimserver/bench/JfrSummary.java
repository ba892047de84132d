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

    /** Counts of one workload's window. */
    private static final class Window {
        final Row row;
        final Map<String, Integer> byOwner = new HashMap<>();
        final Map<String, Integer> byTop = new HashMap<>();
        int samples;
        Duration gc = Duration.ZERO;

        Window(Row row) {
            this.row = row;
        }
    }

    /** The summary of each workload's window as markdown lines; reads the recording once, as a stream. */
    static String summarise(Path file, List<Row> rows) throws Exception {
        List<Window> windows = rows.stream().filter(r -> r.cost() != null).map(Window::new).toList();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                if (!type.equals("jdk.GarbageCollection") && !type.equals("jdk.ExecutionSample")) {
                    continue;
                }
                Instant t = e.getStartTime();
                for (Window w : windows) {
                    if (t.isBefore(w.row.cost().from()) || t.isAfter(w.row.cost().to())) {
                        continue;
                    }
                    if (type.equals("jdk.GarbageCollection")) {
                        // the pauses only: a G1Old event lasts its whole concurrent cycle, while the application runs
                        w.gc = w.gc.plus(e.getDuration("sumOfPauses"));
                    } else if (e.getStackTrace() != null && !e.getStackTrace().getFrames().isEmpty()) {
                        List<RecordedFrame> frames = e.getStackTrace().getFrames();
                        w.samples++;
                        w.byTop.merge(name(frames.get(0)), 1, Integer::sum);
                        String owner = "JDK only";
                        for (RecordedFrame f : frames) {
                            String c = f.getMethod().getType().getName();
                            if (!(c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("com.sun."))) {
                                owner = area(c);
                                break;
                            }
                        }
                        w.byOwner.merge(owner, 1, Integer::sum);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (Window w : windows) {
            out.append("- **").append(w.row.id()).append(' ').append(w.row.what()).append(" (c=")
                    .append(w.row.concurrency()).append(")**: ").append(w.samples).append(" samples, GC pauses ")
                    .append(w.gc.toMillis()).append(" ms in ").append(Math.round(w.row.cost().wallSeconds()))
                    .append(" s. By code area (first frame outside the JDK): ").append(top(w.byOwner, w.samples, 8))
                    .append(". Top frames: ").append(top(w.byTop, w.samples, 5)).append('\n');
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
