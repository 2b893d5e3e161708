package io.orderflow.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * {@code java -jar quarkus-run.jar} serves the API; {@code java -jar quarkus-run.jar migrate} migrates
 * the schema as the owner role and exits, without starting the server (docs/operations.md, "Schema
 * migrations"). The server itself never holds the owner's password.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        if (args.length > 0 && SchemaMigration.COMMAND.equals(args[0])) {
            System.exit(SchemaMigration.fromEnvironment(System.getenv()).run(System.out, System.err));
        }
        Quarkus.run(args);
    }
}
