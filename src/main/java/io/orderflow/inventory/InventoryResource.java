package io.orderflow.inventory;

import io.orderflow.platform.Page;
import io.orderflow.platform.security.CurrentUser;
import io.orderflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Stock levels, adjustments, the ledger and the low-stock list, for staff. */
@Path("/api/v1/inventory")
@Tag(name = "Inventory", description = "Stock levels and the stock ledger (staff)")
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.EMPLOYEE})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller is not staff")
public class InventoryResource {

    /** A page of the ledger, for the OpenAPI document. */
    @Schema(name = "LedgerPage")
    public record LedgerPage(List<LedgerEntry> items, @Schema(nullable = true) String nextCursor) {
    }

    /** A page of the low-stock list, for the OpenAPI document. */
    @Schema(name = "LowStockPage")
    public record LowStockPage(List<LowStockItem> items, @Schema(nullable = true) String nextCursor) {
    }

    private final InventoryService inventory;
    private final CurrentUser user;

    InventoryResource(InventoryService inventory, CurrentUser user) {
        this.inventory = inventory;
        this.user = user;
    }

    @GET
    @Path("/{productId}")
    @Operation(summary = "Stock levels of a product")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StockLevels.class)))
    @APIResponse(responseCode = "404", description = "No such product")
    public Uni<StockLevels> levels(@PathParam("productId") UUID productId) {
        return inventory.levels(productId);
    }

    @POST
    @Path("/{productId}/adjustments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a product's quantity on hand",
            description = "Writes the change and its ledger row together. A change that would leave on hand "
                    + "negative or below the reserved quantity changes nothing and answers 409 insufficient-stock.")
    @APIResponse(responseCode = "200", description = "The new levels",
            content = @Content(schema = @Schema(implementation = StockLevels.class)))
    @APIResponse(responseCode = "400", description = "Invalid type or quantity (validation, invalid-adjustment), "
            + "or on hand would leave the range of a 32-bit integer (out-of-range)")
    @APIResponse(responseCode = "404", description = "No such product")
    @APIResponse(responseCode = "409", description = "Not enough stock for the change (insufficient-stock)")
    public Uni<StockLevels> adjust(@PathParam("productId") UUID productId, @Valid @NotNull StockAdjustment adjustment) {
        return inventory.adjust(productId, adjustment, user.actor());
    }

    @GET
    @Path("/{productId}/transactions")
    @Operation(summary = "A product's stock ledger, newest first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LedgerPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    @APIResponse(responseCode = "404", description = "No such product")
    public Uni<Page<LedgerEntry>> transactions(@PathParam("productId") UUID productId,
                                               @QueryParam("cursor") String cursor,
                                               @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return inventory.transactions(productId, cursor, limit);
    }

    @GET
    @Path("/low-stock")
    @Operation(summary = "Products whose available quantity is below their reorder point")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LowStockPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    public Uni<Page<LowStockItem>> lowStock(@QueryParam("cursor") String cursor,
                                            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return inventory.lowStock(cursor, limit);
    }
}
