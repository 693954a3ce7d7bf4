package org.latentexplorer.data;

/**
 * A data file or folder that cannot be used. The message always names the file and says what is
 * wrong with it, so it can be shown to the user as it is.
 */
public class DataException extends Exception {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
