package io.orderflow.support;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/** A test-only endpoint that exercises JSON binding and validation without any business rule. */
@Path("/test/echo")
public class EchoResource {

    /** name and quantity are required; lines and gift are optional, for the shapes of binding errors. */
    public record Echo(@NotBlank String name, @Min(1) @Max(10) int quantity, List<@Valid Line> lines, Gift gift) {
    }

    public record Line(UUID productId, Integer quantity) {
    }

    /** A polymorphic value, told apart by its "kind" member. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes(@JsonSubTypes.Type(value = Card.class, name = "card"))
    public sealed interface Gift permits Card {
    }

    public record Card(String text) implements Gift {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Echo echo(@Valid Echo echo) {
        return echo;
    }
}
