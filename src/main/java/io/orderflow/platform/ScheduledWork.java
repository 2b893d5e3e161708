package io.orderflow.platform;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs the bodies of the {@code @Scheduled} methods, so that a stop, a bad row or a hung call
 * can't hurt them.
 * <p>
 * A stop pauses the scheduler and waits (up to {@code stop-wait}) for the runs in progress
 * before any pool closes: on {@link ShutdownDelayInitiatedEvent}, the first thing a stop does,
 * before the HTTP drain and the shutdown tasks that close the PostgreSQL pool and the Redis
 * client. {@link ShutdownEvent} is itself fired by one of those tasks, after the HTTP drain and
 * after the close of any client first used once startup was over (tasks run last-registered
 * first), so it is only the fallback for a build without {@code quarkus.shutdown.delay-enabled}.
 * A run the scheduler fires as the stop begins does nothing, and a batch takes no further item.
 * <p>
 * A batch goes item by item, each with its own timeout: a failing or hung item is logged once
 * (WARN, with its id) and the next one starts, so one bad row can't hold up the others. A whole
 * run has a timeout too, because with {@code concurrentExecution = SKIP} a run that never ends
 * skips every later one; a run that fails or times out is left to the scheduler, which logs it
 * as an error. A timeout stops waiting; PostgreSQL still finishes (or waits out) its statement.
 * Keep {@code item-timeout} below {@code stop-wait} so that the item running when the stop
 * begins can finish.
 * <p>
 * A job whose rows hold no lease reads its batch afresh each run, oldest first: the items that
 * failed or hung would be first again in every run, and a batch's worth of them would hold up the
 * items behind them for good. {@link #eachItemLeavingOutFailed} has such items sit out this
 * instance's runs of the job for {@code failed-item-pause}.
 */
@ApplicationScoped
public class ScheduledWork {

    private static final Logger LOG = Logger.getLogger(ScheduledWork.class);

    private final Scheduler scheduler;
    private final PlatformConfig config;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final Map<String, SittingOut<?>> sittingOut = new ConcurrentHashMap<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final Object idle = new Object();
    private volatile boolean stopping;

    ScheduledWork(Scheduler scheduler, PlatformConfig config) {
        this.scheduler = scheduler;
        this.config = config;
    }

    /** One run of job {@code job}: {@code work} with the run timeout, counted while it runs. */
    public Uni<Void> run(String job, Supplier<Uni<?>> work) {
        return Uni.createFrom().deferred(() -> {
            if (!begin()) {
                LOG.debugf("Job %s not run: this instance is stopping", job);
                return Uni.createFrom().voidItem();
            }
            Duration limit = config.runTimeout();
            return Uni.createFrom().deferred(work)
                    .ifNoItem().after(limit).failWith(() -> new TimeoutException(
                            "Job " + job + " still running after " + limit + "; given up so the next run can start"))
                    .onTermination().invoke(this::end)
                    .replaceWithVoid();
        });
    }

    /**
     * One run of job {@code job} over a batch: loads it, then does {@code work} for each item in
     * turn, each with the item timeout. A failing item is logged and skipped; once the instance is
     * stopping, the remaining items are left for the next run.
     */
    public <T> Uni<Void> eachItem(String job, Supplier<Uni<List<T>>> batch, Function<T, Uni<?>> work) {
        return run(job, () -> batch.get().chain(items -> eachOf(job, items, work, item -> { })));
    }

    /**
     * As {@link #eachItem}, for a job whose batch holds no lease: {@code batch} is given the items that
     * failed or hung in this instance's runs of the job within {@code failed-item-pause}, and leaves them
     * out, so the items behind them are done.
     */
    public <T> Uni<Void> eachItemLeavingOutFailed(String job, Function<Set<T>, Uni<List<T>>> batch, Function<T, Uni<?>> work) {
        @SuppressWarnings("unchecked")
        SittingOut<T> out = (SittingOut<T>) sittingOut.computeIfAbsent(job, name -> new SittingOut<>());
        return run(job, () -> batch.apply(out.current()).chain(items -> eachOf(job, items, work,
                item -> out.add(item, config.failedItemPause()))));
    }

    /**
     * One run of job {@code job} that works off a backlog in bounded batches: {@code batch} handles
     * at most {@code size} rows in one short statement and answers how many it handled; it runs
     * again while it handles a full batch. Short statements keep locks and WAL bursts small; once
     * the instance is stopping, the rest is left for the next run.
     */
    public Uni<Void> inBatches(String job, int size, Supplier<Uni<Integer>> batch) {
        return run(job, () -> Uni.createFrom().deferred(batch::get)
                .repeat().whilst(handled -> handled == size && !stopping)
                .collect().with(Collectors.summingInt(Integer::intValue))
                .invoke(total -> LOG.debugf("Job %s: %d rows", job, total)));
    }

    void stopping(@Observes ShutdownDelayInitiatedEvent event) {
        stop();
    }

    void stopped(@Observes ShutdownEvent event) {
        stop();
    }

    private void stop() {
        if (!stopRequested.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        scheduler.pause();
        long started = System.nanoTime();
        int running = inProgress.get();
        if (awaitIdle(config.stopWait())) {
            LOG.infof("Scheduled jobs paused for the stop; the runs in progress finished within %d ms (%d were running)",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), running);
        } else {
            LOG.warnf("Scheduled jobs paused for the stop; %d run(s) still in progress after %s",
                    inProgress.get(), config.stopWait());
        }
    }

    /** Counts a run in; false once the instance is stopping. Counting first means a stop sees it or it sees the stop. */
    private boolean begin() {
        inProgress.incrementAndGet();
        if (stopping) {
            end();
            return false;
        }
        return true;
    }

    private void end() {
        if (inProgress.decrementAndGet() == 0 && stopping) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private boolean awaitIdle(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (idle) {
            while (inProgress.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(Math.max(1, Duration.ofNanos(left).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private enum Outcome { DONE, FAILED, LEFT }

    private <T> Uni<Void> eachOf(String job, List<T> items, Function<T, Uni<?>> work, Consumer<T> failed) {
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> stopping
                        ? Uni.createFrom().item(Outcome.LEFT)
                        : attempt(job, item, work).invoke(outcome -> {
                            if (outcome == Outcome.FAILED) {
                                failed.accept(item);
                            }
                        }))
                .collect().asList()
                .invoke(outcomes -> summarise(job, outcomes))
                .replaceWithVoid();
    }

    private <T> Uni<Outcome> attempt(String job, T item, Function<T, Uni<?>> work) {
        Duration limit = config.itemTimeout();
        return Uni.createFrom().deferred(() -> work.apply(item))
                .ifNoItem().after(limit).failWith(() -> new TimeoutException("no answer within " + limit))
                .replaceWith(Outcome.DONE)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Job %s: item %s failed, going on with the next one: %s", job, item, failure.toString());
                    LOG.debugf(failure, "Job %s: item %s failed", job, item);
                    return Outcome.FAILED;
                });
    }

    /** A job's items that failed or hung here, each until its pause is over. */
    private static final class SittingOut<T> {

        /** A bound on memory should a whole backlog fail; past it a failed item is simply tried again next run. */
        private static final int MAX = 10_000;

        private final Map<T, Long> until = new ConcurrentHashMap<>();

        Set<T> current() {
            long now = System.nanoTime();
            until.values().removeIf(end -> end - now <= 0);
            return Set.copyOf(until.keySet());
        }

        void add(T item, Duration pause) {
            if (until.size() < MAX) {
                until.put(item, System.nanoTime() + pause.toNanos());
            }
        }
    }

    private static void summarise(String job, List<Outcome> outcomes) {
        long failed = outcomes.stream().filter(Outcome.FAILED::equals).count();
        long left = outcomes.stream().filter(Outcome.LEFT::equals).count();
        if (failed > 0 || left > 0) {
            LOG.infof("Job %s: %d of %d items done, %d failed%s", job, outcomes.size() - failed - left, outcomes.size(), failed,
                    left > 0 ? ", " + left + " left for the next run (this instance is stopping)" : "");
        } else {
            LOG.debugf("Job %s: %d items done", job, outcomes.size());
        }
    }
}
