package io.scimserver.scim.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The success responses SCIM resources answer with, each carrying the resource's weak ETag. */
public final class ScimResponses {

    private ScimResponses() {
    }

    /** 201 with {@code Location} (RFC 7644 §3.3). */
    public static Response created(String location, long version, ObjectNode body) {
        return Response.created(URI.create(location)).header(HttpHeaders.ETAG, ETags.of(version)).entity(body).build();
    }

    public static Response ok(long version, ObjectNode body) {
        return Response.ok(body).header(HttpHeaders.ETAG, ETags.of(version)).build();
    }

    /** 304 for a GET whose {@code If-None-Match} names the current version. */
    public static Response notModified(long version) {
        return Response.notModified().header(HttpHeaders.ETAG, ETags.of(version)).build();
    }

    public static Response noContent(long version) {
        return Response.noContent().header(HttpHeaders.ETAG, ETags.of(version)).build();
    }
}
