package io.scimserver.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints the figures of a fault or concurrency test and keeps them in {@code target/reliability/}. */
final class Figures {

    private Figures() {
    }

    static void write(String file, String figures) {
        System.out.println(figures);
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), figures);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
