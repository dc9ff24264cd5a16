package dev.faceembed.trt;

import dev.faceembed.cache.BatchProfile;
import dev.faceembed.cache.EngineKey;
import dev.faceembed.config.InvalidValueException;
import dev.faceembed.config.RawValue;
import dev.faceembed.config.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Batch profiles: in YAML a list of {@code [min, opt, max]} lists; in a flag or variable the same text, or
 * {@code min/opt/max} separated by commas (e.g. {@code 1/1/1,1/32/32,32/128/128}).
 */
final class BatchProfilesType implements ValueType<List<BatchProfile>> {
    private static final Pattern TRIPLE_WITH_SLASHES = Pattern.compile("(\\d{1,6})/(\\d{1,6})/(\\d{1,6})");
    private static final Pattern TRIPLE_WITH_COMMAS = Pattern.compile("(\\d{1,6}),(\\d{1,6}),(\\d{1,6})");

    @Override
    public List<BatchProfile> read(RawValue raw) {
        List<BatchProfile> profiles = switch (raw) {
            case RawValue.YamlList list -> fromYaml(list, raw);
            case RawValue.Text text -> fromText(text.text(), raw);
            default -> throw InvalidValueException.wrongKind(expected(), raw.describe());
        };
        if (profiles.isEmpty() || profiles.size() > EngineKey.MAX_PROFILES) {
            throw InvalidValueException.wrongKind(expected(), profiles.size() + " profiles");
        }
        return List.copyOf(profiles);
    }

    private List<BatchProfile> fromYaml(RawValue.YamlList list, RawValue raw) {
        List<BatchProfile> profiles = new ArrayList<>();
        for (RawValue item : list.items()) {
            if (!(item instanceof RawValue.YamlList triple) || triple.items().size() != 3) {
                throw InvalidValueException.wrongKind(expected(), raw.describe());
            }
            int[] n = new int[3];
            for (int i = 0; i < 3; i++) {
                if (!(triple.items().get(i) instanceof RawValue.YamlScalar s)
                        || s.type() != RawValue.YamlType.INTEGER || !s.text().matches("\\d{1,6}")) {
                    throw InvalidValueException.wrongKind(expected(), raw.describe());
                }
                n[i] = Integer.parseInt(s.text());
            }
            profiles.add(profile(n[0], n[1], n[2], raw));
        }
        return profiles;
    }

    private List<BatchProfile> fromText(String text, RawValue raw) {
        String s = text.replaceAll("\\s+", "");
        boolean bracketed = s.startsWith("[[") && s.endsWith("]]");
        String[] parts = bracketed ? s.substring(2, s.length() - 2).split("],\\[", -1) : s.split(",", -1);
        List<BatchProfile> profiles = new ArrayList<>();
        for (String part : parts) {
            Matcher m = (bracketed ? TRIPLE_WITH_COMMAS : TRIPLE_WITH_SLASHES).matcher(part);
            if (!m.matches()) {
                throw InvalidValueException.wrongKind(expected(), raw.describe());
            }
            profiles.add(profile(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), raw));
        }
        return profiles;
    }

    private BatchProfile profile(int min, int opt, int max, RawValue raw) {
        try {
            return new BatchProfile(min, opt, max);
        } catch (IllegalArgumentException e) {
            throw InvalidValueException.outOfRange(expected(), raw.describe().replace("'", ""));
        }
    }

    @Override
    public String expected() {
        return "1.." + EngineKey.MAX_PROFILES + " batch profiles [min, opt, max] with 1 <= min <= opt <= max";
    }

    @Override
    public String format(List<BatchProfile> value) {
        return value.stream().map(p -> "[" + p.min() + ", " + p.opt() + ", " + p.max() + "]")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
