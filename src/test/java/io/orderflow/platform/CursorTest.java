package io.orderflow.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Keyset cursors: what the server issues comes back as the same position; anything else is a 400 invalid-cursor. */
class CursorTest {

    static final UUID ID = UUID.fromString("0b3c6f4e-8a47-4d8e-9d6a-6f1a3f0c2b11");

    @Test
    void aPositionSurvivesTheRoundTrip() {
        OffsetDateTime createdAt = OffsetDateTime.parse("2026-12-02T10:15:30.123456Z");
        assertEquals(new Cursor.After(createdAt, ID), Cursor.After.of(Cursor.After.cursor(createdAt, ID)));
    }

    @Test
    void anInstantReadsBackAsTheSameMoment() {
        Instant createdAt = Instant.parse("2026-12-02T10:15:30.123456Z");
        assertEquals(createdAt, Cursor.After.of(Cursor.After.cursor(createdAt, ID)).createdAt().toInstant());
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertSame(Cursor.After.FIRST, Cursor.After.of(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 at all!", "", "MjAyNg"})
    void aCursorThisServerDidNotIssueIsRefused(String cursor) {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> Cursor.After.of(cursor));
        assertEquals("invalid-cursor", refused.type());
    }

    @Test
    void wellFormedButWrongValuesAreRefused() {
        String notATime = Cursor.encode("yesterday", ID);
        String notAnId = Cursor.encode("2026-12-02T10:15:30Z", "42");
        String threeParts = Base64.getUrlEncoder().encodeToString("a\u001fb\u001fc".getBytes());
        for (String cursor : new String[] {notATime, notAnId, threeParts}) {
            assertEquals("invalid-cursor", assertThrows(BadRequestException.class, () -> Cursor.After.of(cursor)).type());
        }
    }
}
