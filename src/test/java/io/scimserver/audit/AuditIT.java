package io.scimserver.audit;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class AuditIT extends AuditTest {
}
