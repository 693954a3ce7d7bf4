package org.latentexplorer.ui.session;

/** Something the user must read: a failed open, a bad setting. The text names the file or setting. */
public record UserMessage(String title, String text) {
}
