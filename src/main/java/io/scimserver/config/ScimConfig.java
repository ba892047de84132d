package io.scimserver.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Every {@code scim.*} setting in one place. Each is also an environment variable: upper-case it and replace dots and
 * dashes with underscores ({@code scim.operator-token} is {@code SCIM_OPERATOR_TOKEN}).
 */
@ConfigMapping(prefix = "scim")
public interface ScimConfig {

    /** Operator token that may create organisations at {@code POST /api/v1/orgs}; unset, that endpoint answers 404. */
    Optional<String> operatorToken();

    /**
     * Secret the HMAC key of RFC 9865 paging cursors is derived from, at least 32 characters; every replica needs the
     * same one. Unset, the key is derived from {@code scim.jwt.private-key}, else from {@code scim.operator-token},
     * else generated at start (cursors then work only on the replica that issued them).
     */
    Optional<String> cursorSecret();

    Bootstrap bootstrap();

    Users users();

    Jwt jwt();

    Limits limits();

    Login login();

    Sso sso();

    Audit audit();

    Http http();

    RateLimit rateLimit();

    Bulk bulk();

    AuthCache authCache();

    interface Bootstrap {
        /** userName of the first admin of the default organisation, created at start when it has no active admin. */
        Optional<String> admin();

        /** File the bootstrap admin's token is written to (mode 0600). */
        @WithDefault("scim-admin-token.txt")
        String tokenFile();

        /** Name of the organisation that single-organisation deployments use. */
        @WithDefault("default")
        String organization();

        /**
         * When the bootstrap admin gets a new token although the organisation already has an active admin: {@code
         * never}; {@code if-missing}, when the token file does not exist (dev mode); {@code always}, at every start
         * (an operator who lost the token sets it for one start).
         */
        @WithDefault("never")
        ReissueToken reissueToken();

        enum ReissueToken {
            NEVER, IF_MISSING, ALWAYS
        }
    }

    interface Users {
        /** Whether SCIM may change a user's userName; refused with 400 mutability when false. */
        @WithDefault("false")
        boolean allowRename();
    }

    interface Jwt {
        /** The {@code iss} of the session tokens this service issues. */
        @WithDefault("scim-server")
        String issuer();

        /** Lifetime of a session token issued at login. */
        @WithDefault("PT1H")
        Duration sessionTtl();

        /**
         * PEM (PKCS#8) RSA private key that signs session tokens. Unset, a key pair is generated at start: fine for
         * dev and tests, but tokens then die with the process and are not accepted by other replicas.
         */
        Optional<String> privateKey();

        /** PEM public key that matches {@link #privateKey()}. */
        Optional<String> publicKey();
    }

    interface Limits {
        /** Page size when a query gives no {@code count}. */
        @WithDefault("100")
        int defaultCount();

        /** Largest page size; a larger {@code count} is lowered to it (RFC 7644 §3.4.2.4). */
        @WithDefault("1000")
        int maxResults();

        /**
         * How long a paging cursor (RFC 9865) stays valid after the page that returned it; advertised as
         * {@code pagination.cursorTimeout}. Cursors hold no server state, so this bounds nothing but their age.
         */
        @WithDefault("PT1H")
        Duration cursorTimeout();

        /** Deepest nesting of and/or/not/brackets in a filter. */
        @WithDefault("16")
        int filterMaxDepth();

        /** Longest filter, in characters. */
        @WithDefault("4096")
        int filterMaxLength();

        /** Most operations in one PATCH request. */
        @WithDefault("1000")
        int patchMaxOperations();

        /** Most members added or removed by one PATCH request. */
        @WithDefault("10000")
        int patchMaxMembers();

        /**
         * Most group members a list of groups ({@code GET /Groups}, {@code POST /Groups/.search}) returns in all;
         * above it the list is refused ({@code 400 tooMany}) naming {@code excludedAttributes=members}.
         */
        @WithDefault("10000")
        int maxListMembers();

        /** Most attribute paths in {@code attributes} plus {@code excludedAttributes} of one request. */
        @WithDefault("100")
        int maxAttributes();
    }

    /** Password and SSO login ({@code POST /api/v1/login}, {@code /api/v1/login/sso}). */
    interface Login {
        /** bcrypt cost (log2 of the rounds) of new password hashes; at least 12. */
        @WithDefault("12")
        int bcryptCost();

        /** Shortest password an admin or SCIM may set. */
        @WithDefault("8")
        int passwordMinLength();

        /** Failed logins allowed per user (organisation + userName) within {@link #failureWindow()}; then 429. */
        @WithDefault("5")
        int maxFailuresPerUser();

        /** Failed logins allowed per client address within {@link #failureWindow()}; then 429. */
        @WithDefault("20")
        int maxFailuresPerAddress();

        /** How long failures count from the first one; {@code Retry-After} says when the window ends. */
        @WithDefault("PT15M")
        Duration failureWindow();
    }

