package io.orderflow.learning;

import io.orderflow.support.TestProducts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderflow.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class CourseListingTest {

    @Test
    void pagesFollowTheSortAcrossCursorsWithoutGapsOrRepeats() {
        String category = "sort-" + UUID.randomUUID();
        UUID cheap = course(category, 1_000);
        UUID middle = course(category, 2_000);
        UUID dear = course(category, 3_000);
        UUID dearest = course(category, 4_000);

        assertEquals(ids(cheap, middle, dear, dearest), allPages(category, "price_asc"));
        assertEquals(ids(dearest, dear, middle, cheap), allPages(category, "price_desc"));
        assertEquals(ids(dearest, dear, middle, cheap), allPages(category, "newest"));
    }

    @Test
    void anUnknownSortOrACursorOfAnotherSortIsRefused() {
        String category = "sort-" + UUID.randomUUID();
        for (long price = 1_000; price <= 4_000; price += 1_000) {
            course(category, price);
        }
        String cursor = page(category, "price_asc", null).path("nextCursor");

        problem(given().queryParam("sort", "popularity").when().get("/api/v1/courses").then(), 400, "validation");
        problem(given().queryParam("category", category).queryParam("sort", "newest").queryParam("cursor", cursor).queryParam("limit", 1)
                .when().get("/api/v1/courses").then(), 400, "invalid-cursor");
    }

    private static List<String> allPages(String category, String sort) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ExtractableResponse<Response> page = page(category, sort, cursor);
            seen.addAll(page.path("items.productId"));
            cursor = page.path("nextCursor");
        } while (cursor != null && seen.size() < 10);
        assertNull(cursor);
        return seen;
    }

    private static ExtractableResponse<Response> page(String category, String sort, String cursor) {
        var request = given().queryParam("category", category).queryParam("sort", sort).queryParam("limit", 3);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.when().get("/api/v1/courses").then().statusCode(200).extract();
    }

    private static UUID course(String category, long priceCents) {
        Map<String, Object> body = TestProducts.body("Course " + UUID.randomUUID(), priceCents, 5);
        body.put("kind", "course");
        body.put("category", category);
        UUID product = TestProducts.create(body);
        LearningFixtures.putCourse(product, LearningFixtures.courseDetails(LearningFixtures.instructor(), true)).statusCode(200);
        return product;
    }

    private static List<String> ids(UUID... products) {
        return Arrays.stream(products).map(UUID::toString).toList();
    }
}
