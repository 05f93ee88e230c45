package be.integrationmonitor.producers.partner;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.geo.GeoLevel;
import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local run's development registry, generated from the reference data rather than written
 * out: the immigration office, Fedasil, and for each of the 565 municipalities its register
 * ({@code municipality-<nis>}) and its OCMW/CPAS ({@code ocmw-<nis>}). Every token is
 * {@code dev-<partner id>}, e.g. {@code dev-ocmw-44021}: public, so never valid outside local/dev.
 */
public final class DevPartners {

    static final String TOKEN_PREFIX = "dev-";
    private static final List<String> ALLOWED_PROFILES = List.of("local", "dev");

    private DevPartners() {
    }

    /** @throws IllegalStateException unless one of the active profiles is local or dev */
    public static List<Partner> all(List<String> activeProfiles) {
        if (activeProfiles.stream().noneMatch(ALLOWED_PROFILES::contains)) {
            throw new IllegalStateException("im.dev-partners=true is refused in profile " + activeProfiles
                    + ": the development tokens are public; it is allowed only in profiles " + ALLOWED_PROFILES);
        }
        List<Partner> partners = new ArrayList<>();
        partners.add(new Partner("immigration-office", PartnerKind.IMMIGRATION_OFFICE, Optional.empty(),
                Set.of(EventType.PROTECTION_STATUS_CHANGED.name())));
        partners.add(new Partner("fedasil", PartnerKind.RECEPTION, Optional.empty(),
                Set.of(EventType.RECEPTION_PLACEMENT_CHANGED.name())));
        for (GeoUnit municipality : GeoUnits.get().ofLevel(GeoLevel.MUNICIPALITY)) {
            Optional<String> nis = Optional.of(municipality.code());
            partners.add(new Partner("municipality-" + municipality.code(), PartnerKind.MUNICIPALITY, nis,
                    Set.of(EventType.RESIDENCE_CHANGED.name())));
            partners.add(new Partner("ocmw-" + municipality.code(), PartnerKind.OCMW, nis,
                    Set.of(EventType.INCOME_SUPPORT_DECIDED.name(), EventType.HOUSING_AID_GRANTED.name())));
        }
        return partners;
    }

    public static String token(Partner partner) {
        return TOKEN_PREFIX + partner.id();
    }
}
