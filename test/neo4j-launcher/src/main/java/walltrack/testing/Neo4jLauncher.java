package walltrack.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;

/**
 * Starts an embedded Neo4j Community DBMS for tests: Bolt on 127.0.0.1:port,
 * authentication on, user neo4j with the given password, data and logs under
 * the data dir. Prints {@value #READY_PREFIX}bolt://127.0.0.1:PORT on stdout
 * once Bolt accepts connections, and shuts down cleanly on SIGTERM.
 */
public final class Neo4jLauncher {

    static final String READY_PREFIX = "NEO4J_READY ";
    private static final String LOOPBACK = "127.0.0.1";

    private Neo4jLauncher() {
    }

    public static void main(String[] args) {
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args, System.getenv(LauncherOptions.PASSWORD_ENV));
        } catch (IllegalArgumentException e) {
            System.err.println("neo4j-launcher: " + e.getMessage());
            System.exit(2);
            return;
        }
        ParentWatchdog.watch(options.parentPid());

        DatabaseManagementService dbms;
        try {
            Files.createDirectories(options.dataDir());
            dbms = new DatabaseManagementServiceBuilder(options.dataDir()).setConfig(settings(options)).build();
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: Neo4j failed to start on " + LOOPBACK + ":" + options.port()
                + " with data in " + options.dataDir() + ": " + describe(e));
            System.exit(1);
            return;
        }
        // Registered only after build(): a failed start has nothing to shut down.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(dbms), "neo4j-shutdown"));

        try {
            TestUser.ensurePassword(dbms, options.password());
            awaitBolt(options.port(), Duration.ofSeconds(30));
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: Neo4j started but is not usable: " + describe(e));
            System.exit(1);
            return;
        }
        System.out.println(READY_PREFIX + "bolt://" + LOOPBACK + ":" + options.port());
        System.out.flush();

        // Neo4j's own threads keep the JVM up too; parking main makes that explicit.
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<Setting<?>, Object> settings(LauncherOptions options) {
        return Map.ofEntries(
            Map.entry(BoltConnector.enabled, true),
            Map.entry(BoltConnector.listen_address, new SocketAddress(LOOPBACK, options.port())),
            Map.entry(BoltConnector.advertised_address, new SocketAddress(LOOPBACK, options.port())),
            Map.entry(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED),
            Map.entry(HttpConnector.enabled, false),
            Map.entry(HttpsConnector.enabled, false),
            Map.entry(GraphDatabaseSettings.default_listen_address, new SocketAddress(LOOPBACK)),
            Map.entry(GraphDatabaseSettings.auth_enabled, true),
            // Tests choose their own passwords; Neo4j's default minimum is 8.
            Map.entry(GraphDatabaseSettings.auth_minimum_password_length, 1),
            // Tests try wrong passwords on purpose; don't lock the user out.
            Map.entry(GraphDatabaseSettings.auth_max_failed_attempts, 0),
            // No usage reports or any other call out to the network.
            Map.entry(GraphDatabaseSettings.udc_enabled, false),
            Map.entry(GraphDatabaseInternalSettings.udc_network_enabled, false),
            // Small footprint so several instances fit on a 2-core test machine.
            Map.entry(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(16)),
            Map.entry(GraphDatabaseSettings.tx_state_max_off_heap_memory, ByteUnit.mebiBytes(16)),
            Map.entry(GraphDatabaseSettings.pagecache_warmup_enabled, false),
            Map.entry(GraphDatabaseSettings.preallocate_logical_logs, false),
            Map.entry(GraphDatabaseSettings.logs_directory, options.dataDir().resolve("logs")),
            // Stop/start cycles in outage tests should not wait on Netty's default quiet period.
            Map.entry(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0),
            Map.entry(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2)));
    }

    private static void awaitBolt(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("Bolt is not accepting connections on " + LOOPBACK + ":" + port
                        + " after " + timeout.toSeconds() + " s", e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void shutDown(DatabaseManagementService dbms) {
        try {
            dbms.shutdown();
            System.err.println("neo4j-launcher: Neo4j shut down cleanly");
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: Neo4j shutdown failed: " + describe(e));
        }
    }

    /** The whole cause chain: Neo4j wraps the useful reason (e.g. port in use) several levels deep. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- caused by: ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }
}
