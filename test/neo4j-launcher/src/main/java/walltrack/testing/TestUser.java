package walltrack.testing;

import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Gives user neo4j the test password with no forced change on first login.
 * Embedded transactions bypass Bolt authentication, so this works on a fresh
 * data dir (default password "neo4j") and again on every restart of the same one.
 * CREATE OR REPLACE rather than ALTER: ALTER USER refuses a password equal to
 * the current one, which is exactly the restart case.
 */
final class TestUser {

    static final String USER = "neo4j";

    private TestUser() {
    }

    static void ensurePassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        system.executeTransactionally(
            "CREATE OR REPLACE USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
            Map.of("password", password));
    }
}
