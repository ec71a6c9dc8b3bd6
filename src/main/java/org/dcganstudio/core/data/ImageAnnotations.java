package org.dcganstudio.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a data set knows about each image beyond its pixels: an optional class (idx label files,
 * CIFAR-10, class sub-folders) and any number of attributes (synthetic faces, a CelebA attribute
 * file). Immutable; values are kept one byte per image and attribute, so 200,000 CelebA images
 * with 40 attributes cost 8 MB.
 */
public final class ImageAnnotations {

    /** For data sets without labels. */
    public static final ImageAnnotations NONE = new ImageAnnotations(List.of(), null, List.of(), null, 0);

    private final List<String> classNames;
    private final byte[] classes;
    private final List<Attribute> attributes;
    private final byte[] values;
    private final int count;

    private ImageAnnotations(List<String> classNames, byte[] classes, List<Attribute> attributes, byte[] values,
            int count) {
        this.classNames = classNames;
        this.classes = classes;
        this.attributes = attributes;
        this.values = values;
        this.count = count;
    }

    /**
     * Class labels only.
     *
     * @param classNames names of the classes, at most 256
     * @param classes each image's class index into {@code classNames}
     */
    public static ImageAnnotations ofClasses(List<String> classNames, int[] classes) {
        return builder(classes.length).classes(classNames, classes).build();
    }

    /** Starts annotations for {@code count} images. */
    public static Builder builder(int count) {
        return new Builder(count);
    }

    /** Number of images these annotations describe (0 for {@link #NONE}). */
    public int count() {
        return count;
    }

    /** True when images carry a class. */
    public boolean hasClasses() {
        return classes != null;
    }

    /** Class names; empty when there are no classes. */
    public List<String> classNames() {
        return classNames;
    }

    /** The class index of an image. */
    public int classOf(int index) {
        if (classes == null) {
            throw new IllegalStateException("this data set has no class labels");
        }
        return classes[checkIndex(index)] & 0xFF;
    }

    /** The attributes, in column order; empty when there are none. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** Column of the attribute with this name, or -1. */
    public int attributeIndex(String name) {
        for (int a = 0; a < attributes.size(); a++) {
            if (attributes.get(a).name().equals(name)) {
                return a;
            }
        }
        return -1;
    }

    /** The level index of attribute {@code attribute} for image {@code index}. */
    public int value(int index, int attribute) {
        if (attribute < 0 || attribute >= attributes.size()) {
            throw new IndexOutOfBoundsException("attribute " + attribute + " of " + attributes.size());
        }
        return values[checkIndex(index) * attributes.size() + attribute] & 0xFF;
    }

    /** The same annotations restricted to images {@code first .. first+length-1}. */
    public ImageAnnotations slice(int first, int length) {
        if (this == NONE) {
            return NONE;
        }
        if (first < 0 || length < 0 || first + length > count) {
            throw new IndexOutOfBoundsException("slice " + first + "+" + length + " of " + count);
        }
        int n = attributes.size();
        return new ImageAnnotations(classNames, classes == null ? null : Arrays.copyOfRange(classes, first,
                first + length), attributes, Arrays.copyOfRange(values, first * n, (first + length) * n), length);
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("image " + index + " of " + count);
        }
        return index;
    }

    /** Collects classes and attributes, checking every value against its levels. */
    public static final class Builder {
        private final int count;
        private List<String> classNames = List.of();
        private byte[] classes;
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<int[]> columns = new ArrayList<>();

        private Builder(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("image count must not be negative, got " + count);
            }
            this.count = count;
        }

        /** Sets the class labels. */
        public Builder classes(List<String> names, int[] labels) {
            if (names.isEmpty() || names.size() > 256) {
                throw new IllegalArgumentException("need 1 to 256 class names, got " + names.size());
            }
            checkLength(labels, "class labels");
            byte[] packed = new byte[count];
            for (int i = 0; i < count; i++) {
                if (labels[i] < 0 || labels[i] >= names.size()) {
                    throw new IllegalArgumentException("image " + i + " has class " + labels[i] + ", expected 0 to "
                            + (names.size() - 1));
                }
                packed[i] = (byte) labels[i];
            }
            classNames = List.copyOf(names);
            classes = packed;
            return this;
        }

        /** Adds an attribute column: one level index per image. */
        public Builder attribute(Attribute attribute, int[] levels) {
            checkLength(levels, "attribute " + attribute.name());
            if (attribute.levels().size() > 256) {
                throw new IllegalArgumentException("attribute " + attribute.name() + " has more than 256 levels");
            }
            for (Attribute existing : attributes) {
                if (existing.name().equals(attribute.name())) {
                    throw new IllegalArgumentException("attribute " + attribute.name() + " given twice");
                }
            }
            for (int i = 0; i < count; i++) {
                if (levels[i] < 0 || levels[i] >= attribute.levels().size()) {
                    throw new IllegalArgumentException("image " + i + " has " + attribute.name() + " = " + levels[i]
                            + ", expected 0 to " + (attribute.levels().size() - 1));
                }
            }
            attributes.add(attribute);
            columns.add(levels.clone());
            return this;
        }

        /** The annotations; {@link #NONE} when nothing was added. */
        public ImageAnnotations build() {
            if (classes == null && attributes.isEmpty()) {
                return NONE;
            }
            int n = attributes.size();
            byte[] values = new byte[count * n];
            for (int a = 0; a < n; a++) {
                int[] column = columns.get(a);
                for (int i = 0; i < count; i++) {
                    values[i * n + a] = (byte) column[i];
                }
            }
            return new ImageAnnotations(classNames, classes, List.copyOf(attributes), values, count);
        }

        private void checkLength(int[] values, String what) {
            if (values.length != count) {
                throw new IllegalArgumentException(what + ": expected " + count + " values, got " + values.length);
            }
        }
    }
}
