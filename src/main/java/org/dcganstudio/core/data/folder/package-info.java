/**
 * Image files as {@link org.dcganstudio.core.data.RasterSource}s: a folder of images
 * ({@link org.dcganstudio.core.data.folder.ImageFolder}) and the sample grids of a training run
 * ({@link org.dcganstudio.core.data.folder.RunSamples}). Core: no JavaFX, and no logging: what a
 * scan skipped is returned in a {@link org.dcganstudio.core.data.folder.ScanReport} for callers to
 * show.
 *
 * <h2>Image folders</h2>
 *
 * <ul>
 *   <li>Files ending in {@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp} or {@code .gif} (any
 *       case) anywhere below the folder, ordered by relative path (String order, so upper case sorts
 *       first); the first frame of a GIF. Links are followed, loops reported. Hidden files and
 *       folders (name starting with a dot) are ignored, as are files with other extensions.
 *   <li>Opening reads only headers: a file that is no image, or claims more pixels than the limit
 *       (50 megapixels by default), is skipped and named in the report.
 *   <li>A pipe, socket or device named like an image is skipped and reported without being opened
 *       (opening a pipe waits for a writer forever). So is a file whose name the JVM cannot read
 *       back in the system's file-name encoding (bytes that are not UTF-8, or anything beyond ASCII
 *       under {@code LC_ALL=C}): the rest of the folder loads.
 *   <li>A scan can be cancelled ({@link org.dcganstudio.core.data.folder.ScanOptions#cancelled()}):
 *       it looks at the flag between files and stops with a
 *       {@link java.util.concurrent.CancellationException}.
 *   <li>Decoded images become 8-bit grey (1 channel) when their colour space is grey or their
 *       palette holds only greys, and 8-bit sRGB (3 channels) otherwise. Transparent pixels are
 *       composited over white. A cut-short file is an error at read time, not a half-grey image.
 *   <li>Classes: when every image lies in one of two or more sub-folders, the first sub-folder of
 *       its path is its class, classes sorted by name ({@code cats/a.png}, {@code dogs/x/b.png}).
 *       Images directly in the folder alone have no classes; beside class sub-folders they turn
 *       classes off, with a warning. More than 256 sub-folders also turn them off.
 * </ul>
 *
 * <h2>Attribute files</h2>
 *
 * Attributes are attached only when every image has a row; otherwise a warning says which do not
 * and the images carry none. Rows are matched by the image's relative path, then by its file name.
 * A malformed file is an error naming its line.
 *
 * <ul>
 *   <li>{@code attributes.csv} in the folder, the project's format (the synthetic-faces exporter
 *       writes it): a header {@code file,name1,name2,...}, then one row per image, e.g.
 *       {@code 000001.png,1,blond} or {@code cats/a.png,yes,black}. Fields are separated by commas,
 *       trimmed, never quoted, never empty; names are letters, digits and underscores. A column whose
 *       values are all {@code 0}/{@code 1}, or all {@code no}/{@code yes}, is a yes/no attribute
 *       (0 = no); any other column's levels are its distinct values in sorted order, at least two.
 *   <li>CelebA's {@code list_attr_celeba.txt}, in the folder or its parent (CelebA ships it beside
 *       {@code img_align_celeba/}): the image count, a line of attribute names, then lines of a file
 *       name and one {@code -1} or {@code 1} per attribute, separated by any whitespace; -1 is "no".
 *       {@code attributes.csv} wins when both exist.
 * </ul>
 */
package org.dcganstudio.core.data.folder;
