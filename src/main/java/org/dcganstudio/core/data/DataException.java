package org.dcganstudio.core.data;

/**
 * A data set that cannot be opened or read: a missing, corrupt or unsupported file, an empty
 * folder. The message is meant for the user and names the file and what is wrong with it.
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
