# orderflow: `make run` serves the API, `make test` runs the whole suite.
# Both set up what they need first: Maven 3.9, PostgreSQL, Redis, roles and database.

SHELL := /bin/bash
.DEFAULT_GOAL := run

MAVEN_VERSION  := 3.9.16
TOOLS_DIR      := .build-tools
MVN            := $(TOOLS_DIR)/apache-maven-$(MAVEN_VERSION)/bin/mvn
MVN_FLAGS      ?= -B -ntp

# Local defaults; every one can be overridden from the environment.
export ORDERFLOW_DB_HOST           ?= 127.0.0.1
export ORDERFLOW_DB_PORT           ?= 5432
export ORDERFLOW_DB_NAME           ?= orderflow
export ORDERFLOW_TEST_DB           ?= orderflow_test
export ORDERFLOW_DB_OWNER          ?= orderflow_owner
export ORDERFLOW_DB_OWNER_PASSWORD ?= orderflow_owner
export ORDERFLOW_DB_USER           ?= orderflow_app
export ORDERFLOW_DB_PASSWORD       ?= orderflow_app
export ORDERFLOW_REDIS_URL         ?= redis://127.0.0.1:6379
export ORDERFLOW_ADMIN_EMAIL       ?= admin@orderflow.local
export ORDERFLOW_ADMIN_PASSWORD    ?= orderflow-admin
export ORDERFLOW_JWT_GENERATE_KEYS ?= true
export ORDERFLOW_WEBHOOK_SECRET    ?= orderflow-local-webhook-secret

JAR := target/quarkus-app/quarkus-run.jar

.PHONY: run test dev db-reset clean services maven build build-cds build-aot migrate backup restore-check restore shutdown-drill faults bench seed lint-openapi security-check cluster cluster-stop cluster-check

# Quarkus 3.34 needs Maven 3.9+; the machine's own Maven fetches it from the registry it already uses.
$(MVN):
	@mkdir -p $(TOOLS_DIR)
	@if mvn -v 2>/dev/null | grep -qE 'Apache Maven 3\.(9|[1-9][0-9])\.'; then \
	  ln -sfn "$$(dirname "$$(dirname "$$(readlink -f "$$(command -v mvn)")")")" $(TOOLS_DIR)/apache-maven-$(MAVEN_VERSION); \
	else \
	  command -v mvn >/dev/null || { echo "Maven is needed to bootstrap Maven $(MAVEN_VERSION): apt-get install maven" >&2; exit 1; }; \
	  mvn -q -B dependency:copy -Dartifact=org.apache.maven:apache-maven:$(MAVEN_VERSION):tar.gz:bin -DoutputDirectory=$(TOOLS_DIR) && \
	  tar -xzf $(TOOLS_DIR)/apache-maven-$(MAVEN_VERSION)-bin.tar.gz -C $(TOOLS_DIR) && \
	  rm -f $(TOOLS_DIR)/apache-maven-$(MAVEN_VERSION)-bin.tar.gz; \
	fi
	@touch $(MVN)

maven: $(MVN)

services:
	@scripts/services.sh ensure

build: maven
	$(MVN) $(MVN_FLAGS) -q package -DskipTests

# Faster starts (README, "Deploying"). build-cds: the jar plus an AppCDS archive for the JDK that runs Maven
# (target/quarkus-app/app-cds.jsa; Quarkus writes it by starting the application's static init at build time).
# build-aot: the jar plus JDK 25's AOT cache (app.aot) from a training run against BENCH_DB; needs a JDK 25
# (JDK25_JAVA, default the Temurin 25 install). Neither is part of build or test.
build-cds: maven
	$(MVN) $(MVN_FLAGS) -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true

build-aot: services build
	@bench/aot.sh

# Migrations are their own step, run as the owner role (docs/operations.md); the server gets only the
# application role's password.
migrate: services build
	@scripts/services.sh database $(ORDERFLOW_DB_NAME)
	java -jar $(JAR) migrate

run: migrate
	@scripts/services.sh samples $(ORDERFLOW_DB_NAME)
	@echo "orderflow on http://localhost:$${QUARKUS_HTTP_PORT:-8080}"
	@echo "  API          http://localhost:$${QUARKUS_HTTP_PORT:-8080}/api/v1"
	@echo "  Swagger UI   http://localhost:$${QUARKUS_HTTP_PORT:-8080}/q/swagger-ui"
	@echo "  Health       http://localhost:$${ORDERFLOW_MANAGEMENT_PORT:-9000}/q/health (management port)"
	@echo "  Metrics      http://localhost:$${ORDERFLOW_MANAGEMENT_PORT:-9000}/q/metrics (management port)"
	@echo "  Admin        $(ORDERFLOW_ADMIN_EMAIL) / $(ORDERFLOW_ADMIN_PASSWORD) (local default; set ORDERFLOW_ADMIN_* to change)"
	ORDERFLOW_SWAGGER_UI=$${ORDERFLOW_SWAGGER_UI:-true} exec env -u ORDERFLOW_DB_OWNER_PASSWORD java $(JAVA_OPTS) -jar $(JAR)

