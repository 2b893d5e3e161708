package io.orderflow.payment;

import io.orderflow.identity.CardTokens;
import io.orderflow.platform.BadRequestException;
import io.orderflow.platform.EnumNames;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The built-in gateway: a card processor's test mode. Test tokens decide the outcome
 * ({@code tok_visa} succeeds, {@code tok_chargeDeclined} declines, {@code tok_processingError}
 * always fails before charging, {@code tok_flaky} fails the first call of each idempotency key,
 * {@code tok_captureTimeout} captures on the first call of each key and then answers too late).
 * The stored card reference carries the token's behaviour, so cards need no state. Like a real
 * processor it remembers every charge and refund by idempotency key; the ledger lives in
 * PostgreSQL ({@code sandbox_gateway_operations}), written outside any application transaction,
 * so it survives a restart, is shared by every instance, and tests can prove that the money at
 * the gateway equals the money in the database.
 */
@ApplicationScoped
public class SandboxGateway implements PaymentGateway {

    private static final Logger LOG = Logger.getLogger(SandboxGateway.class);

    private enum Behaviour { SUCCEED, DECLINE, PROCESSING_ERROR, FLAKY, CAPTURE_THEN_TIMEOUT }

    /** A charge's outcome in the ledger, whose {@code outcome} column holds it in lowercase. */
    private enum Outcome { SUCCEEDED, DECLINED }

    private record TestCard(String brand, String last4, Behaviour behaviour, String declineReason) {
    }

    private static final Map<String, TestCard> TEST_CARDS = Map.of(
            "visa", new TestCard("visa", "4242", Behaviour.SUCCEED, null),
            "mastercard", new TestCard("mastercard", "4444", Behaviour.SUCCEED, null),
            "amex", new TestCard("amex", "0005", Behaviour.SUCCEED, null),
            "chargeDeclined", new TestCard("visa", "0002", Behaviour.DECLINE, "card_declined"),
            "insufficientFunds", new TestCard("visa", "9995", Behaviour.DECLINE, "insufficient_funds"),
            "processingError", new TestCard("visa", "0119", Behaviour.PROCESSING_ERROR, null),
            "flaky", new TestCard("visa", "3184", Behaviour.FLAKY, null),
            "captureTimeout", new TestCard("visa", "1881", Behaviour.CAPTURE_THEN_TIMEOUT, null));

    /** One ledger line: a charge (refundId null) or a refund of {@code chargeId}. */
    public record Operation(String idempotencyKey, String kind, String chargeId, String refundId, String outcome,
                            String declineReason, long amountCents, String currency) {
    }

    // The existing row comes back on a repeated key (the no-op update makes RETURNING see it).
    static final String CHARGE = """
            INSERT INTO sandbox_gateway_operations (idempotency_key, kind, charge_id, outcome, decline_reason, amount_cents, currency)
            VALUES ($1, 'charge', $2, $3, $4, $5, $6)
            ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
            RETURNING charge_id, outcome, decline_reason, amount_cents, xmax = 0 AS first_call""";

    static final String REFUND_BY_KEY = """
            SELECT refund_id, amount_cents FROM sandbox_gateway_operations WHERE idempotency_key = $1 AND kind = 'refund'""";

    // A refund is taken only from a successful charge and never beyond what is left of it.
    static final String REFUND = """
            INSERT INTO sandbox_gateway_operations (idempotency_key, kind, charge_id, refund_id, outcome, amount_cents, currency)
            SELECT $1, 'refund', c.charge_id, $3, 'succeeded', $4, c.currency
            FROM sandbox_gateway_operations c
            WHERE c.kind = 'charge' AND c.outcome = 'succeeded' AND c.charge_id = $2
              AND c.amount_cents >= $4 + (SELECT coalesce(sum(r.amount_cents), 0) FROM sandbox_gateway_operations r
                                          WHERE r.kind = 'refund' AND r.charge_id = $2)
            ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
            RETURNING refund_id, amount_cents""";

    static final String CHARGE_BY_KEY = """
            SELECT charge_id, outcome, decline_reason, amount_cents FROM sandbox_gateway_operations
            WHERE idempotency_key = $1 AND kind = 'charge'""";

    static final String REFUND_BY_ID = """
            SELECT refund_id, charge_id, amount_cents FROM sandbox_gateway_operations WHERE refund_id = $1 AND kind = 'refund'""";

    static final String LEDGER = """
            SELECT idempotency_key, kind, charge_id, refund_id, outcome, decline_reason, amount_cents, currency
            FROM sandbox_gateway_operations ORDER BY created_at, idempotency_key""";

    private final Pool db;
    private final Duration latency;
    private final Duration lateAnswer;
    /** Keys whose first call a flaky card already failed (per instance, as a flaky network would be). */
    private final Set<String> flakyFailed = ConcurrentHashMap.newKeySet();

    SandboxGateway(Pool db, PaymentConfig config) {
        this.db = db;
        this.latency = config.sandbox().latency();
        this.lateAnswer = config.gatewayTimeout().plusSeconds(1);
    }

    @Override
    public Uni<CardTokens.Card> resolveToken(String token) {
        String name = token == null || !token.startsWith("tok_") ? null : token.substring(4);
        TestCard card = name == null ? null : TEST_CARDS.get(name);
        if (card == null) {
            return Uni.createFrom().failure(new BadRequestException("invalid-payment-token",
                    "Unknown card token; the sandbox accepts tok_visa, tok_mastercard, tok_amex, tok_chargeDeclined, "
                            + "tok_insufficientFunds, tok_processingError, tok_flaky and tok_captureTimeout"));
        }
        return delayed(Uni.createFrom().item(new CardTokens.Card("pm_" + name + "_" + randomHex(), card.brand(), card.last4(), 12, 2034)));
    }

