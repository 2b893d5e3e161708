package io.orderflow.conversation;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** Body of a read receipt: the newest message the member has read; everything up to it counts as read. */
@Schema(name = "ReadMark")
public record ReadMark(@NotNull @Schema(required = true) UUID messageId) {
}
