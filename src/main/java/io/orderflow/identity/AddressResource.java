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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** The signed-in user's addresses. Another user's address answers 404. */
@Path("/api/v1/me/addresses")
@Authenticated
@Tag(name = "me")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class AddressResource {

    static final String TYPES = "shipping|billing|return";

    public record NewAddress(@NotNull @Pattern(regexp = TYPES) @Schema(enumeration = {"shipping", "billing", "return"}) String type,
                             @NotBlank @Size(max = 255) String line1,
                             @Size(max = 255) String line2,
                             @NotBlank @Size(max = 100) String city,
                             @NotNull @Size(max = 100) String state,
                             @NotBlank @Size(max = 20) String postalCode,
                             @NotNull @IsoCountry @Schema(example = "US") String country,
                             Boolean isDefault) {
    }

    /** Omitted members keep their value. */
    public record AddressChange(@Pattern(regexp = TYPES) @Schema(enumeration = {"shipping", "billing", "return"}) String type,
                                @Size(min = 1, max = 255) @Pattern(regexp = ".*\\S.*") String line1,
                                @Size(max = 255) String line2,
                                @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*") String city,
                                @Size(max = 100) String state,
                                @Size(min = 1, max = 20) @Pattern(regexp = ".*\\S.*") String postalCode,
                                @IsoCountry String country,
                                Boolean isDefault) {
    }

    private final AddressService addresses;
    private final CurrentUser user;

    AddressResource(AddressService addresses, CurrentUser user) {
        this.addresses = addresses;
        this.user = user;
    }

    @GET
    @Operation(summary = "List my addresses, oldest first", description = "Keyset pagination: pass nextCursor back as cursor.")
    @APIResponse(responseCode = "200", description = "One page of addresses")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    public Uni<Page<AddressView>> list(@RestQuery String cursor, @RestQuery @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return addresses.list(user.id(), cursor, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my addresses")
    @APIResponse(responseCode = "200", description = "The address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AddressView.class)))
    @APIResponse(responseCode = "404", description = "No such address of mine")
    public Uni<AddressView> find(@RestPath UUID id) {
        return addresses.find(user.id(), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an address", description = "isDefault: true clears the previous default of that type.")
    @APIResponse(responseCode = "201", description = "The new address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AddressView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "429", description = "Too many writes; see Retry-After")
    public Uni<RestResponse<AddressView>> create(@Valid @NotNull NewAddress address) {
        return addresses.create(user.id(), address, user.actor())
                .map(created -> RestResponse.status(RestResponse.Status.CREATED, created));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an address", description = "isDefault: true clears the previous default of that type.")
    @APIResponse(responseCode = "200", description = "The updated address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AddressView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No such address of mine")
    @APIResponse(responseCode = "429", description = "Too many writes; see Retry-After")
    public Uni<AddressView> update(@RestPath UUID id, @Valid @NotNull AddressChange change) {
        return addresses.update(user.id(), id, change, user.actor());
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete an address")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such address of mine")
    @APIResponse(responseCode = "429", description = "Too many writes; see Retry-After")
    public Uni<Void> delete(@RestPath UUID id) {
        return addresses.delete(user.id(), id, user.actor());
    }
}
