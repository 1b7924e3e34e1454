package org.plinth.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescingRunnerTest {

    @Test
    void aBurstOfWakeUpsDuringAPassCostsOneMorePassNeverTwoAtOnce() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch inFirstPass = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger passes = new AtomicInteger();
            AtomicInteger atOnce = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            CoalescingRunner runner = new CoalescingRunner("a test pass", () -> {
                mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                if (passes.incrementAndGet() == 1) {
                    inFirstPass.countDown();
                    await(release);
                }
                atOnce.decrementAndGet();
            });
            runner.wake(executor);
            assertTrue(inFirstPass.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 100; i++) {
                runner.wake(executor);
            }
            release.countDown();
            awaitQuiet(passes, 2);
            assertEquals(2, passes.get(), "100 wake-ups during the first pass make one more pass");
            assertEquals(1, mostAtOnce.get());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aPassThatThrowsDoesNotStopTheNextWakeUp() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        // the runner logs the failure with its trace; expected here, so not printed
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(CoalescingRunner.class.getName());
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.SEVERE);
        try {
            AtomicInteger passes = new AtomicInteger();
            CoalescingRunner runner = new CoalescingRunner("a failing pass", () -> {
                passes.incrementAndGet();
                throw new IllegalStateException("on purpose");
            });
            runner.wake(executor);
            awaitQuiet(passes, 1);
            runner.wake(executor);
            awaitQuiet(passes, 2);
            assertEquals(2, passes.get());
        } finally {
            executor.shutdownNow();
            log.setLevel(level);
        }
    }

    @Test
    void aRefusedWakeUpIsForgottenSoTheNextOneRuns() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        CoalescingRunner runner = new CoalescingRunner("a pass", passes::incrementAndGet);
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(CoalescingRunner.class.getName());
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.SEVERE);
        runner.wake(task -> {
            throw new RejectedExecutionException("shutting down");
        });
        log.setLevel(level);
        runner.wake(Runnable::run);
        assertEquals(1, passes.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code count} reached {@code n} and then stayed for 200 ms. */
    private static void awaitQuiet(AtomicInteger count, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(200);
    }
}
