package io.orderflow.conversation;

import io.orderflow.platform.BadRequestException;
import io.orderflow.platform.security.CurrentUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.UUID;

/**
 * Checks the room and the Last-Event-ID of a stream request before its resource method runs: SSE headers go out as
 * soon as that method returns its stream, so a 404 or 400 found later could only break the stream off. The check
 * runs without blocking, and leaves where the stream starts on the request for the method.
 */
class RoomStreamCheck {

    /** Marks the method whose requests are checked. */
    @NameBinding
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @interface Checked {
    }

    static final String START = RoomStreamCheck.class.getName() + ".start";

    private final RoomStreams streams;
    private final CurrentUser user;

    RoomStreamCheck(RoomStreams streams, CurrentUser user) {
        this.streams = streams;
        this.user = user;
    }

    @Checked
    @ServerRequestFilter
    Uni<Void> check(UriInfo uri, RoutingContext request) {
        UUID roomId;
        try {
            roomId = UUID.fromString(uri.getPathParameters().getFirst("id"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("invalid-parameter", "The room id is not a UUID");
        }
        Instant until = Instant.ofEpochSecond(user.token().getExpirationTime());
        return streams.start(user.caller(), roomId, request.request().getHeader("Last-Event-ID"), until)
                .invoke(start -> request.put(START, start))
                .replaceWithVoid();
    }

    static RoomStreams.Start startOf(RoutingContext request) {
        return request.get(START);
    }
}
