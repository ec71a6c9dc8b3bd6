package org.dcganstudio.core.data.download;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * A data set that can be downloaded: its files, and the folders where an administrator or a system
 * package may already have put them.
 *
 * @param name identifier in specs and the cache folder's name: lower-case letters, digits, dashes
 * @param title one line for choosers and listings
 * @param files the files, all needed; distinct names
 * @param systemFolders folders checked before the cache; files there are trusted as they are,
 *     since packagers may recompress them (Debian does), which changes their digests
 * @param debianPackage the Debian package that installs the files in a system folder, or empty
 */
public record RemoteDataset(String name, String title, List<RemoteFile> files, List<Path> systemFolders,
        String debianPackage) {

    public RemoteDataset {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("data set name must be lower-case letters, digits and dashes, got '"
                    + name + "'");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("data set " + name + " needs a title");
        }
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("data set " + name + " needs at least one file");
        }
        HashSet<String> seen = new HashSet<>();
        for (RemoteFile file : files) {
            if (!seen.add(file.name())) {
                throw new IllegalArgumentException("data set " + name + " lists " + file.name() + " twice");
            }
        }
        systemFolders = List.copyOf(systemFolders);
        if (debianPackage == null || !debianPackage.isEmpty() && !debianPackage.matches("[a-z0-9][a-z0-9.+-]+")) {
            throw new IllegalArgumentException("data set " + name + ": bad Debian package name '" + debianPackage + "'");
        }
    }
}
