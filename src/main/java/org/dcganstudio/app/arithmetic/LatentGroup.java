package org.dcganstudio.app.arithmetic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dcganstudio.app.Pixels;

/** One term of a recipe: a sign, a name, and the samples whose latents it averages. */
public final class LatentGroup {

    /** The paper found single samples unstable and averaged three. */
    public static final int RECOMMENDED = 3;

    /** A sample in a group: its latent and the image it made when picked. */
    public record Member(float[] latent, Pixels pixels) {}

    private final int sign;
    private final StringProperty name = new SimpleStringProperty();
    private final ObservableList<Member> members = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Pixels> average = new ReadOnlyObjectWrapper<>();
    private final Map<String, ObjectProperty<Boolean>> wanted = new LinkedHashMap<>();

    LatentGroup(int sign, String name, List<String> attributes) {
        this.sign = sign;
        this.name.set(name);
        for (String a : attributes) {
            wanted.put(a, new SimpleObjectProperty<>());
        }
    }

    /**
     * For filling by attributes: per attribute, true (must have), false (must not) or null (any).
     * Keys in the classifier's order.
     */
    public Map<String, ObjectProperty<Boolean>> wanted() {
        return wanted;
    }

    /** The attributes asked for (null entries left out). */
    Map<String, Boolean> wantedValues() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        wanted.forEach((k, v) -> {
            if (v.get() != null) {
                out.put(k, v.get());
            }
        });
        return out;
    }

    /** +1 or −1. */
    public int sign() {
        return sign;
    }

    /** What the group stands for, e.g. "smiling, long hair". */
    public StringProperty nameProperty() {
        return name;
    }

    public ObservableList<Member> members() {
        return members;
    }

    /** The members' latents, in order. */
    List<float[]> latents() {
        return members.stream().map(Member::latent).toList();
    }

    /** The image of the members' average latent, or null while empty. */
    public ReadOnlyObjectProperty<Pixels> averageProperty() {
        return average.getReadOnlyProperty();
    }

    void setAverage(Pixels p) {
        average.set(p);
    }
}
