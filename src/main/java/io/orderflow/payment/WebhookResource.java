package io.orderflow.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.platform.BadRequestException;
import io.orderflow.platform.security.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** Events from the payment gateway. The signature is checked over the raw body, before it is parsed. */
@Path("/api/v1/payments/webhook")
@Tag(name = "Payments")
public class WebhookResource {

    private final WebhookSignature signature;
    private final WebhookService events;
    private final ObjectMapper json;
    private final Validator validator;
    private final CurrentUser user;

    WebhookResource(WebhookSignature signature, WebhookService events, ObjectMapper json, Validator validator, CurrentUser user) {
        this.signature = signature;
        this.events = events;
        this.json = json;
        this.validator = validator;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Gateway webhook", description = """
            payment.succeeded / payment.failed / payment.refunded for a charge, driving the same state changes as the
            synchronous checkout. Signed: Orderflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<raw body>">
            with the shared secret; older than 5 minutes or a wrong signature answers 400. Each event id is processed
            once; a repeat answers 200 and does nothing.""")
    @RequestBody(content = @Content(schema = @Schema(implementation = WebhookEvent.class)))
    @APIResponse(responseCode = "200", description = "Processed, or a duplicate acknowledged")
    @APIResponse(responseCode = "400", description = "Bad or stale signature (invalid-signature), or a malformed event")
    @APIResponse(responseCode = "422", description = "The gateway does not confirm the event (webhook-unconfirmed); nothing changed")
    @APIResponse(responseCode = "503", description = "The gateway could not confirm the event now (service-unavailable); send it again")
    public Uni<Map<String, Object>> receive(@HeaderParam(WebhookSignature.HEADER) String signed, String body) {
        signature.verify(signed, body);
        WebhookEvent event = parse(body);
        return events.handle(event, body, user.anonymousActor())
                .map(processed -> Map.of("received", true, "duplicate", !processed));
    }

    private WebhookEvent parse(String body) {
        WebhookEvent event;
        try {
            event = json.readValue(body, WebhookEvent.class);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("malformed-body", "The event is not valid JSON of the documented shape");
        }
        var violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return event;
    }
}
