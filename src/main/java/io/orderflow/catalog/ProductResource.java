package io.orderflow.catalog;

import io.orderflow.platform.Page;
import io.orderflow.platform.security.Caller;
import io.orderflow.platform.security.CurrentUser;
import io.orderflow.platform.security.Roles;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The product catalog: public reads, staff writes. */
@Path("/api/v1/products")
@Tag(name = "Catalog", description = "Products, search and availability")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    /** A page of products, for the OpenAPI document. */
    @Schema(name = "ProductPage")
    public record ProductPage(List<ProductView> items, @Schema(nullable = true) String nextCursor) {
    }

    private final CatalogService catalog;
    private final CurrentUser user;

    ProductResource(CatalogService catalog, CurrentUser user) {
        this.catalog = catalog;
        this.user = user;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a product", description = "Creates the product with a unique slug derived from its name, "
            + "its stock row and a PURCHASE ledger row for the initial stock.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ProductView.class)),
            headers = @Header(name = "Location", description = "The new product's URL"))
    @APIResponse(responseCode = "400", description = "Invalid fields (validation, untracked-not-digital)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Only admins and managers create products")
    @APIResponse(responseCode = "409", description = "The SKU is taken (duplicate-sku)")
    public Uni<Response> create(@Valid @NotNull NewProduct product) {
        return catalog.create(product, user.actor())
                .map(created -> Response.created(URI.create("/api/v1/products/" + created.id())).entity(created).build());
    }

    @GET
    @PermitAll
    @Operation(summary = "List and search products",
            description = "Keyset-paginated: pass nextCursor back as cursor. Customers see active products only; "
                    + "staff may add includeInactive=true. Sorting by relevance needs a query.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter or cursor (validation, invalid-cursor, query-required)")
    @APIResponse(responseCode = "403", description = "includeInactive asked by a non-staff caller")
    public Uni<Page<ProductView>> list(
            @QueryParam("query") @Size(max = 200) @Parameter(description = "Full-text search (web search syntax)") String query,
            @QueryParam("category") @Size(max = 100) String category,
            @QueryParam("kind") @Pattern(regexp = "physical|digital|course|event", message = "must be one of physical, digital, course, event")
            @Parameter(schema = @Schema(enumeration = {"physical", "digital", "course", "event"})) String kind,
            @QueryParam("minPriceCents") @PositiveOrZero Long minPriceCents,
            @QueryParam("maxPriceCents") @PositiveOrZero Long maxPriceCents,
            @QueryParam("sort") @Pattern(regexp = "relevance|newest|price_asc|price_desc", message = "must be one of relevance, newest, price_asc, price_desc")
            @Parameter(description = "Default: relevance with a query, newest without",
                    schema = @Schema(enumeration = {"relevance", "newest", "price_asc", "price_desc"})) String sort,
            @QueryParam("includeInactive") @DefaultValue("false") boolean includeInactive,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @QueryParam("cursor") String cursor) {
        String text = query == null || query.isBlank() ? null : query;
        ProductSort order = ProductSort.named(sort != null ? sort : text != null ? "relevance" : "newest");
        ProductSearch search = new ProductSearch(text, category, kind, minPriceCents, maxPriceCents, includeInactive, order);
        return callerIsStaff().chain(staff -> {
            if (includeInactive && !staff) {
                throw new ForbiddenException("Only staff may list inactive products");
            }
            return catalog.list(search, cursor, limit, staff);
        });
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "A product by id", description = "Answers 304 when If-None-Match holds the current ETag.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductView.class)),
            headers = @Header(name = "ETag", description = "Strong validator of this representation"))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given")
    @APIResponse(responseCode = "404", description = "No such product, or not for sale")
    public Uni<Response> byId(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return callerIsStaff().chain(staff -> catalog.byId(id, staff)).map(product -> conditional(product, ifNoneMatch));
    }

    @GET
    @Path("/by-slug/{slug}")
    @PermitAll
    @Operation(summary = "A product by slug", description = "Answers 304 when If-None-Match holds the current ETag.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductView.class)),
            headers = @Header(name = "ETag", description = "Strong validator of this representation"))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given")
    @APIResponse(responseCode = "404", description = "No such product, or not for sale")
    public Uni<Response> bySlug(@PathParam("slug") String slug, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return callerIsStaff().chain(staff -> catalog.bySlug(slug, staff)).map(product -> conditional(product, ifNoneMatch));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a product", description = "Absent fields stay unchanged. A price change applies to new orders only.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Only admins and managers change products")
    @APIResponse(responseCode = "404", description = "No such product")
    public Uni<ProductView> update(@PathParam("id") UUID id, @Valid @NotNull ProductPatch patch) {
        return catalog.update(id, patch, user.actor());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(summary = "Retire a product", description = "A soft delete: the product leaves the catalog, its history stays.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Only admins and managers delete products")
    @APIResponse(responseCode = "404", description = "No such product")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return catalog.delete(id, user.actor());
    }

    /**
     * Whether a signed-in staff member is calling a public endpoint. Authentication is lazy, so the
     * identity is resolved here without blocking the event loop; anonymous callers are customers.
     */
    private Uni<Boolean> callerIsStaff() {
        return user.resolve().map(Caller::staff);
    }

    /** The product with its strong ETag, or 304 when the client's copy is current. */
    private static Response conditional(RenderedProduct product, String ifNoneMatch) {
        Response.ResponseBuilder response = product.matches(ifNoneMatch)
                ? Response.notModified()
                : Response.ok(product.body(), MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.ETAG, product.etag())
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION)
                .build();
    }
}
