package io.orderflow.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An address as it was when an order was placed; later edits of the address don't change it. */
@Schema(name = "AddressSnapshot")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddressSnapshot(String line1, String line2, String city, String state, String postalCode, String country) {
}
