package io.orderflow.platform;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The cheapest endpoint there is, served on the event loop: the benchmarks' ceiling for the HTTP stack alone. */
@Path("/api/v1/ping")
public class PingResource {

    public record Pong(String status) {
    }

    private static final Pong PONG = new Pong("ok");

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public Pong ping() {
        return PONG;
    }
}
