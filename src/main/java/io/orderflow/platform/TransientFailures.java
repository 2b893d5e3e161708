package io.orderflow.platform;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Recognises failures of PostgreSQL or Redis that say nothing about the request: a lost or
 * refused connection, a server starting or stopping, a pool with no free connection, a
 * serialization failure or deadlock. The same request may well succeed a moment later, so they
 * answer 503 with Retry-After rather than 500.
 */
public final class TransientFailures {

    /**
     * SQLSTATEs of a server that is going away or not there yet (57P0x, class 08), full (53300),
     * or that chose this transaction as the loser of a conflict (40001, 40P01).
     */
    private static final Set<String> SQL_STATES = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now
            "08000", // connection_exception
            "08003", // connection_does_not_exist
            "08006", // connection_failure
            "08001", // sqlclient_unable_to_establish_sqlconnection
            "08004", // sqlserver_rejected_establishment_of_sqlconnection
            "53300", // too_many_connections
            "40001", // serialization_failure
            "40P01"); // deadlock_detected

    /**
     * What Vert.x says, with no type of its own, when a connection closes under a command
     * (VertxException, or a bare NoStackTraceThrowable from a failed promise) or when the SQL pool
     * finds no free connection in time ("Timeout").
     */
    private static final Set<String> VERTX_MESSAGES = Set.of(
            "Connection was closed", "Connection is closed", "Connection closed", "Timeout");

    /**
     * The SQL client's refusal of a command on a connection already closing or closed (the next
     * statement of a transaction whose connection the server just reset), followed by the status.
     */
    private static final String SQL_CONNECTION_NOT_ACTIVE = "Connection is not active now, current status: ";

    /**
     * How a connection the server reset mid-read or mid-write fails in the JDK's NIO channels (and,
     * prefixed "readAddress(..) failed: ", Netty's native transports): a plain IOException, not a
     * SocketException. A backend killed, a server or proxy restarted under open connections.
     */
    private static final List<String> RESET_MESSAGES = List.of("Connection reset by peer", "Broken pipe");

    /** Redis error replies that mean "not now": connection gone, dataset loading, failover under way. */
    private static final Set<String> REDIS_ERRORS = Set.of("CONNECTION_CLOSED", "LOADING", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN");

    /** Cause chains are short; the bound only guards against a pathological one. */
    private static final int MAX_DEPTH = 32;

    private TransientFailures() {
    }

    /** True when {@code failure} or any of its causes is a transient infrastructure failure. */
    public static boolean isTransient(Throwable failure) {
        return anyCause(failure, TransientFailures::isTransientItself);
    }

    /** The SQLSTATE of the first database error in the cause chain, or null. */
    static String sqlState(Throwable failure) {
        Throwable database = firstCause(failure, cause -> cause instanceof DatabaseException);
        return database == null ? null : ((DatabaseException) database).getSqlState();
    }

    /** The first transient cause, for a log line; null when there is none. */
    static Throwable transientCause(Throwable failure) {
        return firstCause(failure, TransientFailures::isTransientItself);
    }

    private static boolean isTransientItself(Throwable failure) {
        if (failure instanceof DatabaseException database) {
            return SQL_STATES.contains(database.getSqlState());
        }
        if (failure instanceof SocketException // ConnectException (refused; netty's ConnectTimeoutException), reset
                || failure instanceof ClosedChannelException
                || failure instanceof TimeoutException // Vert.x NoStackTraceTimeoutException among others
                || failure instanceof io.smallrye.mutiny.TimeoutException // Mutiny: ifNoItem().after(..).fail(), await().atMost(..)
                || failure instanceof ClosedConnectionException
                || failure instanceof ConnectionPoolTooBusyException) {
            return true;
        }
        if (failure instanceof IOException && failure.getMessage() != null
                && RESET_MESSAGES.stream().anyMatch(failure.getMessage()::endsWith)) {
            return true;
        }
        if (failure instanceof VertxException || failure instanceof NoStackTraceThrowable) {
            return VERTX_MESSAGES.contains(failure.getMessage())
                    || (failure.getMessage() != null && failure.getMessage().startsWith(SQL_CONNECTION_NOT_ACTIVE));
        }
        if (failure instanceof Response reply && reply.type() == ResponseType.ERROR && failure.getMessage() != null) {
            String code = failure.getMessage().split(" ", 2)[0];
            return REDIS_ERRORS.contains(code);
        }
        return false;
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        return firstCause(failure, test) != null;
    }

    /** Walks the cause chain, and each cause of a Mutiny CompositeException, breadth first. */
    private static Throwable firstCause(Throwable failure, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        if (failure != null) {
            next.add(failure);
        }
        while (!next.isEmpty() && seen.size() < MAX_DEPTH) {
            Throwable cause = next.poll();
            if (!seen.add(cause)) {
                continue;
            }
            if (test.test(cause)) {
                return cause;
            }
            if (cause instanceof CompositeException composite) {
                next.addAll(composite.getCauses());
            }
            if (cause.getCause() != null) {
                next.add(cause.getCause());
            }
        }
        return null;
    }
}
