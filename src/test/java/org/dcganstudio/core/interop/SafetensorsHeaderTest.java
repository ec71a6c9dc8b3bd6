package org.dcganstudio.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafetensorsHeaderTest {

    private static byte[] file(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length)
                .put(json).array();
    }

    private static String refused(byte[] bytes) {
        return assertThrows(IOException.class, () -> SafetensorsHeader.check(bytes, "g.safetensors")).getMessage();
    }

    @Test
    void acceptsAConsistentHeader() throws IOException {
        SafetensorsHeader.check(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}", 24), "g");
    }

    @Test
    void refusesAHeaderLengthAboveTheLimitOrPastTheFile() {
        byte[] huge = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).put((byte) '{').array();
        assertEquals("g.safetensors: header length 1099511627776 is outside [2, 100000000]", refused(huge));
        byte[] past = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).put((byte) '{').array();
        assertEquals("g.safetensors: header length 1000 runs past the end of the 10-byte file", refused(past));
    }

    @Test
    void refusesShapesAndOffsetsTheDataCannotHold() {
        assertEquals("g.safetensors: tensor 'w' has shape [1000000,1000000], more than the 24 data bytes of the file",
                refused(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,24]}}", 24)));
        assertEquals("g.safetensors: tensor 'w': 48 is not a whole number in [0, 24] (the data section holds 24 "
                + "bytes)", refused(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,48]}}", 24)));
        assertEquals("g.safetensors: tensor 'w' has data_offsets [0,20] (20 bytes) but F32 of shape [2,3] needs 24",
                refused(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", 24)));
        assertEquals("g.safetensors: tensor 'w' has shape [4294967312], more than the 24 data bytes of the file",
                refused(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967312],\"data_offsets\":[0,24]}}", 24)));
    }
}
