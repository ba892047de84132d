package io.scimserver.console;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ConsoleIT extends ConsoleTest {
}