    @Override
    public Uni<ChargeResult> charge(ChargeRequest request) {
        TestCard card = cardOf(request.paymentMethodRef());
        if (card.behaviour() == Behaviour.PROCESSING_ERROR
                || (card.behaviour() == Behaviour.FLAKY && flakyFailed.add(request.idempotencyKey()))) {
            return delayed(Uni.createFrom().failure(new GatewayUnavailableException("sandbox processing error")));
        }
        boolean succeeds = card.behaviour() != Behaviour.DECLINE;
        Uni<RowSet<Row>> recorded = db.preparedQuery(CHARGE).execute(Tuple.from(new Object[] {request.idempotencyKey(),
                succeeds ? "ch_" + randomHex() : null, EnumNames.lowercase(succeeds ? Outcome.SUCCEEDED : Outcome.DECLINED), card.declineReason(),
                request.amountCents(), request.currency()}))
                .onFailure().transform(SandboxGateway::outcomeUnknown);
        return delayed(recorded.chain(rows -> {
            Row row = rows.iterator().next();
            ChargeResult result = toCharge(row);
            boolean answersLate = card.behaviour() == Behaviour.CAPTURE_THEN_TIMEOUT && row.getBoolean("first_call");
            return answersLate ? Uni.createFrom().item(result).onItem().delayIt().by(lateAnswer) : Uni.createFrom().item(result);
        }));
    }

    /** A repeated key answers the refund it already made, before the check that would count that refund against itself. */
    @Override
    public Uni<RefundResult> refund(RefundRequest request) {
        return delayed(db.preparedQuery(REFUND_BY_KEY).execute(Tuple.of(request.idempotencyKey()))
                .chain(made -> made.rowCount() > 0
                        ? Uni.createFrom().item(made)
                        : db.preparedQuery(REFUND).execute(Tuple.of(request.idempotencyKey(), request.chargeId(), "re_" + randomHex(), request.amountCents())))
                .map(rows -> {
                    var found = rows.iterator();
                    return found.hasNext()
                            ? new RefundResult(true, found.next().getString("refund_id"), null, request.amountCents())
                            : new RefundResult(false, null, "charge_not_refundable", request.amountCents());
                })
                .onFailure().transform(SandboxGateway::outcomeUnknown));
    }

    @Override
    public Uni<Optional<ChargeResult>> findCharge(String idempotencyKey) {
        return delayed(db.preparedQuery(CHARGE_BY_KEY).execute(Tuple.of(idempotencyKey)).map(rows -> {
            var found = rows.iterator();
            return found.hasNext() ? Optional.of(toCharge(found.next())) : Optional.<ChargeResult>empty();
        }).onFailure().transform(failure -> new GatewayUnavailableException("sandbox ledger unreachable: " + failure.getMessage())));
    }

    @Override
    public Uni<Optional<RefundFound>> findRefund(String refundId) {
        return delayed(db.preparedQuery(REFUND_BY_ID).execute(Tuple.of(refundId)).map(rows -> {
            var found = rows.iterator();
            if (!found.hasNext()) {
                return Optional.<RefundFound>empty();
            }
            Row row = found.next();
            return Optional.of(new RefundFound(row.getString("refund_id"), row.getString("charge_id"), row.getLong("amount_cents")));
        }).onFailure().transform(failure -> new GatewayUnavailableException("sandbox ledger unreachable: " + failure.getMessage())));
    }

    /** Every charge and refund the sandbox ever made, oldest first (tests and the sandbox ledger endpoint). */
    public Uni<List<Operation>> ledger() {
        return db.query(LEDGER).execute().map(rows -> {
            List<Operation> operations = new ArrayList<>();
            rows.forEach(row -> operations.add(new Operation(row.getString("idempotency_key"), row.getString("kind"),
                    row.getString("charge_id"), row.getString("refund_id"), row.getString("outcome"),
                    row.getString("decline_reason"), row.getLong("amount_cents"), row.getString("currency"))));
            return operations;
        });
    }

    /** The ledger write may have committed before its connection broke: like a processor's timeout, the outcome is unknown. */
    private static GatewayTimeoutException outcomeUnknown(Throwable failure) {
        LOG.warnf("Sandbox gateway ledger write failed: %s", failure.toString());
        return new GatewayTimeoutException("sandbox ledger unreachable: " + failure.getMessage());
    }

    private static ChargeResult toCharge(Row row) {
        boolean succeeded = EnumNames.parse(Outcome.class, row.getString("outcome")) == Outcome.SUCCEEDED;
        return new ChargeResult(succeeded, row.getString("charge_id"), row.getString("decline_reason"), row.getLong("amount_cents"));
    }

    private static TestCard cardOf(String paymentMethodRef) {
        String[] parts = paymentMethodRef.split("_");
        TestCard card = parts.length == 3 ? TEST_CARDS.get(parts[1]) : null;
        if (card == null) {
            throw new IllegalArgumentException("Not a sandbox payment method: " + paymentMethodRef);
        }
        return card;
    }

    /** A processor's network latency, before the call is answered (or fails). */
    private <T> Uni<T> delayed(Uni<T> call) {
        return latency.isZero() ? call : Uni.createFrom().voidItem().onItem().delayIt().by(latency).chain(() -> call);
    }

    private static String randomHex() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
