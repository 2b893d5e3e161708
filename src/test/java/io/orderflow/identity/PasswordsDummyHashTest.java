package io.orderflow.identity;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.junit.jupiter.api.Test;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The dummy hash an unknown account's login is checked against costs what a real one costs. */
class PasswordsDummyHashTest {

    @Test
    void dummyHashCarriesTheConfiguredCostAndMatchesNothing() throws Exception {
        String dummy = Passwords.dummyHash(12);

        BCryptPassword decoded = (BCryptPassword) ModularCrypt.decode(dummy);
        assertEquals(12, decoded.getIterationCount());
        assertEquals(60, dummy.length());
        assertFalse(BcryptUtil.matches("orderflow-admin", dummy));
        assertNotEquals(dummy, Passwords.dummyHash(12), "each instance gets its own salt");
    }
}
