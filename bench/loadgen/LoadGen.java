import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench's HTTP load generator for what wrk cannot do (JDK only, run as a single source file):
 *
 * <pre>
 * java LoadGen.java login base=URL in=customers.csv out=tokens.csv [concurrency=32] [password=...]
 * java LoadGen.java flash base=URL tokens=tokens.csv product=UUID [buyers=5000] [concurrency=64]
 * java LoadGen.java open  base=URL tokens=tokens.csv products=ids.txt rate=PER_SECOND seconds=S
 * java LoadGen.java chat  base=URL tokens=tokens.csv admin=TOKEN pid=SERVER_PID [rooms=200] [streams=2000] [rate=200] [seconds=20]
 * </pre>
 *
 * Each mode prints one {@code RESULT key=value ...} line for the report. The open mode sends
 * on a fixed schedule whatever the server does and measures every latency from the request's
 * intended send time, so a stall shows up in the percentiles instead of pausing the load
 * (no coordinated omission).
 */
public class LoadGen {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ROOM_ID = Pattern.compile("\"roomId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern BODY = Pattern.compile("\"body\"\\s*:\\s*\"([^\"]+)\"");

    record Customer(String token, String addressId, String paymentMethodId) {
    }

    record Outcome(int status, long completedNanos, long latencyNanos) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            int eq = arg.indexOf('=');
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(pool)
                .build();
        try {
            switch (args[0]) {
                case "login" -> login(http, opts);
                case "flash" -> flash(http, opts);
                case "open" -> open(http, opts);
                case "chat" -> chat(http, opts);
                default -> throw new IllegalArgumentException("mode must be login, flash, open or chat");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Logs in every customer of {@code in} (email,addressId,paymentMethodId) and writes token,addressId,paymentMethodId. */
    static void login(HttpClient http, Map<String, String> opts) throws Exception {
        List<String[]> rows = Files.readAllLines(Path.of(opts.get("in"))).stream()
                .filter(line -> !line.isBlank()).map(line -> line.split(",")).toList();
        String password = opts.getOrDefault("password", "bench-password");
        Semaphore slots = new Semaphore(Integer.parseInt(opts.getOrDefault("concurrency", "32")));
        String[] tokens = new String[rows.size()];
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int index = i;
            slots.acquire();
            String body = "{\"email\":\"" + rows.get(i)[0] + "\",\"password\":\"" + password + "\"}";
            calls.add(http.sendAsync(post(opts.get("base") + "/api/v1/auth/login", body, null, null),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        slots.release();
                        int status = failure == null ? response.statusCode() : 0;
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        if (status == 200) {
                            Matcher token = ACCESS_TOKEN.matcher(response.body());
                            if (token.find()) {
                                tokens[index] = token.group(1);
                            }
                        }
                    }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder out = new StringBuilder();
        int ok = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (tokens[i] != null) {
                out.append(tokens[i]).append(',').append(rows.get(i)[1]).append(',').append(rows.get(i)[2]).append('\n');
                ok++;
            }
        }
        Files.writeString(Path.of(opts.get("out")), out);
        System.out.printf("RESULT logins=%d ok=%d seconds=%.2f per_s=%.1f statuses=%s%n",
                rows.size(), ok, seconds, rows.size() / seconds, counts(statuses));
    }

    /** Each buyer tries once to buy one unit of {@code product}, as fast as {@code concurrency} allows. */
    static void flash(HttpClient http, Map<String, String> opts) throws Exception {
        List<Customer> customers = customers(opts.get("tokens"));
        int buyers = Math.min(Integer.parseInt(opts.getOrDefault("buyers", "5000")), customers.size());
        Semaphore slots = new Semaphore(Integer.parseInt(opts.getOrDefault("concurrency", "64")));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Outcome> outcomes = new ArrayList<>();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < buyers; i++) {
            slots.acquire();
            Customer customer = customers.get(i);
            long sent = System.nanoTime();
            calls.add(http.sendAsync(checkout(opts.get("base"), customer, opts.get("product"), "flash-" + run + "-" + i),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        slots.release();
                        long now = System.nanoTime();
                        synchronized (outcomes) {
                            outcomes.add(new Outcome(failure == null ? response.statusCode() : 0, now - start, now - sent));
                        }
                    }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        long confirmed = outcomes.stream().filter(o -> o.status() == 201).count();
        long soldOut = outcomes.stream().filter(o -> o.status() == 409).count();
        double sellOut = outcomes.stream().filter(o -> o.status() == 201)
                .mapToLong(Outcome::completedNanos).max().orElse(0) / 1e9;
        // What a sold-out answer costs on its own: the 409s answered once the last unit was sold, per second of that tail.
        long soldOutAfter = outcomes.stream().filter(o -> o.status() == 409 && o.completedNanos() / 1e9 > sellOut).count();
        double tail = seconds - sellOut;
        System.out.printf("RESULT buyers=%d seconds=%.3f confirmed=%d sold_out=%d confirmed_per_s=%.1f sold_out_per_s=%.1f "
                        + "sold_out_after_sell_out=%d sold_out_after_per_s=%.1f sell_out_s=%.3f %s statuses=%s%n",
                buyers, seconds, confirmed, soldOut, sellOut > 0 ? confirmed / sellOut : 0, soldOut / seconds,
                soldOutAfter, tail > 0 ? soldOutAfter / tail : 0, sellOut, percentiles(outcomes), statusCounts(outcomes));
    }

    /** Constant arrival rate: request i is due at start + i / rate, sent then whatever is still in flight. */
    static void open(HttpClient http, Map<String, String> opts) throws Exception {
        List<Customer> customers = customers(opts.get("tokens"));
        List<String> products = Files.readAllLines(Path.of(opts.get("products"))).stream().filter(l -> !l.isBlank()).toList();
        double rate = Double.parseDouble(opts.get("rate"));
        int total = (int) Math.round(rate * Double.parseDouble(opts.get("seconds")));
        long interval = Math.round(1e9 / rate);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Outcome> outcomes = new ArrayList<>();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        AtomicLong maxLateNanos = new AtomicLong();
        long start = System.nanoTime() + 50_000_000;
        for (int i = 0; i < total; i++) {
            long intended = start + i * interval;
            maxLateNanos.accumulateAndGet(waitUntil(intended), Math::max);
            Customer customer = customers.get(i % customers.size());
            String product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
            calls.add(http.sendAsync(checkout(opts.get("base"), customer, product, "open-" + run + "-" + i),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        long now = System.nanoTime();
                        synchronized (outcomes) {
                            outcomes.add(new Outcome(failure == null ? response.statusCode() : 0, now - start, now - intended));
                        }
                    }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("RESULT rate=%.1f sent=%d completed=%d seconds=%.2f achieved_per_s=%.1f max_send_lag_ms=%.2f %s statuses=%s%n",
                rate, total, outcomes.size(), seconds, outcomes.size() / seconds, maxLateNanos.get() / 1e6,
                percentiles(outcomes), statusCounts(outcomes));
    }

    /** Sleeps until {@code intended} (System.nanoTime); answers how late it woke, in nanoseconds. */
    private static long waitUntil(long intended) {
        long wait;
        while ((wait = intended - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        return -wait;
    }

    /** A support room and the customer whose order it is about. */
    record ChatRoom(String id, String customerToken) {
    }

    /**
     * Chat: a support room on the latest order of each of the first {@code rooms} customers who have one (made by the
     * customer's first message), {@code streams} SSE streams spread evenly over them (the customer's own, the rest the
     * admin's), then {@code rate} messages a second for {@code seconds}, each by its room's customer, rooms in turn.
     * Every message event a stream receives is matched to its post: delivery latency from the post's intended send
     * time, lost (never reached a stream of its room) and duplicated (reached one twice). The server's RSS and threads
     * are read from /proc before the streams, with them open, and after the messages.
     */
    static void chat(HttpClient http, Map<String, String> opts) throws Exception {
        String base = opts.get("base");
        int roomCount = Integer.parseInt(opts.getOrDefault("rooms", "200"));
        int perRoom = Integer.parseInt(opts.getOrDefault("streams", "2000")) / roomCount;
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ChatRoom> rooms = new ArrayList<>();
        for (Customer customer : customers(opts.get("tokens"))) {
            if (rooms.size() == roomCount) {
                break;
            }
            String orders = http.send(get(base + "/api/v1/orders?limit=1", customer.token()), HttpResponse.BodyHandlers.ofString()).body();
            Matcher order = ID.matcher(orders);
            if (order.find()) {
                String first = http.send(post(base + "/api/v1/orders/" + order.group(1) + "/support/messages", "{\"body\":\"Hello\"}",
                        customer.token(), "chat-" + run + "-open-" + rooms.size()), HttpResponse.BodyHandlers.ofString()).body();
                Matcher room = ROOM_ID.matcher(first);
                if (!room.find()) {
                    throw new IllegalStateException("no support room made: " + first);
                }
                rooms.add(new ChatRoom(room.group(1), customer.token()));
            }
        }
        if (rooms.size() < roomCount) {
            throw new IllegalStateException("only " + rooms.size() + " customers have an order");
        }
        String pid = opts.get("pid");
        String before = process(pid);

        ConcurrentHashMap<String, Long> postedAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch open = new CountDownLatch(rooms.size() * perRoom);
        HttpClient streams = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
        List<CompletableFuture<?>> connections = new ArrayList<>();
        for (ChatRoom room : rooms) {
            for (int s = 0; s < perRoom; s++) {
                String token = s == 0 ? room.customerToken() : opts.get("admin");
                connections.add(streams.sendAsync(get(base + "/api/v1/rooms/" + room.id() + "/stream", token),
                        HttpResponse.BodyHandlers.fromLineSubscriber(new StreamReader(open, postedAt, latencies, duplicates))));
            }
        }
        if (!open.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(open.getCount() + " streams did not open");
        }
        String withStreams = process(pid);

        double rate = Double.parseDouble(opts.getOrDefault("rate", "200"));
        int total = (int) Math.round(rate * Double.parseDouble(opts.getOrDefault("seconds", "20")));
        long interval = Math.round(1e9 / rate);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> posts = new ArrayList<>();
        long start = System.nanoTime() + 50_000_000;
        for (int i = 0; i < total; i++) {
            long intended = start + i * interval;
            waitUntil(intended);
            ChatRoom room = rooms.get(i % rooms.size());
            String nonce = run + "-" + i;
            postedAt.put(nonce, intended);
            posts.add(http.sendAsync(post(base + "/api/v1/rooms/" + room.id() + "/messages", "{\"body\":\"" + nonce + "\"}",
                            room.customerToken(), nonce), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> statuses.computeIfAbsent(failure == null ? response.statusCode() : 0,
                            status -> new AtomicInteger()).incrementAndGet()));
        }
        CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
        int posted = statuses.getOrDefault(201, new AtomicInteger()).get();
        long expected = (long) posted * perRoom;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (latencies.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        String after = process(pid);
        connections.forEach(connection -> connection.cancel(true));
        long[] sorted;
        synchronized (latencies) {
            sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        System.out.printf("RESULT rooms=%d streams=%d posted=%d statuses=%s deliveries=%d expected=%d lost=%d duplicates=%d %s"
                        + " server_before=%s server_streams=%s server_after=%s%n",
                rooms.size(), rooms.size() * perRoom, total, counts(statuses), sorted.length, expected, Math.max(0, expected - sorted.length),
                duplicates.get(), percentiles(sorted), before, withStreams, after);
    }

    /** Reads one stream: counts it open at its first comment, and times each message event against its post. */
    private static final class StreamReader implements Flow.Subscriber<String> {

        private final CountDownLatch open;
        private final Map<String, Long> postedAt;
        private final List<Long> latencies;
        private final AtomicInteger duplicates;
        private final Set<String> seen = new HashSet<>();
        private boolean opened;
        private String event;

        StreamReader(CountDownLatch open, Map<String, Long> postedAt, List<Long> latencies, AtomicInteger duplicates) {
            this.open = open;
            this.postedAt = postedAt;
            this.latencies = latencies;
            this.duplicates = duplicates;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = System.nanoTime();
            if (!opened && line.startsWith(":")) {
                opened = true;
                open.countDown();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:") && "message".equals(event)) {
                Matcher body = BODY.matcher(line);
                Long sentAt = body.find() ? postedAt.get(body.group(1)) : null;
                if (sentAt != null) {
                    if (seen.add(body.group(1))) {
                        latencies.add(now - sentAt);
                    } else {
                        duplicates.incrementAndGet();
                    }
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
        }
    }

    /** The process's resident memory and thread count, from /proc. */
    private static String process(String pid) throws IOException {
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        Matcher threads = Pattern.compile("Threads:\\s+(\\d+)").matcher(status);
        return (rss.find() ? Long.parseLong(rss.group(1)) / 1024 : -1) + "MiB/" + (threads.find() ? threads.group(1) : "-1") + "threads";
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
    }

    private static HttpRequest checkout(String base, Customer customer, String productId, String idempotencyKey) {
        String body = "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}],"
                + "\"shippingAddressId\":\"" + customer.addressId() + "\",\"billingAddressId\":\"" + customer.addressId()
                + "\",\"paymentMethodId\":\"" + customer.paymentMethodId() + "\"}";
        return post(base + "/api/v1/orders", body, customer.token(), idempotencyKey);
    }

    private static HttpRequest post(String url, String body, String token, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }

    private static List<Customer> customers(String file) throws IOException {
        return Files.readAllLines(Path.of(file)).stream().filter(line -> !line.isBlank())
                .map(line -> line.split(",")).map(p -> new Customer(p[0], p[1], p[2])).toList();
    }

    private static String percentiles(List<Outcome> outcomes) {
        return percentiles(outcomes.stream().mapToLong(Outcome::latencyNanos).sorted().toArray());
    }

    private static String percentiles(long[] latencies) {
        if (latencies.length == 0) {
            return "p50_ms=0 p95_ms=0 p99_ms=0 max_ms=0";
        }
        return String.format("p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f",
                at(latencies, 0.50), at(latencies, 0.95), at(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    private static String statusCounts(List<Outcome> outcomes) {
        Map<Integer, Integer> counts = new TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.status(), 1, Integer::sum));
        return counts.toString().replace(" ", "").replace("{", "").replace("}", "").replace('=', ':');
    }

    private static String counts(Map<Integer, AtomicInteger> statuses) {
        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach((status, n) -> counts.put(status, n.get()));
        return counts.toString().replace(" ", "").replace("{", "").replace("}", "").replace('=', ':');
    }
}
