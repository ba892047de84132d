package io.scimserver.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A native binary only sees the classpath files listed in {@code quarkus.native.resources.includes}. Every resource
 * file the code reads must be listed there; this test fails when one is added without it. Files that Quarkus
 * extensions embed on their own (configuration, service files, Flyway migrations, Qute templates) are exempt.
 */
class NativeResourcesTest {

    private static final List<String> HANDLED_BY_QUARKUS = List.of("application.properties", "META-INF/services/",
            "db/migration/", "templates/");

    @Test
    void everyResourceFileIsIncludedInTheNativeImage() throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            props.load(in);
        }
        String includes = props.getProperty("quarkus.native.resources.includes", "");
        List<PathMatcher> matchers = Arrays.stream(includes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
        Path root = Path.of("src/main/resources");
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> missing = files.filter(Files::isRegularFile).map(root::relativize)
                    .filter(p -> HANDLED_BY_QUARKUS.stream().noneMatch(h -> p.toString().replace('\\', '/').startsWith(h)))
                    .filter(p -> matchers.stream().noneMatch(m -> m.matches(p)))
                    .toList();
            assertTrue(missing.isEmpty(), "add to quarkus.native.resources.includes: " + missing);
        }
        assertTrue(matchers.stream().anyMatch(m -> m.matches(Path.of("scim/schemas/User.json"))),
                "the schema definitions must be in the native image");
        assertTrue(matchers.stream().anyMatch(m -> m.matches(Path.of("auth/common-passwords.txt"))),
                "the list of common passwords (auth.PasswordPolicy) must be in the native image");
    }
}
