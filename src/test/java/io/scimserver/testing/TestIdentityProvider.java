package io.scimserver.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * An OpenID provider inside the test: a plain HTTP server on 127.0.0.1 that serves
 * {@code <issuer>/.well-known/openid-configuration} and a JWKS, signs ID tokens with its current key, and can rotate
 * that key (the JWKS then holds only the new one), as Entra does routinely. It counts how often its keys are fetched.
 */
public final class TestIdentityProvider implements AutoCloseable {

    private final HttpServer server;
    private final String issuer;
    private final AtomicInteger keyFetches = new AtomicInteger();
    private volatile KeyPair keys;
    private volatile String kid;

    public TestIdentityProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        issuer = base + "/" + UUID.randomUUID() + "/v2.0";
        rotate();
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals(issuer.substring(base.length()) + "/.well-known/openid-configuration")) {
                send(exchange, 200, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + base + "/keys\"}");
            } else if (path.equals("/keys")) {
                keyFetches.incrementAndGet();
                send(exchange, 200, jwks());
            } else {
                send(exchange, 404, "{}");
            }
        });
        server.start();
    }

    public String issuer() {
        return issuer;
    }

    public int keyFetches() {
        return keyFetches.get();
    }

    /** A new signing key with a new kid; the JWKS publishes only it from now on. */
    public void rotate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            keys = g.generateKeyPair();
            kid = "key-" + UUID.randomUUID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims, signed RS256 by the current key, with its kid. */
    public String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(kid).algorithm(SignatureAlgorithm.RS256).sign(keys.getPrivate());
    }

    /** The claims signed by the current key but naming another kid. */
    public String signWithKid(JwtClaimsBuilder claims, String otherKid) {
        return claims.jws().keyId(otherKid).algorithm(SignatureAlgorithm.RS256).sign(keys.getPrivate());
    }

    private String jwks() {
        try {
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) keys.getPublic());
            jwk.setKeyId(kid);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            return new JsonWebKeySet(jwk).toJson();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
