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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * </pre>
 *
 * Each mode prints one {@code RESULT key=value ...} line for the report. The open mode sends
 * on a fixed schedule whatever the server does and measures every latency from the request's
 * intended send time, so a stall shows up in the percentiles instead of pausing the load
 * (no coordinated omission).
 */
public class LoadGen {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

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
                default -> throw new IllegalArgumentException("mode must be login, flash or open");
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
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLateNanos.accumulateAndGet(-wait, Math::max);
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
        long[] latencies = outcomes.stream().mapToLong(Outcome::latencyNanos).sorted().toArray();
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
