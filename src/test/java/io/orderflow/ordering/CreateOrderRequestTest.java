package io.orderflow.ordering;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The request hash an Idempotency-Key is bound to: what makes "the same request" the same. */
class CreateOrderRequestTest {

    private static final UUID MUG = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID TEE = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID HOME = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID OFFICE = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final UUID CARD = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    private static final UUID OTHER_CARD = UUID.fromString("00000000-0000-0000-0000-0000000000c2");

    @Test
    void sha256IsTheLowercaseHexDigestOfTheUtf8Text() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CreateOrderRequest.sha256("abc"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CreateOrderRequest.sha256(""));
    }

    @Test
    void theHashIsTheSha256OfTheCanonicalForm() {
        CreateOrderRequest request = items(List.of(line(TEE, 1), line(MUG, 2)), HOME, OFFICE, CARD);

        assertEquals(CreateOrderRequest.sha256(MUG + "x2," + TEE + "x1|" + HOME + "|" + OFFICE + "|" + CARD), request.hash());
    }

    @Test
    void lineOrderDoesNotChangeTheHash() {
        assertEquals(items(List.of(line(MUG, 2), line(TEE, 1)), HOME, HOME, CARD).hash(),
                items(List.of(line(TEE, 1), line(MUG, 2)), HOME, HOME, CARD).hash());
    }

    @Test
    void anyFieldThatChangesTheOrderChangesTheHash() {
        String hash = items(List.of(line(MUG, 2)), HOME, OFFICE, CARD).hash();

        assertNotEquals(hash, items(List.of(line(MUG, 3)), HOME, OFFICE, CARD).hash());
        assertNotEquals(hash, items(List.of(line(TEE, 2)), HOME, OFFICE, CARD).hash());
        assertNotEquals(hash, items(List.of(line(MUG, 2), line(TEE, 1)), HOME, OFFICE, CARD).hash());
        assertNotEquals(hash, items(List.of(line(MUG, 2)), OFFICE, HOME, CARD).hash());
        assertNotEquals(hash, items(List.of(line(MUG, 2)), HOME, OFFICE, OTHER_CARD).hash());
    }

    @Test
    void aCartCheckoutHashesAsTheCartNotItsContent() {
        CreateOrderRequest fromCart = new CreateOrderRequest(null, true, HOME, OFFICE, CARD);

        assertEquals(CreateOrderRequest.sha256("cart|" + HOME + "|" + OFFICE + "|" + CARD), fromCart.hash());
        assertNotEquals(items(List.of(line(MUG, 1)), HOME, OFFICE, CARD).hash(), fromCart.hash());
    }

    private static CreateOrderRequest items(List<CreateOrderRequest.Line> lines, UUID shipping, UUID billing, UUID card) {
        return new CreateOrderRequest(lines, null, shipping, billing, card);
    }

    private static CreateOrderRequest.Line line(UUID productId, int quantity) {
        return new CreateOrderRequest.Line(productId, quantity);
    }
}
