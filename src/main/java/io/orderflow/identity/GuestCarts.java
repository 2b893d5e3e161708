package io.orderflow.identity;

import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * Where a guest's cart goes when they sign in. The cart module implements it: identity sits
 * below cart and must not import it (docs/architecture.md, "Modules").
 */
public interface GuestCarts {

    /** Moves the guest cart into the user's; an id that names no guest cart changes nothing. */
    Uni<Void> mergeGuestCart(UUID userId, String guestCartId);
}
