import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fault suite's HTTP client (scripts/faults.sh runs it; JDK 17, java.net.http only, run as a
 * single source file). Every mode shares one directory DIR with the script:
 *
 * <pre>
 * java FaultRush.java setup    base=URL dir=DIR run=PREFIX customers=32 units=N [cards=tok_visa,...]
 * java FaultRush.java rush     bases=URL[,URL] dir=DIR checkouts=400 [max-qty=2] [think-ms=400]
 *                              [retry-secs=90] [twins=0.0] [abandon=odd] [webhooks=ledger secret=S]
 * java FaultRush.java webhooks base=URL dir=DIR charges=FILE secret=S
 * java FaultRush.java staff    base=URL dir=DIR [per-race=4] [retry-secs=90]
 * </pre>
 *
 * A request is retried with the same Idempotency-Key and the same body on a 5xx, a 409
 * idempotency-in-flight and a connection error, honouring Retry-After, until a final answer or
 * its time budget runs out. Each mode prints one line starting with its name in capitals
 * (SETUP, RUSH, WEBHOOKS, STAFF) of key=value fields for the script, and writes its per-request
 * answers as tab-separated files in DIR for the SQL checks.
 */
public class FaultRush {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final String PROBLEM_BASE = "https://orderflow.io/problems/";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            int eq = arg.indexOf('=');
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        switch (args[0]) {
            case "setup" -> setup(opts);
            case "rush" -> rush(opts);
            case "webhooks" -> webhooksFromFile(opts);
            case "staff" -> staff(opts);
            default -> throw new IllegalArgumentException("mode must be setup, rush, webhooks or staff");
        }
        System.exit(0);
    }

    // ---- HTTP with retries ---------------------------------------------------------------------------

    /**
     * One answer: status 0 means no answer came, and cutOff that the connection failed after it was
     * made (the request may have reached the server), not that it was refused.
     */
    record Reply(int status, String body, String retryAfter, boolean cutOff) {
        Object json() {
            return body == null || body.isBlank() ? null : Json.parse(body);
        }

        /** The problem type without its base, or "" for a body that is not a problem. */
        String type() {
            if (body == null || !body.contains("\"type\"")) {
                return "";
            }
            try {
                Object type = Json.get(json(), "type");
                return type instanceof String t ? t.replace(PROBLEM_BASE, "") : "";
            } catch (RuntimeException e) {
                return "";
            }
        }
    }

    /** Every attempt's status (conn = a connection error), per kind of request, for the "no 500 ever" check. */
    static final Map<String, AtomicInteger> SETUP_SEEN = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> CHECKOUT_SEEN = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> WEBHOOK_SEEN = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> STAFF_SEEN = new ConcurrentHashMap<>();

    static Reply once(HttpRequest request, Map<String, AtomicInteger> seen) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            count(seen, String.valueOf(response.statusCode()));
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null), false);
        } catch (ConnectException e) {
            count(seen, "conn");
            return new Reply(0, null, null, false);
        } catch (IOException e) {
            count(seen, "conn");
            return new Reply(0, null, null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The final answer of a request, how many attempts it took, and whether it ran out of time
     * instead or was abandoned at a connection error.
     */
    record Outcome(Reply reply, int attempts, boolean gaveUp, boolean abandoned) {
        /** A label for the outcomes column: the status, gave-up-(last status) when no final answer came, or abandoned. */
        String label() {
            String last = reply.status() == 0 ? "conn" : String.valueOf(reply.status());
            return abandoned ? "abandoned" : gaveUp ? "gave-up-" + last : last;
        }
    }

    static boolean retryable(Reply reply) {
        return reply.status() == 0 || reply.status() >= 500
                || (reply.status() == 409 && reply.type().equals("idempotency-in-flight"));
    }

    /**
     * Sends attempt 0, 1, 2, ... (the function builds each, so a retry may go to another instance)
     * until a final answer or {@code budgetMillis} have passed.
     */
    static Outcome send(IntFunction<HttpRequest> attempt, long budgetMillis, Map<String, AtomicInteger> seen) {
        return send(attempt, budgetMillis, seen, false);
    }

    /** As above; with {@code abandon}, a connection cut mid-request ends it at once (the client walked away). */
    static Outcome send(IntFunction<HttpRequest> attempt, long budgetMillis, Map<String, AtomicInteger> seen, boolean abandon) {
        long deadline = System.currentTimeMillis() + budgetMillis;
        long backoff = 100;
        for (int n = 0; ; n++) {
            Reply reply = once(attempt.apply(n), seen);
            if (!retryable(reply)) {
                return new Outcome(reply, n + 1, false, false);
            }
            if (abandon && reply.cutOff()) {
                return new Outcome(reply, n + 1, false, true);
            }
            long wait = backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            if (reply.retryAfter() != null) {
                try {
                    wait = Math.min(5_000, Long.parseLong(reply.retryAfter().trim()) * 1000);
                } catch (NumberFormatException ignored) {
                    // an HTTP date: keep the backoff
                }
            }
            backoff = Math.min(2_000, backoff * 2);
            if (System.currentTimeMillis() + wait > deadline) {
                return new Outcome(reply, n + 1, true, false);
            }
            sleep(wait);
        }
    }

    static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    static HttpRequest post(String url, String token, String key, String body) {
        HttpRequest.Builder builder = request(url, token).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            builder.header("Idempotency-Key", key);
        }
        return builder.build();
    }

    static HttpRequest put(String url, String token, String body) {
        return request(url, token).PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** A set-up call that must succeed: returns the parsed body or stops the mode with the answer. */
    static Object must(String what, HttpRequest request, int... expected) {
        Outcome outcome = send(n -> request, 30_000, SETUP_SEEN);
        Reply reply = outcome.reply();
        for (int status : expected) {
            if (reply.status() == status) {
                return reply.json();
            }
        }
        throw new IllegalStateException(what + " answered " + outcome.label() + ": " + reply.body());
    }

    static String login(String base, String email, String password) {
        return (String) Json.get(must("login " + email, post(base + "/api/v1/auth/login", null, null,
                "{\"email\":" + q(email) + ",\"password\":" + q(password) + "}"), 200), "accessToken");
    }

    // ---- setup ---------------------------------------------------------------------------------------

    /** Customers (each with an address and a card) through the API, and a product with N units through the admin. */
    static void setup(Map<String, String> opts) throws Exception {
        String base = opts.get("base");
        Path dir = Path.of(opts.get("dir"));
        String run = opts.get("run");
        int customers = Integer.parseInt(opts.getOrDefault("customers", "32"));
        List<String> cards = List.of(opts.getOrDefault("cards", "tok_visa").split(","));
        String admin = login(base, System.getenv("ORDERFLOW_ADMIN_EMAIL"), System.getenv("ORDERFLOW_ADMIN_PASSWORD"));
        Files.writeString(dir.resolve("admin.token"), admin);
        Files.writeString(dir.resolve("run"), run);
        String kind = opts.getOrDefault("kind", "physical");
        String product = (String) Json.get(must("create product", post(base + "/api/v1/products", admin, null,
                "{\"sku\":" + q("FAULT-" + run) + ",\"name\":\"Fault drill item\",\"category\":\"drill\",\"kind\":" + q(kind) + ","
                        + "\"priceCents\":1000,\"currency\":\"USD\",\"initialStock\":" + opts.get("units") + "}"), 201), "id");
        if (kind.equals("event")) {
            // Seats are the event's stock; the rush buys 1 or 2 at a time, within its seats per order.
            String startsAt = OffsetDateTime.now().plusDays(30).toString();
            must("event details", put(base + "/api/v1/events/" + product, admin, "{\"startsAt\":" + q(startsAt) + ",\"endsAt\":"
                    + q(OffsetDateTime.now().plusDays(30).plusHours(3).toString()) + ",\"timeZone\":\"UTC\","
                    + "\"venue\":\"Fault drill hall\",\"seatsPerOrder\":4}"), 200);
        }
        Files.writeString(dir.resolve("product"), product);

        Set<String> refused = ConcurrentHashMap.newKeySet();
        String[] rows = new String[customers];
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            int index = i;
            tasks.add(pool.submit(() -> {
                String email = "fault-" + run + "-" + index + "@orderflow.test";
                String password = "fault-password-" + run;
                must("register " + email, post(base + "/api/v1/auth/register", null, null, "{\"email\":" + q(email)
                        + ",\"password\":" + q(password) + ",\"firstName\":\"Fault\",\"lastName\":\"Buyer\"}"), 201);
                String token = login(base, email, password);
                String address = (String) Json.get(must("address", post(base + "/api/v1/me/addresses", token, null,
                        "{\"type\":\"shipping\",\"line1\":\"1 Fault Street\",\"city\":\"Springfield\",\"state\":\"IL\","
                                + "\"postalCode\":\"62701\",\"country\":\"US\"}"), 201), "id");
                String wanted = cards.get(index % cards.size());
                String used = wanted;
                Outcome card = send(n -> post(base + "/api/v1/me/payment-methods", token, null, "{\"token\":" + q(wanted) + "}"),
                        30_000, SETUP_SEEN);
                if (card.reply().status() == 400 && card.reply().type().equals("invalid-payment-token")) {
                    refused.add(wanted);
                    used = "tok_visa";
                    String fallback = used;
                    card = send(n -> post(base + "/api/v1/me/payment-methods", token, null, "{\"token\":" + q(fallback) + "}"),
                            30_000, SETUP_SEEN);
                }
                if (card.reply().status() != 201) {
                    throw new IllegalStateException("card " + used + " answered " + card.label() + ": " + card.reply().body());
                }
                rows[index] = String.join("\t", token, address, (String) Json.get(card.reply().json(), "id"), used);
                return null;
            }));
        }
        for (Future<?> task : tasks) {
            task.get();
        }
        pool.shutdown();
        Files.write(dir.resolve("customers.tsv"), Arrays.asList(rows));
        System.out.println("SETUP customers=" + customers + " product=" + product
                + " refused_cards=" + (refused.isEmpty() ? "-" : String.join(",", new TreeSet<>(refused))));
    }

    // ---- rush ----------------------------------------------------------------------------------------

    record Customer(String token, String addressId, String cardId, String card) {
    }

    /**
     * Concurrent checkouts, one client per customer, each retried until it has a final answer. The
     * script injects its fault once enough lines are in answers.tsv (one per finished checkout).
     */
    static void rush(Map<String, String> opts) throws Exception {
        List<String> bases = List.of(opts.get("bases").split(","));
        Path dir = Path.of(opts.get("dir"));
        String product = Files.readString(dir.resolve("product")).trim();
        String run = Files.readString(dir.resolve("run")).trim();
        List<Customer> customers = Files.readAllLines(dir.resolve("customers.tsv")).stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\t")).map(p -> new Customer(p[0], p[1], p[2], p[3])).toList();
        int checkouts = Integer.parseInt(opts.getOrDefault("checkouts", "400"));
        int maxQty = Integer.parseInt(opts.getOrDefault("max-qty", "2"));
        long think = Long.parseLong(opts.getOrDefault("think-ms", "400"));
        long budget = Long.parseLong(opts.getOrDefault("retry-secs", "90")) * 1000;
        double twins = Double.parseDouble(opts.getOrDefault("twins", "0"));
        // abandon=odd: odd-numbered clients walk away when a connection is cut under their request (an
        // app closed while the server died) and send nothing more, leaving what they started to the recovery jobs.
        boolean abandonOdd = "odd".equals(opts.get("abandon"));
        int clients = customers.size();

        Webhooks webhooks = "ledger".equals(opts.get("webhooks"))
                ? new Webhooks(bases.get(0), dir, opts.get("secret"), run) : null;
        if (webhooks != null) {
            webhooks.startPolling();
        }

        PrintWriter answers = new PrintWriter(Files.newBufferedWriter(dir.resolve("answers.tsv")));
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        AtomicInteger twinMismatches = new AtomicInteger();
        AtomicInteger twinCount = new AtomicInteger();
        ExecutorService twinPool = Executors.newCachedThreadPool();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.currentTimeMillis();
        List<Future<?>> tasks = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            tasks.add(pool.submit(() -> {
                Customer customer = customers.get(client);
                for (int i = client; i < checkouts; i += clients) {
                    sleep(think / 2 + ThreadLocalRandom.current().nextLong(think + 1));
                    String key = run + "-" + i;
                    int qty = 1 + new SplittableRandom(i).nextInt(maxQty);
                    String body = "{\"items\":[{\"productId\":" + q(product) + ",\"quantity\":" + qty + "}],"
                            + "\"shippingAddressId\":" + q(customer.addressId()) + ",\"billingAddressId\":" + q(customer.addressId())
                            + ",\"paymentMethodId\":" + q(customer.cardId()) + "}";
                    int first = i % bases.size();
                    IntFunction<HttpRequest> attempt = n -> post(bases.get((first + n) % bases.size()) + "/api/v1/orders",
                            customer.token(), key, body);
                    // A twin: the same checkout submitted a second time at once (a double tap), to the other instance.
                    Future<Outcome> twin = twins > 0 && i % Math.max(1, (int) Math.round(1 / twins)) == 0
                            ? twinPool.submit(() -> send(n -> attempt.apply(n + 1), budget, CHECKOUT_SEEN)) : null;
                    Outcome outcome = send(attempt, budget, CHECKOUT_SEEN, abandonOdd && client % 2 == 1);
                    String label = label(outcome);
                    if (twin != null) {
                        twinCount.incrementAndGet();
                        Outcome other = twin.get();
                        if (!label(other).equals(label) || !String.valueOf(orderId(other)).equals(String.valueOf(orderId(outcome)))) {
                            twinMismatches.incrementAndGet();
                            System.err.println("twin answers differ for " + key + ": " + label + " " + orderId(outcome)
                                    + " vs " + label(other) + " " + orderId(other));
                        }
                    }
                    count(outcomes, label);
                    synchronized (answers) {
                        answers.println(String.join("\t", key, String.valueOf(outcome.reply().status()),
                                nullToDash(outcome.reply().type()), String.valueOf(qty), nullAsCopy(orderId(outcome)), label,
                                String.valueOf(outcome.attempts()), customer.card()));
                        answers.flush();
                    }
                    if (outcome.abandoned()) {
                        break;
                    }
                }
                return null;
            }));
        }
        for (Future<?> task : tasks) {
            task.get();
        }
        pool.shutdown();
        twinPool.shutdown();
        answers.close();
        double seconds = (System.currentTimeMillis() - start) / 1000.0;
        if (webhooks != null) {
            webhooks.finish();
        }
        int sent = outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("RUSH requests=%d planned=%d outcomes=%s seen=%s twins=%d twin_mismatches=%d seconds=%.1f%n",
                sent, checkouts, render(outcomes), render(CHECKOUT_SEEN), twinCount.get(), twinMismatches.get(), seconds);
        if (webhooks != null) {
            webhooks.report();
        }
    }

    /** 409 out-of-stock is the expected 409; any other final 409 is labelled with its type. */
    static String label(Outcome outcome) {
        String label = outcome.label();
        return label.equals("409") && !outcome.reply().type().equals("out-of-stock") ? "409-" + outcome.reply().type() : label;
    }

    static String orderId(Outcome outcome) {
        Reply reply = outcome.reply();
        if (reply.body() == null || reply.body().isBlank() || !reply.body().startsWith("{")) {
            return null;
        }
        Object json = reply.json();
        Object id = reply.status() == 201 ? Json.get(json, "id") : Json.get(json, "orderId");
        return id instanceof String s ? s : null;
    }

    // ---- webhooks ------------------------------------------------------------------------------------

    /**
     * payment.succeeded events for captured charges, each sent twice at once under one event id
     * (a duplicate delivery) and once more under another id later (a second event for the same
     * charge), all in random order. With the ledger endpoint the events race the synchronous settle.
     */
    static final class Webhooks {
        final String base;
        final Path dir;
        final byte[] secret;
        final String run;
        final String adminToken;
        final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(8);
        final Map<String, Boolean> charges = new ConcurrentHashMap<>();
        final List<Future<?>> deliveries = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        final PrintWriter out;
        final AtomicInteger duringRush = new AtomicInteger();
        volatile boolean rushing = true;
        volatile String ledger = "ok";
        Thread poller;

        Webhooks(String base, Path dir, String secret, String run) throws IOException {
            this.base = base;
            this.dir = dir;
            this.secret = secret.getBytes(StandardCharsets.UTF_8);
            this.run = run;
            this.adminToken = Files.readString(dir.resolve("admin.token")).trim();
            this.out = new PrintWriter(Files.newBufferedWriter(dir.resolve("webhooks.tsv")));
        }

        void startPolling() {
            poller = new Thread(() -> {
                while (rushing && poll()) {
                    sleep(100);
                }
            });
            poller.start();
        }

        /** Reads the gateway ledger and schedules events for charges not seen yet; false when there is no ledger endpoint. */
        boolean poll() {
            Reply reply = once(request(base + "/api/v1/admin/gateway/ledger", adminToken).GET().build(), new ConcurrentHashMap<>());
            if (reply.status() == 404 || reply.status() == 405) {
                ledger = "missing";
                return false;
            }
            if (reply.status() != 200) {
                return true;
            }
            Object list = Json.get(reply.json(), "charges");
            for (Object charge : list instanceof List<?> l ? l : List.of()) {
                if ("succeeded".equals(Json.get(charge, "outcome"))) {
                    schedule((String) Json.get(charge, "idempotencyKey"), (String) Json.get(charge, "chargeId"),
                            ((Number) Json.get(charge, "amountCents")).longValue());
                }
            }
            return true;
        }

        void schedule(String key, String chargeId, long amount) {
            if (key == null || chargeId == null || charges.putIfAbsent(key, true) != null) {
                return;
            }
            int n = charges.size();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long first = random.nextLong(200);
            deliver("evt_" + run + "_" + n + "_a", key, chargeId, amount, first);
            deliver("evt_" + run + "_" + n + "_a", key, chargeId, amount, first + random.nextLong(20));
            deliver("evt_" + run + "_" + n + "_b", key, chargeId, amount, random.nextLong(800));
        }

        void deliver(String eventId, String key, String chargeId, long amount, long delayMillis) {
            deliveries.add(scheduler.schedule(() -> {
                boolean during = rushing;
                if (during) {
                    duringRush.incrementAndGet();
                }
                String body = "{\"id\":" + q(eventId) + ",\"type\":\"payment.succeeded\",\"data\":{\"chargeId\":" + q(chargeId)
                        + ",\"idempotencyKey\":" + q(key) + ",\"amountCents\":" + amount + "}}";
                Outcome outcome = send(n -> {
                    long t = System.currentTimeMillis() / 1000;
                    return request(base + "/api/v1/payments/webhook", null)
                            .header("Orderflow-Signature", "t=" + t + ",v1=" + sign(t, body))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                }, 60_000, WEBHOOK_SEEN);
                count(outcomes, outcome.label());
                synchronized (out) {
                    out.println(String.join("\t", eventId, key, chargeId, String.valueOf(outcome.reply().status()), during ? "1" : "0"));
                }
            }, delayMillis, TimeUnit.MILLISECONDS));
        }

        String sign(long timestamp, String body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** After the rush: one last look at the ledger, then every scheduled delivery is awaited. */
        void finish() throws Exception {
            rushing = false;
            if (poller != null) {
                poller.join();
                if (!ledger.equals("missing")) {
                    poll();
                }
            }
            for (int i = 0; i < deliveries.size(); i++) {
                deliveries.get(i).get();
            }
            scheduler.shutdown();
            out.close();
        }

        void report() {
            System.out.printf("WEBHOOKS ledger=%s charges=%d events=%d during_rush=%d outcomes=%s seen=%s%n",
                    ledger, charges.size(), deliveries.size(), duringRush.get(), render(outcomes), render(WEBHOOK_SEEN));
        }
    }

    /** Events for charges listed in a file (idempotency key, charge id, amount), when the ledger endpoint is missing. */
    static void webhooksFromFile(Map<String, String> opts) throws Exception {
        Path dir = Path.of(opts.get("dir"));
        Webhooks webhooks = new Webhooks(opts.get("base"), dir, opts.get("secret"), Files.readString(dir.resolve("run")).trim());
        webhooks.rushing = false;
        List<String[]> rows = Files.readAllLines(Path.of(opts.get("charges"))).stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\\|")).toList();
        List<String[]> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled);
        for (String[] row : shuffled) {
            webhooks.schedule(row[0], row[1], Long.parseLong(row[2]));
        }
        webhooks.finish();
        webhooks.ledger = "missing";
        webhooks.report();
    }

    // ---- staff ---------------------------------------------------------------------------------------

    /**
     * Staff races on orders the rush confirmed: concurrent refunds (each its own key), the same
     * refund twice with one key, a refund racing a cancel, and a cancel racing a shipment.
     */
    static void staff(Map<String, String> opts) throws Exception {
        String base = opts.get("base");
        Path dir = Path.of(opts.get("dir"));
        String run = Files.readString(dir.resolve("run")).trim();
        String admin = Files.readString(dir.resolve("admin.token")).trim();
        int perRace = Integer.parseInt(opts.getOrDefault("per-race", "4"));
        long budget = Long.parseLong(opts.getOrDefault("retry-secs", "90")) * 1000;
        List<String> paid = Files.readAllLines(dir.resolve("answers.tsv")).stream().map(l -> l.split("\t"))
                .filter(p -> p[1].equals("201") && !p[4].equals("\\N")).map(p -> p[4]).toList();
        String[] races = {"refund-concurrent", "refund-same-key", "refund-cancel", "cancel-ship"};
        if (paid.size() < races.length * perRace) {
            throw new IllegalStateException("the rush confirmed " + paid.size() + " orders; the staff races need " + races.length * perRace);
        }

        record Op(String orderId, String race, String op, String key, long amount, IntFunction<HttpRequest> request) {
        }
        List<List<Op>> groups = new ArrayList<>();
        for (int r = 0; r < races.length; r++) {
            for (int k = 0; k < perRace; k++) {
                String order = paid.get(r * perRace + k);
                long total = ((Number) Json.get(must("read order", request(base + "/api/v1/orders/" + order, admin).GET().build(), 200),
                        "totalCents")).longValue();
                String orderUrl = base + "/api/v1/orders/" + order;
                String tag = run + "-" + races[r] + "-" + k;
                List<Op> ops = new ArrayList<>();
                switch (races[r]) {
                    case "refund-concurrent" -> {
                        long part = (total + 3) / 4;
                        for (int j = 0; j < 6; j++) {
                            String key = tag + "-refund-" + j;
                            ops.add(new Op(order, races[r], "refund", key, part, refund(orderUrl, admin, key, part)));
                        }
                    }
                    case "refund-same-key" -> {
                        String key = tag + "-refund";
                        long half = Math.max(1, total / 2);
                        ops.add(new Op(order, races[r], "refund", key, half, refund(orderUrl, admin, key, half)));
                        ops.add(new Op(order, races[r], "refund", key, half, refund(orderUrl, admin, key, half)));
                    }
                    case "refund-cancel" -> {
                        String key = tag + "-refund";
                        long half = Math.max(1, total / 2);
                        ops.add(new Op(order, races[r], "refund", key, half, refund(orderUrl, admin, key, half)));
                        ops.add(new Op(order, races[r], "cancel", "-", 0, n -> post(orderUrl + "/cancel", admin, null,
                                "{\"reason\":\"fault drill\"}")));
                    }
                    default -> {
                        ops.add(new Op(order, races[r], "cancel", "-", 0, n -> post(orderUrl + "/cancel", admin, null,
                                "{\"reason\":\"fault drill\"}")));
                        ops.add(new Op(order, races[r], "ship", "-", 0, n -> post(orderUrl + "/shipments", admin, null,
                                "{\"carrier\":\"ups\",\"trackingNumber\":" + q("FD-" + tag) + "}")));
                    }
                }
                groups.add(ops);
            }
        }

        int total = groups.stream().mapToInt(List::size).sum();
        ExecutorService pool = Executors.newFixedThreadPool(total);
        CountDownLatch go = new CountDownLatch(1);
        Map<Op, Future<Outcome>> results = new LinkedHashMap<>();
        for (List<Op> ops : groups) {
            for (Op op : ops) {
                results.put(op, pool.submit(() -> {
                    go.await();
                    return send(op.request(), budget, STAFF_SEEN);
                }));
            }
        }
        go.countDown();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        int unexpected = 0;
        int bothWon = 0;
        Map<String, String> cancelShip = new HashMap<>();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("staff.tsv")))) {
            for (Map.Entry<Op, Future<Outcome>> entry : results.entrySet()) {
                Op op = entry.getKey();
                Outcome outcome = entry.getValue().get();
                String label = op.op() + ":" + outcome.label();
                count(outcomes, label);
                if (!expected(op.op(), outcome)) {
                    unexpected++;
                    System.err.println("unexpected answer to " + op.op() + " of " + op.orderId() + " (" + op.race() + "): "
                            + outcome.label() + " " + outcome.reply().body());
                }
                if (op.race().equals("cancel-ship") && (outcome.reply().status() == 200 || outcome.reply().status() == 201)) {
                    if (cancelShip.put(op.orderId(), op.op()) != null) {
                        bothWon++;
                    }
                }
                out.println(String.join("\t", op.orderId(), op.race(), op.op(), op.key(), String.valueOf(op.amount()),
                        String.valueOf(outcome.reply().status()), nullToDash(outcome.reply().type())));
            }
        }
        pool.shutdown();
        // The same refund key twice, once more after both answered: a replay, never a third refund.
        for (List<Op> ops : groups) {
            Op op = ops.get(0);
            if (op.race().equals("refund-same-key")) {
                Outcome replay = send(op.request(), budget, STAFF_SEEN);
                count(outcomes, "refund-replay:" + replay.label());
                if (!expected("refund", replay)) {
                    unexpected++;
                }
            }
        }
        System.out.printf("STAFF requests=%d outcomes=%s seen=%s unexpected=%d cancel_and_ship_both_won=%d%n",
                total, render(outcomes), render(STAFF_SEEN), unexpected, bothWon);
    }

    static IntFunction<HttpRequest> refund(String orderUrl, String admin, String key, long amount) {
        return n -> post(orderUrl + "/refunds", admin, key, "{\"amountCents\":" + amount + ",\"reason\":\"fault drill\"}");
    }

    /** The final answers a staff operation may give; anything else (and running out of time) is a violation. */
    static boolean expected(String op, Outcome outcome) {
        if (outcome.gaveUp()) {
            return false;
        }
        int status = outcome.reply().status();
        String type = outcome.reply().type();
        return switch (op) {
            case "refund" -> status == 200 || (status == 409 && Set.of("not-captured", "refund-conflict").contains(type))
                    || (status == 422 && type.equals("refund-exceeds-captured"));
            case "cancel" -> status == 200 || (status == 409 && type.equals("illegal-transition"));
            case "ship" -> status == 201 || (status == 409 && type.equals("illegal-transition"));
            default -> false;
        };
    }

    // ---- small helpers -------------------------------------------------------------------------------

    static void count(Map<String, AtomicInteger> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** {@code 201:280,409:120}, sorted by label; "-" when empty. */
    static String render(Map<String, AtomicInteger> counts) {
        Map<String, Integer> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.get()));
        StringBuilder out = new StringBuilder();
        sorted.forEach((k, v) -> out.append(out.length() == 0 ? "" : ",").append(k).append(':').append(v));
        return out.length() == 0 ? "-" : out.toString();
    }

    static String nullToDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    /** NULL in PostgreSQL's COPY text format. */
    static String nullAsCopy(String value) {
        return value == null ? "\\N" : value;
    }

    static String q(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Just enough JSON to read the API's answers: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json parser = new Json(text);
            Object value = parser.value();
            parser.space();
            if (parser.at != text.length()) {
                throw new IllegalArgumentException("trailing characters in JSON at " + parser.at);
            }
            return value;
        }

        /** A member of an object, or null when {@code json} is not an object or lacks it. */
        static Object get(Object json, String name) {
            return json instanceof Map<?, ?> map ? map.get(name) : null;
        }

        private Object value() {
            space();
            char c = text.charAt(at);
            switch (c) {
                case '{' -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    at++;
                    space();
                    if (text.charAt(at) == '}') {
                        at++;
                        return map;
                    }
                    do {
                        space();
                        String name = string();
                        space();
                        expect(':');
                        map.put(name, value());
                        space();
                    } while (text.charAt(at++) == ',');
                    if (text.charAt(at - 1) != '}') {
                        throw new IllegalArgumentException("expected } at " + (at - 1));
                    }
                    return map;
                }
                case '[' -> {
                    List<Object> list = new ArrayList<>();
                    at++;
                    space();
                    if (text.charAt(at) == ']') {
                        at++;
                        return list;
                    }
                    do {
                        list.add(value());
                        space();
                    } while (text.charAt(at++) == ',');
                    if (text.charAt(at - 1) != ']') {
                        throw new IllegalArgumentException("expected ] at " + (at - 1));
                    }
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (text.startsWith("true", at)) {
                        at += 4;
                        return true;
                    }
                    if (text.startsWith("false", at)) {
                        at += 5;
                        return false;
                    }
                    if (text.startsWith("null", at)) {
                        at += 4;
                        return null;
                    }
                    int start = at;
                    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                        at++;
                    }
                    String number = text.substring(start, at);
                    if (number.isEmpty()) {
                        throw new IllegalArgumentException("unexpected " + c + " at " + start);
                    }
                    return number.contains(".") || number.contains("e") || number.contains("E")
                            ? (Number) Double.parseDouble(number) : (Number) Long.parseLong(number);
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private void expect(char c) {
            if (text.charAt(at) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + at);
            }
            at++;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }

    static {
        // A failure anywhere ends the run at once; the worker pools would otherwise keep the JVM alive.
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            e.printStackTrace();
            System.exit(1);
        });
    }
}
