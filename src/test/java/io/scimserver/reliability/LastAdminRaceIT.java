package io.scimserver.reliability;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.scimserver.testing.Replica;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/** The races of {@link LastAdminRaceTest} through two packaged applications on one database. */
@QuarkusIntegrationTest
class LastAdminRaceIT extends LastAdminRaceTest {

    private static Replica second;

    @Override
    protected List<String> instances() throws Exception {
        if (second == null) {
            second = Replica.onTestDatabase("race-b").awaitReady();
        }
        return List.of(RestAssured.baseURI + ":" + RestAssured.port, second.url());
    }

    @AfterAll
    static void stopSecond() throws Exception {
        if (second != null) {
            second.close();
            second = null;
        }
    }
}
