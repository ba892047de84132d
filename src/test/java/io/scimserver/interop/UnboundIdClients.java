package io.scimserver.interop;

import com.unboundid.scim2.client.ScimService;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URL;

/** An UnboundID {@link ScimService} on the test server, sending one bearer token; closing it closes its {@link Client}. */
record UnboundIdClients(Client client, ScimService scim) implements AutoCloseable {

    @Override
    public void close() {
        client.close();
    }

    static UnboundIdClients open(URL base, String token) {
        Client client = ClientBuilder.newClient()
                .register((ClientRequestFilter) ctx -> ctx.getHeaders().putSingle("Authorization", "Bearer " + token));
        // the server names itself by the address a connection reached (scim.http.public-base-url is unset here), so
        // the client uses that address too: its resources' meta.location must lie under its base URL
        return new UnboundIdClients(client, new ScimService(client.target(base.toString()
                .replace("://localhost:", "://127.0.0.1:"))));
    }
}
