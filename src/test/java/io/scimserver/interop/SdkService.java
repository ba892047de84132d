package io.scimserver.interop;

import com.unboundid.scim2.client.ScimService;
import io.scimserver.testing.TestClient;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URL;

/** The UnboundID SDK's {@link ScimService} with the admin token of a test class's organisation; close it after use. */
final class SdkService implements AutoCloseable {

    private final Client client;
    private final ScimService scim;

    SdkService(Class<?> testClass, URL base) {
        String token = TestClient.orgOf(testClass).adminToken();
        client = ClientBuilder.newClient()
                .register((ClientRequestFilter) ctx -> ctx.getHeaders().putSingle("Authorization", "Bearer " + token));
        // the server names itself by the address a connection reached (scim.http.public-base-url is unset here), so
        // the client uses that address too: its resources' meta.location must lie under its base URL
        scim = new ScimService(client.target(base.toString().replace("://localhost:", "://127.0.0.1:")));
    }

    ScimService scim() {
        return scim;
    }

    @Override
    public void close() {
        client.close();
    }
}
