package org.plinth.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.plinth.executors.slurm.SlurmExecutor;
import org.plinth.executors.slurm.SlurmProbe;

/**
 * With the SLURM executor on: DOWN while slurmrestd does not answer (jobs on SLURM wait
 * meanwhile, none is lost) or when the start-up probe found that the cluster does not see the
 * data folder where the path map says. Off: always UP.
 */
@Readiness
@ApplicationScoped
public class SlurmReadiness implements HealthCheck {

    @Inject
    SlurmExecutor slurm;
    @Inject
    SlurmProbe probe;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("slurm");
        if (!slurm.enabled()) {
            return response.up().withData("enabled", false).build();
        }
        var problem = slurm.unreachable();
        SlurmProbe.Outcome paths = probe.outcome();
        response.withData("pathProbe", paths.state());
        if (!paths.detail().isEmpty()) {
            response.withData("pathProbeDetail", paths.detail());
        }
        problem.ifPresent(p -> response.withData("error", p));
        return response.status(problem.isEmpty() && !paths.failed()).build();
    }
}
