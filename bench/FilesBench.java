import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upload and download throughput of a large file (default 2 GiB of random bytes) against a
 * running Plinth on this machine, next to `cp` of the same file on the same disk in the same
 * run, next to a plain servlet in the same server moving the same bytes (bench/baseline-war,
 * deployed by bench/files.sh at /baseline: the floor of HTTP on this server), and the server JVM's
 * heap while it moves the bytes.
 *
 * <p>Run with: java bench/FilesBench.java <baseUrl> <apiKey> <serverPid> <scratchDir> <outDir> [MiB] [rounds]
 * (bench/files.sh starts a server and runs this). scratchDir must be on the server's data disk.
 * The client is curl (streams from and to the file, no Java client in the way). Prints figures;
 * asserts only that the bytes arrive intact (sha256).
 */
public class FilesBench {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern SHA = Pattern.compile("\"sha256\":\"([0-9a-f]{64})\"");
    private static final Pattern SIZE = Pattern.compile("\"size\":(\\d+)");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)");
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

    static String base;
    static String key;
    static long pid;
    static Path scratch;
    static long bytes;

    /** One timed step of one round. */
    record Step(String name, double seconds, double clientCpu, double serverCpu, Heap heap) {
        double mbps() {
            return bytes / seconds / 1e6;
        }
    }

    /** Server heap around one transfer, in MiB: after a full GC before, the peak sampled during, after a full GC after. */
    record Heap(double baseline, double peakUsed, double peakOld, double retained, int youngGcs, int fullGcs) {
    }

    public static void main(String[] args) throws Exception {
        base = args[0];
        key = args[1];
        pid = Long.parseLong(args[2]);
        scratch = Path.of(args[3]).toAbsolutePath();
        Path outDir = Path.of(args[4]).toAbsolutePath();
        long mib = args.length > 5 ? Long.parseLong(args[5]) : 2048;
        int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 3;
        bytes = mib << 20;
        Files.createDirectories(scratch);
        Files.createDirectories(outDir);

        System.out.printf("machine: %d cores, %s; disk of %s: %s%n", Runtime.getRuntime().availableProcessors(),
                cpuModel(), scratch, sh("df -h --output=source,fstype,size,avail " + q(scratch) + " | tail -1").trim());
        System.out.printf("server pid %d, JVM heap %s; client: %s%n", pid, heapInfoLine(),
                sh("curl --version | head -1").trim());

        Path src = scratch.resolve("src.bin");
        long t0 = System.nanoTime();
        String srcSha = generate(src, bytes);
        System.out.printf("source: %s, %d MiB of random bytes, sha256 %s (written in %.1f s)%n", src, mib, srcSha,
                (System.nanoTime() - t0) / 1e9);

        // Warm-up: the server's upload and download paths get JIT-compiled on a small file first.
        Path small = scratch.resolve("warm.bin");
        generate(small, Math.min(bytes, 256L << 20));
        for (int i = 0; i < 2; i++) {
            String id = field(ID, uploadRaw(small));
            sh("curl -sS --fail -H " + q("X-API-Key: " + key) + " -o /dev/null " + q(base + "/api/v1/files/" + id + "/content"));
            delete(id);
            delete(field(ID, uploadForm(small)));
        }
        Files.delete(small);
        sh("sync");

        List<Map<String, Step>> all = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            System.out.printf("%nround %d of %d, load average before: %s%n", r, rounds, load());
            Map<String, Step> steps = round(src, srcSha);
            all.add(steps);
            steps.values().forEach(s -> System.out.println("  " + line(s, steps)));
            System.out.printf("  load average after: %s%n", load());
        }

        Map<String, Double> live = liveHeapPass(src, all);

        StringBuilder report = new StringBuilder();
        report.append(String.format("%nFilesBench %s: %d MiB, %d rounds, MB = 10^6 bytes%n", OffsetDateTime.now(), mib, rounds));
        report.append(String.format("%-22s %28s %28s %24s %22s %18s%n", "step (median of rounds)", "MB/s median [min..max]",
                "ratio to cp [min..max]", "ratio to cp+sync", "cpu s client/server", "heap MiB b/p/r"));
        for (String name : all.get(0).keySet()) {
            List<Double> mbps = all.stream().map(m -> m.get(name).mbps()).sorted().toList();
            List<Double> toCp = all.stream().map(m -> m.get(name).mbps() / m.get("cp").mbps()).sorted().toList();
            List<Double> toCpSync = all.stream().map(m -> m.get(name).mbps() / m.get("cp+sync").mbps()).sorted().toList();
            List<Step> steps = all.stream().map(m -> m.get(name)).toList();
            Step mid = steps.stream().sorted((a, b) -> Double.compare(a.mbps(), b.mbps())).toList().get(steps.size() / 2);
            String heap = mid.heap() == null ? "" : String.format("%.0f/%.0f/%.0f",
                    steps.stream().mapToDouble(s -> s.heap().baseline()).max().orElse(0),
                    steps.stream().mapToDouble(s -> s.heap().peakUsed()).max().orElse(0),
                    steps.stream().mapToDouble(s -> s.heap().retained()).max().orElse(0));
            report.append(String.format("%-22s %10.0f [%6.0f..%6.0f] %10.2f [%5.2f..%5.2f] %10.2f [%5.2f..%5.2f] %10.1f/%-10.1f %18s%n",
                    name, median(mbps), mbps.get(0), mbps.get(mbps.size() - 1),
                    median(toCp), toCp.get(0), toCp.get(toCp.size() - 1),
                    median(toCpSync), toCpSync.get(0), toCpSync.get(toCpSync.size() - 1),
                    mid.clientCpu(), mid.serverCpu(), heap));
        }
        report.append("heap b/p/r: worst over rounds of baseline (live after a full GC before the transfer), peak used\n"
                + "  sampled every 100 ms by jstat during it (includes garbage not yet collected: allocation churn,\n"
                + "  bounded by the young generation, not data held), retained (live after a full GC after it).\n"
                + "  Growth held by a transfer = live mid-transfer - baseline (below); retained - baseline = leak.\n");
        report.append("against the floor (a plain servlet in the same server), median [min..max] of rounds:\n");
        for (String[] pair : new String[][] {{"upload raw", "floor upload+sha256"}, {"upload raw", "floor upload"},
                {"upload multipart", "floor upload+sha256"}, {"download to file", "floor download to file"},
                {"download /dev/null", "floor download /dev/null"}, {"floor upload+sha256", "cp+sync"},
                {"floor upload", "cp+sync"}, {"floor download to file", "cp"}}) {
            List<Double> r = all.stream().map(m -> m.get(pair[0]).mbps() / m.get(pair[1]).mbps()).sorted().toList();
            report.append(String.format("  %-24s / %-24s %5.2f [%4.2f..%4.2f]%n", pair[0], pair[1], median(r), r.get(0), r.get(r.size() - 1)));
        }
        live.forEach((k, v) -> report.append(String.format("live heap mid-transfer (full GC at half way) %-18s %6.1f MiB (baseline %.1f)%n",
                k, v, live.getOrDefault("baseline", Double.NaN))));
        System.out.print(report);

        StringBuilder csv = new StringBuilder("round,step,seconds,mbps,ratio_cp,ratio_cp_sync,client_cpu_s,server_cpu_s,"
                + "heap_baseline_mib,heap_peak_used_mib,heap_peak_old_mib,heap_retained_mib,young_gcs,full_gcs\n");
        for (int r = 0; r < all.size(); r++) {
            for (Step s : all.get(r).values()) {
                Heap h = s.heap();
                csv.append(String.format(Locale.ROOT, "%d,%s,%.3f,%.1f,%.3f,%.3f,%.2f,%.2f,%s%n", r + 1, s.name(), s.seconds(), s.mbps(),
                        s.mbps() / all.get(r).get("cp").mbps(), s.mbps() / all.get(r).get("cp+sync").mbps(), s.clientCpu(), s.serverCpu(),
                        h == null ? ",,,,," : String.format(Locale.ROOT, "%.1f,%.1f,%.1f,%.1f,%d,%d", h.baseline(), h.peakUsed(),
                                h.peakOld(), h.retained(), h.youngGcs(), h.fullGcs())));
            }
        }
        String stamp = OffsetDateTime.now().toString().replace(':', '-').substring(0, 19);
        Files.writeString(outDir.resolve("files-bench-" + stamp + ".csv"), csv);
        Files.writeString(outDir.resolve("files-bench-" + stamp + ".txt"), report);
        Files.delete(src);
        System.out.println("written: " + outDir.resolve("files-bench-" + stamp + ".{csv,txt}"));
    }

    /** One round: cp, cp+sync, raw and multipart upload, download to a file and to /dev/null. */
    static Map<String, Step> round(Path src, String srcSha) throws Exception {
        Map<String, Step> steps = new LinkedHashMap<>();
        Path dst = scratch.resolve("dst.bin");

        steps.put("cp", timed("cp", "cp " + q(src) + " " + q(dst), false));
        sh("sync " + q(dst) + " && rm -f " + q(dst) + " && sync"); // the written-back copy must not disturb the next step
        steps.put("cp+sync", timed("cp+sync", "cp " + q(src) + " " + q(dst) + " && sync " + q(dst), false));
        sh("rm -f " + q(dst) + " && sync");

        String[] answer = new String[1];
        steps.put("upload raw", timed("upload raw", uploadRawCommand(src), true, answer));
        String rawId = field(ID, answer[0]);
        check("raw upload", answer[0], srcSha);
        sh("sync");

        steps.put("upload multipart", timed("upload multipart", uploadFormCommand(src), true, answer));
        check("multipart upload", answer[0], srcSha);
        delete(field(ID, answer[0]));
        sh("sync");

        String url = q(base + "/api/v1/files/" + rawId + "/content");
        steps.put("download to file", timed("download to file",
                "curl -sS --fail -H " + q("X-API-Key: " + key) + " -o " + q(dst) + " " + url, true));
        String got = sha256(dst);
        if (!got.equals(srcSha)) {
            throw new IllegalStateException("downloaded sha256 " + got + " != source " + srcSha);
        }
        sh("sync " + q(dst) + " && rm -f " + q(dst) + " && sync");
        steps.put("download /dev/null", timed("download /dev/null",
                "curl -sS --fail -H " + q("X-API-Key: " + key) + " -o /dev/null " + url, true));
        delete(rawId);
        sh("sync");

        // The floor: a plain servlet in the same server (bench/baseline-war) moving the same bytes
        // with nothing of Plinth's (no temporary file and rename, no record, no quota, no auth).
        // Each download starts right after 2 GiB were freed, as Plinth's does (its multipart upload
        // is deleted before it): in this VM, page cache on memory not touched lately costs several
        // seconds of system time per GiB to whoever writes it (bench/README-files.md).
        String floor = q(base + "/baseline/transfer/floor.bin");
        String floorSha = q(base + "/baseline/transfer/floor-sha.bin");
        steps.put("floor upload", timed("floor upload", floorUploadCommand(src, "floor.bin"), true, answer));
        checkFloor("floor upload", answer[0], null);
        sh("sync");
        steps.put("floor upload+sha256", timed("floor upload+sha256", floorUploadCommand(src, "floor-sha.bin?sha256=true"), true, answer));
        checkFloor("floor upload+sha256", answer[0], srcSha);
        sh("curl -sS --fail -X DELETE " + floorSha + " && sync");
        steps.put("floor download to file", timed("floor download to file", "curl -sS --fail -o " + q(dst) + " " + floor, true));
        got = sha256(dst);
        if (!got.equals(srcSha)) {
            throw new IllegalStateException("floor download sha256 " + got + " != source " + srcSha);
        }
        sh("sync " + q(dst) + " && rm -f " + q(dst) + " && sync");
        steps.put("floor download /dev/null", timed("floor download /dev/null", "curl -sS --fail -o /dev/null " + floor, true));
        sh("curl -sS --fail -X DELETE " + floor + " && sync");
        return steps;
    }

    static String floorUploadCommand(Path file, String nameAndQuery) {
        return "curl -sS --fail-with-body -X POST -H 'Expect:' -H 'Content-Type: application/octet-stream' -T " + q(file)
                + " " + q(base + "/baseline/transfer/" + nameAndQuery);
    }

    /** The floor servlet answers "size N [sha256 X]". */
    static void checkFloor(String what, String answer, String srcSha) {
        String[] words = answer.trim().split(" ");
        if (words.length < 2 || !words[0].equals("size") || Long.parseLong(words[1]) != bytes
                || (srcSha != null && (words.length < 4 || !words[3].equals(srcSha)))) {
            throw new IllegalStateException(what + ": unexpected answer " + answer);
        }
    }

    /**
     * Live heap during a transfer: each kind of transfer once more (untimed), with a full GC at
     * half way; what is used after that GC is what the transfer holds on to.
     */
    static Map<String, Double> liveHeapPass(Path src, List<Map<String, Step>> all) throws Exception {
        Map<String, Double> live = new LinkedHashMap<>();
        live.put("baseline", gcAndUsed());
        String[] answer = new String[1];
        live.put("upload raw", midGc(uploadRawCommand(src), half(all, "upload raw"), answer));
        String id = field(ID, answer[0]);
        sh("sync");
        live.put("upload multipart", midGc(uploadFormCommand(src), half(all, "upload multipart"), answer));
        delete(field(ID, answer[0]));
        sh("sync");
        live.put("download", midGc("curl -sS --fail -H " + q("X-API-Key: " + key) + " -o /dev/null "
                + q(base + "/api/v1/files/" + id + "/content"), half(all, "download /dev/null"), answer));
        delete(id);
        return live;
    }

    static long half(List<Map<String, Step>> all, String step) {
        return (long) (all.stream().mapToDouble(m -> m.get(step).seconds()).min().orElse(2) * 500);
    }

    static double midGc(String command, long afterMillis, String[] answer) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        Thread.sleep(afterMillis);
        double used = p.isAlive() ? gcAndUsed() : Double.NaN;
        answer[0] = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(command + " failed: " + answer[0]);
        }
        return used;
    }

    static Step timed(String name, String command, boolean sampleHeap) throws Exception {
        return timed(name, command, sampleHeap, new String[1]);
    }

    /**
     * Runs the command under bash with `times` after it, so the client's own CPU time (user +
     * system of the children) comes back; the server's CPU comes from /proc/<pid>/stat.
     */
    static Step timed(String name, String command, boolean sampleHeap, String[] answer) throws Exception {
        double before = 0;
        HeapSampler sampler = null;
        if (sampleHeap) {
            before = gcAndUsed();
            sampler = new HeapSampler(pid);
        }
        long serverTicks = serverTicks();
        long t = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", "( " + command + " ) && echo && echo '@@times' && times")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        double seconds = (System.nanoTime() - t) / 1e9;
        double serverCpu = (serverTicks() - serverTicks) / 100.0;
        if (rc != 0) {
            throw new IOException(name + " failed (" + rc + "): " + out);
        }
        int at = out.lastIndexOf("@@times");
        answer[0] = out.substring(0, at).trim();
        String[] times = out.substring(at).split("\n");
        double clientCpu = cpuSeconds(times.length > 2 ? times[2] : "");
        Heap heap = null;
        if (sampler != null) {
            HeapSampler.Result s = sampler.stop();
            heap = new Heap(before, s.peakUsed(), s.peakOld(), gcAndUsed(), s.youngGcs(), s.fullGcs());
        }
        return new Step(name, seconds, clientCpu, sampleHeap ? serverCpu : 0, heap);
    }

    static String uploadRawCommand(Path file) {
        // -T streams the file (--data-binary @file would read it into curl's memory); Expect: off
        // so curl does not wait for a 100 Continue.
        return "curl -sS --fail-with-body -X POST -H " + q("X-API-Key: " + key) + " -H 'Expect:' "
                + "-H 'Content-Type: application/octet-stream' -T " + q(file) + " " + q(base + "/api/v1/files?name=bench.bin");
    }

    static String uploadFormCommand(Path file) {
        return "curl -sS --fail-with-body -H " + q("X-API-Key: " + key) + " -H 'Expect:' -F "
                + q("file=@" + file + ";type=application/octet-stream;filename=bench.bin") + " " + q(base + "/api/v1/files");
    }

    static String uploadRaw(Path file) throws Exception {
        return sh(uploadRawCommand(file));
    }

    static String uploadForm(Path file) throws Exception {
        return sh(uploadFormCommand(file));
    }

    static void delete(String id) throws Exception {
        sh("curl -sS --fail -X DELETE -H " + q("X-API-Key: " + key) + " " + q(base + "/api/v1/files/" + id));
    }

    static void check(String what, String answer, String srcSha) {
        String sha = field(SHA, answer);
        long size = Long.parseLong(field(SIZE, answer));
        if (!sha.equals(srcSha) || size != bytes) {
            throw new IllegalStateException(what + ": server reports " + size + " bytes, sha256 " + sha
                    + "; the source has " + bytes + ", " + srcSha);
        }
    }

    /** Random bytes (incompressible, not sparse), fsynced, with their SHA-256. */
    static String generate(Path file, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom();
        ByteBuffer buffer = ByteBuffer.allocate(4 << 20).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long left = size;
            while (left > 0) {
                buffer.clear();
                while (buffer.remaining() >= 8) {
                    buffer.putLong(random.nextLong());
                }
                buffer.flip().limit((int) Math.min(buffer.capacity(), left));
                sha.update(buffer.array(), 0, buffer.limit());
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                left -= buffer.limit();
            }
            out.force(true);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer buffer = ByteBuffer.allocate(4 << 20);
        try (FileChannel in = FileChannel.open(file)) {
            while (in.read(buffer.clear()) >= 0) {
                sha.update(buffer.array(), 0, buffer.position());
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The server's live heap in MiB: jcmd GC.class_histogram runs a full GC and counts what
     * survives in the same safepoint. (GC.run followed by GC.heap_info would not do during a
     * transfer: the second jcmd attaches some 100 ms later, and a download allocates tens of
     * MiB of short-lived buffers in that time.)
     */
    static double gcAndUsed() throws Exception {
        Matcher m = HISTOGRAM_TOTAL.matcher(sh("jcmd " + pid + " GC.class_histogram | tail -1"));
        if (!m.find()) {
            throw new IllegalStateException("no total from jcmd GC.class_histogram");
        }
        return Long.parseLong(m.group(1)) / 1048576.0;
    }

    static String heapInfoLine() throws Exception {
        Matcher m = HEAP_USED.matcher(sh("jcmd " + pid + " GC.heap_info"));
        return m.find() ? String.format("capacity %d MiB, used %d MiB", Long.parseLong(m.group(1)) / 1024,
                Long.parseLong(m.group(2)) / 1024) : "?";
    }

    /** Samples `jstat -gc <pid> 100` (it reads the JVM's perf-data memory: no safepoint, no pause). */
    static final class HeapSampler {
        record Result(double peakUsed, double peakOld, int youngGcs, int fullGcs) {
        }

        private final Process jstat;
        private final Thread reader;
        private volatile double peakUsed;
        private volatile double peakOld;
        private volatile int firstYgc = -1;
        private volatile int firstFgc = -1;
        private volatile int lastYgc;
        private volatile int lastFgc;

        HeapSampler(long pid) throws IOException {
            jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "100").redirectErrorStream(true).start();
            reader = new Thread(this::read);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                List<String> header = null;
                String line;
                while ((line = in.readLine()) != null) {
                    String[] cols = line.trim().split("\\s+");
                    if (cols[0].equals("S0C")) {
                        header = List.of(cols);
                        continue;
                    }
                    if (header == null || cols.length != header.size()) {
                        continue;
                    }
                    double kb = 0;
                    for (String c : List.of("S0U", "S1U", "EU", "OU")) {
                        kb += Double.parseDouble(cols[header.indexOf(c)]);
                    }
                    peakUsed = Math.max(peakUsed, kb / 1024);
                    peakOld = Math.max(peakOld, Double.parseDouble(cols[header.indexOf("OU")]) / 1024);
                    int ygc = Integer.parseInt(cols[header.indexOf("YGC")]);
                    int fgc = Integer.parseInt(cols[header.indexOf("FGC")]);
                    if (firstYgc < 0) {
                        firstYgc = ygc;
                        firstFgc = fgc;
                    }
                    lastYgc = ygc;
                    lastFgc = fgc;
                }
            } catch (IOException | RuntimeException e) {
                // the process was stopped
            }
        }

        Result stop() throws InterruptedException {
            Thread.sleep(150); // one more sample after the end
            jstat.destroy();
            reader.join();
            return new Result(peakUsed, peakOld, lastYgc - Math.max(0, firstYgc), lastFgc - Math.max(0, firstFgc));
        }
    }

    static long serverTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
    }

    /** The children's user + system seconds from bash's `times` line "0m1.234s 0m0.567s". */
    static double cpuSeconds(String timesLine) {
        double total = 0;
        Matcher m = Pattern.compile("(\\d+)m([\\d.]+)s").matcher(timesLine);
        while (m.find()) {
            total += Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2));
        }
        return total;
    }

    static String line(Step s, Map<String, Step> round) {
        String heap = s.heap() == null ? "" : String.format("  heap MiB baseline %.0f, peak used %.0f (old %.0f), retained %.0f; GCs young %d full %d",
                s.heap().baseline(), s.heap().peakUsed(), s.heap().peakOld(), s.heap().retained(), s.heap().youngGcs(), s.heap().fullGcs());
        return String.format("%-20s %7.2f s %7.0f MB/s  x%.2f of cp  x%.2f of cp+sync  cpu client %.1f s server %.1f s%s",
                s.name(), s.seconds(), s.mbps(), s.mbps() / round.get("cp").mbps(), s.mbps() / round.get("cp+sync").mbps(),
                s.clientCpu(), s.serverCpu(), heap);
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String field(Pattern p, String json) {
        Matcher m = p.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + json);
        }
        return m.group(1);
    }

    static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    }

    static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(command.replace(key, "<key>") + " failed: " + out);
        }
        return out;
    }

    static String q(Object s) {
        return "'" + s.toString().replace("'", "'\\''") + "'";
    }
}
