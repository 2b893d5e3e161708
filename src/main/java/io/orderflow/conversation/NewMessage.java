package io.orderflow.conversation;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** Body of a new message: its text and, for a reply, the message of the same room it answers. */
@Schema(name = "NewMessage")
public record NewMessage(@NotNull @MessageText @Schema(required = true, minLength = 1, maxLength = MessageText.MAX_CHARACTERS) String body,
                         @Schema(nullable = true) UUID replyTo) {
}
