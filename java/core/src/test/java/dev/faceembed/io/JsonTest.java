package dev.faceembed.io;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {
    @Test
    void writtenJsonReadsBackTheSame() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("p50", 1.25);
        inner.put("none", null);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("backend", "onnx\"runtime\"\n\\");
        value.put("batch_size", 32);
        value.put("ok", true);
        value.put("latency_ms", inner);
        value.put("list", List.of(1, "two", false));
        String text = Json.write(value);
        assertEquals("""
                {
                  "backend": "onnx\\"runtime\\"\\n\\\\",
                  "batch_size": 32,
                  "ok": true,
                  "latency_ms": {
                    "p50": 1.25,
                    "none": null
                  },
                  "list": [1, "two", false]
                }
                """, text);
        assertEquals(value, Json.parseObject(text, "test"));
    }

    @Test
    void nonFiniteNumbersBecomeNullAndBadTextIsRejected() {
        assertEquals("{\n  \"x\": null\n}\n", Json.write(Map.of("x", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1, 2]", "test"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("{\"a\": ", "test"));
    }
}
