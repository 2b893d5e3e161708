package io.orderflow.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The failing field of a body Jackson could not read, named by its JSON path, with a message naming no Java type. */
class JsonFieldErrorsTest {

    record Line(UUID productId, int quantity) {
    }

    record Order(List<Line> items, long totalCents, boolean gift) {
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"items\": [{\"productId\": \"nope\", \"quantity\": 1}]}          | items[0].productId | must be a UUID",
            "{\"items\": [{\"quantity\": \"two\"}]}                            | items[0].quantity  | must be an integer",
            "{\"items\": [{\"quantity\": 99999999999}]}                        | items[0].quantity  | must be between -2147483648 and 2147483647",
            "{\"totalCents\": 99999999999999999999}                            | totalCents         | must be between -9223372036854775808 and 9223372036854775807",
            "{\"gift\": \"maybe\"}                                              | gift               | must be true or false",
            "{\"colour\": \"red\"}                                              | colour             | is not a known field"})
    void aBadValueNamesItsField(String body, String field, String message) {
        assertEquals(Optional.of(new Problem.FieldError(field, message)), JsonFieldErrors.of(failure(body)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"items\": [", "{\"totalCents\": 12,,}"})
    void brokenJsonNamesNoField(String body) {
        assertEquals(Optional.empty(), JsonFieldErrors.of(failure(body)));
    }

    private static JsonProcessingException failure(String body) {
        return assertThrows(JsonProcessingException.class, () -> JSON.readValue(body, Order.class));
    }
}
