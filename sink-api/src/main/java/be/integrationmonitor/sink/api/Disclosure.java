package be.integrationmonitor.sink.api;

import be.integrationmonitor.sink.state.CellValue;

/** Disclosure control for the public: counts of 1 to 4 persons or events are withheld. */
final class Disclosure {

    static final long SMALLEST_SHOWN = 5;

    private Disclosure() {
    }

    static Point publicPoint(String period, CellValue value) {
        if (value == null) {
            return new Point(period, 0.0, false);
        }
        if (value.count() > 0 && value.count() < SMALLEST_SHOWN) {
            return new Point(period, null, true);
        }
        return new Point(period, value.value(), false);
    }
}
