package io.scimserver.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Quarkus initialises application classes while a native image is built, so what a static field holds then is
 * frozen into every binary. GraalVM's builder refuses a random generator there ("Detected an instance of
 * Random/SplittableRandom class in the image heap": its seed would be the same in every process); the console's CSRF
 * helper once had one (BENCHMARKS.md, "Native builder analysis"). This finds such a field before the builder does:
 * generators belong to beans, made at run time.
 */
class NativeImageHeapTest {

    @Test
    void noStaticFieldHoldsARandomGenerator() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target/classes");
        List<String> found;
        try (Stream<Path> files = Files.walk(classes)) {
            found = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(name -> name.startsWith("io.scimserver."))
                    .flatMap(NativeImageHeapTest::staticGenerators).toList();
        }
        assertTrue(found.isEmpty(), "static random generators (frozen into a native image): " + found);
        assertTrue(staticGenerators(Holder.class.getName()).count() == 1, "the check finds a static generator");
    }

    private static Stream<String> staticGenerators(String className) {
        try {
            Class<?> c = Class.forName(className, false, NativeImageHeapTest.class.getClassLoader());
            return Stream.of(c.getDeclaredFields()).filter(f -> Modifier.isStatic(f.getModifiers()))
                    .filter(f -> RandomGenerator.class.isAssignableFrom(f.getType())
                            || Random.class.isAssignableFrom(f.getType()))
                    .map(Field::toString);
        } catch (ClassNotFoundException | LinkageError e) {
            return Stream.of(className + " (could not be read: " + e + ")");
        }
    }

    /** What the check must find. */
    private static final class Holder {
        @SuppressWarnings("unused")
        private static final Random RANDOM = new Random();
    }
}
