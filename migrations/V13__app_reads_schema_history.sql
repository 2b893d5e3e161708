-- The server checks at start that the schema is as new as its build (platform.SchemaVersion), as the
-- application role: migrations run as their own step (java -jar quarkus-run.jar migrate) with the owner's
-- password, which the running server no longer has.
GRANT SELECT ON flyway_schema_history TO ${app_role};
