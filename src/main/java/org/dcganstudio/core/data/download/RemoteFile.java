package org.dcganstudio.core.data.download;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * One file of a downloadable data set.
 *
 * @param name file name in the cache and in system folders: letters, digits, dots, dashes and
 *     underscores, not starting with a dot
 * @param urls where to get it, tried in order: the primary first, then mirrors (http or https)
 * @param size length in bytes as published: the limit on a download, and checked with the digest
 * @param sha256 SHA-256 of the file as published, 64 hex digits (kept in lower case)
 */
public record RemoteFile(String name, List<URI> urls, long size, String sha256) {

    public RemoteFile {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("file name must be letters, digits, dots, dashes and underscores,"
                    + " not starting with a dot, got '" + name + "'");
        }
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one URL");
        }
        for (URI url : urls) {
            String scheme = url.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || url.getHost() == null) {
                throw new IllegalArgumentException(name + ": URL must be http or https with a host, got " + url);
            }
        }
        if (size < 1) {
            throw new IllegalArgumentException(name + ": size must be positive, got " + size);
        }
        sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(name + ": SHA-256 must be 64 hex digits, got '" + sha256 + "'");
        }
    }

    /** The same file at one address per base, in the bases' order, e.g. a primary and its mirrors. */
    public static RemoteFile at(List<URI> bases, String name, long size, String sha256) {
        return new RemoteFile(name, bases.stream().map(base -> base.resolve(name)).toList(), size, sha256);
    }
}
