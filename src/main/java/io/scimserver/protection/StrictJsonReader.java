package io.scimserver.protection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads request bodies bound to {@link JsonNode} as exactly one JSON value: {@code {"userName":"a"} {...}} is refused
 * (400) instead of being read as its first value, which Jackson does by default. Every body read here is also held
 * to {@link InputBounds} (string lengths, NUL, valid Unicode), so no endpoint can forget the check. Only the server's request bodies:
 * the application's ObjectMapper keeps its defaults (a global FAIL_ON_TRAILING_TOKENS broke a client library's
 * deserialisers).
 */
@Provider
@Consumes({ "application/scim+json", MediaType.APPLICATION_JSON, "*/*" })
public class StrictJsonReader implements MessageBodyReader<JsonNode> {

    private final ObjectReader reader;

    public StrictJsonReader(ObjectMapper mapper) {
        this.reader = mapper.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonNode.class.isAssignableFrom(type);
    }

    @Override
    public JsonNode readFrom(Class<JsonNode> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        PushbackInputStream in = new PushbackInputStream(entity, 1);
        int first = in.read();
        if (first < 0) {
            return null; // no body: the use case answers 400 naming what it needs
        }
        in.unread(first);
        JsonNode body = reader.readValue(in);
        InputBounds.check(body);
        return body;
    }
}
