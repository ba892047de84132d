package io.scimserver.web;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PublicUrlsIT extends PublicUrlsTest {
}
