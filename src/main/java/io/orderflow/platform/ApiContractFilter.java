package io.orderflow.platform;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes the OpenAPI document a contract clients can be generated from: a stable operationId per operation (the
 * build fails on an operation this table does not name), the bearer scheme required or optional as the server
 * checks it, the 401, 429 and 503 answers with their {@code Retry-After}, which response fields are always sent
 * and which may be null, enums where the server only accepts a fixed set, and request examples. What the
 * annotations say stays the source; this fills in what they cannot express. Runs at build time.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiContractFilter implements OASFilter {

    static final String BEARER = "bearer";
    private static final String API = "/api/v1";

    /** "METHOD path" to operationId. Renaming one breaks generated clients: add, never rename. */
    static final Map<String, String> OPERATION_IDS = Map.ofEntries(
            Map.entry("POST /auth/register", "register"),
            Map.entry("POST /auth/login", "login"),
            Map.entry("POST /auth/refresh", "refreshTokens"),
            Map.entry("POST /auth/logout", "logout"),
            Map.entry("GET /me", "getProfile"),
            Map.entry("PATCH /me", "updateProfile"),
            Map.entry("GET /me/addresses", "listAddresses"),
            Map.entry("POST /me/addresses", "addAddress"),
            Map.entry("GET /me/addresses/{id}", "getAddress"),
            Map.entry("PATCH /me/addresses/{id}", "updateAddress"),
            Map.entry("DELETE /me/addresses/{id}", "deleteAddress"),
            Map.entry("GET /me/payment-methods", "listPaymentMethods"),
            Map.entry("POST /me/payment-methods", "addPaymentMethod"),
            Map.entry("GET /me/payment-methods/{id}", "getPaymentMethod"),
            Map.entry("DELETE /me/payment-methods/{id}", "deletePaymentMethod"),
            Map.entry("GET /admin/users", "listUsers"),
            Map.entry("PATCH /admin/users/{id}", "changeUserAccess"),
            Map.entry("POST /admin/load-test-customers", "createLoadTestCustomers"),
            Map.entry("GET /admin/gateway/ledger", "getGatewayLedger"),
            Map.entry("GET /products", "listProducts"),
            Map.entry("POST /products", "createProduct"),
            Map.entry("GET /products/{id}", "getProduct"),
            Map.entry("GET /products/by-slug/{slug}", "getProductBySlug"),
            Map.entry("PATCH /products/{id}", "updateProduct"),
            Map.entry("DELETE /products/{id}", "deleteProduct"),
            Map.entry("GET /inventory/{productId}", "getStockLevels"),
            Map.entry("POST /inventory/{productId}/adjustments", "adjustStock"),
            Map.entry("GET /inventory/{productId}/transactions", "listStockTransactions"),
            Map.entry("GET /inventory/low-stock", "listLowStock"),
            Map.entry("POST /cart", "createCart"),
            Map.entry("GET /cart", "getCart"),
            Map.entry("DELETE /cart", "clearCart"),
            Map.entry("PUT /cart/items/{productId}", "setCartItem"),
            Map.entry("DELETE /cart/items/{productId}", "removeCartItem"),
            Map.entry("POST /orders", "placeOrder"),
            Map.entry("GET /orders", "listOrders"),
            Map.entry("GET /orders/{id}", "getOrder"),
            Map.entry("POST /orders/{id}/payments", "payOrder"),
            Map.entry("POST /orders/{id}/cancel", "cancelOrder"),
            Map.entry("POST /orders/{id}/refunds", "refundOrder"),
            Map.entry("POST /orders/{id}/shipments", "shipOrder"),
            Map.entry("GET /shipments/{id}", "getShipment"),
            Map.entry("POST /shipments/{id}/delivered", "markShipmentDelivered"),
            Map.entry("POST /payments/webhook", "receivePaymentWebhook"),
            Map.entry("GET /courses", "listCourses"),
            Map.entry("GET /courses/{course}", "getCourse"),
            Map.entry("PUT /courses/{course}", "setCourseDetails"),
            Map.entry("POST /courses/{productId}/reviews", "reviewCourse"),
            Map.entry("GET /courses/{productId}/reviews", "listCourseReviews"),
            Map.entry("GET /events", "listEvents"),
            Map.entry("GET /events/{id}", "getEvent"),
            Map.entry("PUT /events/{id}", "setEventDetails"),
            Map.entry("POST /events/{id}/cancel", "cancelEvent"),
            Map.entry("POST /events/{id}/waitlist", "joinWaitlist"),
            Map.entry("DELETE /events/{id}/waitlist", "leaveWaitlist"),
            Map.entry("GET /me/waitlist", "listMyWaitlist"),
            Map.entry("GET /me/enrolments", "listMyEnrolments"),
            Map.entry("PATCH /me/enrolments/{id}", "completeEnrolment"),
            Map.entry("GET /me/bookings", "listMyBookings"),
            Map.entry("GET /rooms/{id}", "getRoom"),
            Map.entry("GET /rooms/{id}/stream", "streamRoom"),
            Map.entry("POST /rooms/{id}/messages", "postMessage"),
            Map.entry("GET /rooms/{id}/messages", "listMessages"),
            Map.entry("PATCH /rooms/{id}/messages/{messageId}", "editMessage"),
            Map.entry("DELETE /rooms/{id}/messages/{messageId}", "deleteMessage"),
            Map.entry("POST /rooms/{id}/read", "markRoomRead"),
            Map.entry("POST /rooms/{id}/typing", "sendTyping"),
            Map.entry("POST /rooms/{id}/archive", "archiveRoom"),
            Map.entry("PATCH /rooms/{id}/membership", "updateMembership"),
            Map.entry("GET /me/rooms", "listMyRooms"),
            Map.entry("GET /courses/{productId}/room", "getCourseRoom"),
            Map.entry("GET /orders/{orderId}/support", "getSupportRoom"),
            Map.entry("POST /orders/{orderId}/support/messages", "postSupportMessage"),
            Map.entry("GET /ping", "ping"));

    /** Operations a guest may call; a token, when sent, is checked and changes the answer (own cart, staff views). */
    static final Set<String> OPTIONAL_TOKEN = Set.of("getCart", "createCart", "clearCart", "setCartItem", "removeCartItem",
            "listProducts", "getProduct", "getProductBySlug", "getCourse");

    /** Operations no token is needed or read for (the webhook is authenticated by its signature). */
    static final Set<String> PUBLIC = Set.of("register", "login", "refreshTokens", "receivePaymentWebhook", "ping",
            "listCourses", "listEvents", "getEvent", "listCourseReviews");

    /** Operations that take an Idempotency-Key and answer 409 idempotency-in-flight while it is processed. */
    static final Set<String> IDEMPOTENT = Set.of("placeOrder", "payOrder", "refundOrder");

    private static final Map<String, String> TAGS = new TreeMap<>(Map.ofEntries(
            Map.entry("Admin", "User administration, load-test customers and the sandbox gateway's ledger (admin)"),
            Map.entry("Auth", "Registration, sign-in and token refresh: access tokens are bearer JWTs"),
            Map.entry("Cart", "A guest's or customer's cart; a guest sends the cart id as X-Cart-Id"),
            Map.entry("Catalog", "Products: public reads with ETags, staff writes"),
            Map.entry("Conversations", "Course rooms and order support threads: messages, live streams (server-sent events), read receipts"),
            Map.entry("Courses and events", "Courses and events (products sold by the same checkout), enrolments and bookings"),
            Map.entry("Inventory", "Stock levels, adjustments and the stock ledger (staff)"),
            Map.entry("Me", "The signed-in customer's profile, addresses and payment methods"),
            Map.entry("Orders", "Checkout with Idempotency-Key, the customer's orders, payment retries, cancellation and refunds"),
            Map.entry("Payments", "The payment gateway's signed webhook"),
            Map.entry("Platform", "Liveness of the API itself"),
            Map.entry("Shipments", "Shipping and delivery (staff)")));

    /**
     * Response schemas: every property is sent (Jackson writes nulls) except the ones listed as omitted, and the
     * ones listed as nullable may be null.
     */
    private record Shape(Set<String> nullable, Set<String> omittedWhenNull) {
    }

    private static final Map<String, Shape> RESPONSES = Map.ofEntries(
            Map.entry("Order", new Shape(Set.of("shippingAddress", "billingAddress", "confirmedAt", "cancelledAt",
                    "cancellationReason", "payment"), Set.of())),
            Map.entry("OrderItem", new Shape(Set.of(), Set.of())),
            Map.entry("OrderPayment", new Shape(Set.of(), Set.of("failureReason"))),
            Map.entry("OrderSummary", new Shape(Set.of(), Set.of())),
            Map.entry("AddressSnapshot", new Shape(Set.of(), Set.of("line2", "state"))),
            Map.entry("AddressView", new Shape(Set.of("line2", "state"), Set.of())),
            Map.entry("UserView", new Shape(Set.of("phone"), Set.of())),
            Map.entry("PaymentMethodView", new Shape(Set.of(), Set.of())),
            Map.entry("TokenPair", new Shape(Set.of(), Set.of())),
            Map.entry("Cart", new Shape(Set.of(), Set.of())),
            Map.entry("CartLine", new Shape(Set.of("sku", "name", "currentPriceCents", "availableQuantity"), Set.of())),
            Map.entry("CreatedCart", new Shape(Set.of(), Set.of())),
            Map.entry("Product", new Shape(Set.of("description", "imageUrl"), Set.of("costCents"))),
            Map.entry("Availability", new Shape(Set.of("available"), Set.of())),
            Map.entry("ProductPage", new Shape(Set.of("nextCursor"), Set.of())),
            Map.entry("PageAddressView", new Shape(Set.of("nextCursor"), Set.of())),
            Map.entry("PageOrderSummary", new Shape(Set.of("nextCursor"), Set.of())),
            Map.entry("PagePaymentMethodView", new Shape(Set.of("nextCursor"), Set.of())),
            Map.entry("PageUserView", new Shape(Set.of("nextCursor"), Set.of())),
            Map.entry("LedgerPage", new Shape(Set.of("nextCursor"), Set.of())),
            Map.entry("LowStockPage", new Shape(Set.of("nextCursor"), Set.of())),
            Map.entry("LowStockItem", new Shape(Set.of(), Set.of())),
            Map.entry("StockLevels", new Shape(Set.of("warehouseLocation", "lastCountedAt"), Set.of())),
            Map.entry("LedgerEntry", new Shape(Set.of("orderId", "notes", "createdBy"), Set.of())),
            Map.entry("Shipment", new Shape(Set.of("estimatedDelivery", "deliveredAt"), Set.of())),
            Map.entry("Pong", new Shape(Set.of(), Set.of())));

    private static final List<String> ADDRESS_TYPES = List.of("shipping", "billing", "return");
    private static final List<String> ROLES = List.of("admin", "manager", "employee", "customer");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.setServers(new ArrayList<>(List.of(OASFactory.createServer().url("/")
                .description("The server that serves this document; paths start with " + API))));
        api.setTags(new ArrayList<>(TAGS.entrySet().stream()
                .map(tag -> (Tag) OASFactory.createTag().name(tag.getKey()).description(tag.getValue())).toList()));
        // Only the API: test fixtures add resources of their own outside it.
        api.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(API + "/")) {
                item.getOperations().forEach((method, operation) -> document(method, path, operation));
            }
        });
        Map<String, Schema> schemas = new TreeMap<>(api.getComponents().getSchemas());
        RESPONSES.forEach((name, shape) -> describe(schemas, name, shape));
        schemas.put("ShortLine", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One line of an order that could not be reserved")
                .addProperty("productId", OASFactory.createSchema().ref("UUID"))
                .addProperty("requested", integer())
                .addProperty("available", integer())
                .required(new ArrayList<>(List.of("productId", "requested", "available"))));
        api.getComponents().setSchemas(schemas);
        problemMembers(schemas.get(Problem.SCHEMA_NAME));
        enumerate(schemas.get("AddressView").getProperties().get("type"), ADDRESS_TYPES);
        enumerate(schemas.get("UserView").getProperties().get("role"), ROLES);
        enumerate(schemas.get("AccessChange").getProperties().get("role"), ROLES);
    }

    private static void document(PathItem.HttpMethod method, String path, Operation operation) {
        String key = method + " " + path.substring(API.length());
        String id = OPERATION_IDS.get(key);
        if (id == null) {
            throw new IllegalStateException("No operationId for " + key + ": add one to ApiContractFilter.OPERATION_IDS");
        }
        operation.setOperationId(id);
        operation.setTags(new ArrayList<>(List.of(tagOf(path))));
        security(id, operation);
        errorResponses(method, id, operation);
        headers(operation.getResponses());
        parameters(operation);
        RequestExamples.apply(id, operation);
        if (IDEMPOTENT.contains(id) && operation.getResponses().hasAPIResponse("409")) {
            operation.getResponses().getAPIResponse("409").addHeader("Retry-After",
                    header("With idempotency-in-flight: seconds to wait before sending the same request again", integer()));
        }
        if (id.equals("cancelOrder") && operation.getRequestBody() != null) {
            operation.getRequestBody().setRequired(false);
            operation.getRequestBody().setDescription("Optional: a cancellation without a body has no reason");
        }
    }

    private static String tagOf(String path) {
        String first = path.substring(API.length() + 1).split("/")[0];
        if (first.equals("rooms") || path.endsWith("/rooms") || path.endsWith("/room") || path.contains("/support")) {
            return "Conversations";
        }
        return switch (first) {
            case "auth" -> "Auth";
            case "me" -> "Me";
            case "admin" -> "Admin";
            case "products" -> "Catalog";
            case "inventory" -> "Inventory";
            case "cart" -> "Cart";
            case "orders" -> path.endsWith("/shipments") ? "Shipments" : "Orders";
            case "courses", "events" -> "Courses and events";
            case "shipments" -> "Shipments";
            case "payments" -> "Payments";
            default -> "Platform";
        };
    }

    private static void security(String id, Operation operation) {
        if (PUBLIC.contains(id)) {
            operation.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement())));
        } else if (OPTIONAL_TOKEN.contains(id)) {
            operation.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement(),
                    OASFactory.createSecurityRequirement().addScheme(BEARER))));
        } else if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            throw new IllegalStateException(id + " declares no security: list it as public or optional, or annotate it");
        }
    }

    private static void errorResponses(PathItem.HttpMethod method, String id, Operation operation) {
        APIResponses responses = operation.getResponses();
        boolean write = method != PathItem.HttpMethod.GET;
        if (!PUBLIC.contains(id)) {
            addProblem(responses, "401", "The bearer token is missing, invalid, expired or revoked");
        }
        if (write && !PUBLIC.contains(id)) {
            addProblem(responses, "429", "Too many writes by this user; retry after Retry-After seconds");
        }
        if (!id.equals("ping")) {
            addProblem(responses, "503", "A service this request needs is briefly unavailable; retry after Retry-After seconds");
        }
    }

    private static void addProblem(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                    .content(ProblemResponsesFilter.problemContent()));
        }
    }

    private static void headers(APIResponses responses) {
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.equals("429") || status.equals("503")) {
                response.addHeader("Retry-After", header("Seconds to wait before sending the same request again", integer()));
            }
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, header) -> {
                    if (header.getSchema() == null && header.getRef() == null) {
                        header.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
                    }
                });
            }
            if (status.equals("304")) {
                response.setDescription("Not modified: the ETag sent in If-None-Match is current; use the copy you have");
                response.addHeader("ETag", header("The representation's entity tag",
                        OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            }
        });
    }

    private static Header header(String description, Schema schema) {
        return OASFactory.createHeader().description(description).schema(schema);
    }

    private static Schema integer() {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32");
    }

    private static void parameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            Schema schema = parameter.getSchema();
            if (schema == null) {
                continue;
            }
            if (schema.getEnumeration() != null && schema.getType() == null) {
                schema.addType(Schema.SchemaType.STRING);
            }
            if (parameter.getIn() == Parameter.In.QUERY && "status".equals(parameter.getName())) {
                parameter.setSchema(OASFactory.createSchema().ref("OrderStatus"));
            }
            if (parameter.getIn() == Parameter.In.QUERY && "role".equals(parameter.getName())) {
                enumerate(schema, ROLES);
            }
        }
    }

    /** A regex-typed string becomes the enum it spells out. */
    private static void enumerate(Schema schema, List<String> values) {
        schema.setPattern(null);
        schema.setType(new ArrayList<>(List.of(Schema.SchemaType.STRING)));
        schema.setEnumeration(new ArrayList<>(values));
    }

    private static void describe(Map<String, Schema> schemas, String name, Shape shape) {
        Schema schema = schemas.get(name);
        if (schema == null || schema.getProperties() == null) {
            throw new IllegalStateException("No response schema " + name + " to describe");
        }
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        List<String> required = new ArrayList<>();
        properties.forEach((property, value) -> {
            if (!shape.omittedWhenNull().contains(property)) {
                required.add(property);
            }
            if (shape.nullable().contains(property)) {
                properties.put(property, nullable(value));
            }
        });
        schema.setProperties(properties);
        schema.setRequired(required);
    }

    static Schema nullable(Schema schema) {
        if (schema.getRef() != null) {
            return OASFactory.createSchema().description(schema.getDescription())
                    .anyOf(new ArrayList<>(List.of(OASFactory.createSchema().ref(schema.getRef()),
                            OASFactory.createSchema().addType(Schema.SchemaType.NULL))));
        }
        if (schema.getAnyOf() != null || schema.getType() == null || schema.getType().contains(Schema.SchemaType.NULL)) {
            return schema;
        }
        schema.addType(Schema.SchemaType.NULL);
        return schema;
    }

    /** The members a problem carries besides RFC 9457's, by type; every one is optional. */
    private static void problemMembers(Schema problem) {
        problem.setRequired(new ArrayList<>(List.of("type", "title", "status")));
        Schema uuid = OASFactory.createSchema().ref("UUID");
        problem.addProperty("orderId", uuid.description("402 payment-declined, 409 payment-in-flight and order-status, 503: the order concerned"));
        problem.addProperty("reason", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .description("402 payment-declined: why the card was declined"));
        problem.addProperty("orderStatus", OASFactory.createSchema().ref("OrderStatus")
                .description("409 order-status: the status that does not allow the change"));
        problem.addProperty("retryAfterSeconds", integer().description("429: the same as the Retry-After header"));
        problem.addProperty("productIds", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(OASFactory.createSchema().ref("UUID"))
                .description("422 unknown-products: the products that are unknown or not for sale"));
        problem.addProperty("onHand", integer().description("409 insufficient-stock: units on hand"));
        problem.addProperty("reserved", integer().description("409 insufficient-stock: units reserved by pending orders"));
        problem.addProperty("quantityChange", integer().description("409 insufficient-stock: the change refused"));
        problem.addProperty("lines", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(OASFactory.createSchema().ref("ShortLine"))
                .description("409 out-of-stock: each line that could not be reserved"));
    }
}
