package be.integrationmonitor.indicators.person;

/**
 * What a timeline event is; {@link #ERASURE} is the operator's request to forget the person. The
 * person-timelines store holds kinds by ordinal (the engine's TimelineSerde): add new ones at the end.
 */
public enum EventKind {
    PROTECTION, RESIDENCE, INCOME_SUPPORT, HOUSING_AID, ERASURE
}
