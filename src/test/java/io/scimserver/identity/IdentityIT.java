package io.scimserver.identity;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class IdentityIT extends IdentityTest {
}
