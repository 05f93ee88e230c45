package be.integrationmonitor.deploy.faults;

import be.integrationmonitor.deploy.LocalStack;

/** A part of the stack the suite crashes (SIGKILL) and starts again on its port, data and configuration. */
enum Component {

    BROKER("broker") {
        @Override
        void kill(LocalStack stack) {
            stack.platform().killBroker();
        }

        @Override
        void restart(LocalStack stack) {
            stack.platform().restartBroker();
        }
    },
    REGISTRY("registry") {
        @Override
        void kill(LocalStack stack) {
            stack.platform().killRegistry();
        }

        @Override
        void restart(LocalStack stack) {
            stack.platform().restartRegistry();
        }
    },
    ENGINE("engine", LocalStack.STREAMS),
    SINK_API("sink API", LocalStack.SINK_API),
    PRODUCERS("producers", LocalStack.PRODUCERS);

    private final String label;
    private final String module;

    Component(String label) {
        this(label, null);
    }

    Component(String label, String module) {
        this.label = label;
        this.module = module;
    }

    String label() {
        return label;
    }

    void kill(LocalStack stack) {
        stack.kill(module);
    }

    /** Returns once it is ready again. */
    void restart(LocalStack stack) {
        stack.restart(module);
    }
}
