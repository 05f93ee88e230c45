package be.integrationmonitor.streams.indicator;

import be.integrationmonitor.streams.person.EventKind;
import be.integrationmonitor.streams.person.PersonTimeline;
import be.integrationmonitor.streams.person.TimelineEvent;
import java.util.function.Consumer;

/** The person's HousingAidGranted events. */
final class HousingAid {

    private HousingAid() {
    }

    static void grants(PersonTimeline person, Consumer<TimelineEvent> grant) {
        for (TimelineEvent event : person.events()) {
            if (event.kind() == EventKind.HOUSING_AID) {
                grant.accept(event);
            }
        }
    }
}
