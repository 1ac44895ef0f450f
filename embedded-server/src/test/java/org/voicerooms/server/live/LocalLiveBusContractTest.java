package org.voicerooms.server.live;

/** The {@link LiveBus} contract on the single-node bus (one process: "another node" is the same bus). */
class LocalLiveBusContractTest extends LiveBusContract {

    private final LocalLiveBus bus = new LocalLiveBus();

    @Override
    protected LiveBus bus() {
        return bus;
    }

    @Override
    protected LiveBus otherNode() {
        return bus;
    }
}
