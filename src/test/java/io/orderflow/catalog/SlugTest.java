package io.orderflow.catalog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Product slugs: ASCII letters and digits joined by single dashes, whatever the name holds. */
class SlugTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Trail Runner 2        | trail-runner-2",
            "Crème Brûlée Kit      | creme-brulee-kit",
            "  --Hello,   World!-- | hello-world",
            "ÅNGSTRÖM 50%          | angstrom-50",
            "日本語                 | product",
            "!!!                   | product"})
    void namesBecomeUrlSafeSlugs(String name, String slug) {
        assertEquals(slug, CatalogService.slugOf(name));
    }

    @Test
    void aLongNameIsCutWithoutATrailingDash() {
        String slug = CatalogService.slugOf("a".repeat(199) + " b" + "c".repeat(50));
        assertEquals("a".repeat(199), slug);
        assertTrue(slug.length() <= 200);
    }
}
