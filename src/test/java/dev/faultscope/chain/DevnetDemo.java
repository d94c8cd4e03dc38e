package dev.faultscope.chain;

/**
 * Starts the devnet, plays the tests' scripted game on it and keeps anvil running, printing the RPC URL, the
 * factory and the game's address: something real to open with File > Open game from chain… (Ctrl+C stops it).
 * Run from the test classpath, e.g. {@code java -cp target/classes:target/test-classes:target/lib/* dev.faultscope.chain.DevnetDemo}.
 */
public final class DevnetDemo {
    private DevnetDemo() {
    }

    public static void main(String[] args) throws Exception {
        DevnetGameTest t = new DevnetGameTest();
        t.play();
        String open = t.devnet.createGame(Devnet.PROPOSER, DevnetGameTest.value("an open game"),
            DevnetGameTest.ROOT_BLOCK + 2);
        System.out.println("rpc " + t.devnet.url());
        System.out.println("factory " + t.devnet.factory);
        System.out.println("game " + t.game);
        System.out.println("open-game " + open);
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(t::stop));
        Thread.currentThread().join();
    }
}
