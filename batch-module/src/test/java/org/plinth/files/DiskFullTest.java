package org.plinth.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class DiskFullTest {

    @Test
    void theOperatingSystemsMessagesAnywhereInTheChain() {
        assertTrue(DiskFull.causes(new IOException("No space left on device")));
        assertTrue(DiskFull.causes(new UncheckedIOException(new IOException("Disk quota exceeded"))));
        assertTrue(DiskFull.causes(new IOException(new IOException("/data/files/.incoming/x.part: No space left on device"))));
    }

    @Test
    void otherInputOutputErrorsAreNot() {
        assertFalse(DiskFull.causes(new IOException("Broken pipe")));
        assertFalse(DiskFull.causes(new IOException((String) null)));
        assertFalse(DiskFull.causes(null));
    }
}
