package dev.faultscope.ui.model.lesson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Session;
import dev.faultscope.ui.model.BundledSamples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A guided lesson: a script of chapters over one played game (a session file). Each chapter puts the game at a
 * number of actions, selects a claim, may show a view (the VM at the claim's trace index, or the step at a leaf), and
 * may first ask the room a question ("attack or defend?") shown over an earlier state. The format is in
 * docs/lessons.md; loading checks every field and names the one at fault.
 *
 * @param session the session file, relative to the working folder or to the app's folder (where samples/ is)
 */
public record Lesson(String title, String session, List<Chapter> chapters, String source) {
    public static final String FORMAT = "faultscope-lesson";
    public static final String BUNDLED = "/dev/faultscope/lessons/first-dispute.json";

    /** What a chapter shows besides the tree. */
    public enum Show { TREE, VM, STEP }

    /**
     * A question asked before the chapter's state is shown: over the game after {@code actions} actions with
     * {@code claim} selected; {@code answer} indexes {@code choices}; {@code why} explains the answer.
     */
    public record Question(String question, List<String> choices, int answer, String why, int actions, int claim) {
    }

    /** One chapter: its title and text, the game after {@code actions} actions, the claim selected, what is shown. */
    public record Chapter(String title, String text, int actions, int claim, Show show, Question ask) {
    }

    /** The lesson bundled with the app. */
    public static Lesson bundled() {
        try (InputStream in = Lesson.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new LessonFormatException(BUNDLED, "(file)", "the bundled lesson is missing from the build");
            }
            return parse(in.readAllBytes(), "first-dispute.json");
        } catch (IOException e) {
            throw new LessonFormatException(BUNDLED, "(file)", "cannot be read: " + e.getMessage());
        }
    }

    public static Lesson read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses and checks a lesson's own fields (not yet against its session: {@link #check}). */
    public static Lesson parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new LessonFormatException(source, "(file)", "not JSON: " + e.getOriginalMessage()
                + " at line " + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw new LessonFormatException(source, "(file)", e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new LessonFormatException(source, "(file)", "a lesson is a JSON object");
        }
        Fields f = new Fields(source, root, "");
        f.only(Set.of("format", "version", "title", "session", "chapters"));
        if (!FORMAT.equals(f.text("format"))) {
            throw new LessonFormatException(source, "format", "must be \"" + FORMAT + "\"");
        }
        if (f.integer("version", 1) != 1) {
            throw new LessonFormatException(source, "version", "only version 1 is known");
        }
        JsonNode list = root.get("chapters");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new LessonFormatException(source, "chapters", "a non-empty list of chapters is required");
        }
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            chapters.add(chapter(source, list.get(i), "chapters[" + i + "]"));
        }
        return new Lesson(f.text("title"), f.text("session"), chapters, source);
    }

    private static Chapter chapter(String source, JsonNode n, String at) {
        Fields f = new Fields(source, n, at + ".");
        f.only(Set.of("title", "text", "actions", "claim", "show", "ask"));
        String show = n.has("show") ? f.text("show") : "tree";
        Show s;
        try {
            s = Show.valueOf(show.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LessonFormatException(source, at + ".show", "\"" + show + "\" is not one of tree, vm, step");
        }
        Question q = null;
        if (n.has("ask")) {
            JsonNode a = n.get("ask");
            Fields qf = new Fields(source, a, at + ".ask.");
            qf.only(Set.of("question", "choices", "answer", "why", "actions", "claim"));
            JsonNode ch = a.get("choices");
            if (ch == null || !ch.isArray() || ch.size() < 2) {
                throw new LessonFormatException(source, at + ".ask.choices", "a list of at least two choices is required");
            }
            List<String> choices = new ArrayList<>();
            for (int i = 0; i < ch.size(); i++) {
                if (!ch.get(i).isTextual() || ch.get(i).asText().isBlank()) {
                    throw new LessonFormatException(source, at + ".ask.choices[" + i + "]", "a choice is a non-empty string");
                }
                choices.add(ch.get(i).asText());
            }
            String answer = qf.text("answer");
            int k = choices.indexOf(answer);
            if (k < 0) {
                throw new LessonFormatException(source, at + ".ask.answer", "\"" + answer + "\" is not one of the choices " + choices);
            }
            q = new Question(qf.text("question"), choices, k, qf.text("why"), qf.integer("actions", -1), qf.integer("claim", -1));
        }
        return new Chapter(f.text("title"), f.text("text"), f.integer("actions", -1), f.integer("claim", -1), s, q);
    }

    /** Reads required fields of one object, naming the field in every error. */
    private record Fields(String source, JsonNode node, String prefix) {
        Fields {
            if (node == null || !node.isObject()) {
                throw new LessonFormatException(source, prefix.isEmpty() ? "(file)" : prefix.substring(0, prefix.length() - 1),
                    "must be a JSON object");
            }
        }

        void only(Set<String> known) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!known.contains(name)) {
                    throw new LessonFormatException(source, prefix + name, "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
                }
            }
        }

        String text(String name) {
            JsonNode v = node.get(name);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw new LessonFormatException(source, prefix + name, "a non-empty string is required");
            }
            return v.asText();
        }

        /** A whole number ≥ 0; {@code missing} ≥ 0 is the default when the field is absent, -1 makes it required. */
        int integer(String name, int missing) {
            JsonNode v = node.get(name);
            if (v == null && missing >= 0) {
                return missing;
            }
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
                throw new LessonFormatException(source, prefix + name, "a whole number ≥ 0 is required");
            }
            return v.asInt();
        }
    }

    // ---- against the game ----

    /** The session file: as written if it exists there, else next to a bundled samples folder. */
    public Path sessionPath() {
        Path p = Path.of(session);
        if (Files.exists(p) || p.isAbsolute()) {
            return p;
        }
        for (Path samples : BundledSamples.roots()) {
            Path q = samples.getParent() == null ? null : samples.getParent().resolve(session);
            if (q != null && Files.exists(q)) {
                return q;
            }
        }
        return p;
    }

    /**
     * Checks every chapter against the played game: the action counts lie within it, the claims exist at that point,
     * a VM chapter's claim is an execution claim and a step chapter's a leaf. Throws naming the field.
     */
    public void check(Session played) {
        int size = played.actions().size();
        for (int i = 0; i < chapters.size(); i++) {
            Chapter c = chapters.get(i);
            String at = "chapters[" + i + "]";
            FaultDisputeGame g = gameAt(played, c.actions(), at + ".actions", size);
            claimAt(g, c.claim(), at + ".claim", c.actions());
            int depth = g.claim(c.claim()).depth();
            if (c.show() == Show.VM && depth <= g.config().splitDepth()) {
                throw new LessonFormatException(source, at + ".show", "\"vm\" needs an execution claim (deeper than SPLIT_DEPTH "
                    + g.config().splitDepth() + "); claim #" + c.claim() + " is at depth " + depth);
            }
            if (c.show() == Show.STEP && depth != g.config().maxGameDepth()) {
                throw new LessonFormatException(source, at + ".show", "\"step\" needs a leaf (depth MAX_GAME_DEPTH "
                    + g.config().maxGameDepth() + "); claim #" + c.claim() + " is at depth " + depth);
            }
            if (c.ask() != null) {
                FaultDisputeGame before = gameAt(played, c.ask().actions(), at + ".ask.actions", size);
                claimAt(before, c.ask().claim(), at + ".ask.claim", c.ask().actions());
            }
        }
    }

    private FaultDisputeGame gameAt(Session played, int actions, String field, int size) {
        if (actions > size) {
            throw new LessonFormatException(source, field, actions + " is past the game's " + size + " actions");
        }
        return played.replay(actions);
    }

    private void claimAt(FaultDisputeGame g, int claim, String field, int actions) {
        if (claim >= g.claimCount()) {
            throw new LessonFormatException(source, field, "no claim #" + claim + " after " + actions + " actions (claims #0–#"
                + (g.claimCount() - 1) + ")");
        }
    }
}
