package io.scimserver.auth;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scimserver.config.ScimConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on PostgreSQL's {@code scim_credentials} channel (migration V7) over a connection of its own, outside the
 * pool, and evicts from {@link CredentialCache} the credentials of every user a committed change names: this is how a
 * change made through another replica, or by an operator's SQL, reaches this replica within milliseconds.
 *
 * <p>Every {@code scim.auth-cache.heartbeat} the connection proves itself alive with a query. When it fails, the cache
 * is emptied and not used until the listener has connected and listens again (retried every few seconds); a connection
 * that hangs without failing stops the cache after three heartbeats all the same.
 */
@ApplicationScoped
public class CredentialListener {

    private static final Logger LOG = Logger.getLogger(CredentialListener.class);
    static final String CHANNEL = "scim_credentials";
    private static final long RETRY_MILLIS = 2_000;

    private final CredentialCache cache;
    private final int heartbeatMillis;
    private final Optional<String> url;
    private final Properties credentials = new Properties();
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    public CredentialListener(CredentialCache cache, ScimConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.cache = cache;
        this.heartbeatMillis = (int) Math.max(50, config.authCache().heartbeat().toMillis());
        this.url = url;
        user.ifPresent(u -> credentials.setProperty("user", u));
        password.ifPresent(p -> credentials.setProperty("password", p));
        credentials.setProperty("connectTimeout", "5");
        // a heartbeat that hangs fails after this long, and the connection is made again
        credentials.setProperty("socketTimeout", String.valueOf(Math.max(5, 3 * heartbeatMillis / 1000)));
        credentials.setProperty("tcpKeepAlive", "true");
        credentials.setProperty("ApplicationName", "scim-server credentials listener");
    }

    void start(@Observes StartupEvent event) {
        if (!cache.enabled() || url.isEmpty()) {
            LOG.infof("%s: every request's credential is checked in the database", cache.enabled()
                    ? "quarkus.datasource.jdbc.url is not set, so credential changes cannot be heard"
                    : "scim.auth-cache.enabled=false");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("scim-credentials-listener").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        cache.deaf();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debugf("closing the credentials listener's connection: %s", e.getMessage());
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        boolean warned = false;
        while (running) {
            try (Connection c = new org.postgresql.Driver().connect(url.get(), credentials)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                cache.listening();
                LOG.infof("listening for credential changes on PostgreSQL channel %s", CHANNEL);
                warned = false;
                listen(c);
            } catch (SQLException | RuntimeException e) {
                cache.deaf();
                if (!running) {
                    return;
                }
                if (!warned) {
                    LOG.warnf("not listening for credential changes (%s): every request's credential is checked in the"
                            + " database until the listener reconnects", e.getMessage());
                    warned = true;
                }
            } finally {
                connection = null;
            }
            sleep(RETRY_MILLIS);
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastBeat = System.nanoTime();
        while (running) {
            evict(pg.getNotifications(heartbeatMillis));
            if (System.nanoTime() - lastBeat >= heartbeatMillis * 1_000_000L) {
                try (Statement s = c.createStatement()) {
                    s.execute("select 1");
                }
                lastBeat = System.nanoTime();
                // notifications that arrived with the heartbeat's answer are evicted before the cache is trusted again
                evict(pg.getNotifications());
                cache.alive();
            }
        }
    }

    private void evict(PGNotification[] notifications) {
        if (notifications == null || notifications.length == 0) {
            return;
        }
        List<UUID> users = new ArrayList<>(notifications.length);
        for (PGNotification n : notifications) {
            if ("*".equals(n.getParameter())) {
                cache.evictAll();
                return;
            }
            try {
                users.add(UUID.fromString(n.getParameter()));
            } catch (IllegalArgumentException e) {
                // not ours to understand: evict everything rather than keep something that may be stale
                cache.evictAll();
                return;
            }
        }
        cache.evict(users);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
