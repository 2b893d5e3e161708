package io.orderflow.platform;

import io.netty.channel.ConnectTimeoutException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.pgclient.PgException;
import io.vertx.redis.client.impl.types.ErrorType;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures are the infrastructure's and worth a retry, with the exceptions the clients really throw. */
class TransientFailuresTest {

    @Test
    void refusedConnectionIsTransient() {
        assertTrue(TransientFailures.isTransient(new ConnectException("Connection refused: /127.0.0.1:5432")));
    }

    @Test
    void connectionResetMidReadOrWriteIsTransient() {
        // NIO says it with a plain IOException; Netty's native transports prefix the call that failed
        assertTrue(TransientFailures.isTransient(new IOException("Connection reset by peer")));
        assertTrue(TransientFailures.isTransient(new IOException("recvAddress(..) failed: Connection reset by peer")));
        assertTrue(TransientFailures.isTransient(new IOException("writevAddresses(..) failed: Broken pipe")));
    }

    @Test
    void connectTimeoutIsTransient() {
        assertTrue(TransientFailures.isTransient(new ConnectTimeoutException("connection timed out: /10.0.0.1:5432")));
    }

    @Test
    void closedPostgresConnectionIsTransient() {
        assertTrue(TransientFailures.isTransient(ClosedConnectionException.INSTANCE));
        assertTrue(TransientFailures.isTransient(ConnectionBase.CLOSED_EXCEPTION));
    }

    @Test
    void commandOnAPostgresConnectionAlreadyClosedIsTransient() {
        // what the SQL client fails the next statement of a transaction with once the server reset its connection
        assertTrue(TransientFailures.isTransient(Future.failedFuture("Connection is not active now, current status: CLOSED").cause()));
        assertTrue(TransientFailures.isTransient(new VertxException("Connection is not active now, current status: CLOSING", true)));
    }

    @Test
    void closedRedisConnectionIsTransient() {
        // a command sent on a closed connection fails its promise with a bare message
        assertTrue(TransientFailures.isTransient(Future.failedFuture("Connection is closed").cause()));
        assertTrue(TransientFailures.isTransient(new VertxException("Connection closed")));
        // commands in flight when the connection drops
        assertTrue(TransientFailures.isTransient(ErrorType.create("CONNECTION_CLOSED")));
    }

    @Test
    void redisLoadingItsDatasetIsTransient() {
        assertTrue(TransientFailures.isTransient(ErrorType.create("LOADING Redis is loading the dataset in memory")));
    }

    @Test
    void poolTimeoutWaitingForAConnectionIsTransient() {
        // what the SQL pool fails with when no connection frees up in time
        assertTrue(TransientFailures.isTransient(Future.failedFuture("Timeout").cause()));
        assertTrue(TransientFailures.isTransient(new NoStackTraceTimeoutException("The timeout period of 2000ms has been exceeded")));
        assertTrue(TransientFailures.isTransient(new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 1024")));
    }

    @Test
    void timeoutIsTransient() {
        assertTrue(TransientFailures.isTransient(new TimeoutException()));
        assertTrue(TransientFailures.isTransient(new io.smallrye.mutiny.TimeoutException()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004", "53300", "40001", "40P01"})
    void postgresStatesOfAnUnavailableServerOrALostConflictAreTransient(String sqlState) {
        assertTrue(TransientFailures.isTransient(new PgException("terminating connection", "FATAL", sqlState, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "23514", "22003", "42P01", "42501", "P0001"})
    void postgresStatesAboutTheRequestOrTheCodeAreNot(String sqlState) {
        assertFalse(TransientFailures.isTransient(new PgException("rejected", "ERROR", sqlState, null)));
    }

    @Test
    void causeDeepInTheChainCounts() {
        Throwable wrapped = new CompletionException(new IllegalStateException("checkout failed",
                new UncheckedIOException(new ConnectException("Connection refused"))));
        assertTrue(TransientFailures.isTransient(wrapped));
        assertSame(wrapped.getCause().getCause().getCause(), TransientFailures.transientCause(wrapped));
    }

    @Test
    void anyCauseOfACompositeCounts() {
        assertTrue(TransientFailures.isTransient(new CompositeException(List.of(
                new IllegalStateException("first"), ClosedConnectionException.INSTANCE))));
    }

    @Test
    void bugsAndOtherMessagesAreNot() {
        assertFalse(TransientFailures.isTransient(null));
        assertFalse(TransientFailures.isTransient(new NullPointerException()));
        assertFalse(TransientFailures.isTransient(new IllegalStateException("Connection is closed")));
        assertFalse(TransientFailures.isTransient(new VertxException("Something else")));
        assertFalse(TransientFailures.isTransient(Future.failedFuture("Some other failure").cause()));
        assertFalse(TransientFailures.isTransient(ErrorType.create("ERR wrong number of arguments for 'get' command")));
        assertFalse(TransientFailures.isTransient(new NotFoundException("Product 1")));
        assertFalse(TransientFailures.isTransient(new IOException("No space left on device")));
    }

    @Test
    void cyclicCauseChainEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second");
        first.initCause(second);
        second.initCause(first);
        assertFalse(TransientFailures.isTransient(first));
    }
}
