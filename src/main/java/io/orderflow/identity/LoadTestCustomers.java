package io.orderflow.identity;

import io.orderflow.audit.AuditEntry;
import io.orderflow.audit.AuditLog;
import io.orderflow.platform.Actor;
import io.orderflow.platform.ConflictException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Makes load-test customers the way the API would, minus the per-address limits of registration
 * and login: the accounts and their audit rows in one transaction (a taken email rolls all of them
 * back), then for each an address, the sandbox card tok_visa and a session through the same
 * services a customer's own requests use.
 *
 * <p>The password is 256 random bits, hashed once per call and then forgotten: bcrypt at the
 * configured cost for each of 1,000 accounts would take minutes of CPU, and nobody can sign in
 * with a password nobody knows anyway. The accounts live on their tokens (refresh works as usual).
 */
@ApplicationScoped
public class LoadTestCustomers {

    /** A reserved top-level domain (RFC 2606): these addresses can never receive mail. */
    static final String DOMAIN = "loadtest.invalid";

    /** How many customers get their address, card and session at once; the rest wait, so the pool stays shared. */
    private static final int CONCURRENCY = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final AddressResource.NewAddress ADDRESS = new AddressResource.NewAddress(
            "shipping", "1 Load Test Way", null, "Springfield", "IL", "62701", "US", true);

    private static final PaymentMethodResource.NewPaymentMethod CARD = new PaymentMethodResource.NewPaymentMethod("tok_visa", true);

    private final Pool db;
    private final Passwords passwords;
    private final AddressService addresses;
    private final PaymentMethodService paymentMethods;
    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final AuditLog audit;

    LoadTestCustomers(Pool db, Passwords passwords, AddressService addresses, PaymentMethodService paymentMethods,
                      RefreshTokens refreshTokens, AccessTokens accessTokens, AuditLog audit) {
        this.db = db;
        this.passwords = passwords;
        this.addresses = addresses;
        this.paymentMethods = paymentMethods;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.audit = audit;
    }

    public Uni<LoadTestCustomerResource.Batch> create(int count, String emailPrefix, Actor admin) {
        UUID batchId = UUID.randomUUID();
        List<String> emails = IntStream.rangeClosed(1, count)
                .mapToObj(n -> Emails.normalise(String.format("%s-%05d@%s", emailPrefix, n, DOMAIN)))
                .toList();
        return passwords.hash(randomPassword())
                .chain(hash -> db.withTransaction(tx -> insertAll(tx, emails, hash, admin)
                        .call(users -> audit.record(tx, batchEntry(admin, batchId, emailPrefix, users)))))
                .onFailure(LoadTestCustomers::isDuplicateEmail)
                .transform(e -> new ConflictException("email-taken", "An account with an email of this prefix exists already"))
                .chain(users -> Multi.createFrom().iterable(users)
                        .onItem().transformToUni(user -> equip(user, admin)).merge(CONCURRENCY)
                        .collect().asList())
                .map(customers -> new LoadTestCustomerResource.Batch(batchId,
                        customers.stream().sorted(Comparator.comparing(LoadTestCustomerResource.Customer::email)).toList()));
    }

    private Uni<List<UserView>> insertAll(SqlClient tx, List<String> emails, String hash, Actor admin) {
        return Multi.createFrom().iterable(emails)
                .onItem().transformToUniAndConcatenate(email -> tx.preparedQuery(UserService.INSERT)
                        .execute(Tuple.of(email, hash, "Load", "Tester", null))
                        .map(rows -> UserView.from(rows.iterator().next()))
                        .call(user -> audit.record(tx, AuditEntry.created(admin, "user", user.id(), user))))
                .collect().asList();
    }

    /** Address, card and a session, each as the customer's own request would make it (audited with the admin as actor). */
    private Uni<LoadTestCustomerResource.Customer> equip(UserView user, Actor admin) {
        return addresses.create(user.id(), ADDRESS, admin)
                .chain(address -> paymentMethods.add(user.id(), CARD, admin)
                        .chain(card -> startSession(user)
                                .map(session -> new LoadTestCustomerResource.Customer(user.id(), user.email(),
                                        session.accessToken(), session.refreshToken(), session.expiresIn(), address.id(), card.id()))));
    }

    /** A session like the one login starts: a new refresh family and an access token of the same family. */
    private Uni<TokenPair> startSession(UserView user) {
        UUID familyId = UUID.randomUUID();
        Account account = new Account(user.id(), user.email(), user.role(), true, null, 0);
        return refreshTokens.issue(db, user.id(), familyId)
                .chain(refreshToken -> accessTokens.pair(account, familyId, refreshToken));
    }

    private static AuditEntry batchEntry(Actor admin, UUID batchId, String emailPrefix, List<UserView> users) {
        return AuditEntry.created(admin, "user", batchId, Map.of(
                "loadTestCustomers", users.size(),
                "emailPrefix", emailPrefix,
                "userIds", users.stream().map(UserView::id).toList()));
    }

    private static String randomPassword() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static boolean isDuplicateEmail(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState()) && "users_email_key".equals(pg.getConstraint());
    }
}
