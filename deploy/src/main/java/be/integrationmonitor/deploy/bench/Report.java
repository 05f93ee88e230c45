package be.integrationmonitor.deploy.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's table: one row per measurement, with its baseline from the same run and the ratio. */
final class Report {

    /** A measurement; baseline and ratio empty where a scenario has none. */
    record Row(String scenario, String measurement, String value, String baseline, String ratio) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String scenario, String measurement, String value) {
        add(scenario, measurement, value, "", "");
    }

    void add(String scenario, String measurement, String value, String baseline, String ratio) {
        Row row = new Row(scenario, measurement, value, baseline, ratio);
        rows.add(row);
        System.out.printf("[bench] %s / %s: %s%s%n", scenario, measurement, value,
                baseline.isEmpty() ? "" : " (baseline " + baseline + ", ratio " + ratio + ")");
    }

    static String machine() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format("%d cores, %.0f GB memory, Java %s (%s), %s %s",
                Runtime.getRuntime().availableProcessors(), memory / 1e9, System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"));
    }

    void print(String command) {
        System.out.printf("%nMachine: %s%nCommand: %s%n%n", machine(), command);
        System.out.println("| scenario | measurement | value | baseline (same run) | ratio |");
        System.out.println("|---|---|---:|---:|---:|");
        rows.forEach(r -> System.out.printf("| %s | %s | %s | %s | %s |%n", r.scenario(), r.measurement(), r.value(),
                r.baseline(), r.ratio()));
    }
}
