package io.scimserver.scim;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application. */
@QuarkusIntegrationTest
class LeniencyIT extends LeniencyTest {
}
