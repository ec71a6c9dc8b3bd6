package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A missing or mistyped field of a checkpoint's state.json or config.json is one error naming the
 * file, the entry, the field and the value, never a NullPointerException or a silently misread
 * number.
 */
class CheckpointFieldsTest extends TinyCheckpointFixture {

    /** Each row: the entry, the field, its new value as JSON (empty: removed), what the message says. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "state.json | step | | field 'step' is missing",
        "state.json | step | null | field 'step' is missing",
        "state.json | step | \"12\" | field 'step' must be a whole number in [0, 9223372036854775807], got \"12\"",
        "state.json | step | {} | field 'step' must be a whole number in [0, 9223372036854775807], got {}",
        "state.json | step | 1.5 | field 'step' must be a whole number in [0, 9223372036854775807], got 1.5",
        "state.json | step | -1 | field 'step' must be a whole number in [0, 9223372036854775807], got -1",
        "state.json | version | | field 'version' is missing",
        "state.json | version | \"1\" | field 'version' must be a whole number in [0, 2147483647], got \"1\"",
        "state.json | adam_steps_d | [3] | field 'adam_steps_d' must be a whole number in [0, 9223372036854775807], got [3]",
        "state.json | lr_g | \"fast\" | field 'lr_g' must be a finite number, got \"fast\"",
        "state.json | lr_d | 1e99 | field 'lr_d' must be a finite number within float range, got 1e99",
        "state.json | wall_s | [] | field 'wall_s' must be a finite number, got []",
        "state.json | wall_s | -2 | field 'wall_s' must not be negative, got -2",
        "state.json | weights_only | \"yes\" | field 'weights_only' must be true or false, got \"yes\"",
        "state.json | format | {} | not a DCGAN Studio checkpoint (field 'format' is {}",
        "config.json | nz | | config field 'nz' is missing",
        "config.json | nz | \"8\" | config field 'nz' must be a whole number in [-2147483648, 2147483647], got \"8\"",
        "config.json | nz | {} | config field 'nz' must be a whole number in [-2147483648, 2147483647], got {}",
        "config.json | image_size | 4294967328 | config field 'image_size' must be a whole number in [-2147483648, "
            + "2147483647], got 4294967328",
        "config.json | z_prior | 3 | config field 'z_prior' must be a string, got 3",
        "config.json | z_prior | {} | config field 'z_prior' must be a string, got {}",
        "config.json | seed | \"x\" | config field 'seed' must be a whole number in [-9223372036854775808, "
            + "9223372036854775807], got \"x\"",
        "config.json | iterations | 2.5 | config field 'iterations' must be a whole number in [-9223372036854775808, "
            + "9223372036854775807], got 2.5",
        "config.json | lr_g | true | config field 'lr_g' must be a finite number, got true",
        "config.json | data | {\"a\":1} | config field 'data' must be a string, got {\"a\":1}",
        "config.json | device | | config field 'device' is missing",
    })
    void aBadFieldIsNamedWithItsValue(String entry, String field, String value, String expected) throws Exception {
        JsonObject json = JsonParser.parseString(CraftedZip.text(tiny, entry)).getAsJsonObject();
        if (value == null) {
            json.remove(field);
        } else {
            json.add(field, JsonParser.parseString(value));
        }
        Path file = CraftedZip.of(tiny).put(entry, json.toString()).write(tmp.resolve("bad.ckpt"));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().startsWith(file + ": " + entry + ": " + expected), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "state.json | [] | is not a JSON object, got []",
        "state.json | {\"format\": | is not valid JSON",
        "config.json | 7 | config is not a JSON object, got 7",
    })
    void anEntryThatIsNoJsonObjectIsNamed(String entry, String content, String expected) throws Exception {
        Path file = CraftedZip.of(tiny).put(entry, content).write(tmp.resolve("bad.ckpt"));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().startsWith(file + ": " + entry + ": " + expected), e.getMessage());
    }
}
