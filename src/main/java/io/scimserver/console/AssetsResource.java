package io.scimserver.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The console's stylesheet and script, the only files it loads (the Content-Security-Policy allows nothing else), read
 * from the class path once ({@code quarkus.native.resources.includes} lists them for the native binary).
 */
@Path("/console/assets")
public class AssetsResource {

    private final byte[] css = read("console/console.css");
    private final byte[] js = read("console/console.js");

    @GET
    @Path("/console.css")
    @Operation(hidden = true)
    public Response css() {
        return Response.ok(css, "text/css; charset=UTF-8").build();
    }

    @GET
    @Path("/console.js")
    @Operation(hidden = true)
    public Response js() {
        return Response.ok(js, "text/javascript; charset=UTF-8").build();
    }

    private static byte[] read(String resource) {
        try (InputStream in = AssetsResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
