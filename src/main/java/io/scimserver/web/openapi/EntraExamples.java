package io.scimserver.web.openapi;

/** Request bodies exactly as Microsoft Entra ID sends them (see ENTRA.md), shown as OpenAPI examples. */
public final class EntraExamples {

    private EntraExamples() {
    }

    public static final String CREATE_USER = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "externalId":"alice","userName":"alice@contoso.com","active":true,
             "emails":[{"primary":true,"type":"work","value":"alice@contoso.com"}],
             "name":{"formatted":"Alice Smith","familyName":"Smith","givenName":"Alice"},
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Finance","employeeNumber":"7"},
             "meta":{"resourceType":"User"}}""";

    public static final String PATCH_USER_LEGACY = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"name.familyName","value":"Jones"},
                           {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"alice.jones@contoso.com"},
                           {"op":"Add","path":"nickName","value":"Ali"}]}""";

    public static final String PATCH_USER_FLAGGED = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{"displayName":"Alice Jones","name.familyName":"Jones",
               "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"8"}}]}""";

    public static final String DISABLE_USER = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"active","value":"False"}]}""";

    public static final String CREATE_GROUP = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                        "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
             "externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Engineering"}""";

    public static final String ADD_MEMBERS = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"2819c223-7f76-453a-919d-413861904646"}]}]}""";

    public static final String REMOVE_MEMBER_LEGACY = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Remove","path":"members","value":[{"value":"2819c223-7f76-453a-919d-413861904646"}]}]}""";

    public static final String REMOVE_MEMBER_FLAGGED = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove","path":"members[value eq \\"2819c223-7f76-453a-919d-413861904646\\"]"}]}""";

    public static final String RENAME_GROUP = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"displayName","value":"Platform Engineering"}]}""";
}
