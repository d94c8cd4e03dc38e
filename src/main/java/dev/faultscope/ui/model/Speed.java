package dev.faultscope.ui.model;

/**
 * How fast "run" goes: animated at a number of steps per second (every step drawn), or as fast as the
 * VM can with the views refreshed a few times a second.
 */
public enum Speed {
    S1(1), S5(5), S20(20), S60(60), S120(120), S240(240), S1000(1000), MAX(0);

    private final int stepsPerSecond;

    Speed(int stepsPerSecond) {
        this.stepsPerSecond = stepsPerSecond;
    }

    public boolean animated() {
        return stepsPerSecond > 0;
    }

    public int stepsPerSecond() {
        return stepsPerSecond;
    }

    public String label() {
        return animated() ? stepsPerSecond + " steps/s" : "as fast as possible";
    }

    @Override
    public String toString() {
        return label();
    }
}
