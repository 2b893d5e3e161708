package io.orderflow.support;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

/** A test-only endpoint that fails the way PostgreSQL, Redis or a bug would, to see how each is answered. */
@Path("/test/fail")
public class FailingResource {

    @GET
    @Path("/{how}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<String> fail(@PathParam("how") String how) {
        return Uni.createFrom().failure(switch (how) {
            case "connection-refused" -> new CompletionException(new ConnectException("Connection refused: /127.0.0.1:5432"));
            case "connection-closed" -> ClosedConnectionException.INSTANCE;
            case "pool-timeout" -> Future.failedFuture("Timeout").cause();
            case "admin-shutdown" -> new PgException("terminating connection due to administrator command", "FATAL", "57P01", null);
            case "deadlock" -> new PgException("deadlock detected", "ERROR", "40P01", null);
            case "bug" -> new IllegalStateException("a bug");
            default -> new NotFoundException();
        });
    }
}
