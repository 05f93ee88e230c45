package be.integrationmonitor.streams.reference;

import be.integrationmonitor.events.HouseholdCategory;
import be.integrationmonitor.events.HousingAidGranted;
import be.integrationmonitor.events.HousingAidType;
import be.integrationmonitor.events.IncomeSupportDecided;
import be.integrationmonitor.events.ProtectionStatus;
import be.integrationmonitor.events.ProtectionStatusChanged;
import be.integrationmonitor.events.ResidenceChanged;
import be.integrationmonitor.events.Sex;
import be.integrationmonitor.events.SupportDecision;
import be.integrationmonitor.events.SupportType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Random event histories that exercise the timeline rules: grants, ends and re-grants, moves,
 * support grants, stops, switches and refusals, housing aid, same-day ties (broken by recordedAt,
 * then eventId), events dated after today, minors and elderly people across a birthday year.
 */
public final class RandomEvents {

    /** Two Brussels communes, two in Oost-Vlaanderen, one in Antwerpen, one in Liège. */
    private static final String[] MUNICIPALITIES = {"21004", "21001", "44021", "44019", "11002", "62063"};

    private RandomEvents() {
    }

    public static List<SpecificRecord> generate(Random random, int persons, int maxEventsPerPerson, LocalDate today) {
        return generate(random, persons, maxEventsPerPerson, today, MUNICIPALITIES);
    }

    /** As {@link #generate(Random, int, int, LocalDate)}, over the given municipalities (NIS codes). */
    public static List<SpecificRecord> generate(Random random, int persons, int maxEventsPerPerson, LocalDate today,
                                                String[] municipalities) {
        List<SpecificRecord> events = new ArrayList<>();
        for (int p = 0; p < persons; p++) {
            String person = "person-" + p;
            int birthYear = random.nextBoolean() ? 1955 + random.nextInt(10) : 2004 + random.nextInt(6);
            boolean minor = random.nextInt(3) == 0;
            LocalDate start = LocalDate.of(2022, 1, 1).plusDays(random.nextInt((int) (today.toEpochDay()
                    - LocalDate.of(2022, 1, 1).toEpochDay() + 40)));
            int count = 1 + random.nextInt(maxEventsPerPerson);
            for (int i = 0; i < count; i++) {
                // days close together give same-day ties; a few land after today
                LocalDate date = start.plusDays(random.nextInt(4) == 0 ? 0 : random.nextInt(400));
                Instant recordedAt = Instant.ofEpochMilli(1_650_000_000_000L + random.nextInt(3) * 60_000L);
                String id = new UUID(random.nextLong(), random.nextLong()).toString();
                String municipality = municipalities[random.nextInt(municipalities.length)];
                events.add(switch (random.nextInt(i == 0 ? 1 : 10)) {
                    case 0, 1, 2 -> ProtectionStatusChanged.newBuilder().setEventId(id).setPartnerId("immigration-office")
                            .setPersonRef(person).setEffectiveDate(date).setRecordedAt(recordedAt)
                            .setMunicipality(municipality)
                            .setStatus(random.nextInt(4) == 0 ? ProtectionStatus.ENDED : ProtectionStatus.GRANTED)
                            .setBirthYear(birthYear).setSex(Sex.X).setUnaccompaniedMinor(minor).build();
                    case 3, 4 -> ResidenceChanged.newBuilder().setEventId(id).setPartnerId("municipality-" + municipality)
                            .setPersonRef(person).setEffectiveDate(date).setRecordedAt(recordedAt)
                            .setMunicipality(municipality).build();
                    case 5, 6, 7 -> IncomeSupportDecided.newBuilder().setEventId(id).setPartnerId("ocmw-" + municipality)
                            .setPersonRef(person).setEffectiveDate(date).setRecordedAt(recordedAt)
                            .setMunicipality(municipality)
                            .setSupportType(random.nextBoolean() ? SupportType.INTEGRATION_INCOME : SupportType.EQUIVALENT_INCOME)
                            .setDecision(SupportDecision.values()[random.nextInt(3)])
                            .setCategory(HouseholdCategory.SINGLE).setMonthlyAmountCents(120_000)
                            .setGpmi(new Boolean[] {null, true, false}[random.nextInt(3)]).build();
                    default -> HousingAidGranted.newBuilder().setEventId(id).setPartnerId("ocmw-" + municipality)
                            .setPersonRef(person).setEffectiveDate(date).setRecordedAt(recordedAt)
                            .setMunicipality(municipality).setAidType(HousingAidType.RENTAL_GUARANTEE)
                            .setAmountCents(10_000 + random.nextInt(200_000)).build();
                });
            }
        }
        return events;
    }
}
