package io.scimserver.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the server's PostgreSQL round trips: a TCP relay on a free port of 127.0.0.1 between the server and
 * PostgreSQL that forwards every byte unchanged and counts, in what the server sends, the messages after which it
 * waits for PostgreSQL: {@code Sync} (the end of an extended-protocol exchange: pgjdbc sends one per statement and per
 * batch) and a simple-protocol {@code Query} that nothing follows in the same write. pgjdbc sends a transaction's
 * {@code BEGIN} as a {@code Query} written together with the first statement, without waiting for its answer: that
 * one is not a round trip of its own. The server connects with {@code sslmode=disable} so the stream is readable.
 * <p>
 * The relay's own CPU counts in the load generator's column (it is this process); {@code --round-trips=false}
 * connects the server directly.
 */
final class RoundTrips implements AutoCloseable {

    private final ServerSocket listener;
    private final String pgHost;
    private final int pgPort;
    private final AtomicLong count = new AtomicLong();

    RoundTrips(String pgHost, int pgPort) throws IOException {
        this.pgHost = pgHost;
        this.pgPort = pgPort;
        this.listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("pg-relay-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Round trips the server has made so far. */
    long count() {
        return count.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket pg = new Socket(pgHost, pgPort);
                client.setTcpNoDelay(true);
                pg.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> relay(client, pg, true));
                Thread.ofVirtual().start(() -> relay(pg, client, false));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("pg relay: " + e);
                }
            }
        }
    }

    /** Copies {@code from} to {@code to}; on the server's side, counts its messages on the way. */
    private void relay(Socket from, Socket to, boolean counting) {
        Messages m = new Messages();
        byte[] buf = new byte[64 * 1024];
        try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (counting) {
                    m.scan(buf, n);
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: closing both ends the other direction too
        }
    }

    /**
     * The frontend protocol's framing: first an untyped startup message (length, then body), then typed messages
     * (one type byte, a length that counts itself, the body), read across arbitrary chunk boundaries.
     */
    private final class Messages {
        private boolean started;
        private final byte[] header = new byte[5];
        private int have;
        private long skip;
        private boolean pendingQuery;

        void scan(byte[] b, int n) {
            int i = 0;
            while (i < n) {
                if (skip > 0) {
                    int k = (int) Math.min(skip, n - i);
                    skip -= k;
                    i += k;
                    continue;
                }
                int headerSize = started ? 5 : 4;
                header[have++] = b[i++];
                if (have < headerSize) {
                    continue;
                }
                int off = started ? 1 : 0;
                int length = ((header[off] & 0xff) << 24) | ((header[off + 1] & 0xff) << 16)
                        | ((header[off + 2] & 0xff) << 8) | (header[off + 3] & 0xff);
                if (started && header[0] == 'S') {
                    count.incrementAndGet();
                }
                // a query followed by another message in the same write was pipelined: no wait of its own
                pendingQuery = started && header[0] == 'Q';
                started = true;
                have = 0;
                skip = length - 4L;
            }
            if (pendingQuery && skip == 0 && have == 0) {
                count.incrementAndGet(); // the write ended with a whole query: the server waits for its answer
                pendingQuery = false;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
