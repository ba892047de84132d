package io.scimserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimserver.audit.FailedWrites;
import io.scimserver.protection.RequestGuards;
import jakarta.inject.Singleton;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.junit.jupiter.api.Test;

/**
 * Every class declaring a {@code @ServerRequestFilter} or {@code @ServerResponseFilter} is {@code @Singleton}: Quarkus
 * makes the filter it generates from an unannotated class with constructor injection {@code @ApplicationScoped}, so
 * every request would reach it through a client proxy (a context lookup per filter and request, measured in the
 * lookups' profile). The exceptions need runtime configuration when they are constructed, and a singleton filter is
 * constructed at static init, before configuration exists.
 */
class FilterScopesTest {

    private static final Set<Class<?>> NEED_CONFIGURATION_AT_CONSTRUCTION = Set.of(RequestGuards.class,
            FailedWrites.class);

    @Test
    void everyFilterClassIsASingletonUnlessItNeedsConfigurationToBeBuilt() throws Exception {
        List<Class<?>> filters = applicationClasses().filter(FilterScopesTest::declaresFilter).toList();
        assertTrue(filters.size() >= 7, "found the filter classes: " + filters);
        List<String> proxied = filters.stream()
                .filter(c -> !c.isAnnotationPresent(Singleton.class) && !NEED_CONFIGURATION_AT_CONSTRUCTION.contains(c))
                .map(Class::getName).toList();
        assertEquals(List.of(), proxied, "filter classes to annotate with @Singleton");
    }

    private static boolean declaresFilter(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods()).anyMatch(FilterScopesTest::isFilter);
    }

    private static boolean isFilter(Method m) {
        return m.isAnnotationPresent(ServerRequestFilter.class) || m.isAnnotationPresent(ServerResponseFilter.class);
    }

    private static Stream<Class<?>> applicationClasses() throws URISyntaxException, java.io.IOException {
        Path root = Path.of(EndpointCase.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            List<String> names = files.map(root::relativize).map(Path::toString)
                    .filter(p -> p.endsWith(".class") && !p.contains("$"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.')).toList();
            return names.stream().map(FilterScopesTest::load);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, FilterScopesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
