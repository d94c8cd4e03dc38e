package dev.faultscope.ui.chain;

import dev.faultscope.chain.FactoryReader;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * File > Open game from chain…: an RPC URL (the last ones used are remembered) and a game or factory address.
 * Returns what to read; the reading itself runs off the FX thread in {@link ChainDocument}.
 */
final class ChainOpenDialog {
    /** What the user asked for: a game, or a factory whose games to list. */
    record Request(String rpcUrl, String address, boolean factory) {
    }

    private static final String KEY = "rpcUrls";
    private static final int REMEMBERED = 8;

    private ChainOpenDialog() {
    }

    static Optional<Request> ask(Window owner) {
        Dialog<Request> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Open game from chain");
        d.setHeaderText("Read a FaultDisputeGame (or a DisputeGameFactory's games) from an L1 node");
        ComboBox<String> url = new ComboBox<>(FXCollections.observableArrayList(rememberedUrls()));
        url.setEditable(true);
        url.setPrefWidth(460);
        url.setId("chain-rpc");
        if (!url.getItems().isEmpty()) {
            url.getEditor().setText(url.getItems().get(0));
        } else {
            url.getEditor().setText("http://127.0.0.1:8545");
        }
        TextField address = new TextField();
        address.setPromptText("0x… (40 hex digits)");
        address.setId("chain-address");
        ToggleGroup kind = new ToggleGroup();
        RadioButton game = new RadioButton("a game");
        RadioButton factory = new RadioButton("a factory (pick one of its games)");
        game.setToggleGroup(kind);
        factory.setToggleGroup(kind);
        game.setSelected(true);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(12));
        g.addRow(0, new Label("RPC URL"), url);
        g.addRow(1, new Label("Address"), address);
        g.addRow(2, new Label("It is"), game);
        g.add(factory, 1, 3);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResizable(true);
        d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        d.setResultConverter(b -> b == ButtonType.OK
            ? new Request(url.getEditor().getText().trim(), address.getText().trim(), factory.isSelected()) : null);
        Optional<Request> r = d.showAndWait();
        r.ifPresent(req -> remember(req.rpcUrl()));
        return r;
    }

    /** Lets the user pick one of a factory's games (newest first). */
    static Optional<String> pick(Window owner, List<FactoryReader.FactoryGame> games) {
        Dialog<String> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Pick a game");
        d.setHeaderText(games.size() + " newest games of the factory");
        ListView<String> list = new ListView<>();
        for (FactoryReader.FactoryGame fg : games) {
            list.getItems().add(String.format("#%d  type %d  L2 block %d  %s  %s  created %d", fg.index(), fg.gameType(),
                fg.l2BlockNumber(), fg.status(), fg.address(), fg.created()));
        }
        list.getSelectionModel().selectFirst();
        list.setId("chain-games");
        d.getDialogPane().setContent(list);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        // Window managers may size a dialog to its header alone; give it room, and let a double-click open a game.
        d.setResizable(true);
        d.getDialogPane().setPrefSize(960, 420);
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedIndex() >= 0) {
                d.setResult(games.get(list.getSelectionModel().getSelectedIndex()).address());
                d.close();
            }
        });
        d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        d.setResultConverter(b -> {
            int i = list.getSelectionModel().getSelectedIndex();
            return b == ButtonType.OK && i >= 0 ? games.get(i).address() : null;
        });
        return d.showAndWait();
    }

    static List<String> rememberedUrls() {
        String s = prefs().get(KEY, "");
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }

    static void remember(String url) {
        List<String> urls = new ArrayList<>(rememberedUrls());
        urls.remove(url);
        urls.add(0, url);
        prefs().put(KEY, String.join("\n", urls.subList(0, Math.min(REMEMBERED, urls.size()))));
    }

    private static Preferences prefs() {
        // Tests keep their remembered URLs apart from the user's, as the recent-files list does.
        String node = System.getProperty("faultscope.prefs.node", "dev/faultscope/ui") + "/chain";
        return Preferences.userRoot().node(node);
    }
}
