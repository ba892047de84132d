package io.scimserver.auth;

/**
 * Fired synchronously once the caller of a request is established, before the request does any work of its own:
 * observers put the caller in the log context and apply the rate limits. An observer that throws refuses the request.
 */
public record Authenticated(Caller caller) {
}
