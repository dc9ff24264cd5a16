package dev.faceembed.files;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    @Test
    void writtenJsonReadsBackTheSame() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("p50", 1.25);
        inner.put("none", null);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("backend", "onnx\"runtime\"\n\\\u0001");
        value.put("batch_size", 32);
        value.put("bytes", 5_000_000_000L);
        value.put("ok", true);
        value.put("latency_ms", inner);
        value.put("list", List.of(1, "two", false));
        String text = Json.write(value);
        assertEquals("""
                {
                  "backend": "onnx\\"runtime\\"\\n\\\\\\u0001",
                  "batch_size": 32,
                  "bytes": 5000000000,
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
    void validJsonInAnyWhitespaceIsAccepted() {
        assertEquals(Map.of("a", 1), Json.parseObject("{\"a\":\t1}", "t"));
        assertEquals(Map.of("a", List.of()), Json.parseObject("\r\n {\n\"a\" : [ ]\t}\n", "t"));
        assertEquals(List.of(-0.5, 1e3, 12), Json.parse("[-0.5,1E+3,12]", "t"));
        assertEquals("é/\u00e9\ud83d\ude00", Json.parse("\"\\u00e9\\/\u00e9\\ud83d\\ude00\"", "t"));
        assertNull(Json.parse("null", "t"));
        assertEquals(1e20, Json.parse("100000000000000000000", "t"));
    }

    @Test
    void duplicateKeysAreRejectedNotSilentlyResolved() {
        JsonException e = assertThrows(JsonException.class,
                () -> Json.parseObject("{\n  \"plan_sha256\": \"a\",\n  \"plan_sha256\": \"b\"\n}", "x.json"));
        assertEquals("x.json:3:3: not valid JSON: duplicate key \"plan_sha256\"", e.getMessage());
    }

    @Test
    void malformedDocumentsAreRejectedWithThePlace() {
        assertRejected("{\"a\": 1} trailing", "1:10", "unexpected text after the document");
        assertRejected("{\"a\": 1}{}", "1:9", "unexpected text after the document");
        assertRejected("{\"a\": ", "1:7", "unexpected end");
        assertRejected("{\"a\": 01}", "1:8", "expected ',' or '}'");
        assertRejected("{a: 1}", "1:2", "expected a string key");
        assertRejected("{\"a\": 1,}", "1:9", "expected a string key");
        assertRejected("[1,]", "1:4", "unexpected character ']'");
        assertRejected("\"tab\tinside\"", "1:5", "control character U+0009");
        assertRejected("\"\\x\"", "1:3", "unknown escape");
        assertRejected("[1e999]", "1:2", "out of range");
        assertRejected("NaN", "1:1", "unexpected character 'N'");
        assertRejected("tru", "1:1", "expected true");
        assertRejected("", "1:1", "unexpected end");
        assertRejected("[".repeat(65) + "]".repeat(65), "1:65", "nested deeper than 64");
    }

    @Test
    void aDocumentThatIsNotAnObjectIsNotAnObject() {
        assertThrows(JsonException.class, () -> Json.parseObject("[1, 2]", "test"));
        assertEquals("{\n  \"x\": null\n}\n", Json.write(Map.of("x", Double.NaN)));
    }

    private static void assertRejected(String text, String place, String problem) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text, "doc"));
        assertTrue(e.getMessage().startsWith("doc:" + place + ": not valid JSON: "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
