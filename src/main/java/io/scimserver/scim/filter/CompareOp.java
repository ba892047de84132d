package io.scimserver.scim.filter;

/** The comparison operators of RFC 7644 §3.4.2.2, matched case-insensitively by the parser. */
public enum CompareOp {
    EQ, NE, CO, SW, EW, GT, GE, LT, LE;

    /** The operator as it is written in a filter: {@code eq}, {@code co}, ... */
    public String token() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
