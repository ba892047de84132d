package io.scimserver.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Zero-configuration dev mode. When a PostgreSQL answers on 127.0.0.1:5432 (as on our development and CI machines),
 * dev mode uses its database {@code scim_dev}, creating it if needed, with the {@code postgres} user; when none
 * answers, this source says nothing and Quarkus Dev Services starts a PostgreSQL container instead. It only supplies
 * {@code %dev.} properties, at a low ordinal: anything set in application.properties or the environment wins.
 */
public class LocalPostgresConfigSource implements ConfigSource {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String DATABASE = "scim_dev";
    private static final String URL_KEY = "%dev.quarkus.datasource.jdbc.url";
    private static final String DEVSERVICES_KEY = "%dev.quarkus.datasource.devservices.enabled";

    private volatile Map<String, String> properties;

    /** Probes only when a {@code %dev.} key is asked for, which happens in dev mode alone. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = properties;
        if (p == null) {
            p = answers() && ensureDatabase()
                    ? Map.of(URL_KEY, "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, DEVSERVICES_KEY, "false")
                    : Map.of();
            properties = p;
        }
        return p;
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(URL_KEY, DEVSERVICES_KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return URL_KEY.equals(propertyName) || DEVSERVICES_KEY.equals(propertyName)
                ? getProperties().get(propertyName) : null;
    }

    @Override
    public String getName() {
        return "local-postgres-for-dev-mode";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }

    private static boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean ensureDatabase() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres",
                "postgres", "");
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("create database " + DATABASE);
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
