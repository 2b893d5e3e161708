package io.orderflow.platform;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

import io.netty.channel.ConnectTimeoutException;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Failures of the infrastructure that go away by themselves: a connection to PostgreSQL or Redis
 * lost or refused (a restart, a failover), the server refusing work while it starts or stops, a
 * pool that had no connection in time, a serialization failure or deadlock. Retrying the same
 * step a moment later may succeed; they are never the client's fault, and never a 500.
 */
public final class TransientFailures {

    // 08: connection exceptions; 40001 serialization failure; 40P01 deadlock; 53300 too many
    // connections; 57P01..57P03 admin/crash shutdown and "cannot connect now" (starting up).
    private static final Set<String> SQL_STATES = Set.of(
            "08000", "08001", "08003", "08004", "08006", "40001", "40P01", "53300", "57P01", "57P02", "57P03");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg) {
                return SQL_STATES.contains(pg.getSqlState());
            }
            if (cause instanceof ConnectException || cause instanceof SocketException || cause instanceof ClosedChannelException
                    || cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
                return true;
            }
            // The Vert.x clients report a lost connection or an exhausted pool wait in their own exceptions' messages.
            if ((cause instanceof VertxException || cause.getClass().getName().startsWith("io.vertx."))
                    && isConnectionMessage(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionMessage(String message) {
        if (message == null) {
            return false;
        }
        String text = message.toLowerCase();
        return text.contains("connection") && (text.contains("closed") || text.contains("refused") || text.contains("reset"))
                || text.contains("pool closed") || text.contains("timeout");
    }
}
