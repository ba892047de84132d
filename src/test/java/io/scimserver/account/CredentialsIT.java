package io.scimserver.account;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class CredentialsIT extends CredentialsTest {
}
