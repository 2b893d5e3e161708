package io.orderflow.payment;

import io.orderflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The built-in sandbox gateway's ledger, for tests and load tests that prove gateway money equals recorded money. */
@Path("/api/v1/admin/gateway/ledger")
@Tag(name = "Admin")
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxLedgerResource {

    /** Every charge (declined ones included) and every refund the sandbox made. */
    public record Ledger(List<SandboxGateway.Operation> charges, List<SandboxGateway.Operation> refunds) {
    }

    private final SandboxGateway sandbox;

    SandboxLedgerResource(SandboxGateway sandbox) {
        this.sandbox = sandbox;
    }

    @GET
    @Operation(summary = "Sandbox gateway ledger (admin)", description = """
            What the built-in sandbox payment gateway holds, per idempotency key: charges and refunds. Compare it with
            the orders' payments (scripts/sql/gateway-ledger.sql does so in SQL).""")
    @APIResponse(responseCode = "200", description = "The ledger")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Uni<Ledger> ledger() {
        return sandbox.ledger().map(operations -> new Ledger(
                operations.stream().filter(operation -> operation.kind().equals("charge")).toList(),
                operations.stream().filter(operation -> operation.kind().equals("refund")).toList()));
    }
}
