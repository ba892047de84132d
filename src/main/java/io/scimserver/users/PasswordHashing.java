package io.scimserver.users;

/** Turns a password that arrives through SCIM into the slow salted hash the store keeps. */
public interface PasswordHashing {

    String hash(String password);
}
