package io.orderflow.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Real parallel calls released together by one latch, for races and rushes; results in call order. */
public final class Parallel {

    private Parallel() {
    }

    /** The same call {@code count} times at once. */
    public static <T> List<T> times(int count, Callable<T> call) throws Exception {
        return times(count, count, call);
    }

    /** The same call {@code count} times, released together and run on {@code threads} threads. */
    public static <T> List<T> times(int count, int threads, Callable<T> call) throws Exception {
        return all(Collections.nCopies(count, call), threads);
    }

    /** Different calls at once, e.g. a cancel racing a shipment. */
    public static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        return all(calls, calls.size());
    }

    private static <T> List<T> all(List<Callable<T>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
