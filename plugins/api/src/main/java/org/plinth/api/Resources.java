package org.plinth.api;

/**
 * What a job may use.
 *
 * @param cores           CPU cores (the local executor's capacity is counted in cores)
 * @param memoryMb        memory in MiB
 * @param walltimeSeconds time after which the job is ended as timed out
 */
public record Resources(int cores, long memoryMb, long walltimeSeconds) {

    public static final Resources DEFAULT = new Resources(1, 1024, 3600);

    public Resources {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1");
        }
        if (memoryMb < 1) {
            throw new IllegalArgumentException("memoryMb must be at least 1");
        }
        if (walltimeSeconds < 1) {
            throw new IllegalArgumentException("walltimeSeconds must be at least 1");
        }
    }
}
