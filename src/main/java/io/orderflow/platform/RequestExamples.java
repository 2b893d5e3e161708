package io.orderflow.platform;

import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/** One request example per operation that takes a body, the README's purchase where it has one; used by {@link ApiContractFilter}. */
final class RequestExamples {

    private static final String ID = "3f0c2f4e-8a53-4d38-9d6f-2f1b8c1e0a11";

    private static final Map<String, Map<String, Object>> EXAMPLES = Map.ofEntries(
            Map.entry("register", object("email", "ann@example.com", "password", "correct-horse-1", "firstName", "Ann",
                    "lastName", "Lee")),
            Map.entry("login", object("email", "ann@example.com", "password", "correct-horse-1")),
            Map.entry("refreshTokens", object("refreshToken", "<refresh token from login>")),
            Map.entry("updateProfile", object("phone", "+1 217 555 0100")),
            Map.entry("addAddress", object("type", "shipping", "line1", "1 Main St", "city", "Springfield", "state", "IL",
                    "postalCode", "62701", "country", "US")),
            Map.entry("updateAddress", object("line2", "Apt 4", "isDefault", true)),
            Map.entry("addPaymentMethod", object("token", "tok_visa")),
            Map.entry("changeUserAccess", object("role", "manager", "active", true)),
            Map.entry("createLoadTestCustomers", object("count", 100, "emailPrefix", "run1")),
            Map.entry("createProduct", object("sku", "MUG-1", "name", "Mug", "category", "kitchen", "kind", "physical",
                    "priceCents", 1200, "currency", "USD", "initialStock", 50)),
            Map.entry("updateProduct", object("priceCents", 1100)),
            Map.entry("adjustStock", object("type", "purchase", "quantityChange", 20, "notes", "delivery 42")),
            Map.entry("setCartItem", object("quantity", 2)),
            Map.entry("placeOrder", object("items", new Object[] {object("productId", ID, "quantity", 2)},
                    "shippingAddressId", ID, "billingAddressId", ID, "paymentMethodId", ID)),
            Map.entry("payOrder", object("paymentMethodId", ID)),
            Map.entry("cancelOrder", object("reason", "ordered by mistake")),
            Map.entry("refundOrder", object("amountCents", 1200, "reason", "damaged in transit")),
            Map.entry("setCourseDetails", object("instructorId", ID, "durationMinutes", 90, "level", "beginner",
                    "schedule", object("timeZone", "Europe/Paris", "weekly", new Object[] {object("weekday", "MONDAY", "localTime", "18:30")}),
                    "shortDescription", "Bread from scratch in six evenings", "published", true)),
            Map.entry("setEventDetails", object("startsAt", "2027-03-20T19:00:00+01:00", "endsAt", "2027-03-20T22:00:00+01:00",
                    "timeZone", "Europe/Paris", "venue", "Salle Pleyel, Paris", "seatsPerOrder", 4)),
            Map.entry("completeEnrolment", object("status", "completed")),
            Map.entry("reviewCourse", object("rating", 5, "comment", "Clear, patient, and the bread came out right")),
            Map.entry("postMessage", object("body", "Does anyone have the recipe from week 2?")),
            Map.entry("postSupportMessage", object("body", "My parcel has not arrived yet")),
            Map.entry("editMessage", object("body", "Does anyone have the recipe from week 3?")),
            Map.entry("markRoomRead", object("messageId", ID)),
            Map.entry("updateMembership", object("muted", true)),
            Map.entry("shipOrder", object("carrier", "ups", "trackingNumber", "1Z999AA10123456784",
                    "estimatedDelivery", "2026-12-24")));

    private RequestExamples() {
    }

    static void apply(String operationId, Operation operation) {
        Map<String, Object> example = EXAMPLES.get(operationId);
        if (example == null || operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        for (MediaType media : operation.getRequestBody().getContent().getMediaTypes().values()) {
            media.setExample(example);
        }
    }

    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            object.put((String) keysAndValues[i], value instanceof Object[] array ? java.util.List.of(array) : value);
        }
        return object;
    }
}