    /** SSO login ({@code POST /api/v1/login/sso}): how ID tokens are checked and their issuers' keys fetched. */
    interface Sso {
        /** Clock skew allowed on an ID token's {@code exp}, {@code nbf} and {@code iat}; at most five minutes. */
        @WithDefault("PT30S")
        Duration clockSkew();

        /** How long an issuer's keys are used without asking again, unless its answer says otherwise. */
        @WithDefault("PT1H")
        Duration keyCacheTtl();

        /** Least time between two fetches of an issuer's keys for an ID token signed with an unknown {@code kid}. */
        @WithDefault("PT30S")
        Duration keyRefetchInterval();

        /** Whether an issuer (and its jwks_uri) may be plain {@code http://}; only for tests and local development. */
        @WithDefault("false")
        boolean allowHttpIssuers();
    }

    /** The audit trail ({@code audit_events}, {@code GET /api/v1/audit}). */
    interface Audit {
        /** How long audit rows are kept; older ones are deleted by a scheduled job. */
        @WithDefault("P90D")
        Duration retention();

        /** How often the retention job runs. */
        @WithDefault("PT1H")
        Duration cleanupInterval();

        /** Rows deleted per statement (and transaction) by the retention job. */
        @WithDefault("5000")
        int cleanupBatchSize();

        /**
         * Whether refused writes (4xx/5xx on SCIM and admin writes by an authenticated caller) are recorded too, with
         * outcome {@code failure}, in a transaction of their own.
         */
        @WithDefault("true")
        boolean recordFailures();
    }

    /** Request handling shared by every endpoint. */
    interface Http {
        /** Whether one access line is logged per request (category {@code io.scimserver.access}). */
        @WithDefault("true")
        boolean accessLog();

        /**
         * How long a client may take to send a whole request body, from its first byte on; a slower one is answered 408
         * and disconnected. Bodies are buffered without a worker thread, so a slow client holds only a connection.
         */
        @WithDefault("30S")
        java.time.Duration bodyTimeout();

        /**
         * Base URL under which clients reach the server ({@code https://scim.example.com}), for {@code Location},
         * {@code meta.location} and {@code $ref}. Unset, the address the connection reached is used, never the
         * request's {@code Host} or forwarded headers (a client chooses those).
         */
        java.util.Optional<java.net.URI> publicBaseUrl();
    }

    /**
     * Request rate limits, answered with 429 and {@code Retry-After}. Token buckets kept by each replica: with N
     * replicas an organisation may send N times these rates (see README, "Rate limits").
     */
    interface RateLimit {
        /** Whether requests are rate limited at all. */
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second one organisation may send to one replica. */
        @WithDefault("200")
        double orgPerSecond();

        /** Requests one organisation may send at once before the sustained rate applies. */
        @WithDefault("1000")
        int orgBurst();

        /** Sustained requests per second to one user or group ({@code /Users/{id}}, {@code /Groups/{id}}). */
        @WithDefault("20")
        double objectPerSecond();

        /** Requests to one user or group at once before the sustained rate applies. */
        @WithDefault("100")
        int objectBurst();
    }

    /**
     * {@code POST /scim/v2/Bulk} (RFC 7644 §3.7). ServiceProviderConfig advertises the limits in force: the payload
     * limit no higher than {@code quarkus.http.limits.max-body-size}, and, while rate limiting is on, the operation
     * limit no higher than {@code scim.rate-limit.org-burst} (each operation counts as one request).
     */
    interface Bulk {
        /** Most operations in one bulk request; more are refused with 413. */
        @WithDefault("1000")
        int maxOperations();

        /** Largest bulk request body, in bytes; a larger one is refused with 413. */
        @WithDefault("1048576")
        long maxPayloadSize();
    }

    /**
     * Each replica caches the credentials it has verified, so that a request costs no round trip for its token. A
     * change that ends or narrows a credential (revocation, deactivation, deprovisioning, deletion, a new password,
     * leaving ADMIN) evicts it at once on the replica that made it, and on every other replica when PostgreSQL's
     * notification of the commit arrives (a few milliseconds). While a replica cannot hear the notifications, it
     * caches nothing and checks every token against the database.
     */
    interface AuthCache {
        /** Whether verified credentials are cached at all; false checks every request's token in the database. */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long a cached credential is trusted before the database is asked again, also without a notification;
         * a token's {@code last_used_at} is refreshed when that happens.
         */
        @WithDefault("PT30S")
        Duration maxAge();

        /** Most credentials cached at once; beyond, a credential is checked in the database on every request. */
        @WithDefault("10000")
        int maxEntries();

        /**
         * How often the listening connection proves that it is alive; when it has not for three times this long, the
         * cache is not used until it has.
         */
        @WithDefault("PT1S")
        Duration heartbeat();
    }
}