# N instances of the jar behind HAProxy on CLUSTER_PORT (8080), one database and Redis (docs/scaling.md):
# make cluster [N=3] [REPLICA=1] [REDIS=cluster]; make cluster-stop stops all it started.
cluster: migrate
	@scripts/services.sh samples $(ORDERFLOW_DB_NAME)
	@N=$(or $(N),3) REPLICA=$(REPLICA) REDIS=$(REDIS) scripts/cluster.sh start

cluster-stop:
	@scripts/cluster.sh stop

# The fault suite's cluster scenario (scripts/faults.sh): a rush through HAProxy over three instances, one
# SIGKILLed and one SIGTERMed in the middle; same variables as make faults. REPLICA=1: listings read on a
# streaming replica, stopped for 3 s mid-rush.
cluster-check: services build
	@REPLICA=$(REPLICA) SCENARIOS=cluster scripts/faults.sh

# verify runs the unit suite, packages the jar and runs the *IT suite against it (failsafe);
# then the backup round trip on a copy of the freshly migrated test schema.
test: services maven
	@scripts/services.sh recreate $(ORDERFLOW_TEST_DB)
	$(MVN) $(MVN_FLAGS) verify
	@scripts/test-backups.sh

# The Redis-using test classes against a Redis Cluster of three local masters (docs/operations.md, "Redis Cluster"),
# and TwoInstancesIT (two packaged jars, room events between them over the cluster's pub/sub):
# scripts/redis-cluster.sh starts them on REDIS_CLUSTER_PORT and the two ports after it and stops them again, pass
# or fail. Not part of make test. Tests that need a single server (Redis cut through a proxy or unreachable) are
# left out.
REDIS_CLUSTER_PORT  ?= 7001
REDIS_CLUSTER_TESTS := RedisKeysTest CartResourceTest CartCheckoutTest SoldOutGateTest CheckoutTest RateLimitTest \
  LoginLockoutTest AuthTest TokenValidationTest AccessRevocationTest ProductCacheTest ProductChangesTest \
  ProductNearCacheTest FirstPageCacheTest RoomStreamTest RoomStreamOrderTest HealthTest
.PHONY: test-redis-cluster
test-redis-cluster: services maven
	@scripts/services.sh database $(ORDERFLOW_TEST_DB)
	@trap 'scripts/redis-cluster.sh stop $(REDIS_CLUSTER_PORT)' EXIT; \
	  scripts/redis-cluster.sh start $(REDIS_CLUSTER_PORT) && \
	  ORDERFLOW_REDIS_CLIENT_TYPE=cluster ORDERFLOW_REDIS_URL=$$(scripts/redis-cluster.sh url $(REDIS_CLUSTER_PORT)) \
	  $(MVN) $(MVN_FLAGS) verify -Dtest='$(shell echo $(REDIS_CLUSTER_TESTS) | tr ' ' ,)' -Dit.test=TwoInstancesIT \
	  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false

# Redocly's recommended rules on the OpenAPI document the build writes (target/openapi/openapi.yaml, written
# right after compile by the quarkus build goal; no server, database or Redis needed). Fails on any error.
REDOCLY_CLI := @redocly/cli@2.77.0
lint-openapi: maven
	$(MVN) $(MVN_FLAGS) -q process-classes
	npx --yes $(REDOCLY_CLI) lint --extends=recommended target/openapi/openapi.yaml

dev: services maven
	@scripts/services.sh database $(ORDERFLOW_DB_NAME)
	$(MVN) $(MVN_FLAGS) quarkus:dev -Dquarkus.profile=dev

db-reset: services
	@scripts/services.sh recreate $(ORDERFLOW_DB_NAME)
	@echo "database $(ORDERFLOW_DB_NAME) recreated and empty; make migrate (or make run) creates the schema"

# OWASP API Top 10 walk against a running server (docs/security.md): make security-check [BASE_URL=...].
# It signs in as ORDERFLOW_ADMIN_EMAIL and spends this address's login permits for a minute.
security-check:
	@BASE_URL=$(BASE_URL) scripts/security-check.sh

