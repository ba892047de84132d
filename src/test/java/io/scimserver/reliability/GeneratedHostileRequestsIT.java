package io.scimserver.reliability;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class GeneratedHostileRequestsIT extends GeneratedHostileRequestsTest {
}
