package be.integrationmonitor.sink.release;

import be.integrationmonitor.periods.Granularity;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a period reaches the public, and until when its values are provisional (docs/api.md,
 * releases). The public sees a period once it ended {@code im.release.cut-off} ago (Belgian
 * time), so that the partners' usual late reports land first and no one can watch the current
 * period change; analysts see every period at once. A value stays provisional (SDMX
 * {@code OBS_STATUS} P) for {@code im.release.provisional} after its period ends: late and backdated
 * events still revise it.
 */
@ApplicationScoped
public class ReleaseCalendar {

    private static final ZoneId BELGIUM = ZoneId.of("Europe/Brussels");

    private final long cutOffDays;
    private final long provisionalDays;
    private final Clock clock;

    /** {@code im.release.*} of application.properties. */
    @ConfigMapping(prefix = "im.release")
    public interface Config {
        Duration cutOff();

        Duration provisional();
    }

    @Inject
    public ReleaseCalendar(Config config) {
        this(config.cutOff(), config.provisional(), Clock.system(BELGIUM));
    }

    ReleaseCalendar(Duration cutOff, Duration provisional, Clock clock) {
        this.cutOffDays = cutOff.toDays();
        this.provisionalDays = provisional.toDays();
        this.clock = clock;
    }

    /** Today in Belgium. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(BELGIUM));
    }

    /** The first day the public sees the period whose last day this is. */
    public LocalDate releaseDay(LocalDate lastDay) {
        return lastDay.plusDays(cutOffDays + 1);
    }

    /** Whether the public sees the period whose last day this is. */
    public boolean released(LocalDate lastDay) {
        return !today().isBefore(releaseDay(lastDay));
    }

    /** The last day of the latest period the public sees. */
    public LocalDate lastReleased(Granularity granularity) {
        return granularity.previousLastDay(today().minusDays(cutOffDays));
    }

    /** Whether values of the period whose last day this is are still expected to be revised. */
    public boolean provisional(LocalDate lastDay) {
        return !today().isAfter(lastDay.plusDays(provisionalDays));
    }
}
