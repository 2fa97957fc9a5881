package walltrack.testing;

import java.util.Optional;

/**
 * Exits the JVM (running the shutdown hook) once the process that started us
 * is gone, so an interrupted or crashed test run never leaves a Neo4j behind.
 * SIGKILL on the parent skips its exit handlers; this is the backstop.
 */
final class ParentWatchdog {

    private static final long POLL_MILLIS = 1000;

    private ParentWatchdog() {
    }

    static void watch(long parentPid) {
        if (parentPid <= 0) {
            return;
        }
        Thread thread = new Thread(() -> {
            while (isAlive(parentPid)) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("neo4j-launcher: parent process " + parentPid + " is gone, shutting down");
            System.exit(0);
        }, "parent-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean isAlive(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().isAlive();
    }
}
