package io.scimserver.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The access log's line and the path it names, without ids. */
class AccessLogTest {

    @Test
    void aLineNamesMethodPathStatusDurationInMillisecondsOrganisationAndRequest() {
        UUID org = UUID.fromString("0b6f3c1e-2d4a-4c8e-9f00-123456789abc");
        assertEquals("GET /scim/v2/Users 200 12.345ms org=0b6f3c1e-2d4a-4c8e-9f00-123456789abc id=r1",
                AccessLog.line("GET", "/scim/v2/Users", 200, 12_345, org, "r1"));
    }

    @Test
    void theFractionOfAMillisecondKeepsItsLeadingZeros() {
        assertEquals("POST /x 201 0.007ms org=- id=r", AccessLog.line("POST", "/x", 201, 7, null, "r"));
        assertEquals("POST /x 201 3.050ms org=- id=r", AccessLog.line("POST", "/x", 201, 3_050, null, "r"));
        assertEquals("POST /x 201 1000.000ms org=- id=r", AccessLog.line("POST", "/x", 201, 1_000_000, null, "r"));
    }

    @Test
    void idsInAPathAreMasked() {
        assertEquals("/scim/v2/Users/{id}", AccessLog.maskIds("/scim/v2/Users/0b6f3c1e-2d4a-4c8e-9f00-123456789abc"));
        assertEquals("/api/v1/users/{id}/tokens/{id}",
                AccessLog.maskIds("/api/v1/users/0b6f3c1e-2d4a-4c8e-9f00-123456789abc/tokens/"
                        + "a".repeat(40)));
        assertEquals("/scim/v2/Users", AccessLog.maskIds("/scim/v2/Users"));
    }
}
