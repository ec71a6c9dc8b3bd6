package org.dcganstudio.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Settings that persist between launches (last run directory, window layout, theme). The studio
 * keeps them in the user's Java preferences; tests use {@link #inMemory()}.
 */
public interface PreferenceStore {

    /** The value of {@code key}, or {@code fallback}. */
    String get(String key, String fallback);

    /** Sets {@code key}. */
    void put(String key, String value);

    /** Writes pending changes to disk, where the store has one. */
    default void flush() {
    }

    /** The user's preferences under {@code node}, e.g. {@code org/dcganstudio}. */
    static PreferenceStore user(String node) {
        Preferences prefs = Preferences.userRoot().node(node);
        return new PreferenceStore() {
            @Override
            public String get(String key, String fallback) {
                return prefs.get(key, fallback);
            }

            @Override
            public void put(String key, String value) {
                prefs.put(key, value);
            }

            @Override
            public void flush() {
                try {
                    prefs.flush();
                } catch (BackingStoreException e) {
                    // Preferences are a convenience: losing them must not stop the studio.
                }
            }
        };
    }

    /** A store that lives as long as the object. */
    static PreferenceStore inMemory() {
        Map<String, String> map = new ConcurrentHashMap<>();
        return new PreferenceStore() {
            @Override
            public String get(String key, String fallback) {
                return map.getOrDefault(key, fallback);
            }

            @Override
            public void put(String key, String value) {
                map.put(key, value);
            }
        };
    }
}
