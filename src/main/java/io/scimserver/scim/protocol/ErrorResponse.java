package io.scimserver.scim.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The SCIM Error body (RFC 7644 §3.12); {@code status} is a string on the wire. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(List<String> schemas, String status, String scimType, String detail) {

    public static ErrorResponse of(int status, ScimType type, String detail) {
        return new ErrorResponse(List.of(ScimMedia.ERROR_SCHEMA), Integer.toString(status),
                type == null ? null : type.keyword(), detail);
    }
}
