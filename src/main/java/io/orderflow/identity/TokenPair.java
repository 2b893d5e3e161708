package io.orderflow.identity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What login and refresh answer. */
public record TokenPair(
        @Schema(description = "RS256 JWT to send as `Authorization: Bearer`") String accessToken,
        @Schema(description = "Opaque, single-use; exchange it at /auth/refresh") String refreshToken,
        @Schema(example = "Bearer") String tokenType,
        @Schema(description = "Access token lifetime in seconds", example = "900") long expiresIn) {
}
