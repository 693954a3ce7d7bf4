package org.latentexplorer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which command lines open the window and which run a command. */
class MainTest {
    @TempDir
    Path tmp;

    @Test
    void noArgumentAndAModelFileOpenTheWindow() throws Exception {
        assertTrue(Main.opensWindow(new String[0]));
        // What a double-click on a model file passes, existing or not (the window says what is wrong).
        assertTrue(Main.opensWindow(new String[] {tmp.resolve("my model.lvae").toString()}));
        assertTrue(Main.opensWindow(new String[] {"Digits.LVAE"}));
        Path renamed = Files.writeString(tmp.resolve("model.bin"), "x");
        assertTrue(Main.opensWindow(new String[] {renamed.toString()}));
    }

    @Test
    void commandsOptionsAndMistypedCommandsGoToTheCommandLine() throws Exception {
        for (String command : new String[] {"train", "eval", "grid", "bench", "help", "--help", "-h", "--version", "trian"}) {
            assertFalse(Main.opensWindow(new String[] {command}), command);
        }
        assertFalse(Main.opensWindow(new String[] {"grid", "--model", "m.lvae"}));
        // Two arguments are a command line, even two model files.
        Path file = Files.writeString(tmp.resolve("a.lvae"), "x");
        assertFalse(Main.opensWindow(new String[] {file.toString(), file.toString()}));
    }
}
