package io.scimserver.scim.protocol;

/** The {@code scimType} error keywords of RFC 7644 §3.12 and RFC 9865 §2.1. */
public enum ScimType {
    INVALID_FILTER("invalidFilter"),
    TOO_MANY("tooMany"),
    UNIQUENESS("uniqueness"),
    MUTABILITY("mutability"),
    INVALID_SYNTAX("invalidSyntax"),
    INVALID_PATH("invalidPath"),
    NO_TARGET("noTarget"),
    INVALID_VALUE("invalidValue"),
    INVALID_VERS("invalidVers"),
    SENSITIVE("sensitive"),
    /** RFC 9865 §2.1: the cursor is not one this service issued for this query. */
    INVALID_CURSOR("invalidCursor"),
    /** RFC 9865 §2.1: the cursor is older than the advertised {@code cursorTimeout}. */
    EXPIRED_CURSOR("expiredCursor");

    private final String keyword;

    ScimType(String keyword) {
        this.keyword = keyword;
    }

    /** The keyword as it appears on the wire, such as {@code invalidFilter}. */
    public String keyword() {
        return keyword;
    }
}
