package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.person.EventKind;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.TimelineEvent;
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
