package org.plinth.jobs;

import java.util.EnumSet;
import java.util.Set;

/** The life of a job, as in DESIGN.md; every change is stored with its time. */
public enum JobState {
    NEW, QUEUED, STAGING, SUBMITTED, RUNNING, COLLECTING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT;

    public static final Set<JobState> TERMINAL = EnumSet.of(SUCCEEDED, FAILED, CANCELLED, TIMED_OUT);
    /** States in which the job holds executor capacity. */
    public static final Set<JobState> ACTIVE = EnumSet.of(STAGING, SUBMITTED, RUNNING, COLLECTING);
    /** Terminal states from which a restart continues the batch job. */
    public static final Set<JobState> RESTARTABLE = EnumSet.of(FAILED, CANCELLED, TIMED_OUT);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    public boolean isActive() {
        return ACTIVE.contains(this);
    }
}
