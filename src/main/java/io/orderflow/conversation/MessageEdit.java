package io.orderflow.conversation;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of an edit: the new text. */
@Schema(name = "MessageEdit")
public record MessageEdit(@NotNull @MessageText @Schema(required = true, minLength = 1, maxLength = MessageText.MAX_CHARACTERS) String body) {
}
