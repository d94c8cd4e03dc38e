package dev.faultscope.ui.model.game;

/** The tree's colours in the light and dark themes (the same on screen and in the exports). */
public record TreePalette(String background, String foreground, String muted, String outputRegion, String split,
                          String attack, String defend, String defender, String challenger, String other,
                          String agrees, String disagrees, String padded, String highlight, String legendBox) {

    public static TreePalette of(boolean dark) {
        return dark
            ? new TreePalette("#1b1f24", "#dde3ea", "#8d97a5", "#232a33", "#c7a23a", "#e26d6d", "#5fc48a", "#6aa5ff",
                "#ffa94d", "#b8c0cc", "#5fc48a", "#ff7b72", "#555c66", "#ffe066", "#262c34")
            : new TreePalette("#ffffff", "#1d232b", "#6a7380", "#f1f5fb", "#b38600", "#c0392b", "#1e8449", "#2f6fde",
                "#d9730d", "#6a7380", "#1e8449", "#c0392b", "#c9ced6", "#e0a800", "#fbfcfe");
    }

    /** A claimant's team colour: defender (or proposer) blue, challenger orange, anyone else grey. */
    public String team(String claimant) {
        return GameModel.isDefenderTeam(claimant) ? defender : "challenger".equals(claimant) ? challenger : other;
    }
}
