package io.scimserver.scim;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class GroupListBoundIT extends GroupListBoundTest {
}
