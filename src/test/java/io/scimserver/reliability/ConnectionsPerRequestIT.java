package io.scimserver.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ConnectionsPerRequestIT extends ConnectionsPerRequestTest {
}
