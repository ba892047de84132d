package io.scimserver.login;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class DeactivationIT extends DeactivationTest {
}
