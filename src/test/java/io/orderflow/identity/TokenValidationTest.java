package io.orderflow.identity;

import io.orderflow.platform.Problem;
import io.orderflow.platform.security.Roles;
import io.orderflow.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Only unexpired tokens signed with the server's key are accepted; every other answers 401 problem+json. */
@QuarkusTest
class TokenValidationTest {

    @Test
    void validTokenIsAccepted() {
        TestAccounts.Account account = TestAccounts.customer();
        given().header("Authorization", account.bearer()).when().get("/api/v1/me")
                .then().statusCode(200).body("id", equalTo(account.id().toString()));
    }

    @Test
    void tamperedPayloadIsRejected() {
        TestAccounts.Account account = TestAccounts.customer();
        String[] parts = account.token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"customer\"", "\"admin\"");
        assertUnauthorized(parts[0] + "." + base64(payload) + "." + parts[2], "/api/v1/admin/users");
    }

    @Test
    void expiredTokenIsRejected() {
        TestAccounts.Account account = TestAccounts.customer();
        String expired = Jwt.subject(account.id().toString()).upn(account.email()).groups(Set.of(Roles.CUSTOMER))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800))
                .sign();
        assertUnauthorized(expired, "/api/v1/me");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() throws NoSuchAlgorithmException {
        TestAccounts.Account account = TestAccounts.customer();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer("orderflow").subject(account.id().toString()).upn(account.email())
                .groups(Set.of(Roles.ADMIN)).claim("jti", UUID.randomUUID().toString())
                .sign(generator.generateKeyPair().getPrivate());
        assertUnauthorized(forged, "/api/v1/me");
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() {
        TestAccounts.Account account = TestAccounts.customer();
        long now = Instant.now().getEpochSecond();
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64("{\"iss\":\"orderflow\",\"sub\":\"" + account.id() + "\",\"upn\":\"" + account.email()
                + "\",\"groups\":[\"admin\"],\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        assertUnauthorized(header + "." + payload + ".", "/api/v1/me");
    }

    @Test
    void garbageTokenIsRejected() {
        assertUnauthorized("not-a-jwt", "/api/v1/me");
    }

    @Test
    void missingTokenIsRejected() {
        given().when().get("/api/v1/me")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "unauthorized"));
    }

    private static void assertUnauthorized(String token, String path) {
        given().header("Authorization", "Bearer " + token).when().get(path)
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "unauthorized"))
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
