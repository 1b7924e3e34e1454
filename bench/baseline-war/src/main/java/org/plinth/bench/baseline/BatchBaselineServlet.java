package org.plinth.bench.baseline;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /batch?jobs=N&fork=true|false&threads=T}: starts N executions of baseline-run one after
 * the other from T managed threads (T = 1: as Plinth's scheduler does), waits until every one has
 * ended, and answers, as text, the rate from the first start to the last end and how many ended
 * COMPLETED (each execution's batch status is read at the end), so a run whose jobs failed shows it.
 */
@WebServlet("/batch")
public class BatchBaselineServlet extends HttpServlet {

    @Resource
    ManagedExecutorService executor;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int jobs = Integer.parseInt(request.getParameter("jobs"));
        boolean fork = Boolean.parseBoolean(request.getParameter("fork"));
        int threads = request.getParameter("threads") == null ? 1 : Integer.parseInt(request.getParameter("threads"));
        JobOperator operator = BatchRuntime.getJobOperator();
        String run = UUID.randomUUID().toString();
        CountDownLatch ended = Runs.begin(run, jobs);
        List<Long> executions = new ArrayList<>(jobs);
        long start = System.nanoTime();
        try {
            List<Future<List<Long>>> starters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = jobs / threads + (t < jobs % threads ? 1 : 0);
                starters.add(executor.submit(() -> {
                    List<Long> ids = new ArrayList<>(share);
                    for (int i = 0; i < share; i++) {
                        Properties parameters = new Properties();
                        parameters.setProperty("run", run);
                        parameters.setProperty("fork", Boolean.toString(fork));
                        ids.add(operator.start("baseline-run", parameters));
                    }
                    return ids;
                }));
            }
            for (Future<List<Long>> starter : starters) {
                executions.addAll(starter.get());
            }
            long started = System.nanoTime();
            if (!ended.await(10, TimeUnit.MINUTES)) {
                response.sendError(504, ended.getCount() + " of " + jobs + " jobs had not ended after 10 minutes");
                return;
            }
            long end = System.nanoTime();
            int completed = 0;
            for (long id : executions) {
                JobExecution execution = operator.getJobExecution(id);
                for (int tries = 0; tries < 100 && execution.getBatchStatus() == BatchStatus.STARTED; tries++) {
                    Thread.sleep(10); // the listener ran; the runtime is writing the end
                    execution = operator.getJobExecution(id);
                }
                if (execution.getBatchStatus() == BatchStatus.COMPLETED) {
                    completed++;
                }
            }
            double seconds = (end - start) / 1e9;
            response.setContentType("text/plain");
            response.getWriter().printf("jobs %d fork %s threads %d completed %d seconds %.3f rate %.1f starts-per-second %.1f%n",
                    jobs, fork, threads, completed, seconds, jobs / seconds, jobs / ((started - start) / 1e9));
        } catch (ExecutionException e) {
            response.sendError(500, "a start failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(503, "interrupted");
        } finally {
            Runs.forget(run);
        }
    }
}
