package dev.faultscope.game;

/** The contract's {@code GameStatus}, in its enum order. */
public enum GameStatus {
    IN_PROGRESS,
    CHALLENGER_WINS,
    DEFENDER_WINS
}
