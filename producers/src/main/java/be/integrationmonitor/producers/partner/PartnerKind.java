package be.integrationmonitor.producers.partner;

/** The kinds of partner of domain.md; written in kebab case in configuration. */
public enum PartnerKind {
    /** DVZ / OE, the Immigration Office. */
    IMMIGRATION_OFFICE,
    /** A commune's population or foreigners register; bound to its municipality. */
    MUNICIPALITY,
    /** A public social welfare centre (OCMW / CPAS); bound to its municipality. */
    OCMW,
    RECEPTION,
    EMPLOYMENT,
    INTEGRATION;

    public boolean boundToMunicipality() {
        return this == MUNICIPALITY || this == OCMW;
    }
}
