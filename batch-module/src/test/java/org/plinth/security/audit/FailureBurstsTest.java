package org.plinth.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FailureBurstsTest {

    @Test
    void theFifthFailureWithinAMinuteMakesOneBurstAndLaterOnesNone() {
        FailureBursts bursts = new FailureBursts(5, 60_000);
        int[] counts = IntStream.range(0, 20).map(i -> bursts.failed("10.0.0.1", 1000 + i * 100L)).toArray();
        assertEquals(5, counts[4]);
        assertEquals(1, IntStream.of(counts).filter(c -> c > 0).count());
    }

    @Test
    void failuresSpreadBeyondTheWindowAreNoBurst() {
        FailureBursts bursts = new FailureBursts(5, 60_000);
        for (int i = 0; i < 20; i++) {
            assertEquals(0, bursts.failed("10.0.0.1", i * 20_000L), "failure " + i);
        }
    }

    @Test
    void addressesAreCountedApart() {
        FailureBursts bursts = new FailureBursts(3, 60_000);
        assertEquals(0, bursts.failed("a", 0));
        assertEquals(0, bursts.failed("b", 1));
        assertEquals(0, bursts.failed("a", 2));
        assertEquals(0, bursts.failed("b", 3));
        assertEquals(3, bursts.failed("a", 4));
        assertEquals(3, bursts.failed("b", 5));
    }

    @Test
    void aNewWindowCanMakeANewBurst() {
        FailureBursts bursts = new FailureBursts(2, 1000);
        bursts.failed("a", 0);
        assertEquals(2, bursts.failed("a", 10));
        assertEquals(0, bursts.failed("a", 20));
        bursts.failed("a", 1010);
        assertEquals(2, bursts.failed("a", 1020));
    }

    @Test
    void manyAddressesDoNotGrowWithoutBound() {
        FailureBursts bursts = new FailureBursts(5, 1000);
        for (int i = 0; i < FailureBursts.MAX_TRACKED * 2; i++) {
            bursts.failed("10.0." + i, i);
        }
        assertTrue(bursts.tracked() <= FailureBursts.MAX_TRACKED, "tracked " + bursts.tracked());
    }
}
