package be.integrationmonitor.deploy.faults;

import java.time.Duration;

/**
 * How big a fault suite run is; CI's by default, the benchmark's with system properties
 * (docs/operations.md, "Fault suite"):
 *
 * @param persons         synthetic persons pushed at least (about 2.5 events each; more if the faults
 *                        outlast them at the rate); {@code im.faults.persons}
 * @param kills           components killed in turn: broker, registry, engine, sink API, producers,
 *                        broker, …; {@code im.faults.kills}
 * @param eventsPerSecond the load's rate while the faults happen; {@code im.faults.rate}
 * @param personsPerRound persons whose events go out together, one batch a partner; {@code im.faults.round}
 * @param registryOutage  how long the registry stays down after the kills; {@code im.faults.registry-outage-seconds}
 */
record FaultSuiteSize(int persons, int kills, double eventsPerSecond, int personsPerRound, Duration registryOutage) {

    static FaultSuiteSize fromSystemProperties() {
        return new FaultSuiteSize(Integer.getInteger("im.faults.persons", 3_000),
                Integer.getInteger("im.faults.kills", 5),
                Double.parseDouble(System.getProperty("im.faults.rate", "40")),
                Integer.getInteger("im.faults.round", 10),
                Duration.ofSeconds(Integer.getInteger("im.faults.registry-outage-seconds", 60)));
    }
}
