package io.scimserver.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The error body of {@code /api/v1}: the status and a message a person can act on. */
@RegisterForReflection
public record ApiError(int status, String message) {
}
