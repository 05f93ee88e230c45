package be.integrationmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmissionPacingTest {

    private static final long INTERVAL = 1_000;

    @Test
    void anInstanceProcessingFreshRecordsIsCaughtUpAndOneProcessingOldRecordsIsBehind() {
        EmissionPacing pacing = new EmissionPacing(INTERVAL);
        long now = 1_000_000;
        assertThat(pacing.caughtUp(now)).isTrue();

        pacing.active(now, now - 4_900); // written 4.9 s ago: keeping up (the limit is 5 s at least)
        assertThat(pacing.caughtUp(now)).isTrue();

        pacing.active(now, now - 60_000); // a replayed record
        assertThat(pacing.caughtUp(now)).isFalse();
        pacing.active(now + 500, now + 400); // a fresh one right after does not undo it
        assertThat(pacing.caughtUp(now + 2 * INTERVAL)).isFalse();
        assertThat(pacing.caughtUp(now + 2 * INTERVAL + 1)).as("two intervals without an old record").isTrue();
        assertThat(new EmissionPacing(10_000).caughtUp(0)).isTrue();
    }

    @Test
    void behindTasksEmitInRoundsTakingATenthOfTheTime() {
        EmissionPacing pacing = new EmissionPacing(INTERVAL);
        long round = pacing.roundFor(0, 10_000);
        assertThat(round).isEqualTo(1);
        assertThat(pacing.roundFor(0, 10_000)).as("a task that did not emit in this round yet").isEqualTo(1);
        pacing.spent(400_000_000L, true); // the round's emissions took 400 ms together
        assertThat(pacing.roundFor(1, 13_999)).as("next round before 10 × 400 ms").isEqualTo(-1);
        assertThat(pacing.roundFor(1, 14_000)).isEqualTo(2);
    }

    @Test
    void farBehindRoundsAreMinutesApartWhateverTheyCost() {
        EmissionPacing pacing = new EmissionPacing(INTERVAL);
        long now = 10_000_000;
        pacing.active(now, now - EmissionPacing.FAR_BEHIND_MILLIS - 1); // a replayed record
        assertThat(pacing.roundFor(0, now)).isEqualTo(1);
        pacing.spent(10_000_000L, true); // 10 ms
        pacing.active(now + 100_000, 0);
        assertThat(pacing.roundFor(1, now + 100_000)).as("a tenth would allow it; far behind does not").isEqualTo(-1);
        pacing.active(now + EmissionPacing.FAR_BEHIND_ROUNDS_MILLIS, 0);
        assertThat(pacing.roundFor(1, now + EmissionPacing.FAR_BEHIND_ROUNDS_MILLIS)).isEqualTo(2);

        EmissionPacing jitter = new EmissionPacing(INTERVAL);
        jitter.active(now, now - 10_000); // behind by seconds: live traffic after a pause
        assertThat(jitter.roundFor(0, now)).isEqualTo(1);
        jitter.spent(10_000_000L, true);
        assertThat(jitter.roundFor(1, now + 100)).as("10 × 10 ms later").isEqualTo(2);
    }

    @Test
    void anEmissionOutsideRoundsClearsTheirDebt() {
        EmissionPacing pacing = new EmissionPacing(INTERVAL);
        pacing.roundFor(0, 10_000);
        pacing.spent(60_000_000_000L, true); // a replay's last round: a minute
        assertThat(pacing.roundFor(1, 20_000)).isEqualTo(-1);
        pacing.spent(100_000_000L, false); // then caught up with live traffic
        assertThat(pacing.roundFor(1, 20_000)).as("behind again: no ten minutes of waiting").isEqualTo(2);
    }

    @Test
    void idleTimeLeavesOutTheTimeSpentEmitting() {
        EmissionPacing pacing = new EmissionPacing(INTERVAL);
        pacing.active(5_000, 5_000);
        pacing.spent(2_000_000_000L, true);
        pacing.spent(1_000_000_000L, false);
        assertThat(pacing.idleMillis(9_000)).isEqualTo(1_000);
    }
}
