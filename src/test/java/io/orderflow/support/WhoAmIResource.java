package io.orderflow.support;

import io.orderflow.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** A test-only endpoint that echoes the caller the token names. */
@Path("/test/whoami")
public class WhoAmIResource {

    private final CurrentUser user;

    WhoAmIResource(CurrentUser user) {
        this.user = user;
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> whoami() {
        return Map.of("id", user.id().toString(), "role", user.caller().role());
    }
}
