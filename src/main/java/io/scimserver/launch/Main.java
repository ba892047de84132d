package io.scimserver.launch;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The packaged application's entry point. It is compiled for Java 17 (pom.xml, execution {@code launcher}) while the
 * rest needs 21, so that an older JDK hears why it cannot run the service instead of exiting without a word.
 */
@QuarkusMain
public final class Main {

    static final int REQUIRED = 21;

    public static void main(String... args) {
        int feature = Runtime.version().feature();
        if (feature < REQUIRED) {
            System.err.println("scim-server needs Java " + REQUIRED + " or newer; this is Java " + feature + " ("
                    + System.getProperty("java.home") + "). Start it with a newer JDK (JAVA_HOME).");
            System.exit(1);
        }
        Quarkus.run(args);
    }
}