# Backups (docs/operations.md): ORDERFLOW_BACKUP_DIR (default backups/), ORDERFLOW_BACKUP_KEEP (14),
# ORDERFLOW_BACKUP_PASSPHRASE (encrypts when set).
backup: services
	@scripts/backup.sh $(ORDERFLOW_DB_NAME)

restore-check: services
	@scripts/restore-check.sh $(BACKUP)

# make restore BACKUP=backups/<file>.dump [TARGET_DB=name] [FORCE=1]: an existing database,
# the live one included, is only replaced with FORCE=1.
restore: services
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<file>.dump[.enc] [TARGET_DB=name] [FORCE=1]" >&2; exit 2; }
	@FORCE=$(FORCE) scripts/restore.sh "$(BACKUP)" "$(or $(TARGET_DB),$(ORDERFLOW_DB_NAME))"

# SIGTERM the packaged jar under load and check nothing failed mid-flight (docs/operations.md).
shutdown-drill: services build
	@scripts/services.sh database $(ORDERFLOW_TEST_DB)
	@ORDERFLOW_DB_NAME=$(ORDERFLOW_TEST_DB) scripts/shutdown-drill.sh

# Fault suite of issue 10 (PostgreSQL and Redis restarts, Redis flush, server kill, gateway faults,
# webhooks, staff races, two instances): see scripts/faults.sh for every variable. It restarts and
# flushes the services on ORDERFLOW_DB_PORT and ORDERFLOW_REDIS_PORT: point them at private ones on a
# shared machine. SCENARIOS=pg-restart,redis-flush picks some; FAULTS_FAST=1 runs small rushes.
faults: services build
	@scripts/faults.sh

# Benchmarks (never part of CI): see bench/bench.sh for every variable. make bench CLUSTER=1,2,3 runs
# bench/cluster.sh instead: product reads and checkouts through HAProxy over 1, 2, 3 instances.
# SIZE=tiny|small|default; bench defaults to small so it finishes in under 10 minutes on 2 cores,
# seed defaults to the seed gate's size (100k products, 50k customers, 1M orders, 1M audit rows).
BENCH_DB ?= orderflow_bench
export BENCH_DB

# Both build the production jar themselves (tests are not compiled: they are make test's job).
bench: services maven
	@if [ -n "$(CLUSTER)" ]; then SIZE=$${SIZE:-small} CLUSTER=$(CLUSTER) bench/cluster.sh; else SIZE=$${SIZE:-small} bench/bench.sh; fi

seed: services maven
	BENCH_BUILD=1 SIZE=$${SIZE:-default} bench/seed.sh

# Load tests (Gatling; loadtest/ is a Maven project of its own, never part of make test) against
# any running server: make loadtest [SCENARIO=smoke|browse|checkout|flash|mixed] [BASE_URL=...]
# [P99_MS=1000] [RATE= RAMP= DURATION= ...]; docs/loadtest.md lists every parameter. HTML reports
# land in bench/results/gatling/. make loadtest-users N=1000 makes the signed-in customers first.
.PHONY: loadtest loadtest-users
BASE_URL ?= http://localhost:8080
SCENARIO ?= smoke
LOADTEST_CUSTOMERS := $(CURDIR)/bench/results/gatling/customers.csv
LOADTEST_SIMULATION_browse   := BrowseSimulation
LOADTEST_SIMULATION_checkout := CheckoutSimulation
LOADTEST_SIMULATION_flash    := FlashSaleSimulation
LOADTEST_SIMULATION_mixed    := MixedSimulation
LOADTEST_SIMULATION_smoke    := SmokeSimulation

loadtest: maven
	@test -n "$(LOADTEST_SIMULATION_$(SCENARIO))" || { echo "SCENARIO must be smoke, browse, checkout, flash or mixed (is '$(SCENARIO)')" >&2; exit 2; }
	BASE_URL=$(BASE_URL) CUSTOMERS_CSV=$${CUSTOMERS_CSV:-$(LOADTEST_CUSTOMERS)} \
	  $(MVN) $(MVN_FLAGS) -f loadtest/pom.xml test-compile gatling:test \
	  -Dgatling.simulationClass=io.orderflow.loadtest.$(LOADTEST_SIMULATION_$(SCENARIO))

loadtest-users:
	@BASE_URL=$(BASE_URL) CUSTOMERS_CSV=$${CUSTOMERS_CSV:-$(LOADTEST_CUSTOMERS)} loadtest/users.sh

clean:
	rm -rf target loadtest/target
