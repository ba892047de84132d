package io.scimserver.scim.protocol;

/** Media types and schema URNs of the SCIM protocol (RFC 7644 §3.1, §8.1). */
public final class ScimMedia {

    public static final String SCIM_JSON = "application/scim+json";
    public static final String SCIM_JSON_UTF8 = "application/scim+json;charset=UTF-8";

    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String SEARCH_REQUEST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    private ScimMedia() {
    }
}
