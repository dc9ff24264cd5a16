package dev.faceembed.spark;

import dev.faceembed.files.Json;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;

import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ConfigSource} as an ML parameter, written into a saved pipeline as
 * {@code {"file": "embedding.yaml", "overrides": {"embedding.backend": "tensorrt"}}} ({@code file} may be null).
 */
final class ConfigSourceParam extends Param<ConfigSource> {
    @Serial
    private static final long serialVersionUID = 1L;

    ConfigSourceParam(Identifiable parent, String name, String doc) {
        super(parent, name, doc);
    }

    @Override
    public String jsonEncode(ConfigSource value) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", value.configFile());
        json.put("overrides", new LinkedHashMap<>(value.overrides()));
        return Json.write(json);
    }

    @Override
    public ConfigSource jsonDecode(String json) {
        Map<String, Object> object = Json.parseObject(json, "parameter " + name());
        if (!object.keySet().equals(Set.of("file", "overrides"))
                || !(object.get("file") == null || object.get("file") instanceof String)
                || !(object.get("overrides") instanceof Map<?, ?> overrides)) {
            throw new IllegalArgumentException("parameter " + name() + ": expected {\"file\": string or null,"
                    + " \"overrides\": {key: value}}, got " + json);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : overrides.entrySet()) {
            if (!(entry.getValue() instanceof String value)) {
                throw new IllegalArgumentException("parameter " + name() + ": override " + entry.getKey()
                        + " is not a string: " + entry.getValue());
            }
            values.put((String) entry.getKey(), value);
        }
        return new ConfigSource((String) object.get("file"), values);
    }
}
