package com.oracle.svm.hosted;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for the builder's class of the same name (patched in with --patch-module by Analyse.java). The original
 * loads a small C helper (JAVA_HOME/lib/svm/builder/lib/libreporterchelper.so) that only GraalVM/Mandrel
 * distributions ship, and fails the build's epilogue with "Helper library for ProgressReporterCHelper not available"
 * without it. This one answers the same two questions from /proc.
 */
public final class ProgressReporterCHelper {
    private static final int DEFAULT_CHARACTERS_PER_LINE = 80;
    static final int MAX_CHARACTERS_PER_LINE = 120;

    private ProgressReporterCHelper() {
    }

    public static int getTerminalWindowColumnsClamped() {
        return Math.min(Math.max(getTerminalWindowColumns(), DEFAULT_CHARACTERS_PER_LINE), MAX_CHARACTERS_PER_LINE);
    }

    /** The report is read from a file, not a terminal: always the widest line. */
    public static int getTerminalWindowColumns() {
        return MAX_CHARACTERS_PER_LINE;
    }

    /** Peak resident set size of this process in bytes (VmHWM), or -1 when /proc cannot be read. */
    public static long getPeakRSS() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
