package org.dcganstudio.app.arithmetic;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.measure.AttributeClassifier;
import org.dcganstudio.core.render.RenderedImages;
import org.dcganstudio.core.render.Renderer;

/**
 * The recipe's terms and their images: each group's members and the image of their average latent,
 * drawn together in one request. Every change to the groups is handed on, so the result follows.
 */
final class LatentGroups {

    private final Renderer.Channel channel;
    private final List<Runnable> changeListeners = new ArrayList<>();
    private final ObservableList<LatentGroup> groups = FXCollections.observableArrayList();
    private final IntegerProperty selected = new SimpleIntegerProperty(0);

    /** The generator's latent size; 0 before one is loaded. */
    private int nz;
    private long wanted = -1;
    /** For the newest render: how many images each group sent (members, then its average). */
    private int[] layout = new int[0];
    /** Set while rendered images are put into members, which changes nothing to draw. */
    private boolean puttingImages;

    /** @param channel where members and averages are drawn */
    LatentGroups(Renderer.Channel channel) {
        this.channel = channel;
    }

    /** Calls {@code listener} after every change to the groups or their members (the result redraws). */
    void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }

    /**
     * Draws latents of {@code latentSize} from now on; members of another size cannot be added to
     * the new ones, so they go.
     */
    void use(int latentSize) {
        boolean sameSpace = nz == latentSize;
        nz = latentSize;
        if (!sameSpace) {
            groups.forEach(g -> g.members().clear());
        }
    }

    /** The generator's latent size; 0 before one is loaded. */
    int latentSize() {
        return nz;
    }

    /** Adds a term at the end; its sign is +1 or −1. */
    LatentGroup add(int sign, String name) {
        LatentGroup g = new LatentGroup(sign, name, AttributeClassifier.ATTRIBUTES);
        g.members().addListener((ListChangeListener<LatentGroup.Member>) c -> {
            if (!puttingImages) {
                render();
                changed();
            }
        });
        groups.add(g);
        changed();
        return g;
    }

    /** Removes term {@code index} (at least one stays). */
    void remove(int index) {
        if (groups.size() > 1 && index >= 0 && index < groups.size()) {
            groups.remove(index);
            selected.set(Math.min(selected.get(), groups.size() - 1));
            render();
            changed();
        }
    }

    /** Puts {@code terms} in place of the groups, the first one selected. */
    void replace(List<Recipe.Term> terms) {
        groups.clear();
        for (Recipe.Term t : terms) {
            add(t.sign(), t.name()).members().addAll(t.members().stream().map(z -> new LatentGroup.Member(z, null))
                    .toList());
        }
        selected.set(0);
        render();
        changed();
    }

    /** Adds a sample to the selected group. */
    void addToSelected(LatentGroup.Member member) {
        if (!groups.isEmpty()) {
            groups.get(selected.get()).members().add(member);
        }
    }

    /** Removes member {@code member} of group {@code group}. */
    void removeMember(int group, int member) {
        if (group >= 0 && group < groups.size() && member >= 0 && member < groups.get(group).members().size()) {
            groups.get(group).members().remove(member);
        }
    }

    /** Whether there is a result: a generator, and members in every group. */
    boolean complete() {
        return nz > 0 && !groups.isEmpty() && groups.stream().allMatch(g -> !g.members().isEmpty());
    }

    /** Whether a group has fewer members than the paper averaged. */
    boolean anyFew() {
        return groups.stream().anyMatch(g -> g.members().size() < LatentGroup.RECOMMENDED);
    }

    /** Asks for the members' images and the averages' (nothing before a generator). */
    void render() {
        if (nz == 0) {
            return;
        }
        List<float[]> batch = new ArrayList<>();
        int[] sent = new int[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            List<float[]> latents = groups.get(i).latents();
            if (latents.isEmpty()) {
                groups.get(i).setAverage(null);
                sent[i] = 1;
                batch.add(new float[nz]); // keeps the layout simple; its image is not shown
                continue;
            }
            batch.addAll(latents);
            batch.add(Vectors.mean(latents));
            sent[i] = latents.size() + 1;
        }
        if (batch.isEmpty()) {
            return;
        }
        layout = sent;
        wanted = channel.submit(batch, false);
    }

    /**
     * Shows the newest render's images: members picked without one (from a recipe, by attributes)
     * get theirs, and every group its average.
     */
    void refresh() {
        RenderedImages r = channel.latest();
        if (r == null || r.stamp() != wanted || !r.ok()) {
            return;
        }
        wanted = -1;
        puttingImages = true;
        int at = 0;
        for (int i = 0; i < layout.length && i < groups.size(); i++) {
            LatentGroup group = groups.get(i);
            int members = layout[i] - 1;
            for (int m = 0; m < members && m < group.members().size(); m++) {
                LatentGroup.Member old = group.members().get(m);
                if (old.pixels() == null) {
                    group.members().set(m, new LatentGroup.Member(old.latent(),
                            Pixels.square(r.size(), r.argb().get(at + m))));
                }
            }
            group.setAverage(members > 0 ? Pixels.square(r.size(), r.argb().get(at + members)) : null);
            at += layout[i];
        }
        puttingImages = false;
    }

    ObservableList<LatentGroup> list() {
        return groups;
    }

    /** The group clicked samples join. */
    IntegerProperty selectedProperty() {
        return selected;
    }
}
