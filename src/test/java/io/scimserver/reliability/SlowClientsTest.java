package io.scimserver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.RawHttp;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 20.10, through HTTP and bounded: 200 authenticated connections that send a 4,000-byte body at 2 bytes a
 * second do not hold the workers, so a normal request and readiness answer at once meanwhile; a client that
 * disconnects mid-body is counted as a client abort, not a server error.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class SlowClientsTest {

    static final int SLOW_CLIENTS = 200;

    @Test
    void slowBodiesDoNotHoldTheWorkers() throws Exception {
        Scim scim = new Scim(TestClient.orgOf(getClass()));
        String token = TestClient.orgOf(getClass()).adminToken();
        List<Socket> sockets = new ArrayList<>();
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket s = new Socket("127.0.0.1", RawHttp.port());
                s.getOutputStream().write(("POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                        + token + "\r\nContent-Type: application/scim+json\r\nContent-Length: 4000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                sockets.add(s);
            }
            drip.scheduleAtFixedRate(() -> sockets.forEach(s -> {
                try {
                    s.getOutputStream().write("  ".getBytes(StandardCharsets.US_ASCII)); // 2 bytes a second
                } catch (Exception e) {
                    // closed by the server: fine
                }
            }), 0, 1, TimeUnit.SECONDS);
            Thread.sleep(2_000);
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                scim.request().get("/scim/v2/Users?count=1").then().statusCode(200);
                TestClient.management().get("/q/health/ready").then().statusCode(200);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 5_000, "a normal request and readiness took " + millis + " ms beside slow clients");
            }
        } finally {
            drip.shutdownNow();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void aBodyThatNeverCompletesIsAnswered408() throws Exception {
        String token = TestClient.orgOf(getClass()).adminToken();
        try (Socket s = new Socket("127.0.0.1", RawHttp.port())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/scim+json\r\nContent-Length: 100\r\n\r\n{").getBytes(
                            StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("urn:ietf:params:scim:api:messages:2.0:Error"), answer);
        }
    }

    @Test
    void aClientThatDisconnectsMidBodyIsAClientAbort() throws Exception {
        String token = TestClient.orgOf(getClass()).adminToken();
        double before = aborts();
        for (int i = 0; i < 3; i++) {
            try (Socket s = new Socket("127.0.0.1", RawHttp.port())) {
                s.getOutputStream().write(("POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                        + token + "\r\nContent-Type: application/scim+json\r\nContent-Length: 500\r\n\r\n{\"userName\"")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                Thread.sleep(200);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (aborts() < before + 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(before + 3, aborts(), 0.1, "client aborts counted");
        String metrics = TestClient.management().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.lines().noneMatch(l -> l.startsWith("http_server_requests_seconds_count")
                && l.contains("uri=\"/scim/v2/Users\"") && l.contains("status=\"500\"")), "no 500 counted");
    }

    private static double aborts() {
        String metrics = TestClient.management().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("scim_client_aborts_total")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
