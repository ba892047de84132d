package io.scimserver.scim;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the JVM jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
class CursorPagingIT extends CursorPagingTest {
}
