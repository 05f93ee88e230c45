package be.integrationmonitor.deploy.feed;

import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.deploy.SyntheticFeed.PartnerEvent;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code feed}: the synthetic partner feed, pushed over HTTP or written as partner-native inbox files. */
@Command(name = "feed", mixinStandardHelpOptions = true,
        description = "Generates realistic partner events for N persons and pushes them as the partners would, "
                + "or writes them as the partners' own CSV exports into an inbox folder.")
public final class FeedCommand implements Callable<Integer> {

    /** Persons generated and sent at a time, so that memory stays bounded for any --persons. */
    private static final int PERSONS_PER_CHUNK = 20_000;

    @Option(names = "--persons", required = true, description = "Number of persons.")
    int persons;
    @Option(names = "--first-person", defaultValue = "0", description = "Index of the first person (default: ${DEFAULT-VALUE}).")
    int firstPerson;
    @Option(names = "--seed", defaultValue = "1", description = "Same seed, same persons, same eventIds (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--from", defaultValue = "2022-01-01", description = "First day of events (default: ${DEFAULT-VALUE}).")
    LocalDate from;
    @Option(names = "--to", defaultValue = "2024-12-31", description = "Last day of events (default: ${DEFAULT-VALUE}).")
    LocalDate to;
    @Option(names = "--threads", defaultValue = "4", description = "Batches pushed in parallel (default: ${DEFAULT-VALUE}).")
    int threads;
    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--push-url", description = "The partner push API, e.g. http://127.0.0.1:8082.")
        String pushUrl;
        @Option(names = "--files", description = "An inbox folder: writes <dir>/<partner id>/*.csv.")
        Path files;
    }

    @Override
    public Integer call() {
        SyntheticFeed feed = new SyntheticFeed(seed, from, to);
        int last = firstPerson + persons;
        long total = 0;
        for (int i = firstPerson; i < last; i++) {
            total += feed.person(i).size(); // cheap next to sending: gives the bar its length
        }
        long accepted = 0;
        long duplicates = 0;
        long files = 0;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(target.pushUrl != null ? "push" : "files")
                .setInitialMax(total).setUnit(" events", 1).showSpeed().setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).build();
             FeedPusher pusher = target.pushUrl != null ? new FeedPusher(target.pushUrl, threads) : null) {
            for (int chunk = firstPerson; chunk < last; chunk += PERSONS_PER_CHUNK) {
                List<PartnerEvent> events = feed.persons(chunk, Math.min(chunk + PERSONS_PER_CHUNK, last));
                if (pusher != null) {
                    FeedPusher.Totals totals = pusher.push(events, bar::stepBy);
                    accepted += totals.accepted();
                    duplicates += totals.duplicates();
                } else {
                    String name = "synthetic-s" + seed + "-p" + chunk;
                    files += InboxFiles.write(target.files, name, events).size();
                    bar.stepBy(events.size());
                }
            }
        }
        System.out.println(pushedOrWritten(total, accepted, duplicates, files));
        return 0;
    }

    private String pushedOrWritten(long total, long accepted, long duplicates, long files) {
        return target.pushUrl != null
                ? String.format("%d events of %d persons pushed: %d accepted, %d duplicate", total, persons, accepted,
                        duplicates)
                : String.format("%d events of %d persons written to %d files under %s", total, persons, files,
                        target.files.toAbsolutePath());
    }
}
