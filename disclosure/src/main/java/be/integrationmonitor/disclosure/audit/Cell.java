package be.integrationmonitor.disclosure.audit;

import be.integrationmonitor.periods.Granularity;

/** One published value: an indicator at a geo unit (NIS code) in a period ({@code 2024-W07}, {@code 2024-02}). */
public record Cell(String indicator, Granularity granularity, String period, String geo) {

    @Override
    public String toString() {
        return indicator + "/" + granularity.id() + "/" + period + "/" + geo;
    }
}
