package org.voicerooms.server.live;

/** The {@link LiveStore} contract on the single-node memory store. */
class MemoryLiveStoreContractTest extends LiveStoreContract {

    @Override
    protected LiveStore store() {
        return new MemoryLiveStore();
    }
}
