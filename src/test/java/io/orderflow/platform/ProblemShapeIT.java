package io.orderflow.platform;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ProblemShapeTest} against the packaged application. */
@QuarkusIntegrationTest
class ProblemShapeIT extends ProblemShapeTest {
}
