package io.scimserver.scim;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The Entra cycle against the packaged application. */
@QuarkusIntegrationTest
class EntraFlowIT extends EntraFlowTest {
}
