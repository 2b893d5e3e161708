package io.orderflow.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The signed-in customers of {@code make loadtest-users} (CUSTOMERS_CSV). Access tokens live 15
 * minutes: before the run and then every minute, the tokens that expire within five minutes are
 * refreshed through /auth/refresh, like an app would, and the file is rewritten with the new
 * refresh tokens (the old ones are spent). So one file serves one run at a time.
 */
final class Customers {

    static final String HEADER = "id,email,accessToken,refreshToken,expiresAt,addressId,paymentMethodId";

    record Customer(String id, String email, String accessToken, String refreshToken, long expiresAt,
                    String addressId, String paymentMethodId) {

        static Customer parse(String line) {
            String[] f = line.split(",", -1);
            if (f.length != 7) {
                throw new IllegalArgumentException("expected 7 columns (" + HEADER + "), got: " + line);
            }
            return new Customer(f[0], f[1], f[2], f[3], Long.parseLong(f[4]), f[5], f[6]);
        }

        String line() {
            return String.join(",", id, email, accessToken, refreshToken, Long.toString(expiresAt), addressId, paymentMethodId);
        }
    }

    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final int REFRESH_CONCURRENCY = 16;

    private final Path csv;
    private final Api api;
    private final AtomicReferenceArray<Customer> all;
    private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "loadtest-token-keeper");
        thread.setDaemon(true);
        return thread;
    });

    private Customers(Path csv, Api api, List<Customer> customers) {
        this.csv = csv;
        this.api = api;
        this.all = new AtomicReferenceArray<>(customers.toArray(Customer[]::new));
    }

    /** Reads the file, refreshes what is about to expire, and keeps the tokens fresh until {@link #stop()}. */
    static Customers load(Path csv, Api api) {
        if (!Files.isReadable(csv)) {
            throw new IllegalStateException("No customers file " + csv.toAbsolutePath().normalize()
                    + ": run `make loadtest-users N=...` against the same BASE_URL first");
        }
        List<Customer> customers = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(csv)) {
                if (!line.isBlank() && !line.startsWith("id,")) {
                    customers.add(Customer.parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (customers.isEmpty()) {
            throw new IllegalStateException(csv + " holds no customers: run `make loadtest-users N=...`");
        }
        Customers loaded = new Customers(csv, api, customers);
        int refreshed = loaded.refreshExpiring(true);
        System.out.printf("[loadtest] %d customers from %s (%d tokens refreshed)%n", customers.size(), csv, refreshed);
        loaded.keeper.scheduleWithFixedDelay(() -> loaded.refreshExpiring(false), 1, 1, TimeUnit.MINUTES);
        return loaded;
    }

    int size() {
        return all.length();
    }

    /** A random customer per virtual user: accessToken, addressId, paymentMethodId. */
    Iterator<Map<String, Object>> feeder() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                Customer c = all.get(ThreadLocalRandom.current().nextInt(all.length()));
                return Map.of("accessToken", c.accessToken(), "addressId", c.addressId(), "paymentMethodId", c.paymentMethodId());
            }
        };
    }

    void stop() {
        keeper.shutdownNow();
    }

    /**
     * Refreshes every token that expires within five minutes, at most 16 at a time. Before the
     * run a failure stops the run (the file is stale: make new customers); during it, the
     * customer keeps its token and the failure is printed.
     */
    private synchronized int refreshExpiring(boolean strict) {
        long due = Instant.now().plus(REFRESH_BEFORE_EXPIRY).getEpochSecond();
        Semaphore inFlight = new Semaphore(REFRESH_CONCURRENCY);
        List<CompletableFuture<Void>> refreshes = new ArrayList<>();
        for (int i = 0; i < all.length(); i++) {
            Customer customer = all.get(i);
            if (customer.expiresAt() > due) {
                continue;
            }
            int index = i;
            inFlight.acquireUninterruptibly();
            refreshes.add(api.send("POST", "/api/v1/auth/refresh", null, Map.of("refreshToken", customer.refreshToken()), Set.of(200))
                    .thenAccept(pair -> all.set(index, renewed(customer, pair)))
                    .whenComplete((ok, failure) -> inFlight.release()));
        }
        if (refreshes.isEmpty()) {
            return 0;
        }
        try {
            CompletableFuture.allOf(refreshes.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            long failed = refreshes.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = failed + " of " + refreshes.size() + " token refreshes failed (" + cause.getMessage()
                    + "); make fresh customers with `make loadtest-users`";
            if (strict) {
                save();
                throw new IllegalStateException(message, e);
            }
            System.out.println("[loadtest] " + message);
        }
        save();
        return refreshes.size();
    }

    private static Customer renewed(Customer customer, JsonNode pair) {
        return new Customer(customer.id(), customer.email(), pair.path("accessToken").asText(), pair.path("refreshToken").asText(),
                Instant.now().getEpochSecond() + pair.path("expiresIn").asLong(900), customer.addressId(), customer.paymentMethodId());
    }

    /** Rewrites the file in one move, so a run stopped halfway never leaves half a file. */
    private void save() {
        List<String> lines = new ArrayList<>(all.length() + 1);
        lines.add(HEADER);
        for (int i = 0; i < all.length(); i++) {
            lines.add(all.get(i).line());
        }
        try {
            Path next = csv.resolveSibling(csv.getFileName() + ".next");
            Files.write(next, lines);
            Files.move(next, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
