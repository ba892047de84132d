package io.scimserver.protection;

import com.fasterxml.jackson.core.JsonParser;
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
 * Reads every JSON request body (SCIM's {@link JsonNode}s and the records of {@code /api/v1}) as exactly one JSON value: {@code {"userName":"a"} {...}} is refused
 * (400 invalidSyntax) instead of being read as its first value, which Jackson does by default, and so is an object
 * naming a member twice (Jackson would keep the last). Every body read here is also held to {@link InputBounds}
 * (string lengths, NUL, valid Unicode, number ranges), so no endpoint can forget the check. Errors say what is wrong
 * and where (line and column), never the input itself: it may hold a password. Only the server's request bodies: the
 * application's ObjectMapper keeps its defaults (a global FAIL_ON_TRAILING_TOKENS broke a client library's
 * deserialisers).
 *
 * <p>The body arrives here already buffered ({@link BodyBuffer}), so this read never waits on the network.
 */
@Provider
@Consumes({ "application/scim+json", MediaType.APPLICATION_JSON, "*/*" })
public class StrictJsonReader implements MessageBodyReader<Object> {

    private final ObjectMapper mapper;
    private final ObjectReader reader;

    public StrictJsonReader(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reader = mapper.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** SCIM bodies ({@link JsonNode}) and the records of {@code /api/v1}: every JSON body of the application. */
    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonNode.class.isAssignableFrom(type) || type.isRecord();
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        PushbackInputStream in = new PushbackInputStream(entity, 1);
        int first = in.read();
        if (first < 0) {
            return null; // no body: the use case answers 400 naming what it needs
        }
        in.unread(first);
        JsonNode body = reader.readValue(in); // a JsonProcessingException becomes 400 invalidSyntax in ErrorMapper
        InputBounds.check(body);
        return JsonNode.class.isAssignableFrom(type) ? body : mapper.treeToValue(body, type);
    }
}
