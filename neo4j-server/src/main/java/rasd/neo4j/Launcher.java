package rasd.neo4j;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.Version;

/**
 * Rasd's local Neo4j Community server: Neo4j embedded in this JVM, reachable over Bolt.
 *
 * <p>Started and stopped by {@code loaders/neo4j/server.py}. It opens a Bolt connector on
 * {@code --host:--port} (loopback by default, authentication off), prints one line
 * {@code READY bolt://HOST:PORT neo4j VERSION} on stdout once the default database is
 * available, and blocks until the JVM is told to stop (SIGTERM / SIGINT), when a shutdown
 * hook closes the database cleanly. Neo4j's own logs (debug.log) go to {@code HOME/logs}.
 *
 * <p>Exit codes: 0 clean stop, 1 start-up failure, 2 bad arguments.
 */
public final class Launcher {

    private static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: java [JVM flags] -cp target/classes:target/lib/* rasd.neo4j.Launcher \\",
            "         --home DIR [--host 127.0.0.1] [--port 7687] [--pagecache 1g] [--tx-timeout 10m]",
            "",
            "  --home DIR         Neo4j home: data/ and logs/ are created under it (required)",
            "  --host HOST        Bolt listen address (default 127.0.0.1)",
            "  --port PORT        Bolt port (default 7687)",
            "  --pagecache SIZE   page cache size, e.g. 512m, 1g (default 1g)",
            "  --tx-timeout DUR   transaction timeout, e.g. 10m, 90s, 0 = none (default 10m)");

    private Launcher() {
    }

    /** Parsed command line. */
    private record Options(Path home, String host, int port, long pagecache, Duration txTimeout) {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) { // --help
            System.out.println(USAGE);
            return;
        }
        System.exit(run(options));
    }

    private static Options parse(String[] args) {
        Path home = null;
        String host = "127.0.0.1";
        int port = BoltConnector.DEFAULT_PORT;
        long pagecache = ByteUnit.gibiBytes(1);
        Duration txTimeout = Duration.ofMinutes(10);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("-h") || flag.equals("--help")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            try {
                switch (flag) {
                    case "--home" -> home = Path.of(value).toAbsolutePath().normalize();
                    case "--host" -> host = value;
                    case "--port" -> {
                        port = Integer.parseInt(value);
                        if (port < 1 || port > 65535) {
                            throw new IllegalArgumentException("port out of range: " + value);
                        }
                    }
                    case "--pagecache" -> pagecache = ByteUnit.parse(value);
                    case "--tx-timeout" -> txTimeout = SettingValueParsers.DURATION.parse(value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("bad value for " + flag + ": " + value + " (" + e.getMessage() + ")");
            }
        }
        if (home == null) {
            throw new IllegalArgumentException("--home is required");
        }
        return new Options(home, host, port, pagecache, txTimeout);
    }

    private static int run(Options o) {
        PrintStream out = System.out;
        DatabaseManagementService service;
        try {
            Files.createDirectories(o.home());
            service = new DatabaseManagementServiceBuilder(o.home())
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(o.host(), o.port()))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(o.host(), o.port()))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, o.pagecache())
                    .setConfig(GraphDatabaseSettings.transaction_timeout, o.txTimeout())
                    .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(10))
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Bolt shuts down last, after every database has stopped and checkpointed, then
                    // waits up to 5 s for its Netty event loops and 5 s for connections; those loops
                    // never go quiet sooner, so a stop took >10 s. 1 s each makes it ~3 s; the WARN
                    // "Termination of ... event loop group has exceeded maximum permitted duration"
                    // this leaves in debug.log is harmless (no data is at stake by then).
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .build();
        } catch (Throwable t) {
            System.err.println("FAILED to start Neo4j: " + describe(t));
            t.printStackTrace();
            return 1;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("shutting down Neo4j");
            try {
                service.shutdown();
            } catch (Throwable t) {
                System.err.println("error during shutdown: " + describe(t));
            } finally {
                System.err.println("Neo4j stopped");
                stopped.countDown();
            }
        }, "rasd-neo4j-shutdown"));

        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(TimeUnit.MINUTES.toMillis(5))) {
            System.err.println("FAILED: database '" + db.databaseName() + "' did not become available");
            return 1;
        }
        out.println("READY bolt://" + o.host() + ":" + o.port() + " neo4j " + Version.getNeo4jVersion());
        out.flush();

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(" <- ").append(c);
        }
        return sb.toString();
    }
}
