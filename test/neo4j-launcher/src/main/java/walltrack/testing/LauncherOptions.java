package walltrack.testing;

import java.nio.file.Path;

/**
 * What one launcher run needs. The password comes from the environment, not
 * the command line, because argv is world-readable through `ps`.
 */
record LauncherOptions(int port, Path dataDir, String password, long parentPid) {

    static final String PASSWORD_ENV = "NEO4J_TEST_PASSWORD";
    static final String USAGE =
        "usage: java -jar neo4j-launcher.jar --port <1-65535> --data-dir <dir> [--parent-pid <pid>]"
            + " (password in $" + PASSWORD_ENV + ")";

    static LauncherOptions parse(String[] args, String passwordFromEnv) {
        Integer port = null;
        Path dataDir = null;
        long parentPid = -1;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name + "; " + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--port" -> port = parsePort(value);
                case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath();
                case "--parent-pid" -> parentPid = parseLong(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
            }
        }
        if (port == null) {
            throw new IllegalArgumentException("--port is required; " + USAGE);
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required; " + USAGE);
        }
        if (passwordFromEnv == null || passwordFromEnv.isEmpty()) {
            throw new IllegalArgumentException("$" + PASSWORD_ENV + " must hold the password for user neo4j; " + USAGE);
        }
        return new LauncherOptions(port, dataDir, passwordFromEnv, parentPid);
    }

    private static int parsePort(String value) {
        int port = (int) parseLong("--port", value);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be 1-65535, got " + value);
        }
        return port;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + value);
        }
    }

    /** Never print the password, even by accident through a record's toString. */
    @Override
    public String toString() {
        return "LauncherOptions[port=" + port + ", dataDir=" + dataDir + ", parentPid=" + parentPid + "]";
    }
}
