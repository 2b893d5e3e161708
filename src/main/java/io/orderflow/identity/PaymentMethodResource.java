package io.orderflow.identity;

import io.orderflow.platform.Page;
import io.orderflow.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** The signed-in user's stored cards. Another user's card answers 404. */
@Path("/api/v1/me/payment-methods")
@Authenticated
@Tag(name = "me")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class PaymentMethodResource {

    public record NewPaymentMethod(
            @NotBlank @Size(max = 100) @Schema(description = "A gateway card token made on the client", example = "tok_visa") String token,
            Boolean isDefault) {
    }

    private final PaymentMethodService methods;
    private final CurrentUser user;

    PaymentMethodResource(PaymentMethodService methods, CurrentUser user) {
        this.methods = methods;
        this.user = user;
    }

    @GET
    @Operation(summary = "List my payment methods, oldest first", description = "Keyset pagination: pass nextCursor back as cursor.")
    @APIResponse(responseCode = "200", description = "One page of payment methods")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    public Uni<Page<PaymentMethodView>> list(@RestQuery String cursor, @RestQuery @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return methods.list(user.id(), cursor, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my payment methods")
    @APIResponse(responseCode = "200", description = "The payment method",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentMethodView.class)))
    @APIResponse(responseCode = "404", description = "No such payment method of mine")
    public Uni<PaymentMethodView> find(@RestPath UUID id) {
        return methods.find(user.id(), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a card from a gateway token", description = "isDefault: true clears the previous default.")
    @APIResponse(responseCode = "201", description = "The stored card",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentMethodView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or a token the gateway does not know (type invalid-payment-token)")
    @APIResponse(responseCode = "429", description = "Too many writes; see Retry-After")
    public Uni<RestResponse<PaymentMethodView>> add(@Valid @NotNull NewPaymentMethod method) {
        return methods.add(user.id(), method, user.actor())
                .map(added -> RestResponse.status(RestResponse.Status.CREATED, added));
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a payment method")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such payment method of mine")
    @APIResponse(responseCode = "429", description = "Too many writes; see Retry-After")
    public Uni<Void> delete(@RestPath UUID id) {
        return methods.delete(user.id(), id, user.actor());
    }
}
